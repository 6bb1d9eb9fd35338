"""The document list's queries: a filtered, paged view of the documents in import order."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any

import peewee as pw

from annotator.core.model import Review, Status
from annotator.storage.base import guarded
from annotator.storage.schema import parse_time
from annotator.storage.search import TextSearch

NOT_DONE = (Status.NEW.value, Status.IN_PROGRESS.value)


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """What the document list shows: text, statuses, a label.

    The text lets through the documents whose title or id holds it (a trigram index of
    titles and ids answers text of three characters or more) and those whose text holds it as
    a phrase, blind to Persian spelling variants (:mod:`annotator.storage.search`).
    """

    text: str = ""
    statuses: frozenset[Status] = frozenset()
    label: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One row of the document list."""

    id: int
    key: str
    title: str
    date: dt.datetime | None
    status: Status
    span_count: int
    pending: int = 0


def _text_only(flt: DocumentFilter) -> bool:
    return bool(flt.text) and not flt.statuses and not flt.label


class Listing(TextSearch):
    def _filtered(self, flt: DocumentFilter, *columns: Any) -> tuple[pw.Select, Any]:
        """A query of the documents ``flt`` lets through, and the column that gives the
        list's order (import order)."""
        doc = self.models.Document
        query = doc.select(*columns)
        order: Any = doc.id
        if flt.text:
            query = query.where(self._in_ids(doc.id, self._filter_ids(flt.text)))
        if flt.statuses:
            query = query.where(doc.status.in_(sorted(s.value for s in flt.statuses)))
        if flt.label:
            span, label = self.models.Span, self.models.Label
            query = query.where(pw.fn.EXISTS(
                span.select(pw.SQL("1")).join(label)
                .where((span.document == doc.id) & (label.name == flt.label)
                       & (span.review.is_null() | (span.review != Review.REJECTED.value)))))
        return query, order

    @guarded
    def document_keys(self, flt: DocumentFilter = DocumentFilter()) -> list[str]:
        doc = self.models.Document
        query, _ = self._filtered(flt, doc.key)
        return [key for (key,) in self._rows(query.order_by(doc.id))]

    def _count(self, flt: DocumentFilter, below: int | None = None) -> int:
        if _text_only(flt):
            ids = self._filter_ids(flt.text)
            return len(ids) if below is None else bisect.bisect_left(ids, below)
        query, _ = self._filtered(flt, pw.fn.COUNT(pw.SQL("*")))
        if below is not None:
            query = query.where(self.models.Document.id < below)
        return int(self._rows(query)[0][0])

    @guarded
    def count_documents(self, flt: DocumentFilter = DocumentFilter()) -> int:
        return self._count(flt)

    @guarded
    def document_rows(self, flt: DocumentFilter = DocumentFilter(), offset: int = 0,
                      limit: int = 100) -> list[DocumentRow]:
        """One page of the document list, in import order."""
        doc, span = self.models.Document, self.models.Span
        labels = (span.select(pw.fn.COUNT(span.id))
                  .where((span.document == doc.id)
                         & (span.review.is_null() | (span.review == Review.ACCEPTED.value))))
        pending = (span.select(pw.fn.COUNT(span.id))
                   .where((span.document == doc.id) & (span.review == Review.PENDING.value)))
        columns = (doc.id, doc.key, doc.title, doc.date, doc.status, labels, pending)
        if _text_only(flt):  # the page's ids from the filter's, in order
            page = list(self._filter_ids(flt.text)[offset:offset + limit])
            query = doc.select(*columns).where(doc.id.in_(page)) if page else None
            rows = self._rows(query.order_by(doc.id)) if query is not None else []
        else:
            query, order = self._filtered(flt, *columns)
            rows = self._rows(query.order_by(order).limit(limit).offset(offset))
        return [DocumentRow(r[0], r[1], r[2], parse_time(r[3]), Status(r[4]), r[5], r[6])
                for r in rows]

    @guarded
    def document_index(self, doc_id: int, flt: DocumentFilter = DocumentFilter()) -> int | None:
        """The row of ``doc_id`` in the filtered list, or None when the filter hides it."""
        if _text_only(flt):
            return self._position(self._filter_ids(flt.text), doc_id)
        doc = self.models.Document
        query, _ = self._filtered(flt, pw.SQL("1"))
        if not self._rows(query.where(doc.id == doc_id)):
            return None
        return self._count(flt, below=doc_id)

    @guarded
    def first_document(self, not_done: bool = True) -> int | None:
        """The first document that is not done (or, when all are, the first one)."""
        doc = self.models.Document
        query = doc.select(doc.id).order_by(doc.id).limit(1)
        if not_done:
            found = self._rows(query.where(doc.status.in_(NOT_DONE)))
            if found:
                return int(found[0][0])
        found = self._rows(query)
        return int(found[0][0]) if found else None

    @guarded
    def neighbour(self, doc_id: int, step: int, not_done: bool = False) -> int | None:
        """The document after (step 1) or before (step -1) ``doc_id`` in list order."""
        doc = self.models.Document
        if step > 0:
            query = doc.select(doc.id).where(doc.id > doc_id).order_by(doc.id.asc())
        else:
            query = doc.select(doc.id).where(doc.id < doc_id).order_by(doc.id.desc())
        if not_done:
            query = query.where(doc.status.in_(NOT_DONE))
        found = self._rows(query.limit(1))
        return int(found[0][0]) if found else None

    @guarded
    def status_counts(self) -> dict[str, int]:
        doc = self.models.Document
        return dict(self._rows(doc.select(doc.status, pw.fn.COUNT(doc.id))
                               .group_by(doc.status)))
