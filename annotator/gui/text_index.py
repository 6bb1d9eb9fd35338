"""The text search index, kept up to date in the background: after imports, and whenever the
window finds documents not indexed yet (another program imported them). The work runs on the
thread pool with its own connection, in short write transactions (see
:mod:`annotator.storage.search`), and never on the GUI thread; closing the window stops it
between two batches, keeping what was indexed."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.services.progress import CancelToken
from annotator.services.search import catch_up
from annotator.storage import Location, Project

log = logging.getLogger(__name__)


class _Signals(QObject):
    progress = Signal(int, int)  # indexed so far, waiting when it began
    finished = Signal(int)  # documents indexed
    failed = Signal(str)


class _Indexing(QRunnable):
    def __init__(self, location: Location, cancel: CancelToken) -> None:
        super().__init__()
        self.signals = _Signals()
        self._location = location
        self._cancel = cancel

    def run(self) -> None:
        done = 0
        try:
            with Project(self._location, create=False) as project:
                def progress(indexed: int, waiting: int | None, _what: str) -> None:
                    nonlocal done
                    done = indexed
                    self.signals.progress.emit(indexed, waiting or indexed)

                done = catch_up(project, progress, self._cancel)
        except Cancelled:
            pass
        except AnnotatorError as exc:
            self.signals.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug: the message, with the details in the log
            log.error("indexing failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.signals.finished.emit(done)


class TextIndexer(QObject):
    """Indexes what waits, one run at a time; asked again while running, it runs once more
    after (documents may have come meanwhile)."""

    progress = Signal(int, int)
    finished = Signal(int)
    failed = Signal(str)

    def __init__(self, location: Location, parent: QObject | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._location = location
        self._pool = pool or QThreadPool.globalInstance()
        self._task: _Indexing | None = None
        self._cancel: CancelToken | None = None
        self._again = False

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        if self._task is not None:
            self._again = True
            return
        self._again = False
        self._cancel = CancelToken()
        task = _Indexing(self._location, self._cancel)
        task.setAutoDelete(False)
        queued = Qt.ConnectionType.QueuedConnection
        task.signals.progress.connect(self.progress, queued)
        task.signals.finished.connect(self._finished, queued)
        task.signals.failed.connect(self._failed, queued)
        self._task = task
        self._pool.start(task)

    def stop(self, msecs: int = 10_000) -> None:
        """Stop after the batch being written (closing the window)."""
        if self._cancel is not None:
            self._cancel.cancel()
        self._again = False
        if self._task is not None:
            self._pool.waitForDone(msecs)

    @Slot(int)
    def _finished(self, done: int) -> None:
        self._task = None
        self.finished.emit(done)
        if self._again:
            self.start()

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._task = None
        self._again = False
        self.failed.emit(message)
