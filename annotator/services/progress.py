"""Long work: services report progress through a callback, stop on a token, and run bulk jobs
without Python's cycle collector."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from annotator.core.errors import Cancelled

# progress(done, total or None when unknown, what is being done)
Progress = Callable[[int, int | None, str], None]


def no_progress(done: int, total: int | None, message: str) -> None:
    """The progress callback of callers that do not show any."""


def counted(n: int, noun: str) -> str:
    """``1 document``, ``2 documents``: a count and its noun (one with a plain -s plural)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class CancelToken:
    """Set from any thread; long work checks it between steps and stops with ``Cancelled``."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled("cancelled; nothing was written")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for a bulk job (an import, an export), which makes
    millions of small objects and no cycles: otherwise the collector walks them again and
    again, a tenth of an import's time and a fifth of an export's. Reference counting frees
    everything as before; the collector resumes after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
