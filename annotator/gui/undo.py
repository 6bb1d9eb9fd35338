"""Undo and redo: QUndoStack entries wrapping the Qt-free commands of :mod:`core.commands`.

The undo state is the stack of core commands; no widget holds any. ``redo`` applies a command
to the project file (which commits), ``undo`` reverts it, and both tell the session which
document changed so it can show it, even when that is not the one on screen.

An edit the project file refused (full disk, read-only file) is taken off the stack, as it is
not in the file, and handed to the session as it was before it was tried, to be saved later
(:mod:`annotator.gui.project_file`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

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
from annotator.gui.label_names import shown_label


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
    if isinstance(command, Reverted):
        return translate("Edit", "undo {edit}").format(edit=describe(command.command))
    return command.text


@dataclass
class Reverted:
    """An undo made into an edit of its own: applying it reverts ``command``. (An undo the
    project file refused is saved later this way, as a new step on the stack.)"""

    command: Command
    document_id: int = field(init=False)

    def __post_init__(self) -> None:
        self.document_id = self.command.document_id

    @property
    def text(self) -> str:
        return f"undo {self.command.text}"

    def apply(self, store: SpanStore) -> None:
        self.command.revert(store)

    def revert(self, store: SpanStore) -> None:
        self.command.apply(store)


def pristine(command: Command) -> Command:
    """A copy of ``command`` as it is now, which applying the original does not change.

    Commands only rebind their fields when applied (a new span's id), and a compound one may
    get half way before the file refuses the rest and rolls all of it back: the copy is the
    edit as it was before it was tried, to try again.
    """
    if isinstance(command, Compound):
        return Compound(command.document_id, [pristine(c) for c in command.commands],
                        command.description)
    if isinstance(command, Reverted):
        return Reverted(pristine(command.command))
    return copy.copy(command)


class EditCommand(QUndoCommand):
    """One entry of the undo stack: a core command and the project file it edits.

    A compound command (a bulk accept) is applied in one transaction when the store offers
    them: all of it is stored or none, with one commit rather than one per span.
    """

    def __init__(self, command: Command, store: SpanStore,
                 changed: Callable[[Command, bool], None],
                 failed: Callable[[Command, bool, Exception], None],
                 text: str | None = None) -> None:
        super().__init__(text or describe(command))
        self.command = command
        self._store = store
        self._changed = changed
        self._failed = failed

    def _transaction(self) -> AbstractContextManager[object]:
        transaction = getattr(self._store, "transaction", None)
        inner = self.command.command if isinstance(self.command, Reverted) else self.command
        if isinstance(inner, Compound) and callable(transaction):
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


def documents_of(command: Command) -> list[int]:
    """The documents a command edits, in order (a project-wide bulk accept: several)."""
    if isinstance(command, Reverted):
        return documents_of(command.command)
    if isinstance(command, Compound):
        found: dict[int, None] = {}
        for step in command.commands:
            found.update(dict.fromkeys(documents_of(step)))
        return list(found) or [command.document_id]
    return [command.document_id]


def statuses_set(command: Command, applied: bool) -> Status | None:
    """The status a command leaves its document in, when it sets one."""
    if isinstance(command, Reverted):
        return statuses_set(command.command, not applied)
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
    if isinstance(command, Reverted):
        return spans_after(spans, command.command, not applied)
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
