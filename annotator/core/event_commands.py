"""Undo as data for events: commands that add, change and delete events, and span edits that
keep the document's events true (see :mod:`annotator.core.commands`).

The builders check the rules first (:mod:`annotator.core.events`) and raise EventError with a
message for the analyst; the commands themselves only apply and revert. Their store is an
:class:`EventStore`: the project file's span methods and three for events.

**Deleting a span** (:func:`with_events`): the events using it change with it, in one
undoable step. An argument span leaves its events; a trigger takes its event with it (an event
without its trigger says nothing). Relabelling a span, or rejecting a suggestion, does the same
where the span no longer fits: a trigger that stops being an EVENT label deletes its event, an
argument whose new label its role does not take leaves the event.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from annotator.core.commands import (
    ChangeSpan,
    Command,
    Compound,
    DeleteSpan,
    Effects,
    SpanStore,
    Steps,
)
from annotator.core.errors import EventError
from annotator.core.events import (
    DEFAULT_EVENT_TYPES,
    ROLE_LABELS,
    TRIGGER_LABEL,
    Argument,
    Event,
    EventType,
    Role,
    check_argument,
    check_trigger,
    event_type,
    events_using,
    same_span,
    trigger_of,
)
from annotator.core.model import Document, Span, Status, describe


class EventStore(SpanStore, Protocol):
    """What event commands need from the project file, besides its span methods. Every call
    commits before it returns (a compound command may wrap them in one transaction)."""

    def insert_event(self, document_id: int, event: Event) -> Event:
        """Store ``event`` and its arguments (keeping ``event.id`` when set), naming its spans
        by ``span.id``; return it with its id."""
        ...

    def update_event(self, event: Event) -> Event:
        """Replace the type and the arguments of the stored event ``event.id``."""
        ...

    def delete_event(self, event_id: int) -> None:
        """Remove the event and its arguments; their spans stay."""
        ...


class EventCommand(Protocol):
    """A command on an :class:`EventStore`. Span commands are event commands too (they need
    less of the store); what one does to its document is said as a span command says it
    (:class:`annotator.core.commands.Command`)."""

    document_id: int

    @property
    def text(self) -> str: ...

    def apply(self, store: EventStore) -> None: ...

    def revert(self, store: EventStore) -> None: ...

    def documents(self) -> list[int]: ...

    def status_after(self, applied: bool) -> Status | None: ...

    def spans_after(self, spans: Sequence[Span], applied: bool) -> list[Span]: ...

    def events_after(self, events: Sequence[Event], applied: bool) -> list[Event]: ...


def _quote(span: Span, text: str) -> str:
    return f"«{text[span.start:span.end]}»" if text else ""


@dataclass
class AddEvent(Effects):
    document_id: int
    event: Event
    doc_text: str = field(repr=False, default="")

    @property
    def text(self) -> str:
        return f"add event {self.event.type} {_quote(self.event.trigger, self.doc_text)}"

    def apply(self, store: EventStore) -> None:
        self.event = store.insert_event(self.document_id, self.event)

    def revert(self, store: EventStore) -> None:
        assert self.event.id is not None
        store.delete_event(self.event.id)

    def events_after(self, events: Sequence[Event], applied: bool) -> list[Event]:
        kept = [e for e in events if e.id != self.event.id]
        return _by_id([*kept, self.event]) if applied else kept


@dataclass
class DeleteEvent(Effects):
    document_id: int
    event: Event
    doc_text: str = field(repr=False, default="")

    @property
    def text(self) -> str:
        return f"delete event {self.event.type} {_quote(self.event.trigger, self.doc_text)}"

    def apply(self, store: EventStore) -> None:
        assert self.event.id is not None
        store.delete_event(self.event.id)

    def revert(self, store: EventStore) -> None:
        self.event = store.insert_event(self.document_id, self.event)

    def events_after(self, events: Sequence[Event], applied: bool) -> list[Event]:
        kept = [e for e in events if e.id != self.event.id]
        return kept if applied else _by_id([*kept, self.event])


@dataclass
class ChangeEvent(Effects):
    """A new type, or an argument added or taken out: the event before and after."""

    document_id: int
    before: Event
    after: Event
    description: str = "change event"
    doc_text: str = field(repr=False, default="")

    @property
    def text(self) -> str:
        return self.description

    def apply(self, store: EventStore) -> None:
        self.after = store.update_event(self.after)

    def revert(self, store: EventStore) -> None:
        self.before = store.update_event(self.before)

    def events_after(self, events: Sequence[Event], applied: bool) -> list[Event]:
        now = self.after if applied else self.before
        return [now if e.id == now.id else e for e in events]


@dataclass
class EventCompound(Steps):
    """Several commands undone and redone as one: a span deleted with the events it was in."""

    document_id: int
    commands: Sequence[EventCommand]
    description: str

    @property
    def text(self) -> str:
        return self.description

    def apply(self, store: EventStore) -> None:
        for command in self.commands:
            command.apply(store)

    def revert(self, store: EventStore) -> None:
        for command in reversed(self.commands):
            command.revert(store)


def _by_id(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: e.id or 0)


@dataclass
class Reverted(Steps):
    """An undo made into an edit of its own: applying it reverts ``command``. (An undo the
    project could not take is saved later this way, as a new step on the stack.)"""

    command: EventCommand
    document_id: int = field(init=False)

    def __post_init__(self) -> None:
        self.document_id = self.command.document_id
        self.commands = [self.command]

    @property
    def text(self) -> str:
        return f"undo {self.command.text}"

    def apply(self, store: EventStore) -> None:
        self.command.revert(store)

    def revert(self, store: EventStore) -> None:
        self.command.apply(store)

    def status_after(self, applied: bool) -> Status | None:
        return self.command.status_after(not applied)

    def spans_after(self, spans: Sequence[Span], applied: bool) -> list[Span]:
        return self.command.spans_after(spans, not applied)

    def events_after(self, events: Sequence[Event], applied: bool) -> list[Event]:
        return self.command.events_after(events, not applied)


def pristine(command: EventCommand) -> EventCommand:
    """A copy of ``command`` as it is now, which applying the original does not change.

    Commands only rebind their fields when applied (a new span's id), and a compound one may
    get half way before the store refuses the rest and rolls all of it back: the copy is the
    edit as it was before it was tried, to try again.
    """
    if isinstance(command, Compound):
        return Compound(command.document_id,
                        [pristine(c) for c in command.commands],  # type: ignore[misc]
                        command.description)
    if isinstance(command, EventCompound):
        return EventCompound(command.document_id, [pristine(c) for c in command.commands],
                             command.description)
    if isinstance(command, Reverted):
        return Reverted(pristine(command.command))
    return copy.copy(command)


# -- builders ------------------------------------------------------------------------------

def _stored(doc: Document) -> int:
    if doc.id is None:
        raise ValueError("commands edit stored documents")
    return doc.id


def _stored_event(doc: Document, event: Event) -> Event:
    """The document's own copy of ``event`` (EventError when it is not one of its events)."""
    if event.id is not None:
        for own in doc.events:
            if own.id == event.id:
                return own
    raise EventError(f"event {event.type} {describe(event.trigger, doc.text)} is not an event "
                     "of this document")


def add_event_command(doc: Document, trigger: Span, type_name: str,
                      types: Sequence[EventType] = DEFAULT_EVENT_TYPES,
                      annotator: str | None = None) -> EventCommand:
    """The command that makes ``trigger`` (an EVENT label of ``doc``) the trigger of a new
    event of type ``type_name``, with no arguments yet."""
    document_id = _stored(doc)
    event_type(type_name, types)
    check_trigger(doc, trigger)
    if trigger_of(doc.events, trigger) is not None:
        raise EventError(f"{describe(trigger, doc.text)} is already the trigger of an event")
    return AddEvent(document_id, Event(trigger, type_name, annotator=annotator), doc.text)


def set_type_command(doc: Document, event: Event, type_name: str,
                     types: Sequence[EventType] = DEFAULT_EVENT_TYPES) -> EventCommand:
    """The command that gives ``event`` another type."""
    document_id = _stored(doc)
    before = _stored_event(doc, event)
    event_type(type_name, types)
    if before.type == type_name:
        raise EventError(f"the event is already {type_name}")
    return ChangeEvent(document_id, before, before.with_(type=type_name),
                       f"event {_quote(before.trigger, doc.text)} {before.type} → {type_name}",
                       doc.text)


def add_argument_command(doc: Document, event: Event, role: Role,
                         span: Span) -> EventCommand:
    """The command that adds ``span`` to ``event`` in ``role``, checking that it is a label of
    the same document with the role's label and not already one of its arguments."""
    return add_arguments_command(doc, event, [(role, span)])


def add_arguments_command(doc: Document, event: Event,
                          added: Sequence[tuple[Role, Span]]) -> EventCommand:
    """The command that adds each ``(role, span)`` to ``event`` as one step (a frame's
    suggested arguments taken together), each checked as :func:`add_argument_command` checks
    one."""
    document_id = _stored(doc)
    before = _stored_event(doc, event)
    arguments = list(before.arguments)
    for role, span in added:
        check_argument(doc, role, span)
        for argument in arguments:
            if same_span(argument.span, span):
                raise EventError(f"{describe(span, doc.text)} is already the "
                                 f"{argument.role.value} of this event")
        arguments.append(Argument(role, span))
    if not added:
        raise EventError("no argument to add to this event")
    after = before.with_(arguments=tuple(arguments))
    what = ", ".join(f"{role.value} {_quote(span, doc.text)}" for role, span in added)
    return ChangeEvent(document_id, before, after,
                       f"{what} of {before.type} {_quote(before.trigger, doc.text)}", doc.text)


def remove_argument_command(doc: Document, event: Event, span: Span) -> EventCommand:
    """The command that takes ``span`` out of ``event``'s arguments."""
    document_id = _stored(doc)
    before = _stored_event(doc, event)
    found = next((a for a in before.arguments if same_span(a.span, span)), None)
    if found is None:
        raise EventError(f"{describe(span, doc.text)} is not an argument of this event")
    return ChangeEvent(document_id, before, before.without(span),
                       f"remove {found.role.value} {_quote(span, doc.text)} from "
                       f"{before.type} {_quote(before.trigger, doc.text)}", doc.text)


def delete_event_command(doc: Document, event: Event) -> EventCommand:
    """The command that deletes ``event`` (its spans stay)."""
    return DeleteEvent(_stored(doc), _stored_event(doc, event), doc.text)


def _fits(event: Event, span: Span, label: str | None) -> Event | None:
    """``event`` once ``span`` has ``label`` (None: once it is gone or no longer a label):
    itself, without the arguments that no longer fit, or None when its trigger no longer
    fits."""
    if same_span(event.trigger, span):
        return event if label == TRIGGER_LABEL else None
    kept = tuple(a for a in event.arguments
                 if not same_span(a.span, span) or ROLE_LABELS[a.role] == label)
    return event if len(kept) == len(event.arguments) else event.with_(arguments=kept)


def _event_steps(doc: Document, span: Span, label: str | None) -> list[EventCommand]:
    document_id = _stored(doc)
    steps: list[EventCommand] = []
    for event in events_using(doc.events, span):
        after = _fits(event, span, label)
        if after is None:
            steps.append(DeleteEvent(document_id, event, doc.text))
        elif after is not event:
            steps.append(ChangeEvent(document_id, event, after,
                                     f"remove {_quote(span, doc.text)} from {event.type} "
                                     f"{_quote(event.trigger, doc.text)}", doc.text))
    return steps


def with_events(doc: Document, command: Command) -> EventCommand:
    """``command`` (a span edit on ``doc``) together with what it does to the document's
    events, as one undoable step; ``command`` itself when it touches none.

    Deleting a span takes it out of its events, and deletes the event it triggers; a relabel,
    or a review that stops a suggestion being a label, does the same where the span no
    longer fits (see the module's docstring). The event changes come first, so that undoing
    puts the span back before the events that name it.
    """
    if isinstance(command, Compound):
        parts = [with_events(doc, c) for c in command.commands]
        if all(p is c for p, c in zip(parts, command.commands, strict=True)):
            return command
        return EventCompound(command.document_id, parts, command.description)
    if isinstance(command, DeleteSpan):
        steps = _event_steps(doc, command.span, None)
    elif isinstance(command, ChangeSpan):
        label = command.after.label if command.after.is_label else None
        steps = [] if label == command.before.label else _event_steps(doc, command.before,
                                                                      label)
    else:
        return command
    if not steps:
        return command
    return EventCompound(command.document_id, [*steps, command], command.text)


def delete_span_command(doc: Document, span: Span) -> EventCommand:
    """The command that deletes ``span`` and takes it out of the document's events (deleting
    the event it triggers), as one step."""
    return with_events(doc, DeleteSpan(_stored(doc), span, doc.text))


# -- edits kept while they could not be saved ----------------------------------------------

def _moved(current: Event, before: Event, after: Event) -> Event:
    """``current`` with what changed from ``before`` to ``after``: the type, if it changed,
    and the arguments added and taken out (the others as ``current`` has them)."""
    taken = [a for a in before.arguments
             if not any(same_span(a.span, b.span) for b in after.arguments)]
    added = [a for a in after.arguments
             if not any(same_span(a.span, b.span) for b in before.arguments)]
    kept = [a for a in current.arguments
            if not any(same_span(a.span, t.span) for t in taken)]
    kept += [a for a in added if not any(same_span(a.span, k.span) for k in kept)]
    kind = after.type if after.type != before.type else current.type
    return current.with_(type=kind, arguments=tuple(kept))


def rebased(command: EventCommand, events: Sequence[Event],
            applied: bool = True) -> EventCommand:
    """``command`` made again on the events its document has now (``events``), to be applied
    (or, ``applied`` false, reverted).

    An edit the project could not save is kept and saved later; others may have been saved
    meanwhile. A :class:`ChangeEvent` writes the whole event, so one built on what the event
    was would undo them: made again, it changes only what it changed (its type, the arguments
    it added or took out). A deletion takes the event as it is now, so that undoing it brings
    that back.
    """
    now: dict[int | None, Event] = {e.id: e for e in events if e.id is not None}
    if isinstance(command, EventCompound):
        return EventCompound(command.document_id,
                             [rebased(c, events, applied) for c in command.commands],
                             command.description)
    if isinstance(command, ChangeEvent):
        current = now.get(command.before.id)
        if current is None:
            return command
        if applied:
            return ChangeEvent(command.document_id, current,
                               _moved(current, command.before, command.after),
                               command.description, command.doc_text)
        return ChangeEvent(command.document_id, _moved(current, command.after, command.before),
                           current, command.description, command.doc_text)
    takes_event = isinstance(command, DeleteEvent if applied else AddEvent)
    if isinstance(command, AddEvent | DeleteEvent) and takes_event:
        current = now.get(command.event.id)
        if current is None:
            return command
        return type(command)(command.document_id, current, command.doc_text)
    return command
