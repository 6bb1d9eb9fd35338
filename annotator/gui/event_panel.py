"""The open document's events, under the span list: each event's type and trigger, and under
it its arguments by role; the open frame bold and selected. Above them, while a type is being
chosen, a box that takes the type's first letters (its Persian name's in the Persian
interface, or its name's) and the types they match.

The panel only shows and reports: choosing, clicking an event (open its frame) or an argument
(select its span). What is done with that is :class:`annotator.gui.events.EventEditor`'s.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.events import EventType, Role, type_for_prefix, types_for_prefix
from annotator.core.model import Document, Span
from annotator.gui.document_list import BidiDelegate
from annotator.gui.undo import role_name
from annotator.suggest.frames import ArgumentSuggestion, TypeSuggestion

FRAME_COLOR = QColor("#6a4c93")  # the open frame, here and in the article
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1  # an event item's Event
SPAN_ROLE = Qt.ItemDataRole.UserRole + 2  # an argument item's Span
SUGGESTED_COLOR = QColor("#808080")  # a suggested argument, not in the frame yet


def persian_interface() -> bool:
    return QLocale().language() == QLocale.Language.Persian


def type_text(name: str, types: Sequence[EventType], persian: bool | None = None) -> str:
    """An event type as the interface shows it: ``رایزنی (CONSULT)`` in the Persian interface
    (for a type with a Persian name), ``CONSULT`` otherwise."""
    if persian is None:
        persian = persian_interface()
    kind = next((t for t in types if t.name == name), None)
    if persian and kind is not None and kind.persian:
        return f"{kind.persian} ({kind.name})"
    return name


def short_type_text(name: str, types: Sequence[EventType]) -> str:
    """An event type in few letters (the article's tag on a trigger): its Persian name in the
    Persian interface, else its name."""
    kind = next((t for t in types if t.name == name), None)
    if persian_interface() and kind is not None and kind.persian:
        return kind.persian
    return name


def quoted(span: Span, text: str) -> str:
    return "«" + text[span.start:span.end].replace("\n", " ") + "»"


class TypeChooser(QLineEdit):
    """The box a type is typed into: Up and Down move in the list of matches, Enter chooses,
    Escape gives up."""

    moved = Signal(int)
    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moved.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class EventPanel(QWidget):
    eventActivated = Signal(object)  # Event: open its frame
    spanActivated = Signal(object)  # Span: select it in the article
    typeChosen = Signal(str)  # the name of the type chosen
    choosingCancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventPanel")
        self.heading = QLabel(self)
        self.heading.setObjectName("eventHeading")
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.chooser = TypeChooser(self)
        self.chooser.setObjectName("eventTypeChooser")
        self.chooser.setPlaceholderText(self.tr("Type the event type's first letters"))
        self.matches = QListWidget(self)
        self.matches.setObjectName("eventTypeList")
        self.matches.setMaximumHeight(130)
        self.frames = QTreeWidget(self)
        self.frames.setObjectName("eventFrames")
        self.frames.setColumnCount(2)
        self.frames.setHeaderHidden(True)
        self.frames.setRootIsDecorated(False)
        self.frames.setIndentation(14)
        self.frames.setItemDelegateForColumn(1, BidiDelegate(self.frames))
        self.frames.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.frames.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.frames.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("eventHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.heading)
        layout.addWidget(self.chooser)
        layout.addWidget(self.matches)
        layout.addWidget(self.frames, 1)
        layout.addWidget(self.hint)
        self._types: tuple[EventType, ...] = ()
        self._suggested: tuple[TypeSuggestion, ...] = ()
        self._shown: object = None
        self.chooser.hide()
        self.matches.hide()
        self.chooser.textEdited.connect(self._filter)
        self.chooser.returnPressed.connect(self._choose)
        self.chooser.moved.connect(self._move)
        self.chooser.cancelled.connect(self._cancel)
        self.matches.itemActivated.connect(self._emit_chosen)
        self.matches.itemClicked.connect(self._emit_chosen)
        self.frames.itemClicked.connect(self._clicked)
        self.show_events(None, None, ())

    # -- the document's events -------------------------------------------------------------

    def show_events(self, doc: Document | None, open_id: int | None,
                    types: Sequence[EventType],
                    suggested: Sequence[ArgumentSuggestion] = ()) -> None:
        """Show ``doc``'s events, the one ``open_id`` names as the open frame, with the
        arguments ``suggested`` for it (greyed, after its own). Nothing is rebuilt when nothing
        shown changed (an edit of a span no event uses)."""
        events = doc.events if doc is not None else []
        text = doc.text if doc is not None else ""
        shown = (doc.id if doc is not None else None, open_id, tuple(types), text and tuple(
            (e.id, e.type, e.trigger.start, e.trigger.end,
             tuple((a.role, a.span.start, a.span.end) for a in e.ordered_arguments()))
            for e in events), tuple((a.role, a.span.start, a.span.end, a.count, a.of)
                                    for a in suggested))
        if shown == self._shown:
            return
        self._shown = shown
        locale = QLocale()
        self.heading.setText(self.tr("Events ({n})").format(n=locale.toString(len(events))))
        self.frames.clear()
        current: QTreeWidgetItem | None = None
        for event in events:
            item = QTreeWidgetItem([type_text(event.type, types), quoted(event.trigger, text)])
            item.setData(0, EVENT_ROLE, event)
            item.setData(1, SPAN_ROLE, event.trigger)
            if event.id == open_id:
                bold = QFont(self.font())
                bold.setBold(True)
                for column in (0, 1):
                    item.setFont(column, bold)
                    item.setForeground(column, FRAME_COLOR)
                current = item
            for argument in event.ordered_arguments():
                child = QTreeWidgetItem([role_name(argument.role),
                                         quoted(argument.span, text)])
                child.setData(0, EVENT_ROLE, event)
                child.setData(1, SPAN_ROLE, argument.span)
                item.addChild(child)
            if event.id == open_id:
                for offered in suggested:
                    child = QTreeWidgetItem([
                        self.tr("{role}?").format(role=role_name(offered.role)),
                        self.tr("{text} (suggested: {n} of {m})").format(
                            text=quoted(offered.span, text), n=locale.toString(offered.count),
                            m=locale.toString(offered.of))])
                    for column in (0, 1):
                        child.setForeground(column, SUGGESTED_COLOR)
                    child.setData(0, EVENT_ROLE, event)
                    child.setData(1, SPAN_ROLE, offered.span)
                    item.addChild(child)
            missing = [r for r in Role if not event.in_role(r)
                       and not any(a.role == r for a in suggested)]
            if event.id == open_id and missing:
                names = "، ".join(role_name(r) for r in missing) if persian_interface() \
                    else ", ".join(role_name(r) for r in missing)
                hint = QTreeWidgetItem([self.tr("no {roles} yet").format(roles=names), ""])
                hint.setForeground(0, QColor("#808080"))
                hint.setData(0, EVENT_ROLE, event)
                item.addChild(hint)
            self.frames.addTopLevelItem(item)
        self.frames.expandAll()
        if current is not None:
            self.frames.setCurrentItem(current)
        else:
            self.frames.clearSelection()
        self.hint.setText(self.tr(
            "E on an EVENT span: its frame (type the type's first letters, Enter). Then, "
            "with the caret in a span: J actor, K recipient, L location, O takes it out;"
            " Shift+Delete deletes the event, Esc closes the frame.") + (
            " " + self.tr("Shift+E takes the suggested arguments (greyed).") if suggested
            else "") if doc is not None else "")

    def open_item(self) -> QTreeWidgetItem | None:
        """The open frame's item (what the tests read)."""
        item = self.frames.currentItem()
        return item if item is not None and item.parent() is None else None

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        event = item.data(0, EVENT_ROLE)
        if event is None:
            return
        self.eventActivated.emit(event)
        span = item.data(1, SPAN_ROLE)
        if item.parent() is not None and span is not None:
            self.spanActivated.emit(span)

    # -- choosing a type -------------------------------------------------------------------

    @property
    def choosing(self) -> bool:
        return self.chooser.isVisible()

    def choose_type(self, types: Sequence[EventType], current: str | None = None,
                    suggested: Sequence[TypeSuggestion] = ()) -> None:
        """Show the chooser with every type, the ``suggested`` ones first (the first of them
        chosen) and marked, ``current`` chosen when there is one, and focus it."""
        self._types = tuple(types)
        self._suggested = tuple(suggested)
        self.chooser.clear()
        self.chooser.show()
        self.matches.show()
        self._filter("")
        if current is not None:
            for row in range(self.matches.count()):
                if self.matches.item(row).data(Qt.ItemDataRole.UserRole) == current:
                    self.matches.setCurrentRow(row)
        self.chooser.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def stop_choosing(self) -> None:
        self.chooser.hide()
        self.matches.hide()
        self.chooser.clear()

    def _filter(self, typed: str) -> None:
        offered = {s.type: s for s in self._suggested}
        rank = {s.type: n for n, s in enumerate(self._suggested)}
        found = sorted(types_for_prefix(typed, self._types),
                       key=lambda k: rank.get(k.name, len(rank)))  # stable: list order after
        self.matches.clear()
        persian = persian_interface()
        locale = QLocale()
        for kind in found:
            shown = type_text(kind.name, self._types, persian)
            if kind.name in offered:
                shown = self.tr("{type} — suggested: {n} of {m}").format(
                    type=shown, n=locale.toString(offered[kind.name].count),
                    m=locale.toString(offered[kind.name].of))
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, kind.name)
            self.matches.addItem(item)
        one = type_for_prefix(typed, self._types)
        row = next((n for n, k in enumerate(found) if one is not None and k.name == one.name),
                   0)
        if found:
            self.matches.setCurrentRow(row)

    def _move(self, step: int) -> None:
        if self.matches.count():
            row = (self.matches.currentRow() + step) % self.matches.count()
            self.matches.setCurrentRow(row)

    def _choose(self) -> None:
        """Enter: the type the letters spell out or start alone, else the one highlighted."""
        one = type_for_prefix(self.chooser.text(), self._types)
        if one is not None:
            self.typeChosen.emit(one.name)
            return
        item = self.matches.currentItem()
        if item is not None:
            self._emit_chosen(item)

    def _emit_chosen(self, item: QListWidgetItem) -> None:
        self.typeChosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def _cancel(self) -> None:
        self.choosingCancelled.emit()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._shown = None
        return super().event(event)


def role_names() -> dict[Role, str]:
    """Every role in the interface language (for the article's tags)."""
    return {role: role_name(role) for role in Role}
