"""Documents in and out: an import's all-or-nothing staging, a document with its spans and
events, and the stream of documents an export writes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from annotator.core.analysts import view_of
from annotator.core.errors import InputError
from annotator.core.events import span_key
from annotator.core.model import Document, Review, Span, Status
from annotator.core.tokens import pack, unpack
from annotator.storage.base import guarded, guarded_iter
from annotator.storage.events import Events
from annotator.storage.labels import Labels
from annotator.storage.listing import DocumentFilter, Listing
from annotator.storage.schema import now, parse_time
from annotator.storage.sqlite import Staging

_BATCH = 500
# Colours of the analysts, in the order they come, distinct from the labels' own.
ANALYST_COLORS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
                  "#666666")
_REVIEWS: dict[str | None, Review | None] = {None: None, **{r.value: r for r in Review}}


class Everyone:
    """Who sees every span stored: every analyst's, the shared suggestions and the curated
    labels (exports choose from them; moves and backups copy them)."""

    def __repr__(self) -> str:
        return "EVERYONE"


EVERYONE = Everyone()
# Whose spans a document is read with: an analyst's (None: before the project had analysts),
# or everyone's.
Viewer = str | None | Everyone


@dataclass
class ImportSummary:
    added: int = 0
    spans: int = 0
    skipped: list[str] = field(default_factory=list)  # keys already in the project, same text
    # Keys already in the project that got an analyst's labels from this import.
    relabelled: list[str] = field(default_factory=list)
    # Whoever the stored spans say labelled or decided them: the project's analysts after.
    analysts: set[str] = field(default_factory=set)
    events: int = 0


def staged_span_row(seq: int, span: Span, row: int) -> tuple[Any, ...]:
    """A span as the staging holds it (:class:`annotator.storage.sqlite.Staging`): ``row`` is
    its number in the import, by which the staged events name it."""
    suggested = span.is_suggestion
    return (
        seq, span.id, span.start, span.end, span.label, span.origin, span.score,
        span.review.value if span.review else None, span.annotator,
        span.created.isoformat() if span.created else None,
        span.updated.isoformat() if span.updated else None,
        span.label if suggested else None, span.start if suggested else None,
        span.end if suggested else None, row,
    )


@dataclass
class _Rows:
    """What the staging is handed next: documents, spans, events and arguments as rows, and
    the numbers the next span and event get in the import."""

    documents: list[tuple[Any, ...]] = field(default_factory=list)
    spans: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    arguments: list[tuple[Any, ...]] = field(default_factory=list)
    span_row: int = 0
    event_row: int = 0

    def add(self, seq: int, doc: Document) -> None:
        """``doc``'s spans and events, its events naming its spans by their rows."""
        rows: dict[Any, int] = {}
        for span in doc.spans:
            self.span_row += 1
            rows[span_key(span)] = self.span_row
            self.spans.append(staged_span_row(seq, span, self.span_row))
        for event in doc.events:
            self.event_row += 1
            try:
                trigger = rows[span_key(event.trigger)]
                named = [(rows[span_key(a.span)], a.role.value) for a in event.arguments]
            except KeyError:
                raise InputError(f"event {event.type} names a span that is not one of the "
                                 "document's", path=doc.meta.get("file"),
                                 record=doc.meta.get("record")) from None
            self.events.append((
                self.event_row, seq, trigger, event.type, event.annotator,
                event.created.isoformat() if event.created else None,
                event.updated.isoformat() if event.updated else None))
            self.arguments += [(self.event_row, row, role, n)
                               for n, (row, role) in enumerate(named)]

    def hand_to(self, staging: Staging) -> None:
        staging.add(self.documents, self.spans, self.events, self.arguments)
        for rows in (self.documents, self.spans, self.events, self.arguments):
            rows.clear()


class Documents(Labels, Listing, Events):
    @guarded
    def add_documents(self, documents: Iterable[Document], on_document: Any = None,
                      analyst: str | None = None, add_labels: bool = False) -> ImportSummary:
        """Store documents with their spans and events in one transaction: all of them or
        none. (A document's events name its spans: see :mod:`annotator.core.events`.)

        A document whose key is already in the project with the same text is skipped; with a
        different text it is an error. ``on_document`` is called after each one (progress,
        cancel): raising there stores nothing. A span's label must be one of the project's
        (LabelError) unless ``add_labels``: then the labels it lacks are added.

        With an ``analyst`` the documents are that analyst's version (their spans should say
        so): their statuses become the analyst's own, and a document already in the project
        gets the analyst's labels and status from this one in place of those it had (not
        skipped: ``summary.relabelled``).

        The documents are first staged apart from the project (temporary tables of this
        connection), which takes no lock; only the last step, copying them in, holds the
        write lock, for a moment. So the window and other commands keep writing while a long
        import reads and tokenizes, and a kill at any point leaves the project as it was or
        with everything.
        """
        summary = ImportSummary()
        self._label_cache = None  # another program may have added labels meanwhile
        revisits: list[Document] | None = [] if analyst is not None else None
        statuses: list[tuple[str, Status]] | None = [] if analyst is not None else None
        used: set[int] = set()

        def label_ids(names: Iterable[str]) -> dict[str, int]:
            ids = self._label_ids_of(names, add=add_labels)
            used.update(ids.values())
            return ids

        with self.backend.staging(label_ids) as staging:
            with staging.filling():
                self._stage(staging, documents, on_document, summary, revisits, statuses)
                self._check_labels_exist(used)
                if staging.direct and analyst is not None:
                    self._as_analyst(analyst, revisits or [], statuses or [], summary)
            with self.transaction():
                self._label_cache = None
                for key, _, _, _, spans, events in staging.leave_out_added():
                    summary.skipped.append(key)
                    summary.added -= 1
                    summary.spans -= spans
                    summary.events -= events
                staging.copy_in(now())
                if not staging.direct and analyst is not None:
                    self._as_analyst(analyst, revisits or [], statuses or [], summary)
                self.ensure_analysts(sorted(summary.analysts))
        return summary

    @guarded
    def ensure_analysts(self, names: Iterable[str]) -> None:
        """Add the analysts the project does not know yet, each with a colour of their own."""
        wanted = list(dict.fromkeys(n for n in names if n))
        if not wanted:
            return
        table = self.models.Analyst
        with self.transaction():
            known = {name for (name,) in self._rows(table.select(table.name))}
            count = len(known)
            rows = []
            for name in wanted:
                if name in known:
                    continue
                rows.append({"name": name, "color": ANALYST_COLORS[count % len(ANALYST_COLORS)],
                             "created": now()})
                count += 1
            if rows:
                table.insert_many(rows).on_conflict_ignore().execute()

    def _as_analyst(self, analyst: str, revisits: list[Document],
                    statuses: list[tuple[str, Status]], summary: ImportSummary) -> None:
        """Inside the import's write transaction: the statuses of the new documents become
        ``analyst``'s, and the documents already there get the analyst's labels and status
        from this import in place of theirs."""
        span, work = self.models.Span, self.models.Work
        stamp = now()
        ids = self.keys_to_ids()
        rows = [{"document": ids[key], "analyst": analyst, "status": status.value,
                 "assigned": False, "updated": stamp} for key, status in statuses]
        for doc in revisits:
            doc_id = ids[doc.key]
            span.delete().where((span.document == doc_id) & (span.annotator == analyst)
                                & span.curation.is_null()
                                & ((span.origin == "human")
                                   | (span.review != Review.PENDING.value))).execute()
            if doc.spans:
                span.insert_many([self._span_values(doc_id, s, stamp) for s in doc.spans]
                                 ).execute()
            if doc.events:
                span_table = self.models.Span
                if self._insert_events_on(doc_id, (span_table.annotator == analyst)
                                          & span_table.curation.is_null(), doc.events, stamp,
                                          analyst):
                    raise InputError(f"document {doc.key!r}: an event names a span that is not "
                                     f"one of {analyst}'s labels in this import")
                summary.events += len(doc.events)
            work.delete().where((work.document == doc_id) & (work.analyst == analyst)).execute()
            if doc.status != Status.NEW:
                rows.append({"document": doc_id, "analyst": analyst, "status": doc.status.value,
                             "assigned": False, "updated": stamp})
            summary.relabelled.append(doc.key)
            summary.spans += len(doc.spans)
        for chunk in range(0, len(rows), 500):
            work.insert_many(rows[chunk:chunk + 500]).execute()
        summary.analysts.add(analyst)  # registered with the others the import brings

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
            "source": span.source,
            "curation": json.dumps(list(span.agreed), ensure_ascii=False)
            if span.agreed is not None else None,
        }
        if span.id is not None:
            values["id"] = span.id
        return values

    def _stage(self, staging: Staging, documents: Iterable[Document], on_document: Any,
               summary: ImportSummary, revisits: list[Document] | None = None,
               statuses: list[tuple[str, Status]] | None = None) -> None:
        """Check each document against the project as it is now and stage the new ones."""
        doc_table = self.models.Document
        existing = {key for (key,) in self._rows(doc_table.select(doc_table.key))}
        staged: set[str] = set()
        rows = _Rows()
        for doc in documents:
            where = {"path": doc.meta.get("file"), "record": doc.meta.get("record")}
            if doc.key in existing or doc.key in staged:
                if doc.key in staged:
                    rows.hand_to(staging)
                if not staging.same_text(doc.key, doc.text, staged=doc.key in staged):
                    where_in = "in the project" if doc.key in existing else "in this import"
                    raise InputError(f"id {doc.key!r} is already {where_in} with a different "
                                     "text", **where)
                if revisits is not None and doc.key in existing:
                    revisits.append(doc)
                    summary.analysts.update(s.annotator for s in doc.spans if s.annotator)
                else:
                    summary.skipped.append(doc.key)
                if on_document:
                    on_document(doc)
                continue
            seq = len(staged) + 1
            if statuses is not None and doc.status != Status.NEW:
                statuses.append((doc.key, doc.status))
            staged.add(doc.key)
            meta = {k: v for k, v in doc.meta.items() if k not in ("file", "record")}
            rows.documents.append((
                seq, doc.key, doc.title, doc.text, doc.status.value,
                doc.date.isoformat() if doc.date else None,
                json.dumps(meta, ensure_ascii=False), pack(doc.tokens), pack(doc.sentences),
                where["path"], where["record"],
            ))
            rows.add(seq, doc)
            summary.analysts.update(s.annotator for s in doc.spans if s.annotator)
            summary.added += 1
            summary.spans += len(doc.spans)
            summary.events += len(doc.events)
            if len(rows.documents) >= _BATCH:
                rows.hand_to(staging)
            if on_document:
                on_document(doc)
        rows.hand_to(staging)

    # -- reading ---------------------------------------------------------------------------

    def _document_columns(self, with_tokens: bool = True) -> list[Any]:
        doc = self.models.Document
        columns = [doc.id, doc.key, doc.title, doc.text, doc.status, doc.date, doc.meta]
        if with_tokens:
            columns += [doc.tokens, doc.sentences]
        return columns

    @guarded
    def document(self, doc_id: int, viewer: Viewer = None) -> Document:
        """A document as ``viewer`` sees it: an analyst's spans and status
        (:func:`annotator.core.analysts.view_of`; None: whoever labelled the project before
        it had analysts), or with :data:`EVERYONE` every span stored and the document's own
        status."""
        doc = self.models.Document
        rows = self._rows(doc.select(*self._document_columns()).where(doc.id == doc_id))
        if not rows:
            raise KeyError(doc_id)
        found = self._document_from_row(rows[0])
        stored = self.spans(doc_id, EVERYONE)
        found.spans = stored if isinstance(viewer, Everyone) else view_of(stored, viewer)
        if isinstance(viewer, str):
            found.status = self._statuses_of([doc_id], viewer).get(doc_id, Status.NEW)
        self._attach_events({doc_id: found}, {doc_id: stored})
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

    def _statuses_of(self, doc_ids: Sequence[int], analyst: str) -> dict[int, Status]:
        """``analyst``'s own status of the documents that have one."""
        work = self.models.Work
        return {doc_id: Status(status) for doc_id, status in self._rows(
            work.select(work.document, work.status)
            .where(work.document.in_(list(doc_ids)) & (work.analyst == analyst)))}

    @guarded
    def spans(self, doc_id: int, viewer: Viewer = None) -> list[Span]:
        """A document's spans as ``viewer`` sees them (see :meth:`document`)."""
        span, label = self.models.Span, self.models.Label
        wanted = span.document == doc_id
        if viewer is None:  # the others' rows are no part of a view
            wanted &= span.annotator.is_null()
        elif not isinstance(viewer, Everyone):
            wanted &= span.annotator.is_null() | (span.annotator == viewer)
        rows = self._rows(
            span.select(span.id, span.start, span.end, label.name, span.origin, span.score,
                        span.review, span.annotator, span.created, span.updated, span.source,
                        span.curation)
            .join(label).where(wanted).order_by(span.start, span.end))
        stored = [Span(start, end, name, origin, score, _REVIEWS[review], annotator, sid,
                       parse_time(created), parse_time(updated), source,
                       tuple(json.loads(curation)) if curation is not None else None)
                  for (sid, start, end, name, origin, score, review, annotator, created,
                       updated, source, curation) in rows]
        return stored if isinstance(viewer, Everyone) else view_of(stored, viewer)

    @guarded_iter
    def iter_documents(self, statuses: Iterable[Status] = (), batch: int = 200,
                       with_tokens: bool = True, viewer: Viewer = None) -> Iterator[Document]:
        """Every document (of the given statuses: the documents' own) with its spans as
        ``viewer`` sees them (see :meth:`document`) and the events among them, streamed in
        list order.

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
                            span.score, span.review, span.annotator, span.id, span.source,
                            span.curation)
                .where(span.document.in_(list(docs)))
                .order_by(span.document, span.start))
            if not names.keys() >= set(map(itemgetter(3), spans)):
                names = self._label_names()  # a label another program added meanwhile
            stored_of: dict[int, list[Span]] = {}
            for doc_id, found in groupby(spans, itemgetter(0)):
                stored = stored_of[doc_id] = [
                    Span(start, end, names[label], origin, score, _REVIEWS[review], annotator,
                         sid, None, None, source,
                         tuple(json.loads(curation)) if curation is not None else None)
                    for (_, start, end, label, origin, score, review, annotator, sid, source,
                         curation) in found]
                docs[doc_id].spans = (stored if isinstance(viewer, Everyone)
                                      else view_of(stored, viewer))
            if isinstance(viewer, str):
                statuses_of = self._statuses_of(list(docs), viewer)
                for doc_id, document in docs.items():
                    document.status = statuses_of.get(doc_id, Status.NEW)
            self._attach_events(docs, stored_of)
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
