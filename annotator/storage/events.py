"""Events and their arguments: the event edits (:class:`annotator.core.event_commands.EventStore`,
one transaction each), the events a document is loaded with, and the project's list of event
types (a project setting).

An event names its spans by their ids; loaded, it names the document's own
:class:`~annotator.core.model.Span` objects, as :mod:`annotator.core.events` expects. A span
that is deleted takes its place in events with it: ``event.trigger`` and
``event_argument.span`` refer to ``span`` with ON DELETE CASCADE, on both databases (a span
deleted takes its arguments, a trigger deleted its event). The edits in the window take the
events out first (:func:`annotator.core.event_commands.with_events`), so that an undo puts them
back.

Each edit checks, inside its transaction and after the document's writers have taken turns
(:meth:`Backend.lock_document`), that the spans it names are still there, of the event's
document, labels with the labels their roles take, and that the trigger is no other event's:
what the window checked may have changed since, in another window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

import peewee as pw

from annotator.core.analysts import events_in_view
from annotator.core.errors import EventError
from annotator.core.events import (
    DEFAULT_EVENT_TYPES,
    ROLE_LABELS,
    TRIGGER_LABEL,
    Argument,
    Event,
    EventType,
    FrameCounts,
    Role,
)
from annotator.core.model import MODEL_PREFIX, Document, Review, Span, describe
from annotator.storage.base import guarded
from annotator.storage.schema import now, parse_time
from annotator.storage.settings import Settings

EVENT_TYPES = "event_types"  # the setting: [{"name", "persian", "quad"}, ...]
_ROLES = {role.value: role for role in Role}
LABEL_REVIEWS = (None, Review.ACCEPTED.value)  # a span's review when it is a label
# GROUP BY the first two columns by position: the same expression written twice has
# parameters PostgreSQL cannot tell are the same.
_FIRST_TWO = (pw.SQL("1"), pw.SQL("2"))


def _time(value: dt.datetime | None, stamp: str) -> str:
    return value.isoformat() if value is not None else stamp


class Events(Settings):
    # -- the project's event types ---------------------------------------------------------

    @guarded
    def event_types(self) -> tuple[EventType, ...]:
        """The project's list of event types: PLOVER's sixteen until it is changed."""
        stored = self.setting(EVENT_TYPES)
        if stored is None:
            return DEFAULT_EVENT_TYPES
        return tuple(EventType(str(t["name"]), str(t.get("persian") or ""), t.get("quad"))
                     for t in stored)

    @guarded
    def set_event_types(self, types: Sequence[EventType]) -> None:
        """Make ``types`` the project's list. Refused (EventError) when an event of the project
        has a type the list leaves out: checked in the transaction that writes the list."""
        kept = {t.name for t in types}
        table = self.models.Event
        with self.transaction():
            used = self._rows(table.select(table.type, pw.fn.COUNT(table.id))
                              .group_by(table.type).order_by(table.type))
            dropped = [(name, count) for name, count in used if name not in kept]
            if dropped:
                named = ", ".join(f"{name} ({count})" for name, count in dropped)
                raise EventError(f"events of the project have types the list leaves out: "
                                 f"{named}; change or delete those events first")
            self.set_setting(EVENT_TYPES, [
                {"name": t.name, "persian": t.persian, "quad": t.quad} for t in types])

    @guarded
    def events_by_type(self) -> dict[str, int]:
        """How many events the project has of each type (types without events left out)."""
        table = self.models.Event
        return dict(self._rows(table.select(table.type, pw.fn.COUNT(table.id))
                               .group_by(table.type).order_by(table.type)))

    @guarded
    def events_signature(self) -> tuple[int, int, str]:
        """What changes when any event or argument is added, changed or deleted: the numbers
        of events and arguments and the latest change (a cheap check before
        :meth:`frame_counts` is read again)."""
        event, argument = self.models.Event, self.models.EventArgument
        [(events, latest)] = self._rows(event.select(pw.fn.COUNT(event.id),
                                                     pw.fn.MAX(event.updated)))
        [(arguments,)] = self._rows(argument.select(pw.fn.COUNT(argument.id)))
        return int(events), int(arguments), str(latest or "")

    @guarded
    def frame_counts(self) -> FrameCounts:
        """The events whose trigger is a label (any analyst's; curated copies aside), counted
        for the frame suggestions: by trigger text and type, and their arguments (labels too)
        by text and role. Two queries; the database cuts the texts out and counts."""
        event, argument, doc = self.models.Event, self.models.EventArgument, self.models.Document
        trigger, part = self.models.Span.alias(), self.models.Span.alias()

        def text_of(span: Any) -> Any:
            return pw.fn.substr(doc.text, span.start + 1, span.end - span.start)

        def a_label(span: Any) -> Any:
            return span.curation.is_null() & (span.review.is_null()
                                              | (span.review == Review.ACCEPTED.value))

        words = text_of(trigger)
        types = self._rows(
            event.select(words, event.type, pw.fn.COUNT(event.id))
            .join(trigger, on=(event.trigger == trigger.id))
            .join(doc, on=(trigger.document == doc.id))
            .where(a_label(trigger)).group_by(*_FIRST_TWO))
        words = text_of(part)
        roles = self._rows(
            argument.select(words, argument.role, pw.fn.COUNT(argument.id))
            .join(part, on=(argument.span == part.id))
            .join(doc, on=(part.document == doc.id))
            .switch(argument)
            .join(event, on=(argument.event == event.id))
            .join(trigger, on=(event.trigger == trigger.id))
            .where(a_label(trigger) & a_label(part)).group_by(*_FIRST_TWO))
        return FrameCounts([(str(t), str(k), int(n)) for t, k, n in types],
                           [(str(t), str(r), int(n)) for t, r, n in roles])

    # -- reading ---------------------------------------------------------------------------

    def _attach_events(self, docs: Mapping[int, Document],
                       stored: Mapping[int, Sequence[Span]] | None = None) -> None:
        """Give each document its events (in the order they were made), naming its own
        spans, which must be loaded already: one query for all of them. ``stored``: each
        document's stored spans, when its spans are a view of them (one analyst's, or a
        dataset's choice: :func:`~annotator.core.analysts.events_in_view`)."""
        if not docs:
            return
        event, argument = self.models.Event, self.models.EventArgument
        ids = list(docs)
        where = event.document == ids[0] if len(ids) == 1 else event.document.in_(ids)
        rows = self._rows(
            event.select(event.document, event.id, event.trigger, event.type, event.annotator,
                         event.created, event.updated, argument.span, argument.role)
            .join(argument, pw.JOIN.LEFT_OUTER, on=(argument.event == event.id))
            .where(where).order_by(event.document, event.id, argument.position, argument.id))
        for doc_id, of_document in groupby(rows, itemgetter(0)):
            doc = docs[doc_id]
            own = stored[doc_id] if stored is not None and doc_id in stored else doc.spans
            spans = {s.id: s for s in own}
            events: list[Event] = []
            for _, found in groupby(of_document, itemgetter(1)):
                parts = list(found)
                _, event_id, trigger, kind, annotator, created, updated, _, _ = parts[0]
                if trigger not in spans:
                    continue  # another program deleted it between the two reads
                arguments = tuple(Argument(_ROLES[role], spans[span_id])
                                  for *_, span_id, role in parts
                                  if span_id is not None and span_id in spans)
                events.append(Event(spans[trigger], kind, arguments, annotator, event_id,
                                    parse_time(created), parse_time(updated)))
            doc.events = events if own is doc.spans else events_in_view(events, doc.spans)

    # -- edits -----------------------------------------------------------------------------

    def _touch(self, document_id: int, stamp: str) -> None:
        doc = self.models.Document
        doc.update(updated=stamp).where(doc.id == document_id).execute()

    def _stored_rows(self, document_id: int, event: Event) -> dict[int, int]:
        """Inside the write transaction: the row each span of ``event`` is stored as, by the
        id the analyst sees it under (a shared suggestion's id stands for the analyst's
        decision about it: :mod:`annotator.core.analysts`), after checking that they are
        labels of the document with the labels their roles take and that the trigger is no
        other event's; EventError otherwise."""
        span, label = self.models.Span, self.models.Label
        if any(s.id is None for s in event.spans()):
            raise EventError("an event names spans by their ids: store the spans first")
        wanted = sorted({s.id for s in event.spans() if s.id is not None})
        found: dict[int, tuple[int, str, str | None, int]] = {}
        shared: list[int] = []
        for sid, doc_id, name, review, origin, annotator, source in self._rows(
                span.select(span.id, span.document, label.name, span.review, span.origin,
                            span.annotator, span.source).join(label)
                .where(span.id.in_(wanted))):
            if (origin.startswith(MODEL_PREFIX) and review == Review.PENDING.value
                    and annotator is None and source is None):
                shared.append(sid)  # the analyst's decision about it, if any, stands for it
            found[sid] = (doc_id, name, review, sid)
        if shared:
            mine = (span.annotator.is_null() if event.annotator is None
                    else span.annotator == event.annotator)
            for sid, doc_id, name, review, source in self._rows(
                    span.select(span.id, span.document, label.name, span.review, span.source)
                    .join(label).where(span.source.in_(shared) & mine)):
                found[source] = (doc_id, name, review, sid)
        text: str | None = None

        def refuse(problem: str) -> EventError:
            return EventError(f"{problem}, as another analyst or program changed it "
                              "meanwhile")

        checks: list[tuple[Span, str, str]] = [(event.trigger, TRIGGER_LABEL, "trigger")]
        checks += [(a.span, ROLE_LABELS[a.role], a.role.value) for a in event.arguments]
        for named, wanted_label, what in checks:
            stored = found.get(named.id) if named.id is not None else None
            if stored is None or stored[0] != document_id:
                text = text if text is not None else self._document_text(document_id)
                raise refuse(f"the {what} {describe(named, text)} is no longer a span of "
                             "this document")
            if stored[1] != wanted_label or stored[2] not in LABEL_REVIEWS:
                text = text if text is not None else self._document_text(document_id)
                raise refuse(f"the {what} {describe(named, text)} is no longer labelled "
                             f"{wanted_label}")
        rows = {view_id: row[3] for view_id, row in found.items()}
        table = self.models.Event
        other = table.select(table.id).where(table.trigger == rows[event.trigger.id or 0])
        if event.id is not None:
            other = other.where(table.id != event.id)
        if self._rows(other.limit(1)):
            text = self._document_text(document_id)
            raise refuse(f"{describe(event.trigger, text)} is the trigger of another event")
        return rows

    def _insert_events_on(self, doc_id: int, layer: Any, events: Sequence[Event], stamp: str,
                          annotator: str | None) -> int:
        """``events`` (of spans not stored, or stored elsewhere) written on the labels of
        document ``doc_id`` that ``layer`` (a condition on the span table) selects, each span
        found by its start, end and label (one layer's labels never overlap), their times
        kept, recorded as ``annotator``'s (or, for None, as their own). Returns how many events
        or arguments found no such label and were left out."""
        span, label, table = self.models.Span, self.models.Label, self.models.Event
        rows = self._rows(span.select(span.id, span.start, span.end, label.name).join(label)
                          .where((span.document == doc_id) & layer
                                 & (span.review.is_null()
                                    | (span.review == Review.ACCEPTED.value))))
        row_of = {(start, end, name): sid for sid, start, end, name in rows}
        missing = 0
        for event in events:
            trigger = row_of.get((event.trigger.start, event.trigger.end, event.trigger.label))
            if trigger is None:
                missing += 1
                continue
            event_id = int(table.insert(
                document=doc_id, trigger=trigger, type=event.type,
                annotator=annotator if annotator is not None else event.annotator,
                created=_time(event.created, stamp), updated=_time(event.updated, stamp))
                .execute())
            found = [(a.role, row_of.get((a.span.start, a.span.end, a.span.label)))
                     for a in event.arguments]
            missing += sum(row is None for _, row in found)
            self._insert_arguments(event_id, [(role, row) for role, row in found
                                              if row is not None])
        return missing

    def _document_text(self, doc_id: int) -> str:
        doc = self.models.Document
        return str(self._rows(doc.select(doc.text).where(doc.id == doc_id))[0][0])

    def _insert_arguments(self, event_id: int, arguments: Iterable[tuple[Role, int]]) -> None:
        """An event's arguments, ``(role, the row of its span)``, in their order."""
        rows = [{"event": event_id, "span": span_row, "role": role.value, "position": n}
                for n, (role, span_row) in enumerate(arguments)]
        if rows:
            self.models.EventArgument.insert_many(rows).execute()

    @guarded
    def insert_event(self, document_id: int, event: Event) -> Event:
        """Store ``event`` and its arguments (keeping ``event.id``, ``created`` and
        ``updated`` when set, so that an undone deletion comes back the same); return it
        with its id and times."""
        stamp = now()
        table = self.models.Event
        values: dict[str, Any] = {
            "document": document_id, "type": event.type,
            "annotator": event.annotator, "created": _time(event.created, stamp),
            "updated": _time(event.updated, stamp)}
        if event.id is not None:
            values["id"] = event.id
        with self.transaction():
            if not self.backend.lock_document(document_id):
                raise KeyError(document_id)
            stored = self._stored_rows(document_id, event)
            values["trigger"] = stored[event.trigger.id or 0]
            new_id = table.insert(**values).execute()
            event_id = event.id if event.id is not None else int(new_id)
            self._insert_arguments(event_id, [(a.role, stored[a.span.id or 0])
                                              for a in event.arguments])
            self._touch(document_id, stamp)
        return event.with_(id=event_id, created=parse_time(values["created"]),
                           updated=parse_time(values["updated"]))

    @guarded
    def update_event(self, event: Event) -> Event:
        """Replace the type and the arguments of the stored event ``event.id``."""
        assert event.id is not None
        stamp = now()
        table, argument = self.models.Event, self.models.EventArgument
        with self.transaction():
            found = self._rows(table.select(table.document).where(table.id == event.id))
            if not found:
                raise KeyError(event.id)
            document_id = found[0][0]
            self.backend.lock_document(document_id)
            stored = self._stored_rows(document_id, event)
            table.update(type=event.type, trigger=stored[event.trigger.id or 0],
                         updated=stamp).where(table.id == event.id).execute()
            argument.delete().where(argument.event == event.id).execute()
            self._insert_arguments(event.id, [(a.role, stored[a.span.id or 0])
                                              for a in event.arguments])
            self._touch(document_id, stamp)
        return event.with_(updated=parse_time(stamp))

    @guarded
    def delete_event(self, event_id: int) -> None:
        """Remove the event and its arguments; their spans stay."""
        stamp = now()
        table, argument = self.models.Event, self.models.EventArgument
        with self.transaction():
            found = self._rows(table.select(table.document).where(table.id == event_id))
            if found:
                argument.delete().where(argument.event == event_id).execute()
                table.delete().where(table.id == event_id).execute()
                self._touch(found[0][0], stamp)
