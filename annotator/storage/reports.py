"""What the reports are made of, counted by the database: spans by label and origin, and how
each model's suggestions fared. The figures built from them (precision, recall) are computed
in :mod:`annotator.services.stats`."""

from __future__ import annotations

from typing import Any

import peewee as pw

from annotator.core.model import MODEL_PREFIX, Review, Status
from annotator.storage.base import guarded
from annotator.storage.spans import Spans

_ACCEPTED, _PENDING = Review.ACCEPTED.value, Review.PENDING.value
_BY_POSITION = (pw.SQL("1"), pw.SQL("2"), pw.SQL("3"))


class Reports(Spans):
    def _counts_as_label(self) -> Any:
        """A label of an analyst (human, or an accepted decision); curated labels, which
        repeat analysts' labels, are counted apart."""
        span = self.models.Span
        return (span.review.is_null() | (span.review == _ACCEPTED)) & span.curation.is_null()

    def _undecided(self, span: Any) -> Any:
        """A pending suggestion no analyst has decided yet (a decided one has decisions of
        its own, which are counted instead)."""
        decision = self.models.Span.alias("decision")
        return (span.review == _PENDING) & ~pw.fn.EXISTS(
            decision.select(pw.SQL("1")).where(decision.source == span.id))

    @guarded
    def spans_by_label(self) -> dict[str, int]:
        """Labels of documents (human spans and accepted suggestions) per label, every label
        of the project listed, in its order."""
        span, label = self.models.Span, self.models.Label
        query = (label.select(label.name, pw.fn.COUNT(span.id))
                 .join(span, pw.JOIN.LEFT_OUTER, on=((span.label == label.id)
                                                    & self._counts_as_label()))
                 .group_by(label.id, label.name, label.position)
                 .order_by(label.position, label.id))
        return dict(self._rows(query))

    @guarded
    def spans_by_origin(self) -> dict[str, int]:
        span = self.models.Span
        return dict(self._rows(span.select(span.origin, pw.fn.COUNT(span.id))
                               .where(self._counts_as_label())
                               .group_by(span.origin).order_by(span.origin)))

    @guarded
    def labels_by_analyst(self) -> dict[str, int]:
        """Each analyst's labels, over the project (curated labels apart)."""
        span = self.models.Span
        return dict(self._rows(span.select(span.annotator, pw.fn.COUNT(span.id))
                               .where(self._counts_as_label() & span.annotator.is_null(False))
                               .group_by(span.annotator).order_by(span.annotator)))

    @guarded
    def curated_count(self) -> tuple[int, int]:
        """Curated labels, and documents whose curation is finished."""
        span, curation = self.models.Span, self.models.Curation
        return (int(span.select().where(span.curation.is_null(False)).count()),
                int(curation.select().where(curation.finished).count()))

    @guarded
    def pending_count(self) -> int:
        span = self.models.Span
        return int(span.select().where(self._undecided(span)).count())

    @guarded
    def model_names(self) -> list[str]:
        """The names of the models that have suggestions in the project, sorted."""
        span = self.models.Span
        rows = self._rows(span.select(span.origin).where(span.review.is_null(False))
                          .distinct().order_by(span.origin))
        return [origin.removeprefix(MODEL_PREFIX) for (origin,) in rows]

    @guarded
    def suggestion_outcomes(self) -> list[tuple[str, str, str, int]]:
        """``(model, label it proposed, outcome, count)``: outcome ``accepted`` (as proposed),
        ``corrected`` (accepted with another label or other boundaries), ``rejected`` or
        ``pending``."""
        span, label = self.models.Span, self.models.Label
        corrected = (span.review == _ACCEPTED) & (
            (label.name != span.suggested_label) | (span.start != span.suggested_start)
            | (span.end != span.suggested_end))
        outcome = pw.Case(None, [(corrected, "corrected")],
                          pw.fn.COALESCE(span.review, _PENDING))
        query = (span.select(pw.fn.SUBSTR(span.origin, len(MODEL_PREFIX) + 1),
                             pw.fn.COALESCE(span.suggested_label, label.name), outcome,
                             pw.fn.COUNT(span.id))
                 .join(label).where(span.origin.startswith(MODEL_PREFIX)
                                    & ((span.review != _PENDING) | self._undecided(span)))
                 .group_by(*_BY_POSITION))
        return [(m, lab, out, int(n)) for m, lab, out, n in self._rows(query)]

    @guarded
    def recall_counts(self) -> list[tuple[str, str, int, int]]:
        """``(model, label, final labels, found by the model exactly)`` over the documents the
        analysts finished reviewing for that model: done or reviewed, none of its
        suggestions pending."""
        span, label, doc = self.models.Span, self.models.Label, self.models.Document
        used = (span.select(span.origin, span.document)
                .where(span.origin.startswith(MODEL_PREFIX)).distinct().alias("used"))
        pending = span.alias("pending")
        reviewed = (doc.select(used.c.origin.alias("origin"), doc.id.alias("doc"))
                    .join(used, on=(used.c.document_id == doc.id))
                    .where(doc.status.in_([Status.DONE.value, Status.REVIEWED.value])
                           & ~pw.fn.EXISTS(pending.select(pw.SQL("1")).where(
                               (pending.document == doc.id)
                               & (pending.origin == used.c.origin)
                               & self._undecided(pending))))
                    .cte("reviewed", columns=("origin", "doc")))
        found = pw.Case(None, [((span.origin == reviewed.c.origin)
                                & (span.review == _ACCEPTED)
                                & (label.name == span.suggested_label)
                                & (span.start == span.suggested_start)
                                & (span.end == span.suggested_end), 1)], 0)
        query = (reviewed.select_from(
            pw.fn.SUBSTR(reviewed.c.origin, len(MODEL_PREFIX) + 1), label.name,
            pw.fn.COUNT(pw.SQL("*")), pw.fn.SUM(found))
            .join(span, on=(span.document == reviewed.c.doc))
            .join(label, on=(label.id == span.label))
            .where(self._counts_as_label())
            .group_by(pw.SQL("1"), pw.SQL("2")))
        return [(m, lab, int(gold), int(hits or 0)) for m, lab, gold, hits in self._rows(query)]
