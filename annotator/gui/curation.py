"""Curation in the window: a document several analysts labelled, settled by keys into its
curated labels (see CONTEXT.md: curation, disagreement, version, curator).

Document → Curate shows the open document's curated labels in the article (the spans every
analyst made alike are taken when its curation begins) and, in a panel, its disagreements:
each with every distinct version and who gave it, in the analysts' colours. ``D`` (and
``Shift+D``) goes to the next (previous) disagreement; ``Alt+1`` ... ``Alt+9`` take that
version; ``Alt+0`` takes none; the label keys label anew, as anywhere; ``Ctrl+Enter`` finishes
the document's curation. Every choice is an edit: undone and redone like any.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from annotator.core.curation import Curation, Disagreement, EventDisagreement, settle_command
from annotator.core.event_commands import with_events
from annotator.core.events import EventType, Role
from annotator.core.model import Document
from annotator.gui.actions import keys, label_keys, make_action
from annotator.gui.event_panel import type_text
from annotator.gui.label_names import shown_label
from annotator.gui.session import Session
from annotator.gui.undo import role_name

ISOLATE, POP = "\u2068", "\u2069"  # first-strong isolate: Persian beside Latin names


class CurationPanel(QWidget):
    """The disagreements of the document under curation, each version with who gave it."""

    chosen = Signal(int)  # a disagreement picked with the mouse

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("curationPanel")
        self.heading = QLabel(self)
        self.heading.setObjectName("curationHeading")
        self.heading.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("disagreements")
        self.list.setWordWrap(True)
        # A light selection, so that the analysts' colours stay readable on the current one.
        self.list.setStyleSheet("QListWidget::item:selected { background: #dbe8f8; }")
        self.list.currentRowChanged.connect(self._picked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self._quiet = False
        self.hide()

    def _picked(self, row: int) -> None:
        if not self._quiet and row >= 0:
            self.chosen.emit(row)

    def show_curation(self, doc: Document, curation: Curation, colors: dict[str, str],
                      current: int | None, decided: set[int],
                      types: Sequence[EventType]) -> None:
        """The disagreements, then the event disagreements (rows after them), of ``doc``."""
        self._quiet = True
        try:
            self.list.clear()
            disagreements = curation.disagreements
            left = len(disagreements) - len(decided & set(range(len(disagreements))))
            heading = self.tr(
                "Curating: {n} disagreements, {left} to decide. D: next; Alt+1…9: take a "
                "version; Alt+0: none; label keys: label anew; Ctrl+Enter: finish.").format(
                n=len(disagreements), left=left)
            events = curation.event_disagreements
            if events:
                heading += " " + self.tr(
                    "Event disagreements: {n} (listed last): E on a trigger builds its frame; "
                    "J, K, L add to it.").format(n=len(events))
            self.heading.setText(heading)
            rows = [self._describe(doc, d, colors, i in decided)
                    for i, d in enumerate(disagreements)]
            rows += [self._describe_events(doc, d, colors, types) for d in events]
            for row in rows:
                item = QListWidgetItem(self.list)
                label = QLabel(row, self.list)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setWordWrap(True)
                label.setContentsMargins(6, 4, 6, 4)
                item.setSizeHint(label.sizeHint())
                self.list.setItemWidget(item, label)
            if current is not None and 0 <= current < self.list.count():
                self.list.setCurrentRow(current)
        finally:
            self._quiet = False

    def _describe(self, doc: Document, disagreement: Disagreement, colors: dict[str, str],
                  decided: bool) -> str:
        text = doc.text
        stretch = escape(text[disagreement.start:disagreement.end].replace("\n", " "))
        lines = [f"<b>{'✓ ' if decided else ''}«{ISOLATE}{stretch}{POP}»</b>"]
        for n, (spans, analysts) in enumerate(disagreement.distinct_versions(), start=1):
            said = "، ".join(f"{escape(shown_label(label))} «{ISOLATE}{escape(text[s:e])}{POP}»"
                             for s, e, label in spans) or self.tr("nothing")
            lines.append(f"Alt+{n}: {_who(analysts, colors)}: {said}")
        return "<br>".join(lines)

    def _describe_events(self, doc: Document, disagreement: EventDisagreement,
                         colors: dict[str, str], types: Sequence[EventType]) -> str:
        text = doc.text
        trigger = escape(text[disagreement.start:disagreement.end])
        event_word = escape(self.tr("Event"))
        lines = [f"<b>{event_word} «{ISOLATE}{trigger}{POP}»</b>"]
        for event, analysts in disagreement.distinct_versions():
            if event is None:
                said = escape(self.tr("no event"))
            else:
                _, _, kind, arguments = event
                ordered = sorted(arguments, key=lambda a: list(Role).index(Role(a[0])))
                said = escape(type_text(kind, types)) + "".join(
                    f"، {escape(role_name(Role(role)))} «{ISOLATE}{escape(text[s:e])}{POP}»"
                    for role, s, e in ordered)
            lines.append(f"{_who(analysts, colors)}: {said}")
        return "<br>".join(lines)


def _who(analysts: Sequence[str], colors: dict[str, str]) -> str:
    """The analysts' names, each in their colour."""
    return "، ".join(f'<span style="color:{colors.get(a, "#444")}; font-weight:600">'
                     f"{ISOLATE}{escape(a)}{POP}</span>" for a in analysts)


class Curator(QObject):
    """The window's curation: actions, keys and the panel, over the session."""

    message = Signal(str)

    def __init__(self, window: QMainWindow, session: Session, panel: CurationPanel,
                 select: Any) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._panel = panel
        self._select = select  # select(start, end) in the article
        self.current: int | None = None
        self.rejected: set[int] = set()  # disagreements settled as none (they hold no span)

        def make(text: str, shortcuts: list[QKeySequence], tip: str) -> QAction:
            return make_action(window, text, shortcuts, tip)

        self.toggle = make(self.tr("&Curate"), keys("Ctrl+Shift+U"),
                           self.tr("Settle what several analysts labelled in this document"))
        self.toggle.setCheckable(True)
        # D, and the letter it types on a Persian or Arabic keyboard layout
        self.next = make(self.tr("Next &Disagreement"), keys("D", "ی", "ي"),
                         self.tr("Go to the next disagreement"))
        self.previous = make(self.tr("Previous Disagreement"), keys("Shift+D"),
                             self.tr("Go to the previous disagreement"))
        self.versions = [make(self.tr("Take Version {n}").format(n=n),
                              keys(*(f"Alt+{d}" for d in label_keys(str(n)))),
                              self.tr("Take the analysts' version {n} of this disagreement")
                              .format(n=n)) for n in range(1, 10)]
        self.none = make(self.tr("Take None"), keys(*(f"Alt+{d}" for d in label_keys("0"))),
                         self.tr("Reject every version of this disagreement"))
        self.toggle.triggered.connect(self._toggled)
        self.next.triggered.connect(lambda: self.go(1))
        self.previous.triggered.connect(lambda: self.go(-1))
        for n, action in enumerate(self.versions, start=1):
            action.triggered.connect(lambda _=False, n=n: self.take(n))
        self.none.triggered.connect(lambda: self.take(0))
        panel.chosen.connect(self._chosen)
        self._colors: dict[str, str] = {}
        session.documentOpened.connect(self._opened)
        session.spansChanged.connect(lambda _doc: self.refresh())
        self._enable(False)

    def build_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.toggle)
        menu.addActions([self.next, self.previous, self.none])

    def _enable(self, on: bool) -> None:
        for action in (self.next, self.previous, self.none, *self.versions):
            action.setEnabled(on)

    # -- entering and leaving ----------------------------------------------------------------

    def _toggled(self, checked: bool) -> None:
        if checked:
            self.start()
        else:
            self.stop()

    def start(self, doc_id: int | None = None) -> bool:
        """Curate a document (the open one by default)."""
        self.rejected = set()
        self.current = None
        started = self._session.curate(doc_id)
        self.toggle.setChecked(started)
        return started

    def stop(self) -> None:
        self._session.stop_curating()
        self.toggle.setChecked(False)

    def _opened(self, doc: Document | None) -> None:
        curating = self._session.curating and doc is not None
        self._enable(curating)
        self.toggle.setChecked(self._session.curating)
        self._panel.setVisible(curating)
        if curating:
            self.rejected = set()
            self.current = None
            # the analysts' colours, read once a document (the panel is drawn after every edit)
            self._colors = {a.name: a.color for a in self._session.project.analysts()}
            self.refresh()

    # -- the disagreements ----------------------------------------------------------------

    def _disagreements(self) -> tuple[Disagreement, ...]:
        curation = self._session.curation
        return curation.disagreements if curation is not None else ()

    def decided(self) -> set[int]:
        """The disagreements settled: holding a curated label, or settled as none."""
        doc = self._session.document
        if doc is None:
            return set()
        return {i for i, d in enumerate(self._disagreements())
                if i in self.rejected or any(s.start < d.end and d.start < s.end
                                             for s in doc.spans)}

    def refresh(self) -> None:
        doc, curation = self._session.document, self._session.curation
        if not self._session.curating or doc is None or curation is None:
            return
        self._panel.show_curation(doc, curation, self._colors, self.current, self.decided(),
                                  self._session.event_types)

    def go(self, step: int) -> None:
        found = self._disagreements()
        if not found:
            self.message.emit(self.tr("Nothing to decide: the analysts agree on every span."))
            return
        if self.current is None:
            self.current = 0 if step > 0 else len(found) - 1
        else:
            self.current = (self.current + step) % len(found)
        self._show_current()

    def _chosen(self, row: int) -> None:
        """A row clicked: a disagreement becomes the current one; an event disagreement's
        trigger is selected in the article (for E)."""
        found = self._disagreements()
        if row < len(found):
            self.current = row
            self._show_current()
            return
        curation = self._session.curation
        events = curation.event_disagreements if curation is not None else ()
        if row - len(found) < len(events):
            trigger = events[row - len(found)]
            self._select(trigger.start, trigger.end)

    def _show_current(self) -> None:
        found = self._disagreements()
        if self.current is None or not 0 <= self.current < len(found):
            return
        disagreement = found[self.current]
        self._select(disagreement.start, disagreement.end)
        self.refresh()

    def take(self, version: int) -> None:
        """Settle the current disagreement as its ``version``-th distinct version (0: none)."""
        doc, curation = self._session.document, self._session.curation
        found = self._disagreements()
        if doc is None or curation is None or self.current is None:
            self.message.emit(self.tr("Go to a disagreement first (D)."))
            return
        disagreement = found[self.current]
        versions = disagreement.distinct_versions()
        if version > len(versions):
            self.message.emit(self.tr("This disagreement has {n} versions.").format(
                n=len(versions)))
            return
        spans = versions[version - 1][0] if version else ()
        command = settle_command(doc, disagreement, spans, curation.made_by,
                                 self._session.analyst)
        if version == 0:
            self.rejected.add(self.current)
        else:
            self.rejected.discard(self.current)
        if command is not None:  # with the events on the curated labels it replaces
            self._session.push(with_events(doc, command))
        self.refresh()
        if len(self.decided()) < len(found):
            self.go(1)

    def finish(self) -> None:
        """Ctrl+Enter while curating: the document's curation is finished."""
        left = len(self._disagreements()) - len(self.decided())
        if left:
            self.message.emit(self.tr("{n} disagreements are not settled yet (D goes to "
                                      "them); Alt+0 settles one as none.").format(n=left))
            return
        self._session.finish_curation()
