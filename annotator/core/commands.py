"""Undo as data: each edit is a command holding before and after, applied to a store.

The window wraps these in QUndoStack entries; the commands themselves know nothing of Qt,
so undo and redo are tested without a display and work across documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from annotator.core.errors import OverlapError
from annotator.core.events import Event
from annotator.core.model import Document, Span, Status, describe, find_overlap, in_text_order


class SpanStore(Protocol):
    """What commands need from the project. Every call commits before it returns.

    Spans are as an analyst sees them (:func:`annotator.core.analysts.view_of`): the store
    turns an edit of a shared suggestion, by ``span.annotator``, into that analyst's decision.
    """

    def insert_span(self, document_id: int, span: Span) -> Span:
        """Store ``span`` (keeping ``span.id`` when set) and return it with its id."""
        ...

    def update_span(self, span: Span) -> Span: ...

    def delete_span(self, span_id: int, analyst: str | None = None) -> None:
        """Remove a span; for a shared suggestion, ``analyst``'s decision about it."""
        ...

    def set_status(self, document_id: int, status: Status, analyst: str | None = None) -> None:
        """Set ``analyst``'s status of the document."""
        ...


class Command(Protocol):
    """An edit: applied and reverted on a store, and what it does to its document, worked out
    without a query (what the window shows after it, without reading the document again)."""

    document_id: int

    @property
    def text(self) -> str:
        """What the Edit menu says: ``label ACTOR «عباس عراقچی»``."""
        ...

    def apply(self, store: SpanStore) -> None: ...

    def revert(self, store: SpanStore) -> None: ...

    def documents(self) -> list[int]:
        """The documents it edits, in order (a bulk accept over a project: several)."""
        ...

    def status_after(self, applied: bool) -> Status | None:
        """The status it leaves its document in, applied (or reverted), when it sets one."""
        ...

    def spans_after(self, spans: Sequence[Span], applied: bool) -> list[Span]:
        """Its document's spans once it was applied (or reverted)."""
        ...

    def events_after(self, events: Sequence[Event], applied: bool) -> list[Event]:
        """Its document's events once it was applied (or reverted); they may name spans as
        they were (:func:`annotator.core.events.on_spans` names them anew)."""
        ...


class Effects:
    """What an edit of one document that sets no status and touches no event does; the
    commands override what they change."""

    document_id: int

    def documents(self) -> list[int]:
        return [self.document_id]

    def status_after(self, applied: bool) -> Status | None:
        return None

    def spans_after(self, spans: Sequence[Span], applied: bool) -> list[Span]:
        return list(spans)

    def events_after(self, events: Sequence[Event], applied: bool) -> list[Event]:
        return list(events)


class Steps(Effects):
    """Effects of a command made of others, applied in order and reverted backwards."""

    commands: Sequence[Any]

    def _steps(self, applied: bool) -> list[Any]:
        return list(self.commands) if applied else list(reversed(self.commands))

    def documents(self) -> list[int]:
        found: dict[int, None] = {}
        for step in self.commands:
            found.update(dict.fromkeys(step.documents()))
        return list(found) or [self.document_id]

    def status_after(self, applied: bool) -> Status | None:
        found = [s for s in (c.status_after(applied) for c in self._steps(applied))
                 if s is not None]
        return found[-1] if found else None

    def spans_after(self, spans: Sequence[Span], applied: bool) -> list[Span]:
        result = list(spans)
        for step in self._steps(applied):
            result = step.spans_after(result, applied)
        return result

    def events_after(self, events: Sequence[Event], applied: bool) -> list[Event]:
        result = list(events)
        for step in self._steps(applied):
            result = step.events_after(result, applied)
        return result


def _quote(span: Span, text: str) -> str:
    return f"«{text[span.start:span.end]}»"


@dataclass
class AddSpan(Effects):
    document_id: int
    span: Span
    doc_text: str = field(repr=False, default="")

    @property
    def text(self) -> str:
        return f"label {self.span.label} {_quote(self.span, self.doc_text)}"

    def apply(self, store: SpanStore) -> None:
        self.span = store.insert_span(self.document_id, self.span)

    def revert(self, store: SpanStore) -> None:
        assert self.span.id is not None
        store.delete_span(self.span.id)

    def spans_after(self, spans: Sequence[Span], applied: bool) -> list[Span]:
        kept = [s for s in spans if s.id != self.span.id]
        return sorted([*kept, self.span], key=in_text_order) if applied else kept


@dataclass
class DeleteSpan(Effects):
    document_id: int
    span: Span
    doc_text: str = field(repr=False, default="")

    @property
    def text(self) -> str:
        return f"delete {self.span.label} {_quote(self.span, self.doc_text)}"

    def apply(self, store: SpanStore) -> None:
        assert self.span.id is not None
        store.delete_span(self.span.id, self.span.annotator)

    def revert(self, store: SpanStore) -> None:
        self.span = store.insert_span(self.document_id, self.span)

    def spans_after(self, spans: Sequence[Span], applied: bool) -> list[Span]:
        kept = [s for s in spans if s.id != self.span.id]
        return kept if applied else sorted([*kept, self.span], key=in_text_order)


@dataclass
class ChangeSpan(Effects):
    """Relabel, move boundaries, or record a review decision on one span."""

    document_id: int
    before: Span
    after: Span
    verb: str = "relabel"
    doc_text: str = field(repr=False, default="")

    @property
    def text(self) -> str:
        if self.verb == "relabel":
            return (f"relabel {_quote(self.after, self.doc_text)} "
                    f"{self.before.label} → {self.after.label}")
        return f"{self.verb} {self.after.label} {_quote(self.after, self.doc_text)}"

    def apply(self, store: SpanStore) -> None:
        self.after = store.update_span(self.after)

    def revert(self, store: SpanStore) -> None:
        self.before = store.update_span(self.before)

    def spans_after(self, spans: Sequence[Span], applied: bool) -> list[Span]:
        now = self.after if applied else self.before
        return sorted((now if s.id == now.id else s for s in spans), key=in_text_order)


@dataclass
class SetStatus(Effects):
    """An analyst's status of a document (None: the document's own, before analysts)."""

    document_id: int
    before: Status
    after: Status
    analyst: str | None = None

    @property
    def text(self) -> str:
        return f"mark {self.after.value.replace('_', ' ')}"

    def apply(self, store: SpanStore) -> None:
        store.set_status(self.document_id, self.after, self.analyst)

    def revert(self, store: SpanStore) -> None:
        store.set_status(self.document_id, self.before, self.analyst)

    def status_after(self, applied: bool) -> Status | None:
        return self.after if applied else self.before


@dataclass
class Compound(Steps):
    """Several commands undone and redone as one (bulk accept, label-and-mark-in-progress)."""

    document_id: int
    commands: Sequence[Command]
    description: str

    @property
    def text(self) -> str:
        return self.description

    def apply(self, store: SpanStore) -> None:
        for command in self.commands:
            command.apply(store)

    def revert(self, store: SpanStore) -> None:
        for command in reversed(self.commands):
            command.revert(store)


def label_command(doc: Document, start: int, end: int, label: str,
                  annotator: str | None = None, curating: bool = False) -> Command:
    """The command that labels ``start..end`` of ``doc``, refusing an overlap.

    A selection exactly on an existing label relabels it; a new document's first label also
    moves it to ``in_progress``. ``curating``: ``doc`` holds its curated labels, and the new
    one is a curated label ``annotator`` labelled anew (no analyst made it; no status moves).
    """
    assert doc.id is not None
    if not 0 <= start < end <= len(doc.text):
        raise OverlapError(f"nothing to label at {start}..{end}")
    same = next((s for s in doc.spans if s.is_label and (s.start, s.end) == (start, end)), None)
    if same is not None:
        if same.label == label:
            raise OverlapError(f"already labelled {describe(same, doc.text)}")
        return ChangeSpan(doc.id, same, same.with_(label=label), "relabel", doc.text)
    clash = find_overlap(doc.spans, start, end)
    if clash is not None:
        raise OverlapError(
            f"«{doc.text[start:end]}» would overlap {describe(clash, doc.text)}"
        )
    add = AddSpan(doc.id, Span(start, end, label, annotator=annotator,
                               agreed=() if curating else None), doc.text)
    if doc.status == Status.NEW and not curating:
        return Compound(doc.id, [add, SetStatus(doc.id, Status.NEW, Status.IN_PROGRESS,
                                                annotator)], add.text)
    return add
