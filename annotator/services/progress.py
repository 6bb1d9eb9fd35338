"""One runner for long work: services report progress through a callback and stop on a token."""

from __future__ import annotations

import threading
from collections.abc import Callable

from annotator.core.errors import Cancelled

# progress(done, total or None when unknown, what is being done)
Progress = Callable[[int, int | None, str], None]


def no_progress(done: int, total: int | None, message: str) -> None:
    """The progress callback of callers that do not show any."""


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
