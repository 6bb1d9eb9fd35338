"""Event frames in the window, keyboard first.

With the caret in an EVENT span (or the span clicked), ``E`` opens its frame: the panel asks
for the type, taken by its first letters (the Persian name's in the Persian interface, or the
name's; Enter chooses), and the event is made, or its type changed. The frame stays open while
the caret moves: ``J``, ``K`` and ``L`` add the span at the caret (or the one clicked) as its
actor, recipient or location, ``O`` takes that span out of it, ``Shift+Delete`` deletes
the event (its spans stay) and ``Esc`` closes the frame.

Frames made before are suggested again (:mod:`annotator.suggest.frames`): the type chooser
offers first, and chooses, the types earlier events on the trigger's text had; the open frame
lists, greyed, the labels of its sentence earlier frames had as arguments, in their usual
role, and ``Shift+E`` takes them all as one step. The same letters on a Persian (or
Arabic) keyboard layout work too. Every change is a core command pushed through the session:
saved at once, undone and redone like any edit.

The open frame is drawn in the article (its trigger outlined, its arguments underlined with a
tag naming their role) and in the panel, bold among the document's events.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from annotator.core.events import TRIGGER_LABEL, Event, Role, same_span, trigger_of
from annotator.core.model import Document, Span
from annotator.gui.actions import keys, label_keys, make_action
from annotator.gui.article_view import ArticleView
from annotator.gui.event_panel import EventPanel, role_names, short_type_text
from annotator.gui.session import Session
from annotator.suggest.frames import ArgumentSuggestion

# The keys, and the letter the same key gives on a Persian (or Arabic) layout.
FRAME_KEYS = tuple(label_keys("E"))
ROLE_KEYS = {
    Role.ACTOR: tuple(label_keys("J")),
    Role.RECIPIENT: tuple(label_keys("K")),
    Role.LOCATION: tuple(label_keys("L")),
}
REMOVE_KEYS = tuple(label_keys("O"))
DELETE_EVENT_KEYS = ("Shift+Delete",)
TAKE_SUGGESTED_KEYS = ("Shift+E",)
CLOSE_KEYS = ("Escape",)


class EventActions(QObject):
    """The event commands as actions, with their keys, and the Events menu over them."""

    def __init__(self, window: QMainWindow, article: ArticleView) -> None:
        super().__init__(window)

        def make(text: str, shortcuts: Iterable[QKeySequence], tip: str) -> QAction:
            return make_action(window, text, shortcuts, tip)

        self.open_frame = make(self.tr("Event &Frame…"), keys(*FRAME_KEYS),
                               self.tr("Open the frame of the EVENT span at the caret: its "
                                       "event, made when it has none, and its type"))
        self.roles = {
            Role.ACTOR: make(self.tr("Add as &Actor"), keys(*ROLE_KEYS[Role.ACTOR]),
                             self.tr("Add the span at the caret to the open frame as its "
                                     "actor")),
            Role.RECIPIENT: make(self.tr("Add as &Recipient"), keys(*ROLE_KEYS[Role.RECIPIENT]),
                                 self.tr("Add the span at the caret to the open frame as its "
                                         "recipient")),
            Role.LOCATION: make(self.tr("Add as &Location"), keys(*ROLE_KEYS[Role.LOCATION]),
                                self.tr("Add the span at the caret to the open frame as its "
                                        "location")),
        }
        self.remove_argument = make(self.tr("&Take Out of the Frame"), keys(*REMOVE_KEYS),
                                    self.tr("Take the span at the caret out of the open "
                                            "frame"))
        self.take_suggested = make(self.tr("Take the &Suggested Arguments"),
                                   keys(*TAKE_SUGGESTED_KEYS),
                                   self.tr("Add the arguments suggested for the open frame "
                                           "(greyed in the panel), as one step"))
        self.delete_event = make(self.tr("&Delete Event"), keys(*DELETE_EVENT_KEYS),
                                 self.tr("Delete the open frame's event (its spans stay)"))
        # Esc closes the frame only in the article: elsewhere it keeps its own meaning.
        self.close_frame = QAction(self.tr("&Close Frame"), article)
        self.close_frame.setShortcuts(keys(*CLOSE_KEYS))
        self.close_frame.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.close_frame.setStatusTip(self.tr("Close the open frame"))
        article.addAction(self.close_frame)

    def build_menu(self, window: QMainWindow, before: QMenu) -> QMenu:
        """The Events menu, before the menu ``before``."""
        menu = QMenu(self.tr("E&vents"), window)
        menu.addAction(self.open_frame)
        menu.addSeparator()
        menu.addActions(list(self.roles.values()))
        menu.addAction(self.remove_argument)
        menu.addAction(self.take_suggested)
        menu.addSeparator()
        menu.addActions([self.delete_event, self.close_frame])
        window.menuBar().insertMenu(before.menuAction(), menu)
        return menu


class EventEditor(QObject):
    """Carries out the event actions on the open document through the session, and keeps
    the panel and the article's marks on the open frame."""

    message = Signal(str)

    def __init__(self, window: QMainWindow, session: Session, article: ArticleView,
                 panel: EventPanel) -> None:
        super().__init__(window)
        self._session = session
        self._article = article
        self._panel = panel
        self.actions = EventActions(window, article)
        # The open frame's event, by id; kept when an undo takes the event away, so a redo
        # shows it open again. While a type is chosen for a trigger without an event, that
        # trigger.
        self.open_id: int | None = None
        self._choosing_for: Span | None = None
        self._doc_id: int | None = None  # the document shown

        actions = self.actions
        actions.open_frame.triggered.connect(self.open_frame)
        for role, action in actions.roles.items():
            action.triggered.connect(lambda _=False, role=role: self.add_argument(role))
        actions.remove_argument.triggered.connect(self.remove_argument)
        actions.take_suggested.triggered.connect(self.take_suggested)
        actions.delete_event.triggered.connect(self.delete_event)
        actions.close_frame.triggered.connect(self.close_frame)
        panel.typeChosen.connect(self._type_chosen)
        panel.choosingCancelled.connect(self._choosing_cancelled)
        panel.eventActivated.connect(self._event_clicked)
        panel.spanActivated.connect(self._span_clicked)
        session.documentOpened.connect(self._document_opened)
        session.spansChanged.connect(self.refresh)
        article.set_role_names(role_names())

    # -- what is open ----------------------------------------------------------------------

    @property
    def open_event(self) -> Event | None:
        doc = self._session.document
        if doc is None or self.open_id is None:
            return None
        return next((e for e in doc.events if e.id == self.open_id), None)

    def refresh(self, *_: object) -> None:
        """Show the document's events and the open frame (after any edit or opening)."""
        doc = self._session.document
        event = self.open_event
        self._panel.show_events(doc, event.id if event is not None else None,
                                self._session.event_types, self.suggested_arguments())
        self._article.set_events(doc.events if doc is not None else [], event,
                                 short_type_text(event.type, self._session.event_types)
                                 if event is not None else "")

    def _document_opened(self, doc: Document | None) -> None:
        """Another document: no frame open. The same one again (shown anew because another
        window changed it): the open frame stays open, a type being chosen stays asked for."""
        same = doc is not None and doc.id is not None and doc.id == self._doc_id
        self._doc_id = doc.id if doc is not None else None
        if not same:
            self.open_id = None
            self._choosing_for = None
            self._panel.stop_choosing()
        self.refresh()

    def _say(self, text: str) -> None:
        self.message.emit(text)

    # -- the frame -------------------------------------------------------------------------

    def open_frame(self) -> None:
        """E: the frame of the EVENT span at the caret; its type is asked for (to make its
        event, or to change its type)."""
        doc = self._session.document
        if doc is None:
            return
        span = self._article.selected_span
        if span is None or span.label != TRIGGER_LABEL or not span.is_label:
            self._say(self.tr("Put the caret in an EVENT span (or click one), then press E to "
                              "open its frame."))
            return
        event = trigger_of(doc.events, span)
        self._choosing_for = span
        if event is not None:
            self.open_id = event.id
            self.refresh()
        self._panel.choose_type(self._session.event_types,
                                event.type if event is not None else None,
                                # for a new event: its own type is no suggestion
                                self._session.type_suggestions(span) if event is None else ())
        self._say(self.tr("Type the event type's first letters, then Enter (Esc: no change)."))

    def _type_chosen(self, name: str) -> None:
        trigger, self._choosing_for = self._choosing_for, None
        self._panel.stop_choosing()
        self._article.setFocus()
        doc = self._session.document
        if trigger is None or doc is None:
            return
        event = trigger_of(doc.events, trigger)
        if event is None:
            if self._session.add_event(trigger, name):
                now = self._session.document
                made = trigger_of(now.events, trigger) if now is not None else None
                self.open_id = made.id if made is not None else None
                self.refresh()
                self._say(self.tr("Frame open: J actor, K recipient, L location for the span "
                                  "at the caret."))
        elif event.type != name:
            self.open_id = event.id
            self._session.set_event_type(event, name)
        else:
            self.open_id = event.id
            self.refresh()

    def _choosing_cancelled(self) -> None:
        self._choosing_for = None
        self._panel.stop_choosing()
        self._article.setFocus()
        self.refresh()

    def close_frame(self) -> None:
        if self._panel.choosing:
            self._choosing_cancelled()
        self.open_id = None
        self.refresh()

    def _needs_frame(self) -> Event | None:
        event = self.open_event
        if event is None:
            self._say(self.tr("No frame is open: put the caret in an EVENT span and press E."))
        return event

    def _span_at_caret(self) -> Span | None:
        span = self._article.selected_span
        if span is None:
            self._say(self.tr("No span at the caret: put the caret in a span, or click one "
                              "(label it first with 1 or 3)."))
        return span

    def add_argument(self, role: Role) -> bool:
        """J, K, L: the span at the caret (or clicked) as the open frame's actor, recipient or
        location."""
        event = self._needs_frame()
        span = self._span_at_caret() if event is not None else None
        if event is None or span is None:
            return False
        return self._session.add_argument(event, role, span)

    def remove_argument(self) -> bool:
        """O: the span at the caret out of the open frame."""
        event = self._needs_frame()
        span = self._span_at_caret() if event is not None else None
        if event is None or span is None:
            return False
        if same_span(span, event.trigger):
            self._say(self.tr("The trigger cannot leave its frame: Shift+Delete deletes the "
                              "event."))
            return False
        return self._session.remove_argument(event, span)

    def suggested_arguments(self) -> list[ArgumentSuggestion]:
        """The arguments suggested for the open frame (none while no frame is open)."""
        event = self.open_event
        return [] if event is None else self._session.argument_suggestions(event)

    def take_suggested(self) -> bool:
        """Shift+E: every argument suggested for the open frame, as one step."""
        event = self._needs_frame()
        if event is None:
            return False
        offered = self.suggested_arguments()
        if not offered:
            self._say(self.tr("No arguments to suggest for this frame: earlier frames had "
                              "none of its sentence's labels."))
            return False
        return self._session.add_arguments(event, [(a.role, a.span) for a in offered])

    def delete_event(self) -> bool:
        """Shift+Delete: the open frame's event, or the one the span at the caret triggers."""
        doc = self._session.document
        if doc is None:
            return False
        event = self.open_event
        if event is None and self._article.selected_span is not None:
            event = trigger_of(doc.events, self._article.selected_span)
        if event is None:
            self._say(self.tr("No event to delete: open a frame (E on an EVENT span) first."))
            return False
        return self._session.delete_event(event)

    # -- the panel's clicks ----------------------------------------------------------------

    def _event_clicked(self, event: Event) -> None:
        self.open_id = event.id
        self._article.select_span(event.trigger)
        self._article.setFocus()
        self.refresh()

    def _span_clicked(self, span: Span) -> None:
        self._article.select_span(span)
        self._article.setFocus()
