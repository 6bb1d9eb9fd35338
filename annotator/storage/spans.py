"""Edits and review decisions, one transaction each (:class:`annotator.core.commands.SpanStore`),
and a model's suggestions added in bulk.

The no-overlap rule is enforced here, inside the transaction that writes the span, after the
document's writers have taken turns (:meth:`Backend.lock_document`): two analysts labelling
one document at once cannot both get an overlapping label in, whatever each saw before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import peewee as pw

from annotator.core.analysts import combined_status
from annotator.core.errors import OverlapError
from annotator.core.model import MODEL_PREFIX, Review, Span, Status, describe
from annotator.storage.base import guarded
from annotator.storage.documents import Documents
from annotator.storage.schema import now, parse_time


def _same(column: Any, value: str | None) -> Any:
    """``column = value``, where None is a value too (the unattributed analyst)."""
    return column.is_null() if value is None else column == value


class Spans(Documents):
    def _layer(self, span: Span) -> Any:
        """The labels ``span`` must not overlap: the curated labels, for a curated one; for
        another, those of its analyst (human spans and accepted decisions)."""
        table = self.models.Span
        labels = table.review.is_null() | (table.review == Review.ACCEPTED.value)
        if span.agreed is not None:
            return labels & table.curation.is_null(False)
        return labels & table.curation.is_null() & _same(table.annotator, span.annotator)

    def _check_no_overlap(self, doc_id: int, span: Span, *, besides: int | None = None) -> None:
        """Inside the write transaction: refuse a label that would overlap one of its layer
        the document has now (the caller checked what it saw; another analyst or program may
        have added one since). ``besides``: a row the span replaces."""
        if not span.is_label:
            return
        table, label = self.models.Span, self.models.Label
        overlapping = ((table.document == doc_id) & (table.start < span.end)
                       & (table.end > span.start) & self._layer(span))
        for skipped in (span.id, besides):
            if skipped is not None:
                overlapping &= table.id != skipped
        clash = self._rows(table.select(table.start, table.end, label.name).join(label)
                           .where(overlapping).limit(1))
        if clash:
            start, end, name = clash[0]
            text = self._document_text(doc_id)
            raise OverlapError(f"{describe(span, text)} would overlap "
                               f"{describe(Span(start, end, name), text)}, which another "
                               "window or program labelled meanwhile")

    def _stored(self, span_id: int) -> tuple[int, bool] | None:
        """The document of the stored span ``span_id`` and whether it is a shared suggestion
        (whose edits are an analyst's decision); None when there is none."""
        table = self.models.Span
        rows = self._rows(table.select(table.document, table.origin, table.review,
                                       table.annotator, table.source)
                          .where(table.id == span_id))
        if not rows:
            return None
        doc_id, origin, review, annotator, source = rows[0]
        shared = (origin.startswith(MODEL_PREFIX) and review == Review.PENDING.value
                  and annotator is None and source is None)
        return doc_id, shared

    def _decision_id(self, suggestion_id: int, analyst: str | None) -> int | None:
        table = self.models.Span
        rows = self._rows(table.select(table.id).where(
            (table.source == suggestion_id) & _same(table.annotator, analyst)))
        return int(rows[0][0]) if rows else None

    def _decide(self, doc_id: int, suggestion_id: int, span: Span, stamp: str) -> None:
        """Inside the write transaction: ``span.annotator``'s decision about the shared
        suggestion ``suggestion_id`` becomes ``span`` (pending: no decision)."""
        table = self.models.Span
        existing = self._decision_id(suggestion_id, span.annotator)
        if span.review in (None, Review.PENDING):
            if existing is not None:
                table.delete().where(table.id == existing).execute()
            return
        self._check_no_overlap(doc_id, span.with_(id=None), besides=existing)
        proposed = self._rows(table.select(table.suggested_label, table.suggested_start,
                                           table.suggested_end).where(table.id == suggestion_id))
        values = self._span_values(doc_id, span.with_(id=None, source=suggestion_id), stamp)
        values.update(zip(("suggested_label", "suggested_start", "suggested_end"), proposed[0],
                          strict=True))
        values.update(updated=stamp, decided_by=span.annotator, decided_at=stamp)
        self._check_labels_exist([values["label"]], written=False)
        if existing is None:
            values.update(created=stamp)
            table.insert(**values).execute()
        else:
            values.pop("created")
            table.update(**values).where(table.id == existing).execute()
        self._check_labels_exist([values["label"]])

    @guarded
    def insert_span(self, document_id: int, span: Span) -> Span:
        stamp = now()
        table = self.models.Span
        with self.transaction():
            if not self.backend.lock_document(document_id):
                raise KeyError(document_id)
            stored = self._stored(span.id) if span.id is not None else None
            if stored is not None and stored[1]:  # an analyst's decision, back again (undo)
                assert span.id is not None
                self._decide(document_id, span.id, span, stamp)
                self._touch(document_id, stamp)
                return span.with_(updated=parse_time(stamp))
            self._check_no_overlap(document_id, span)
            values = self._span_values(document_id, span, stamp)
            self._check_labels_exist([values["label"]], written=False)
            new_id = table.insert(**values).execute()
            self._check_labels_exist([values["label"]])
            self._touch(document_id, stamp)
        return span.with_(id=new_id if span.id is None else span.id,
                          created=span.created or parse_time(stamp),
                          updated=span.updated or parse_time(stamp))

    @guarded
    def update_span(self, span: Span) -> Span:
        """Store ``span`` in place of the span of its id; for a shared suggestion, as
        ``span.annotator``'s decision about it (pending: none)."""
        assert span.id is not None
        stamp = now()
        table = self.models.Span
        with self.transaction():
            stored = self._stored(span.id)
            if stored is None:
                raise KeyError(span.id)
            doc_id, shared = stored
            self.backend.lock_document(doc_id)
            if shared:
                self._decide(doc_id, span.id, span, stamp)
            else:
                self._check_no_overlap(doc_id, span)
                decided = span.review in (Review.ACCEPTED, Review.REJECTED)
                label_id = self._label_id(span.label)
                self._check_labels_exist([label_id], written=False)
                table.update(
                    start=span.start, end=span.end, label=label_id,
                    origin=span.origin, score=span.score,
                    review=span.review.value if span.review else None,
                    annotator=span.annotator, updated=stamp,
                    decided_by=span.annotator if decided else None,
                    decided_at=stamp if decided else None,
                ).where(table.id == span.id).execute()
                self._check_labels_exist([label_id])
            self._touch(doc_id, stamp)
        return span.with_(updated=parse_time(stamp))

    @guarded
    def delete_span(self, span_id: int, analyst: str | None = None) -> None:
        """Remove the span ``span_id``; of a shared suggestion, ``analyst``'s decision about
        it (the suggestion stays, pending for them again)."""
        stamp = now()
        table = self.models.Span
        with self.transaction():
            stored = self._stored(span_id)
            if stored is None:
                return
            doc_id, shared = stored
            if shared:
                decision = self._decision_id(span_id, analyst)
                if decision is not None:
                    table.delete().where(table.id == decision).execute()
            else:
                table.delete().where(table.id == span_id).execute()
            self._touch(doc_id, stamp)

    @guarded
    def set_status(self, document_id: int, status: Status, analyst: str | None = None) -> None:
        """``analyst``'s status of the document (None: the document's own, as before the
        project had analysts). The document's own status follows its analysts': the least
        advanced of theirs."""
        doc, work = self.models.Document, self.models.Work
        stamp = now()
        with self.transaction():
            if analyst is None:
                doc.update(status=status.value, updated=stamp).where(
                    doc.id == document_id).execute()
                return
            updated = (work.update(status=status.value, updated=stamp)
                       .where((work.document == document_id) & (work.analyst == analyst))
                       .execute())
            if not updated:
                work.insert(document=document_id, analyst=analyst, status=status.value,
                            assigned=False, updated=stamp).execute()
            self._combine_status(document_id, stamp)

    def _combine_status(self, document_id: int, stamp: str) -> None:
        """Inside a write transaction: the document's own status from its analysts'."""
        doc, work = self.models.Document, self.models.Work
        statuses = [Status(s) for (s,) in self._rows(
            work.select(work.status).where(work.document == document_id))]
        combined = combined_status(statuses)
        if combined is not None:
            doc.update(status=combined.value, updated=stamp).where(
                doc.id == document_id).execute()

    # -- suggestions -----------------------------------------------------------------------

    @guarded
    def add_suggestions(self, suggestions: Iterable[tuple[int, Span]],
                        add_labels: bool = False) -> tuple[int, int]:
        """Store a model's suggestions in one transaction; identical ones already there are
        skipped. Returns (added, skipped). A label the project does not have is refused
        (LabelError) unless ``add_labels``: then it is added.

        The suggestions are all read (and checked by the caller) before the write lock is
        taken, so that lock is held only while they are stored.
        """
        gathered = list(suggestions)
        stamp = now()
        table, label = self.models.Span, self.models.Label
        with self.transaction():
            self._label_cache = None  # another program may have added labels meanwhile
            label_ids = self._label_ids_of((span.label for _, span in gathered), add_labels)
            self.backend.lock_imports()
            there: set[tuple[int, str, int, int, str]] = set()
            documents = sorted({doc_id for doc_id, _ in gathered})
            for chunk in range(0, len(documents), 500):
                there.update(self._rows(
                    table.select(table.document, table.origin, table.start, table.end,
                                 pw.fn.COALESCE(table.suggested_label, label.name))
                    .join(label)
                    .where(table.document.in_(documents[chunk:chunk + 500])
                           & table.origin.startswith("model:"))))
            rows = []
            for doc_id, span in gathered:
                key = (doc_id, span.origin, span.start, span.end, span.label)
                if key in there:
                    continue
                there.add(key)
                rows.append(self._span_values(doc_id, span.with_(id=None), stamp))
            for chunk in range(0, len(rows), 500):
                table.insert_many(rows[chunk:chunk + 500]).execute()
            self._check_labels_exist(label_ids.values())
        return len(rows), len(gathered) - len(rows)
