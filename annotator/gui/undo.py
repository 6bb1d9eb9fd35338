"""Undo and redo: QUndoStack entries wrapping the Qt-free commands of :mod:`core.commands`.

The undo state is the stack of core commands; no widget holds any. ``redo`` applies a command
to the project file (which commits), ``undo`` reverts it, and both tell the session which
document changed so it can show it, even when that is not the one on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from annotator.core.commands import (
    AddSpan,
    ChangeSpan,
    Command,
    Compound,
    DeleteSpan,
    SetStatus,
    SpanStore,
)
from annotator.core.model import Span, Status


def status_name(status: Status) -> str:
    names = {
        Status.NEW: QCoreApplication.translate("Status", "new"),
        Status.IN_PROGRESS: QCoreApplication.translate("Status", "in progress"),
        Status.DONE: QCoreApplication.translate("Status", "done"),
        Status.REVIEWED: QCoreApplication.translate("Status", "reviewed"),
    }
    return names[status]


def _quoted(span: Span, text: str) -> str:
    return f"«{text[span.start:span.end]}»"


def describe(command: Command) -> str:
    """What the Edit menu says, in the interface language: ``label ACTOR «عباس عراقچی»``."""
    translate = QCoreApplication.translate
    if isinstance(command, AddSpan):
        return translate("Edit", "label {label} {text}").format(
            label=command.span.label, text=_quoted(command.span, command.doc_text))
    if isinstance(command, DeleteSpan):
        return translate("Edit", "delete {label} {text}").format(
            label=command.span.label, text=_quoted(command.span, command.doc_text))
    if isinstance(command, ChangeSpan):
        after, before = command.after, command.before
        text = _quoted(after, command.doc_text)
        if command.verb == "relabel":
            return translate("Edit", "relabel {text} {before} → {after}").format(
                text=text, before=before.label, after=after.label)
        if command.verb == "accept":
            return translate("Edit", "accept {label} {text}").format(label=after.label,
                                                                     text=text)
        if command.verb == "accept as":
            return translate("Edit", "accept {text} as {after} (suggested {before})").format(
                text=text, after=after.label, before=before.label)
        if command.verb == "accept with new boundaries":
            return translate("Edit", "accept {label} {text} with new boundaries").format(
                label=after.label, text=text)
        if command.verb == "reject":
            return translate("Edit", "reject {label} {text}").format(
                label=before.label, text=_quoted(before, command.doc_text))
        return command.text
    if isinstance(command, SetStatus):
        return translate("Edit", "mark {status}").format(status=status_name(command.after))
    if isinstance(command, Compound) and command.commands:
        return describe(command.commands[0])
    return command.text


class EditCommand(QUndoCommand):
    """One entry of the undo stack: a core command and the project file it edits.

    A compound command (a bulk accept) is applied in one transaction when the store offers
    them: all of it is stored or none, with one commit rather than one per span.
    """

    def __init__(self, command: Command, store: SpanStore,
                 changed: Callable[[Command, bool], None],
                 failed: Callable[[str], None], text: str | None = None) -> None:
        super().__init__(text or describe(command))
        self.command = command
        self._store = store
        self._changed = changed
        self._failed = failed

    def _transaction(self) -> AbstractContextManager[object]:
        transaction = getattr(self._store, "transaction", None)
        if isinstance(self.command, Compound) and callable(transaction):
            return transaction()
        return nullcontext()

    def redo(self) -> None:
        try:
            with self._transaction():
                self.command.apply(self._store)
        except Exception as exc:  # storage errors too: a message, never a traceback
            self.setObsolete(True)
            self._failed(str(exc))
            return
        self._changed(self.command, True)

    def undo(self) -> None:
        try:
            with self._transaction():
                self.command.revert(self._store)
        except Exception as exc:  # storage errors too: a message, never a traceback
            self.setObsolete(True)
            self._failed(str(exc))
            return
        self._changed(self.command, False)


def documents_of(command: Command) -> list[int]:
    """The documents a command edits, in order (a project-wide bulk accept: several)."""
    if isinstance(command, Compound):
        found: dict[int, None] = {}
        for step in command.commands:
            found.update(dict.fromkeys(documents_of(step)))
        return list(found) or [command.document_id]
    return [command.document_id]


def statuses_set(command: Command, applied: bool) -> Status | None:
    """The status a command leaves its document in, when it sets one."""
    if isinstance(command, SetStatus):
        return command.after if applied else command.before
    if isinstance(command, Compound):
        found = [statuses_set(c, applied) for c in command.commands]
        found = [s for s in found if s is not None]
        if found:
            return found[-1] if applied else found[0]
    return None


def spans_after(spans: list[Span], command: Command, applied: bool) -> list[Span] | None:
    """The open document's spans once ``command`` was applied (or reverted), worked out
    without a query; None for a command this does not know (the caller reloads)."""
    if isinstance(command, Compound):
        steps = command.commands if applied else list(reversed(command.commands))
        result: list[Span] | None = list(spans)
        for step in steps:
            if result is None:
                return None
            result = spans_after(result, step, applied)
        return result
    if isinstance(command, SetStatus):
        return list(spans)
    if isinstance(command, AddSpan | DeleteSpan):
        adds = isinstance(command, AddSpan) == applied
        kept = [s for s in spans if s.id != command.span.id]
        return sorted([*kept, command.span], key=_order) if adds else kept
    if isinstance(command, ChangeSpan):
        now = command.after if applied else command.before
        return sorted([now if s.id == now.id else s for s in spans], key=_order)
    return None


def _order(span: Span) -> tuple[int, int]:
    return span.start, span.end
