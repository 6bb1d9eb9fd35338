"""Undo and redo: QUndoStack entries wrapping the Qt-free commands of :mod:`core.commands`.

The undo state is the stack of core commands; no widget holds any. ``redo`` applies a command
to the project file (which commits), ``undo`` reverts it, and both tell the session which
document changed so it can show it, even when that is not the one on screen.

An edit the project file refused (full disk, read-only file) is taken off the stack, as it is
not in the file, and handed to the session as it was before it was tried, to be saved later
(:mod:`annotator.gui.project_file`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from annotator.core.commands import (
    AddSpan,
    ChangeSpan,
    Compound,
    DeleteSpan,
    SetStatus,
)
from annotator.core.event_commands import (
    AddEvent,
    ChangeEvent,
    DeleteEvent,
    EventCommand,
    EventCompound,
    EventStore,
    Reverted,
    pristine,
)
from annotator.core.events import Role, same_span
from annotator.core.model import Span, Status
from annotator.gui.label_names import shown_label

# What the undo stack holds: span commands, event commands, and compounds of both.
EVENT_STEPS = (AddEvent, DeleteEvent, ChangeEvent)


def status_name(status: Status) -> str:
    names = {
        Status.NEW: QCoreApplication.translate("Status", "new"),
        Status.IN_PROGRESS: QCoreApplication.translate("Status", "in progress"),
        Status.DONE: QCoreApplication.translate("Status", "done"),
        Status.REVIEWED: QCoreApplication.translate("Status", "reviewed"),
    }
    return names[status]


def role_name(role: Role) -> str:
    """A role in the interface language."""
    names = {
        Role.ACTOR: QCoreApplication.translate("Role", "actor"),
        Role.RECIPIENT: QCoreApplication.translate("Role", "recipient"),
        Role.LOCATION: QCoreApplication.translate("Role", "location"),
    }
    return names[role]


def _quoted(span: Span, text: str) -> str:
    return f"«{text[span.start:span.end]}»" if text else ""


def _main_step(command: EventCompound) -> object:
    """What an event compound is about: its span edit (a span deleted with the events it was
    in), or its first step when it is all event edits."""
    for step in command.commands:
        if isinstance(step, EventCompound):
            return _main_step(step)
        if not isinstance(step, EVENT_STEPS):
            return step
    return command.commands[0]


def _describe_event(command: object) -> str | None:
    translate = QCoreApplication.translate
    if isinstance(command, AddEvent | DeleteEvent):
        event = command.event
        text = (translate("Edit", "add event {type} {text}") if isinstance(command, AddEvent)
                else translate("Edit", "delete event {type} {text}"))
        return text.format(type=event.type, text=_quoted(event.trigger, command.doc_text))
    if isinstance(command, ChangeEvent):
        before, after, doc_text = command.before, command.after, command.doc_text
        trigger = _quoted(before.trigger, doc_text)
        if before.type != after.type:
            return translate("Edit", "event {text} {before} → {after}").format(
                text=trigger, before=before.type, after=after.type)
        added = [a for a in after.arguments
                 if not any(same_span(a.span, b.span) for b in before.arguments)]
        removed = [b for b in before.arguments
                   if not any(same_span(b.span, a.span) for a in after.arguments)]
        if len(added) == 1 and not removed:
            return translate("Edit", "{role} {text} of {type} {trigger}").format(
                role=role_name(added[0].role), text=_quoted(added[0].span, doc_text),
                type=before.type, trigger=trigger)
        if len(removed) == 1 and not added:
            return translate("Edit", "remove {role} {text} from {type} {trigger}").format(
                role=role_name(removed[0].role), text=_quoted(removed[0].span, doc_text),
                type=before.type, trigger=trigger)
        return command.text
    return None


def describe(command: EventCommand) -> str:
    """What the Edit menu says, in the interface language: ``label ACTOR «عباس عراقچی»``."""
    translate = QCoreApplication.translate
    if isinstance(command, AddSpan):
        return translate("Edit", "label {label} {text}").format(
            label=shown_label(command.span.label), text=_quoted(command.span, command.doc_text))
    if isinstance(command, DeleteSpan):
        return translate("Edit", "delete {label} {text}").format(
            label=shown_label(command.span.label), text=_quoted(command.span, command.doc_text))
    if isinstance(command, ChangeSpan):
        after, before = command.after, command.before
        text = _quoted(after, command.doc_text)
        if command.verb == "relabel":
            return translate("Edit", "relabel {text} {before} → {after}").format(
                text=text, before=shown_label(before.label),
                after=shown_label(after.label))
        if command.verb == "accept":
            return translate("Edit", "accept {label} {text}").format(
                label=shown_label(after.label), text=text)
        if command.verb == "accept as":
            return translate("Edit", "accept {text} as {after} (suggested {before})").format(
                text=text, after=shown_label(after.label), before=shown_label(before.label))
        if command.verb == "accept with new boundaries":
            return translate("Edit", "accept {label} {text} with new boundaries").format(
                label=shown_label(after.label), text=text)
        if command.verb == "reject":
            return translate("Edit", "reject {label} {text}").format(
                label=shown_label(before.label), text=_quoted(before, command.doc_text))
        return command.text
    if isinstance(command, SetStatus):
        return translate("Edit", "mark {status}").format(status=status_name(command.after))
    if isinstance(command, Compound) and command.commands:
        return describe(command.commands[0])
    if isinstance(command, EventCompound) and command.commands:
        return describe(_main_step(command))  # type: ignore[arg-type]
    event_text = _describe_event(command)
    if event_text is not None:
        return event_text
    if isinstance(command, Reverted):
        return translate("Edit", "undo {edit}").format(edit=describe(command.command))
    return command.text


class EditCommand(QUndoCommand):
    """One entry of the undo stack: a core command and the project file it edits.

    A compound command (a bulk accept, a span deleted with the events it was in) is applied
    in one transaction when the store offers them: all of it is stored or none, with one
    commit rather than one per span.
    """

    def __init__(self, command: EventCommand, store: EventStore,
                 changed: Callable[[EventCommand, bool], None],
                 failed: Callable[[EventCommand, bool, Exception], None],
                 text: str | None = None) -> None:
        super().__init__(text or describe(command))
        self.command = command
        self._store = store
        self._changed = changed
        self._failed = failed

    def _transaction(self) -> AbstractContextManager[object]:
        transaction = getattr(self._store, "transaction", None)
        inner = self.command.command if isinstance(self.command, Reverted) else self.command
        if isinstance(inner, Compound | EventCompound) and callable(transaction):
            return transaction()
        return nullcontext()

    def redo(self) -> None:
        self._run(True)

    def undo(self) -> None:
        self._run(False)

    def _run(self, apply: bool) -> None:
        """Apply (or revert) the command; one the file refuses leaves the stack (obsolete)
        and goes to ``failed`` as it was before it was tried (``apply`` says which way)."""
        before = pristine(self.command)
        try:
            with self._transaction():
                if apply:
                    self.command.apply(self._store)
                else:
                    self.command.revert(self._store)
        except Exception as exc:  # storage errors too: a message, never a traceback
            self.setObsolete(True)
            self._failed(before, apply, exc)
            return
        self._changed(self.command, apply)
