"""How well a model does: its suggestions on labelled documents against their labels.

Exact spans, as conlleval counts them (:mod:`annotator.core.scores`): a suggestion is right
when a label of the document has its start, end and label. The model tags each document as
if it had no labels (suggestions are never made over labels, which would hide every one).

Held-out scores come from documents a model did not learn from: every ``every``-th document
of those given (the 5th, 10th ...), so the same documents in the same order always hold out
the same ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from annotator.core.model import Document, Span
from annotator.core.scores import Counts, Scored, exact_counts


class Suggester(Protocol):
    """Anything that makes suggestions for a document: a trained model."""

    def suggest(self, document: Document, spans: Sequence[Span] | None = None,
                min_score: float = 0.0) -> list[Span]: ...


def evaluate(model: Suggester, documents: Iterable[Document]) -> dict[str, Counts]:
    """Counts per label of the model's suggestions against the documents' labels (human
    spans and accepted suggestions); :func:`annotator.core.scores.total` adds them up."""
    gold: list[Scored] = []
    predicted: list[Scored] = []
    for n, document in enumerate(documents):
        gold.extend((n, s.start, s.end, s.label) for s in document.spans if s.is_label)
        predicted.extend((n, s.start, s.end, s.label) for s in model.suggest(document, ()))
    return exact_counts(gold, predicted)


def held_out[T](documents: Sequence[T], every: int) -> tuple[list[T], list[T]]:
    """``(learnt from, held out)``: every ``every``-th document held out (none when
    ``every`` is 0 or there are fewer than ``every`` documents)."""
    if every <= 0 or len(documents) < every:
        return list(documents), []
    kept = [d for i, d in enumerate(documents) if i % every != every - 1]
    held = [d for i, d in enumerate(documents) if i % every == every - 1]
    return kept, held
