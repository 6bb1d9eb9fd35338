"""Events: who did what to whom, where (see CONTEXT.md: event, trigger, event type, argument,
role, span id).

An event is a trigger (an EVENT span), an event type from the project's list and arguments,
each a span with a role. Its date is its document's.

**How an event names its spans.** By the :class:`~annotator.core.model.Span` values
themselves, the same objects as in ``Document.spans``, never by a position in that list (a
list an export filters would leave positions pointing at the wrong spans). Two spans are the
same span (:func:`span_key`) when they have the same database id; spans not stored yet (read
from a file) are the same when they have the same offsets, label and origin, which identifies
a label because labels of a document never overlap. So:

- a document read from a file holds spans without ids and events naming those spans; the
  storage gives the spans their ids when it adds the document, and the events with them;
- a stored document holds spans with ids and events (with ids) naming them; commands and the
  storage use ``span.id`` and ``event.id`` only;
- a writer numbers the spans it writes (``T1``, ``T2``, ... in text order) and the events it
  can write with them (``E1``, ...) by :func:`numbered`, looking spans up by :func:`span_key`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from annotator.core.errors import EventError
from annotator.core.model import Document, Span, describe, in_text_order

TRIGGER_LABEL = "EVENT"


class Role(StrEnum):
    """What an argument is to its event."""

    ACTOR = "actor"
    RECIPIENT = "recipient"
    LOCATION = "location"


# The label a role takes, and the order roles are written in.
ROLE_LABELS: dict[Role, str] = {
    Role.ACTOR: "ACTOR",
    Role.RECIPIENT: "ACTOR",
    Role.LOCATION: "LOCATION",
}
_ROLE_ORDER = {role: n for n, role in enumerate(Role)}


@dataclass(frozen=True, slots=True)
class EventType:
    """A kind of event: its name (``CONSULT``), its Persian name for the Persian interface and,
    for PLOVER's types, its quad category (1 verbal and 2 material cooperation, 3 verbal and 4
    material conflict)."""

    name: str
    persian: str = ""
    quad: int | None = None


# PLOVER's sixteen event types (the POLECAT data set's), the default list of a project.
DEFAULT_EVENT_TYPES: tuple[EventType, ...] = (
    EventType("AGREE", "توافق", 1),
    EventType("CONSULT", "رایزنی", 1),
    EventType("SUPPORT", "حمایت", 1),
    EventType("CONCEDE", "امتیازدهی", 1),
    EventType("COOPERATE", "همکاری", 2),
    EventType("AID", "کمک‌رسانی", 2),
    EventType("RETREAT", "عقب‌نشینی", 2),
    EventType("REQUEST", "درخواست", 3),
    EventType("ACCUSE", "اتهام", 3),
    EventType("REJECT", "رد", 3),
    EventType("THREATEN", "تهدید", 3),
    EventType("SANCTION", "تحریم", 3),
    EventType("PROTEST", "اعتراض", 4),
    EventType("MOBILIZE", "بسیج", 4),
    EventType("COERCE", "اجبار", 4),
    EventType("ASSAULT", "حمله", 4),
)


@dataclass(frozen=True, slots=True)
class Argument:
    """A span taking part in an event, with its role."""

    role: Role
    span: Span


@dataclass(frozen=True, slots=True)
class Event:
    """A trigger, an event type and arguments. ``id`` is the database's (None until stored);
    ``annotator`` the analyst who made it."""

    trigger: Span
    type: str
    arguments: tuple[Argument, ...] = ()
    annotator: str | None = None
    id: int | None = None
    created: dt.datetime | None = field(default=None, compare=False)
    updated: dt.datetime | None = field(default=None, compare=False)

    def spans(self) -> list[Span]:
        """The trigger and the arguments' spans."""
        return [self.trigger, *(a.span for a in self.arguments)]

    def in_role(self, role: Role) -> list[Span]:
        """The spans of one role, in text order."""
        return sorted((a.span for a in self.arguments if a.role == role), key=in_text_order)

    def ordered_arguments(self) -> list[Argument]:
        """The arguments as files write them: by role (actor, recipient, location), then in
        text order."""
        return sorted(self.arguments,
                      key=lambda a: (_ROLE_ORDER[a.role], a.span.start, a.span.end))

    def uses(self, span: Span) -> bool:
        """Whether ``span`` is this event's trigger or one of its arguments."""
        key = span_key(span)
        return any(span_key(s) == key for s in self.spans())

    def without(self, span: Span) -> Event:
        """This event with ``span`` no longer among its arguments."""
        key = span_key(span)
        return self.with_(arguments=tuple(a for a in self.arguments
                                          if span_key(a.span) != key))

    def with_(self, **changes: Any) -> Event:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class FrameCounts:
    """The project's events counted as the frame suggestions learn from them
    (:mod:`annotator.suggest.frames`): ``types`` as ``(trigger text, type, how many)``, and
    ``roles`` as ``(argument text, role, how many)``."""

    types: Sequence[tuple[str, str, int]] = ()
    roles: Sequence[tuple[str, str, int]] = ()


def span_key(span: Span) -> Hashable:
    """What makes a span the same span: its database id, or for a span not stored yet its
    offsets, label and origin."""
    if span.id is not None:
        return span.id
    return (span.start, span.end, span.label, span.origin)


def same_span(a: Span, b: Span) -> bool:
    return span_key(a) == span_key(b)


# -- names ---------------------------------------------------------------------------------

def role_named(name: str) -> Role:
    """The role called ``name`` (any case); EventError for another word."""
    try:
        return Role(name.strip().casefold())
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise EventError(f"unknown role {name!r} (the roles are {roles})") from None


def event_type(name: str, types: Sequence[EventType] = DEFAULT_EVENT_TYPES) -> EventType:
    """The type called ``name`` in ``types``; EventError naming the list otherwise."""
    for kind in types:
        if kind.name == name:
            return kind
    names = ", ".join(t.name for t in types)
    raise EventError(f"unknown event type {name!r} (the project's event types: {names})")


# Folded away when a type is chosen by its first letters: case, Arabic ي/ك (the Persian
# keyboard of another system types them), ZWNJ, ZWJ, kashida and spaces.
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": None, "\u200d": None,
                       "\u0640": None, " ": None})


def _fold(text: str) -> str:
    return text.casefold().translate(_FOLD)


def types_for_prefix(prefix: str,
                     types: Sequence[EventType] = DEFAULT_EVENT_TYPES) -> list[EventType]:
    """The types whose name or Persian name starts with ``prefix`` (typed letters: case,
    ZWNJ and Arabic ي/ك do not matter), in list order; all of them for an empty prefix."""
    key = _fold(prefix)
    return [t for t in types if _fold(t.name).startswith(key) or _fold(t.persian).startswith(key)]


def type_for_prefix(prefix: str,
                    types: Sequence[EventType] = DEFAULT_EVENT_TYPES) -> EventType | None:
    """The one type ``prefix`` chooses: the only one it starts, or the one it spells out in
    full; None while it is ambiguous or matches none."""
    found = types_for_prefix(prefix, types)
    if len(found) == 1:
        return found[0]
    key = _fold(prefix)
    exact = [t for t in found if key in (_fold(t.name), _fold(t.persian))]
    return exact[0] if len(exact) == 1 else None


# -- rules ---------------------------------------------------------------------------------

def _in_document(doc: Document, span: Span) -> bool:
    key = span_key(span)
    return any(span_key(s) == key for s in doc.spans)


def check_trigger(doc: Document, span: Span) -> None:
    """EventError unless ``span`` can trigger an event: an EVENT label of ``doc``."""
    if not _in_document(doc, span):
        raise EventError(f"the trigger {describe(span)} is not a span of this document")
    if span.label != TRIGGER_LABEL:
        raise EventError(f"an event's trigger is an {TRIGGER_LABEL} span, not "
                         f"{describe(span, doc.text)}")
    if not span.is_label:
        raise EventError(f"the trigger {describe(span, doc.text)} is a suggestion not "
                         "accepted; accept it first")


def check_argument(doc: Document, role: Role, span: Span) -> None:
    """EventError unless ``span`` can be an argument in ``role``: a label of ``doc`` with the
    role's label."""
    if not _in_document(doc, span):
        raise EventError(f"the {role.value} {describe(span)} is not a span of this document")
    wanted = ROLE_LABELS[role]
    if span.label != wanted:
        raise EventError(f"the role {role.value} takes {wanted} spans, not "
                         f"{describe(span, doc.text)}")
    if not span.is_label:
        raise EventError(f"the {role.value} {describe(span, doc.text)} is a suggestion not "
                         "accepted; accept it first")


def check_event(doc: Document, event: Event,
                types: Sequence[EventType] = DEFAULT_EVENT_TYPES) -> None:
    """EventError naming the first rule ``event`` breaks in ``doc``: its type is on the list,
    its trigger is an EVENT label of the document and no other event's trigger, each argument
    is a label of the document with its role's label, and no span is an argument twice."""
    event_type(event.type, types)
    check_trigger(doc, event.trigger)
    other = trigger_of(doc.events, event.trigger)
    if other is not None and other is not event and (event.id is None or other.id != event.id):
        raise EventError(f"{describe(event.trigger, doc.text)} is already the trigger of "
                         f"an event ({other.type}); a trigger has one event")
    seen: dict[Hashable, Role] = {}
    for argument in event.arguments:
        check_argument(doc, argument.role, argument.span)
        key = span_key(argument.span)
        if key in seen:
            raise EventError(f"{describe(argument.span, doc.text)} is already the "
                             f"{seen[key].value} of this event")
        seen[key] = argument.role


def check_events(doc: Document, types: Sequence[EventType] = DEFAULT_EVENT_TYPES) -> None:
    """:func:`check_event` for every event of ``doc``."""
    for event in doc.events:
        check_event(doc, event, types)


def trigger_of(events: Iterable[Event], span: Span) -> Event | None:
    """The event ``span`` triggers, if any."""
    key = span_key(span)
    return next((e for e in events if span_key(e.trigger) == key), None)


def on_spans(events: Iterable[Event], spans: Iterable[Span]) -> list[Event]:
    """``events`` naming the span objects of ``spans`` (by id) as they are now, as the project
    file would: an event whose trigger is not among them is gone, an argument whose span is
    not is left out."""
    by_id = {s.id: s for s in spans if s.id is not None}
    found: list[Event] = []
    for event in events:
        trigger = by_id.get(event.trigger.id) if event.trigger.id is not None else None
        if trigger is None:
            continue
        arguments = tuple(Argument(a.role, by_id[a.span.id]) for a in event.arguments
                          if a.span.id in by_id)
        found.append(event.with_(trigger=trigger, arguments=arguments))
    return found


def events_using(events: Iterable[Event], span: Span) -> list[Event]:
    """The events whose trigger or argument ``span`` is."""
    return [e for e in events if e.uses(span)]


# -- numbering for files -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Numbered:
    """The spans a file writes, in text order, named ``T1``, ``T2``...; the events it can
    write with them, named ``E1``, ``E2``... in their triggers' text order, each keeping only
    the arguments among those spans; and how many it cannot write.

    An event whose trigger is not written is left out (``events_left_out``); an argument
    whose span is not written (a label filter) is left out of its event
    (``arguments_left_out``).
    """

    spans: list[Span]
    ids: dict[Hashable, str]
    events: list[tuple[str, Event]]
    events_left_out: int = 0
    arguments_left_out: int = 0

    def id_of(self, span: Span) -> str:
        return self.ids[span_key(span)]


def numbered(spans: Iterable[Span], events: Iterable[Event]) -> Numbered:
    """Span ids and event ids for a file holding ``spans`` (see :class:`Numbered`)."""
    ordered = sorted(spans, key=in_text_order)
    ids = {span_key(s): f"T{n}" for n, s in enumerate(ordered, 1)}
    written: list[Event] = []
    left_out = arguments_left_out = 0
    for event in sorted(events, key=lambda e: (e.trigger.start, e.trigger.end)):
        if span_key(event.trigger) not in ids:
            left_out += 1
            continue
        kept = tuple(a for a in event.ordered_arguments() if span_key(a.span) in ids)
        arguments_left_out += len(event.arguments) - len(kept)
        written.append(event.with_(arguments=kept))
    return Numbered(ordered, ids, [(f"E{n}", e) for n, e in enumerate(written, 1)],
                    left_out, arguments_left_out)
