"""Analysts: who they are (each with a colour), each one's status of each document and the
documents assigned to them, a project's labels adopted by its first analyst, and curations.

Whose span is whose is in :mod:`annotator.core.analysts`; how edits become an analyst's is in
:mod:`.spans`.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

import peewee as pw

from annotator.core.agreement import EventTuple, compared_event
from annotator.core.events import Event
from annotator.core.model import Review, Span, Status
from annotator.core.tokens import unpack
from annotator.storage.base import guarded, guarded_iter
from annotator.storage.events import LABEL_REVIEWS
from annotator.storage.schema import now
from annotator.storage.spans import Spans

_DONE = (Status.DONE.value, Status.REVIEWED.value)


@dataclass(frozen=True, slots=True)
class AnalystRow:
    name: str
    color: str


@dataclass(frozen=True, slots=True)
class WorkRow:
    """An analyst's own status of a document, whether it was assigned to them, and when it
    last changed."""

    status: Status
    assigned: bool
    updated: str


@dataclass(frozen=True, slots=True)
class CurationRow:
    """A document's curation: its curator, and whether every disagreement is settled."""

    curator: str
    finished: bool


@dataclass(frozen=True, slots=True)
class AnalystsLabels:
    """One document as agreement reads it (:meth:`Analysts.analysts_labels`)."""

    doc_id: int
    key: str
    tokens: array[int]
    labels: list[tuple[int, int, str, str]]  # (start, end, label, analyst)
    events: list[tuple[str, EventTuple]]  # (analyst, event)


def _analysts_label(span: Any) -> Any:
    """Where ``span`` (the table or an alias of it) is a label a named analyst gave: a human
    span or an accepted decision, curated labels aside."""
    return ((span.review.is_null() | (span.review == Review.ACCEPTED.value))
            & span.curation.is_null() & span.annotator.is_null(False))


class Analysts(Spans):
    @guarded
    def analysts(self) -> list[AnalystRow]:
        """The project's analysts, in the order they came."""
        table = self.models.Analyst
        return [AnalystRow(name, color) for name, color in self._rows(
            table.select(table.name, table.color).order_by(table.id))]

    @guarded
    def adopt(self, analyst: str) -> bool:
        """Make ``analyst`` the analyst of a project's labels from before it had analysts:
        its unattributed human spans and decisions, and its documents' statuses become theirs.
        Only while the project has no analyst yet (then they are nobody else's); True when
        there was something to adopt."""
        span, work, doc = self.models.Span, self.models.Work, self.models.Document
        with self.transaction():
            named = span.select(pw.SQL("1")).where(span.annotator.is_null(False)).limit(1)
            if self._rows(named) or self._rows(work.select(pw.SQL("1")).limit(1)):
                return False
            unattributed = (span.annotator.is_null() & span.curation.is_null()
                            & ((span.origin == "human") | (span.review != Review.PENDING.value)))
            adopted = span.update(annotator=analyst).where(unattributed).execute()
            stamp = now()
            statuses = self._rows(doc.select(doc.id, doc.status)
                                  .where(doc.status != Status.NEW.value))
            for chunk in range(0, len(statuses), 500):
                work.insert_many([{"document": doc_id, "analyst": analyst, "status": status,
                                   "assigned": False, "updated": stamp}
                                  for doc_id, status in statuses[chunk:chunk + 500]]).execute()
            if adopted or statuses:
                self.ensure_analysts([analyst])
        return bool(adopted or statuses)

    # -- statuses and assignments ----------------------------------------------------------

    @guarded
    def assignments(self) -> dict[str, list[str]]:
        """The analysts each document is assigned to, by key (documents assigned to none are
        left out)."""
        work, doc = self.models.Work, self.models.Document
        found: dict[str, list[str]] = defaultdict(list)
        for key, analyst in self._rows(work.select(doc.key, work.analyst).join(doc)
                                       .where(work.assigned).order_by(doc.id, work.analyst)):
            found[key].append(analyst)
        return dict(found)

    @guarded
    def assign(self, assignments: Mapping[str, Sequence[str]]) -> int:
        """Assign documents (by key) to analysts, in one transaction; an analyst's status and
        labels stay. Returns how many (document, analyst) assignments are new."""
        work = self.models.Work
        ids = self.keys_to_ids()
        stamp = now()
        added = 0
        with self.transaction():
            current = {(doc_id, analyst) for doc_id, analyst in self._rows(
                work.select(work.document, work.analyst).where(work.assigned))}
            for key, analysts in assignments.items():
                doc_id = ids[key]
                for analyst in analysts:
                    if (doc_id, analyst) in current:
                        continue
                    updated = (work.update(assigned=True, updated=stamp)
                               .where((work.document == doc_id) & (work.analyst == analyst))
                               .execute())
                    if not updated:
                        work.insert(document=doc_id, analyst=analyst, status=Status.NEW.value,
                                    assigned=True, updated=stamp).execute()
                    added += 1
            self.ensure_analysts({a for analysts in assignments.values() for a in analysts})
        return added

    @guarded
    def statuses_by_analyst(self, only: str | None = None) -> dict[str, dict[str, int]]:
        """Each analyst's documents by their own status (documents they have no status of are
        new to them and not counted), with ``assigned`` and ``assigned_done`` among them;
        ``only`` that analyst's."""
        work = self.models.Work
        report: dict[str, dict[str, int]] = {}
        query = work.select(work.analyst, work.status, work.assigned, pw.fn.COUNT(work.id))
        if only is not None:
            query = query.where(work.analyst == only)
        for analyst, status, assigned, count in self._rows(
                query.group_by(work.analyst, work.status, work.assigned)):
            entry = report.setdefault(analyst, {**{s.value: 0 for s in Status},
                                                "assigned": 0, "assigned_done": 0})
            entry[status] += int(count)
            if assigned:
                entry["assigned"] += int(count)
                if status in _DONE:
                    entry["assigned_done"] += int(count)
        return report

    # -- curation --------------------------------------------------------------------------

    @guarded
    def curation_of(self, doc_id: int) -> CurationRow | None:
        table = self.models.Curation
        rows = self._rows(table.select(table.curator, table.finished)
                          .where(table.document == doc_id))
        return CurationRow(rows[0][0], bool(rows[0][1])) if rows else None

    @guarded
    def curations(self) -> dict[int, CurationRow]:
        """Every document's curation, by document id."""
        table = self.models.Curation
        return {doc_id: CurationRow(curator, bool(finished)) for doc_id, curator, finished
                in self._rows(table.select(table.document, table.curator, table.finished))}

    @guarded
    def set_curation(self, doc_id: int, curator: str | None, finished: bool = False) -> None:
        """Record who curates a document and whether it is finished (None: no curation)."""
        table = self.models.Curation
        with self.transaction():
            table.delete().where(table.document == doc_id).execute()
            if curator is not None:
                table.insert(document=doc_id, curator=curator, finished=finished,
                             updated=now()).execute()
                self.ensure_analysts([curator])

    @guarded
    def work_statuses(self) -> dict[int, dict[str, Status]]:
        """Every analyst's own status of each document they have one of, by document id."""
        work = self.models.Work
        found: dict[int, dict[str, Status]] = defaultdict(dict)
        for doc_id, analyst, status in self._rows(
                work.select(work.document, work.analyst, work.status)):
            found[doc_id][analyst] = Status(status)
        return dict(found)

    @guarded
    def set_curated(self, doc_id: int, curator: str, spans: Sequence[Span], finished: bool,
                    events: Sequence[Event] = ()) -> None:
        """A document's curated labels become ``spans`` (each with ``agreed``), curated by
        ``curator``, with ``events`` on them (naming spans among ``spans``, matched by start,
        end and label), in one transaction. The events the curated labels had go with them."""
        table, curation = self.models.Span, self.models.Curation
        stamp = now()
        with self.transaction():
            self.backend.lock_document(doc_id)
            table.delete().where((table.document == doc_id)
                                 & table.curation.is_null(False)).execute()
            rows = [self._span_values(doc_id, s.with_(annotator=curator, id=None), stamp)
                    for s in spans]
            if rows:
                table.insert_many(rows).execute()
            if events:
                self._insert_events_on(doc_id, self.models.Span.curation.is_null(False),
                                       events, stamp, curator)
            curation.delete().where(curation.document == doc_id).execute()
            curation.insert(document=doc_id, curator=curator, finished=finished,
                            updated=stamp).execute()
            self.ensure_analysts([curator])

    # -- merging -------------------------------------------------------------------------

    @guarded
    def work_of(self, doc_id: int) -> dict[str, WorkRow]:
        """Each analyst's own status of a document, with when it changed."""
        work = self.models.Work
        return {analyst: WorkRow(Status(status), bool(assigned), updated)
                for analyst, status, assigned, updated in self._rows(
                    work.select(work.analyst, work.status, work.assigned, work.updated)
                    .where(work.document == doc_id))}

    @guarded
    def put_work(self, doc_id: int, analyst: str, row: WorkRow) -> None:
        """Set an analyst's status of a document as it was elsewhere (a merge)."""
        work = self.models.Work
        with self.transaction():
            work.delete().where((work.document == doc_id) & (work.analyst == analyst)).execute()
            work.insert(document=doc_id, analyst=analyst, status=row.status.value,
                        assigned=row.assigned, updated=row.updated).execute()
            self._combine_status(doc_id, row.updated)
            self.ensure_analysts([analyst])

    @guarded
    def curation_updated(self, doc_id: int) -> str | None:
        table = self.models.Curation
        rows = self._rows(table.select(table.updated).where(table.document == doc_id))
        return str(rows[0][0]) if rows else None

    @guarded
    def replace_layer(self, doc_id: int, analyst: str | None, spans: Sequence[Span],
                      events: Sequence[Event] = ()) -> None:
        """``analyst``'s labels and decisions in a document become ``spans`` (as they were
        elsewhere, times kept; decisions naming this project's suggestions), and their events
        ``events`` (naming labels among ``spans``, matched by start, end and label), in one
        transaction."""
        table = self.models.Span
        stamp = now()
        with self.transaction():
            self.backend.lock_document(doc_id)
            own = ((table.document == doc_id) & table.curation.is_null()
                   & ((table.origin == "human") | (table.review != Review.PENDING.value)))
            own &= table.annotator.is_null() if analyst is None else table.annotator == analyst
            table.delete().where(own).execute()
            rows = [self._span_values(doc_id, s.with_(id=None, annotator=analyst), stamp)
                    for s in spans]
            # A decision keeps what its suggestion proposed (what a correction is measured by).
            sources = [r["source"] for r in rows if r["source"] is not None]
            proposed = {sid: (label, start, end) for sid, label, start, end in self._rows(
                table.select(table.id, table.suggested_label, table.suggested_start,
                             table.suggested_end).where(table.id.in_(sources)))} if sources else {}
            for row in rows:
                if row["source"] in proposed:
                    row["suggested_label"], row["suggested_start"], row["suggested_end"] = \
                        proposed[row["source"]]
            for chunk in range(0, len(rows), 500):
                table.insert_many(rows[chunk:chunk + 500]).execute()
            if events:
                self._insert_events_on(doc_id, own, events, stamp, analyst)
            self._touch(doc_id, stamp)
            if analyst is not None:
                self.ensure_analysts([analyst])

    @guarded_iter
    def analysts_labels(self, batch: int = 500) -> Iterator[AnalystsLabels]:
        """For agreement, the fast way: each document's id, key and tokens, every label a
        named analyst gave it, ``(start, end, label, analyst)`` (human spans and accepted
        decisions; curated labels aside), and their events (:meth:`_analysts_events`), in list
        order, without the text or span objects: three queries a batch of documents."""
        doc, span = self.models.Document, self.models.Span
        last = -1
        while True:
            rows = self._rows(doc.select(doc.id, doc.key, doc.tokens).where(doc.id > last)
                              .order_by(doc.id).limit(batch))
            if not rows:
                return
            first, final = rows[0][0], rows[-1][0]
            names = self._label_names()
            found: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
            for doc_id, start, end, label, analyst in self._rows(
                    span.select(span.document, span.start, span.end, span.label, span.annotator)
                    .where(span.document.between(first, final) & _analysts_label(span))):
                found[doc_id].append((start, end, names[label], analyst))
            events = self._analysts_events(first, final)
            for doc_id, key, tokens in rows:
                yield AnalystsLabels(doc_id, key, unpack(tokens), found.get(doc_id, []),
                                     events.get(doc_id, []))
            last = rows[-1][0]

    def _analysts_events(self, first: int, final: int) -> dict[int, list[tuple[str, EventTuple]]]:
        """The events of documents ``first..final`` (ids) whose trigger is a named analyst's
        label, by document: ``(analyst, event)``, each with the arguments among that analyst's
        labels (as :func:`~annotator.core.analysts.events_in_view` would keep them), in one
        query."""
        event, argument = self.models.Event, self.models.EventArgument
        trigger, part = self.models.Span.alias(), self.models.Span.alias()
        rows = self._rows(
            event.select(event.document, event.id, event.type, trigger.start, trigger.end,
                         trigger.annotator, argument.role, part.start, part.end, part.annotator,
                         part.review, part.curation)
            .join(trigger, on=(event.trigger == trigger.id))
            .switch(event)
            .join(argument, pw.JOIN.LEFT_OUTER, on=(argument.event == event.id))
            .join(part, pw.JOIN.LEFT_OUTER, on=(argument.span == part.id))
            .where(event.document.between(first, final) & _analysts_label(trigger))
            .order_by(event.id))
        found: dict[int, list[tuple[str, EventTuple]]] = defaultdict(list)
        for _, of_event in groupby(rows, itemgetter(1)):
            parts = list(of_event)
            doc_id, _, kind, start, end, analyst, *_ = parts[0]
            arguments = [(role, s, e) for *_, role, s, e, whose, review, curation in parts
                         if role is not None and whose == analyst and curation is None
                         and review in LABEL_REVIEWS]
            found[doc_id].append((analyst, compared_event(start, end, kind, arguments)))
        return found

