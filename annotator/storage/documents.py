"""Documents in and out: an import's all-or-nothing staging, a document with its spans, and
the stream of documents an export writes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Document, Review, Span, Status
from annotator.core.tokens import pack, unpack
from annotator.storage.base import guarded, guarded_iter
from annotator.storage.labels import Labels
from annotator.storage.listing import DocumentFilter, Listing
from annotator.storage.schema import now, parse_time
from annotator.storage.sqlite import Staging

_BATCH = 500
_REVIEWS: dict[str | None, Review | None] = {None: None, **{r.value: r for r in Review}}


@dataclass
class ImportSummary:
    added: int = 0
    spans: int = 0
    skipped: list[str] = field(default_factory=list)  # keys already in the project, same text


def staged_span_row(seq: int, span: Span) -> tuple[Any, ...]:
    """A span as the staging holds it (:class:`annotator.storage.sqlite.Staging`)."""
    suggested = span.is_suggestion
    return (
        seq, span.id, span.start, span.end, span.label, span.origin, span.score,
        span.review.value if span.review else None, span.annotator,
        span.created.isoformat() if span.created else None,
        span.updated.isoformat() if span.updated else None,
        span.label if suggested else None, span.start if suggested else None,
        span.end if suggested else None,
    )


class Documents(Labels, Listing):
    @guarded
    def add_documents(self, documents: Iterable[Document], on_document: Any = None,
                      add_labels: bool = False) -> ImportSummary:
        """Store documents and their spans in one transaction: all of them or none.

        A document whose key is already in the project with the same text is skipped; with a
        different text it is an error. ``on_document`` is called after each one (progress,
        cancel): raising there stores nothing. A span's label must be one of the project's
        (LabelError) unless ``add_labels``: then the labels it lacks are added.

        The documents are first staged apart from the project (temporary tables of this
        connection), which takes no lock; only the last step, copying them in, holds the
        write lock, for a moment. So the window and other commands keep writing while a long
        import reads and tokenizes, and a kill at any point leaves the project as it was or
        with everything.
        """
        summary = ImportSummary()
        self._label_cache = None  # another program may have added labels meanwhile
        used: set[int] = set()

        def label_ids(names: Iterable[str]) -> dict[str, int]:
            ids = self._label_ids_of(names, add=add_labels)
            used.update(ids.values())
            return ids

        with self.backend.staging(label_ids) as staging:
            with staging.filling():
                self._stage(staging, documents, on_document, summary)
                self._check_labels_exist(used)
            with self.transaction():
                self._label_cache = None
                for key, _, _, _, spans in staging.leave_out_added():
                    summary.skipped.append(key)
                    summary.added -= 1
                    summary.spans -= spans
                staging.copy_in(now())
        return summary

    def _stage(self, staging: Staging, documents: Iterable[Document], on_document: Any,
               summary: ImportSummary) -> None:
        """Check each document against the project as it is now and stage the new ones."""
        doc_table = self.models.Document
        existing = {key for (key,) in self._rows(doc_table.select(doc_table.key))}
        staged: set[str] = set()
        doc_rows: list[tuple[Any, ...]] = []
        span_rows: list[tuple[Any, ...]] = []
        for doc in documents:
            where = {"path": doc.meta.get("file"), "record": doc.meta.get("record")}
            if doc.key in existing or doc.key in staged:
                if doc.key in staged:
                    staging.add(doc_rows, span_rows)
                    doc_rows.clear()
                    span_rows.clear()
                if not staging.same_text(doc.key, doc.text, staged=doc.key in staged):
                    where_in = "in the project" if doc.key in existing else "in this import"
                    raise InputError(f"id {doc.key!r} is already {where_in} with a different "
                                     "text", **where)
                summary.skipped.append(doc.key)
                if on_document:
                    on_document(doc)
                continue
            seq = len(staged) + 1
            staged.add(doc.key)
            meta = {k: v for k, v in doc.meta.items() if k not in ("file", "record")}
            doc_rows.append((
                seq, doc.key, doc.title, doc.text, doc.status.value,
                doc.date.isoformat() if doc.date else None,
                json.dumps(meta, ensure_ascii=False), pack(doc.tokens), pack(doc.sentences),
                where["path"], where["record"],
            ))
            span_rows += [staged_span_row(seq, span) for span in doc.spans]
            summary.added += 1
            summary.spans += len(doc.spans)
            if len(doc_rows) >= _BATCH:
                staging.add(doc_rows, span_rows)
                doc_rows.clear()
                span_rows.clear()
            if on_document:
                on_document(doc)
        staging.add(doc_rows, span_rows)

    # -- reading ---------------------------------------------------------------------------

    def _document_columns(self, with_tokens: bool = True) -> list[Any]:
        doc = self.models.Document
        columns = [doc.id, doc.key, doc.title, doc.text, doc.status, doc.date, doc.meta]
        if with_tokens:
            columns += [doc.tokens, doc.sentences]
        return columns

    @guarded
    def document(self, doc_id: int) -> Document:
        doc = self.models.Document
        rows = self._rows(doc.select(*self._document_columns()).where(doc.id == doc_id))
        if not rows:
            raise KeyError(doc_id)
        found = self._document_from_row(rows[0])
        found.spans = self.spans(doc_id)
        return found

    @staticmethod
    def _document_from_row(row: Sequence[Any]) -> Document:
        doc_id, key, title, text, status, date, meta, *tokens = row
        tokens_blob, sentences_blob = tokens or (None, None)
        return Document(
            id=doc_id, key=key, title=title, text=text, status=Status(status),
            date=parse_time(date), meta=json.loads(meta or "{}"),
            tokens=unpack(tokens_blob), sentences=unpack(sentences_blob),
        )

    @guarded
    def spans(self, doc_id: int) -> list[Span]:
        span, label = self.models.Span, self.models.Label
        rows = self._rows(
            span.select(span.id, span.start, span.end, label.name, span.origin, span.score,
                        span.review, span.annotator, span.created, span.updated)
            .join(label).where(span.document == doc_id).order_by(span.start, span.end))
        return [Span(start, end, name, origin, score, _REVIEWS[review], annotator, sid,
                     parse_time(created), parse_time(updated))
                for sid, start, end, name, origin, score, review, annotator, created, updated
                in rows]

    @guarded_iter
    def iter_documents(self, statuses: Iterable[Status] = (), batch: int = 200,
                       with_tokens: bool = True) -> Iterator[Document]:
        """Every document (of the given statuses) with its spans, streamed in list order.

        The bulk path of exports: spans come without their created/updated times (use
        :meth:`document` for those), and without tokens when ``with_tokens`` is false.
        """
        doc, span = self.models.Document, self.models.Span
        names = self._label_names()
        query, _ = self._filtered(DocumentFilter(statuses=frozenset(statuses)),
                                  *self._document_columns(with_tokens))
        last = -1
        while True:
            rows = self._rows(query.where(doc.id > last).order_by(doc.id).limit(batch))
            if not rows:
                return
            docs = {r[0]: self._document_from_row(r) for r in rows}
            spans = self._rows(
                span.select(span.document, span.start, span.end, span.label, span.origin,
                            span.score, span.review, span.annotator, span.id)
                .where(span.document.in_(list(docs)))
                .order_by(span.document, span.start))
            if not names.keys() >= set(map(itemgetter(3), spans)):
                names = self._label_names()  # a label another program added meanwhile
            for doc_id, found in groupby(spans, itemgetter(0)):
                docs[doc_id].spans = [
                    Span(start, end, names[label], origin, score, _REVIEWS[review], annotator,
                         sid)
                    for _, start, end, label, origin, score, review, annotator, sid in found]
            yield from docs.values()
            last = rows[-1][0]

    @guarded
    def keys_to_ids(self) -> dict[str, int]:
        doc = self.models.Document
        return dict(self._rows(doc.select(doc.key, doc.id)))

    @guarded_iter
    def texts(self) -> Iterator[tuple[int, str, bytes]]:
        """``(id, text, packed tokens)`` of every document, streamed, for matching input."""
        doc = self.models.Document
        yield from self.db.execute(doc.select(doc.id, doc.text, doc.tokens).order_by(doc.id))
