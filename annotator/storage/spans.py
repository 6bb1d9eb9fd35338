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

from annotator.core.errors import OverlapError
from annotator.core.model import Review, Span, Status, describe
from annotator.storage.base import guarded
from annotator.storage.documents import Documents
from annotator.storage.schema import now, parse_time


class Spans(Documents):
    def _span_values(self, doc_id: int, span: Span, stamp: str) -> dict[str, Any]:
        suggested = span.is_suggestion
        values: dict[str, Any] = {
            "document": doc_id, "start": span.start, "end": span.end,
            "label": self._label_id(span.label), "origin": span.origin, "score": span.score,
            "review": span.review.value if span.review else None,
            "annotator": span.annotator,
            "created": span.created.isoformat() if span.created else stamp,
            "updated": span.updated.isoformat() if span.updated else stamp,
            "suggested_label": span.label if suggested else None,
            "suggested_start": span.start if suggested else None,
            "suggested_end": span.end if suggested else None,
        }
        if span.id is not None:
            values["id"] = span.id
        return values

    def _check_no_overlap(self, doc_id: int, span: Span) -> None:
        """Inside the write transaction: refuse a label that would overlap one the document
        has now (the caller checked what it saw; another program may have added one since)."""
        if not span.is_label:
            return
        table, label = self.models.Span, self.models.Label
        overlapping = ((table.document == doc_id) & (table.start < span.end)
                       & (table.end > span.start)
                       & (table.review.is_null() | (table.review == Review.ACCEPTED.value)))
        if span.id is not None:
            overlapping &= table.id != span.id
        clash = self._rows(table.select(table.start, table.end, label.name).join(label)
                           .where(overlapping).limit(1))
        if clash:
            start, end, name = clash[0]
            text = self._document_text(doc_id)
            raise OverlapError(f"{describe(span, text)} would overlap "
                               f"{describe(Span(start, end, name), text)}, which another "
                               "analyst or program labelled meanwhile")

    def _document_text(self, doc_id: int) -> str:
        doc = self.models.Document
        return str(self._rows(doc.select(doc.text).where(doc.id == doc_id))[0][0])

    @guarded
    def insert_span(self, document_id: int, span: Span) -> Span:
        stamp = now()
        table = self.models.Span
        with self.transaction():
            if not self.backend.lock_document(document_id):
                raise KeyError(document_id)
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
        assert span.id is not None
        stamp = now()
        table = self.models.Span
        with self.transaction():
            found = self._rows(table.select(table.document).where(table.id == span.id))
            if not found:
                raise KeyError(span.id)
            doc_id = found[0][0]
            self.backend.lock_document(doc_id)
            self._check_no_overlap(doc_id, span)
            decided = span.review in (Review.ACCEPTED, Review.REJECTED)
            label_id = self._label_id(span.label)
            self._check_labels_exist([label_id], written=False)
            table.update(
                start=span.start, end=span.end, label=label_id,
                origin=span.origin, score=span.score,
                review=span.review.value if span.review else None, annotator=span.annotator,
                updated=stamp, decided_by=span.annotator if decided else None,
                decided_at=stamp if decided else None,
            ).where(table.id == span.id).execute()
            self._check_labels_exist([label_id])
            self._touch(doc_id, stamp)
        return span.with_(updated=parse_time(stamp))

    @guarded
    def delete_span(self, span_id: int) -> None:
        stamp = now()
        table = self.models.Span
        with self.transaction():
            found = self._rows(table.select(table.document).where(table.id == span_id))
            if found:
                table.delete().where(table.id == span_id).execute()
                self._touch(found[0][0], stamp)

    @guarded
    def set_status(self, document_id: int, status: Status) -> None:
        doc = self.models.Document
        with self.transaction():
            doc.update(status=status.value, updated=now()).where(doc.id == document_id).execute()

    def _touch(self, document_id: int, stamp: str) -> None:
        doc = self.models.Document
        doc.update(updated=stamp).where(doc.id == document_id).execute()

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
