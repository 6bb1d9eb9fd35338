"""Which suggestions the window shows, and how their scores read.

The review filter (a model, a lowest score) is shared by the article, the span list and the
review keys: a suggestion it hides is neither drawn, nor listed, nor reached by N. It only
ever hides *pending* suggestions; accepted ones are labels and rejected ones are decided.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale

from annotator.core.model import Review, Span


@dataclass(frozen=True)
class SuggestionFilter:
    """``model`` None: every model; ``min_score`` None: every score (and none)."""

    model: str | None = None
    min_score: float | None = None

    def passes(self, span: Span) -> bool:
        """The same rule as :func:`annotator.core.review.pending` uses."""
        if self.model is not None and span.model != self.model:
            return False
        return self.min_score is None or (span.score is not None
                                          and span.score >= self.min_score)

    def hides(self, span: Span) -> bool:
        return span.review == Review.PENDING and not self.passes(span)

    @property
    def active(self) -> bool:
        return self.model is not None or self.min_score is not None


def score_text(score: float | None, locale: QLocale | None = None) -> str:
    """A model's confidence with two decimals, in the interface's digits: 0.87, ۰٫۸۷."""
    if score is None:
        return ""
    return (locale or QLocale()).toString(float(score), "f", 2)
