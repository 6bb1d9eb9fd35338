"""One runner for long work: a service on the thread pool, its progress in a dialog.

The worker opens its own connection to the project file (SQLite connections stay in their
thread), reports progress and its outcome through queued signals, and stops when the
dialog's Cancel sets its :class:`~annotator.services.progress.CancelToken`. The window keeps
painting throughout; nothing here calls ``processEvents``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.services.progress import CancelToken, Progress
from annotator.storage import Location, Project

log = logging.getLogger(__name__)

# work(project, progress, cancel) -> result; runs on a pool thread with its own Project.
Work = Callable[[Project, Progress, CancelToken], Any]


class TaskSignals(QObject):
    """Lives in the GUI thread, so signals emitted from the worker arrive queued."""

    progress = Signal(int, int, str)  # done, total (-1: unknown), what
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)


class Task(QRunnable):
    def __init__(self, location: Location, work: Work, cancel: CancelToken) -> None:
        super().__init__()
        self.signals = TaskSignals()
        self._location = location
        self._work = work
        self._cancel = cancel

    def _progress(self, done: int, total: int | None, what: str) -> None:
        self.signals.progress.emit(done, -1 if total is None else total, what)

    def run(self) -> None:
        try:
            with Project(self._location, create=False) as project:
                result = self._work(project, self._progress, self._cancel)
        except Cancelled as exc:
            self.signals.cancelled.emit(str(exc))
        except AnnotatorError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: the message, with the details in the log
            log.error("background task failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Runs one task at a time with a cancellable, window-modal progress dialog."""

    finished = Signal(str, object)  # task name, result
    failed = Signal(str, str)  # task name, message
    cancelled = Signal(str, str)

    def __init__(self, parent: QWidget, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._pool = pool or QThreadPool.globalInstance()
        self._task: Task | None = None
        self._name = ""
        self._token: CancelToken | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None

    def start(self, name: str, title: str, location: Location, work: Work) -> bool:
        if self._task is not None:
            return False
        token = CancelToken()
        task = Task(location, work, token)
        task.setAutoDelete(False)
        queued = Qt.ConnectionType.QueuedConnection
        task.signals.progress.connect(self._on_progress, queued)
        task.signals.finished.connect(self._on_finished, queued)
        task.signals.failed.connect(self._on_failed, queued)
        task.signals.cancelled.connect(self._on_cancelled, queued)
        dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, self._parent)
        dialog.setObjectName("progressDialog")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(token.cancel)
        self._task, self._name, self._token, self.dialog = task, name, token, dialog
        self._pool.start(task)
        return True

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the pool (tests, closing the window)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, what: str) -> None:
        if self.dialog is None:
            return
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        else:
            self.dialog.setMaximum(0)
        if what:
            self.dialog.setLabelText(what)

    def _done(self) -> str:
        name = self._name
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.close()
            self.dialog.deleteLater()
        self._task, self._token, self.dialog = None, None, None
        return name

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self.finished.emit(self._done(), result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failed.emit(self._done(), message)

    @Slot(str)
    def _on_cancelled(self, message: str) -> None:
        self.cancelled.emit(self._done(), message)
