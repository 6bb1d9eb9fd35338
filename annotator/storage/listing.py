"""The document list's queries: a filtered, paged view of the documents in import order."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import peewee as pw

from annotator.core.model import Review, Status
from annotator.storage.base import guarded
from annotator.storage.schema import parse_time
from annotator.storage.search import TextSearch

_CHUNK = 500  # ids in one query's IN list


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """What the document list shows: text, statuses, a label, and whose list it is.

    With an ``analyst``, the statuses are that analyst's own (a document they have no status
    of is new to them), the label is among their labels or the suggestions they have not
    decided, and ``assigned`` keeps the documents assigned to them. Without one, the
    documents' own statuses and every label count.

    The text lets through the documents whose title or id holds it (a trigram index of
    titles and ids answers text of three characters or more) and those whose text holds it as
    a phrase, blind to Persian spelling variants (:mod:`annotator.storage.search`).
    """

    text: str = ""
    statuses: frozenset[Status] = frozenset()
    label: str | None = None
    analyst: str | None = None
    assigned: bool = False


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
    return bool(flt.text) and not flt.statuses and not flt.label and not flt.assigned


class Listing(TextSearch):
    @property
    def _mine(self) -> Any:
        """The list's analyst's own status of a document (joined when there is one)."""
        found = getattr(self, "_mine_alias", None)
        if found is None:
            found = self._mine_alias = self.models.Work.alias("mine")
        return found

    def _status(self, flt: DocumentFilter) -> Any:
        """The status the list shows: the analyst's own, or the document's."""
        if flt.analyst is None:
            return self.models.Document.status
        return pw.fn.COALESCE(self._mine.status, Status.NEW.value)

    def _filtered(self, flt: DocumentFilter, *columns: Any) -> tuple[pw.Select, Any]:
        """A query of the documents ``flt`` lets through, and the column that gives the
        list's order (import order)."""
        doc = self.models.Document
        query = doc.select(*columns)
        order: Any = doc.id
        if flt.text:
            query = query.where(self._in_ids(doc.id, self._filter_ids(flt.text)))
        if flt.analyst is not None:
            mine = self._mine
            query = query.join(mine, pw.JOIN.LEFT_OUTER if not flt.assigned else pw.JOIN.INNER,
                               on=((mine.document == doc.id) & (mine.analyst == flt.analyst)),
                               src=doc)
            if flt.assigned:
                query = query.where(mine.assigned)
        if flt.statuses:
            query = query.where(self._status(flt).in_(sorted(s.value for s in flt.statuses)))
        if flt.label:
            span, label = self.models.Span, self.models.Label
            seen = span.review.is_null() | (span.review != Review.REJECTED.value)
            if flt.analyst is not None:
                seen &= (span.annotator == flt.analyst) | (
                    span.annotator.is_null() & (span.review == Review.PENDING.value))
            query = query.where(pw.fn.EXISTS(
                span.select(pw.SQL("1")).join(label)
                .where((span.document == doc.id) & (label.name == flt.label)
                       & span.curation.is_null() & seen)))
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
        """One page of the document list, in import order: each document's status, its
        labels and the suggestions waiting, as the list's analyst has them (see
        :class:`DocumentFilter`)."""
        if _text_only(flt):  # the page's ids from the filter's, in order
            page = list(self._filter_ids(flt.text)[offset:offset + limit])
            return self.rows_of(page, replace(flt, text="")) if page else []
        query, order = self._row_query(flt)
        return [_row(r) for r in self._rows(query.order_by(order).limit(limit).offset(offset))]

    @guarded
    def rows_of(self, ids: Sequence[int], flt: DocumentFilter = DocumentFilter()
                ) -> list[DocumentRow]:
        """The list's rows of ``ids`` (as :meth:`document_rows` gives them) that ``flt`` lets
        through, in the order of ``ids``: a document after an edit, or the list in another
        order than import order (the model's ranking)."""
        found: dict[int, DocumentRow] = {}
        query, _ = self._row_query(flt)
        doc = self.models.Document
        for chunk in range(0, len(ids), _CHUNK):
            for r in self._rows(query.where(doc.id.in_(list(ids[chunk:chunk + _CHUNK])))):
                found[r[0]] = _row(r)
        return [found[i] for i in ids if i in found]

    @guarded
    def filter_ids(self, ids: Sequence[int], flt: DocumentFilter) -> list[int]:
        """The documents of ``ids`` that ``flt`` lets through, in the order of ``ids``."""
        doc = self.models.Document
        passing: set[int] = set()
        for chunk in range(0, len(ids), _CHUNK):
            query, _ = self._filtered(flt, doc.id)
            passing.update(i for (i,) in self._rows(
                query.where(doc.id.in_(list(ids[chunk:chunk + _CHUNK])))))
        return [i for i in ids if i in passing]

    def _row_query(self, flt: DocumentFilter) -> tuple[pw.Select, Any]:
        doc, span = self.models.Document, self.models.Span
        decision = span.alias("decision")
        labels_of = (span.review.is_null() | (span.review == Review.ACCEPTED.value)) \
            & span.curation.is_null()
        waiting = (span.review == Review.PENDING.value) & span.annotator.is_null() \
            & span.source.is_null()
        decided = decision.select(pw.SQL("1")).where(decision.source == span.id)
        if flt.analyst is not None:
            labels_of &= span.annotator == flt.analyst
            decided = decided.where(decision.annotator == flt.analyst)
        labels = span.select(pw.fn.COUNT(span.id)).where((span.document == doc.id) & labels_of)
        pending = span.select(pw.fn.COUNT(span.id)).where(
            (span.document == doc.id) & waiting & ~pw.fn.EXISTS(decided))
        return self._filtered(flt, doc.id, doc.key, doc.title, doc.date, self._status(flt),
                              labels, pending)

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

    def _not_done(self, analyst: str | None) -> tuple[pw.Select, Any]:
        """Documents not done (by ``analyst``'s own status, or their own): the query's
        source and condition."""
        flt = DocumentFilter(analyst=analyst, statuses=frozenset(
            {Status.NEW, Status.IN_PROGRESS}))
        doc = self.models.Document
        query, _ = self._filtered(flt, doc.id)
        return query, doc.id

    @guarded
    def first_document(self, not_done: bool = True, analyst: str | None = None) -> int | None:
        """The first document that is not done (or, when all are, the first one)."""
        doc = self.models.Document
        if not_done:
            query, _ = self._not_done(analyst)
            found = self._rows(query.order_by(doc.id).limit(1))
            if found:
                return int(found[0][0])
        found = self._rows(doc.select(doc.id).order_by(doc.id).limit(1))
        return int(found[0][0]) if found else None

    @guarded
    def neighbour(self, doc_id: int, step: int, not_done: bool = False,
                  analyst: str | None = None) -> int | None:
        """The document after (step 1) or before (step -1) ``doc_id`` in list order (of
        those ``analyst`` has not done, with ``not_done``)."""
        doc = self.models.Document
        query = self._not_done(analyst)[0] if not_done else doc.select(doc.id)
        if step > 0:
            query = query.where(doc.id > doc_id).order_by(doc.id.asc())
        else:
            query = query.where(doc.id < doc_id).order_by(doc.id.desc())
        found = self._rows(query.limit(1))
        return int(found[0][0]) if found else None

    @guarded
    def status_counts(self, analyst: str | None = None) -> dict[str, int]:
        """Documents by status: ``analyst``'s own (a document they have none of is new to
        them), or the documents' own."""
        doc = self.models.Document
        if analyst is None:
            return dict(self._rows(doc.select(doc.status, pw.fn.COUNT(doc.id))
                                   .group_by(doc.status)))
        flt = DocumentFilter(analyst=analyst)
        status = self._status(flt)
        mine = self._mine
        query = (doc.select(status, pw.fn.COUNT(doc.id))
                 .join(mine, pw.JOIN.LEFT_OUTER,
                       on=((mine.document == doc.id) & (mine.analyst == analyst)), src=doc)
                 .group_by(pw.SQL("1")))
        return dict(self._rows(query))


def _row(r: Sequence[Any]) -> DocumentRow:
    return DocumentRow(r[0], r[1], r[2], parse_time(r[3]), Status(r[4]), r[5], r[6])
