"""The window and its project file: other programs writing it, and edits it could not take.

:class:`FileWatch` asks the project file every two seconds whether another program (an
``annotator import`` in a terminal, a second window) committed to it: ``PRAGMA data_version``,
one query that reads nothing else. When it did, the window shows what changed.

:class:`UnsavedEdits` keeps the edits the file refused (a full disk, a file made read-only, an
input/output error, another program holding the write lock too long). Such an edit is not in
the file (the write was rolled back whole), so the window neither shows it as made nor offers
to undo it; it is listed in a warning bar above the article, with the reason, and Edit →
Retry Saving (or the bar's button) applies the kept edits again, in the order they were made,
once the file can be written. Quitting with edits still unsaved tries once more, then asks.

A project file opened read-only (:attr:`Project.read_only`) says so in the title and the status
bar, and takes no edits (:meth:`Session.push` refuses them with a message).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolButton,
    QWidget,
)

from annotator.core.errors import ProjectBusy, ProjectUnreachable, WriteError
from annotator.core.event_commands import EventCommand, Reverted
from annotator.gui.session import Session
from annotator.gui.undo import describe
from annotator.storage import Project

WATCH_MS = 2_000
# The kept edits the warning bar names; the rest are counted.
NAMED = 3


class FileWatch(QObject):
    """Calls ``check`` every ``WATCH_MS`` (the window compares ``data_version`` itself)."""

    def __init__(self, check: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(WATCH_MS)
        self.timer.timeout.connect(check)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


@dataclass
class Unsaved:
    """An edit the project file refused: the command as it was before it was tried, whether
    it was to be applied (False: it was an undo), and why it was refused (for the bar)."""

    command: EventCommand
    applied: bool
    reason: str
    unreachable: bool = False  # the server was out of reach: saved by itself once it is back

    def step(self) -> EventCommand:
        return self.command if self.applied else Reverted(self.command)


class UnsavedBar(QFrame):
    """``⚠ Not saved (the disk is full): label ACTOR «تهران» … [Retry Saving]``."""

    def __init__(self, retry: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unsavedEdits")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#unsavedEdits { background: #fff3cd; color: #664d03; }")
        self.text = QLabel(self)
        self.text.setObjectName("unsavedText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        button = QToolButton(self)
        button.setDefaultAction(retry)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(button)
        self.hide()


class UnsavedEdits(QObject):
    """The edits kept in the window because the project file could not take them."""

    message = Signal(str)

    def __init__(self, window: QMainWindow, session: Session) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._retrying = False
        self.edits: list[Unsaved] = []
        self.retry_action = QAction(self.tr("&Retry Saving"), window)
        self.retry_action.setObjectName("retrySaving")
        self.retry_action.setStatusTip(self.tr("Write the edits kept in this window to the "
                                               "project file"))
        self.retry_action.setEnabled(False)
        self.retry_action.triggered.connect(self.retry)
        self.bar = UnsavedBar(self.retry_action, window)
        session.saveFailed.connect(self._failed)

    @property
    def waiting_for_server(self) -> bool:
        """Whether edits are kept because the project's server could not be reached."""
        return any(edit.unreachable for edit in self.edits)

    def add_to(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.retry_action)

    def reason(self, error: Exception) -> str:
        """Why the file refused an edit, in the interface language."""
        if isinstance(error, ProjectBusy):
            return self.tr("another program is writing to the project file")
        if isinstance(error, ProjectUnreachable):
            return self.tr("the project database cannot be reached")
        if isinstance(error, WriteError):
            reasons = {
                "read-only": self.tr("the project file or its folder is read-only"),
                "disk full": self.tr("the disk is full"),
                "i/o": self.tr("the disk could not be written (input/output error)"),
            }
            return reasons.get(error.reason, str(error))
        return str(error)

    def _failed(self, command: EventCommand, applied: bool, error: Exception) -> None:
        self.edits.append(Unsaved(command, applied, self.reason(error),
                                  isinstance(error, ProjectUnreachable)))
        self._show()
        if not self._retrying:
            self.message.emit(self.tr(
                "Your edit could not be saved: {reason}. It is kept in this window, not in the "
                "project file: Edit → Retry Saving writes it.").format(
                reason=self.edits[-1].reason))

    def retry(self) -> bool:
        """Apply the kept edits again, in order, stopping at the first the file refuses;
        True when none is left."""
        edits, self.edits = self.edits, []
        self._retrying = True
        try:
            for i, edit in enumerate(edits):
                kept = len(self.edits)
                self._session.push(self._session.rebased(edit.step()))
                if len(self.edits) > kept:  # refused again: it and the rest stay, in order
                    self.edits.extend(edits[i + 1:])
                    break
        finally:
            self._retrying = False
        self._show()
        if self.edits:
            self.message.emit(self.tr("Still not saved: {reason}. The edits stay kept in this "
                                      "window.").format(reason=self.edits[0].reason))
        elif edits:
            self.message.emit(self.tr("Saved: the edits kept in this window are in the "
                                      "project file now."))
        return not self.edits

    def may_close(self) -> bool:
        """Whether the window may close: nothing kept, or saved now, or the analyst says so."""
        if not self.edits or self.retry():
            return True
        answer = QMessageBox.warning(
            self._window, self.tr("Edits Not Saved"),
            self.tr("{n} edits could not be saved ({reason}) and are kept only in this window. "
                    "Quit and lose them?").format(n=len(self.edits),
                                                  reason=self.edits[0].reason),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def _show(self) -> None:
        self.retry_action.setEnabled(bool(self.edits))
        if not self.edits:
            self.bar.hide()
            return
        named = [describe(e.step()) for e in self.edits[:NAMED]]
        if len(self.edits) > NAMED:
            named.append(self.tr("and {n} more").format(n=len(self.edits) - NAMED))
        self.bar.text.setText(self.tr(
            "⚠ Not saved ({reason}): {edits}. Kept in this window until Retry Saving writes "
            "them to the project file.").format(reason=self.edits[-1].reason,
                                                edits=", ".join(named)))
        self.bar.show()


def show_read_only(window: QMainWindow, project: Project) -> None:
    """A project file opened read-only says so in the title and the status bar."""
    if not project.read_only:
        return
    translate = QCoreApplication.translate
    window.setWindowTitle(translate("ProjectFile", "Annotator — {file} (read-only)").format(
        file=project.location.name))
    label = QLabel(translate("ProjectFile", "Read-only"), window)
    label.setObjectName("readOnly")
    label.setToolTip(translate("ProjectFile", "This project file cannot be written: it can be "
                                              "read and exported, not edited."))
    window.statusBar().addPermanentWidget(label)
