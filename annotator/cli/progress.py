"""Progress on standard error, only when it is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalProgress:
    """A one-line progress display, redrawn at most ten times a second."""

    def __init__(self, verb: str, stream: TextIO | None = None) -> None:
        self.verb = verb
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int | None, message: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and (total is None or done < total):
            return
        self._last = now
        share = f" {100 * done // total:3d}%" if total else ""
        self.stream.write(f"\r\x1b[K{self.verb}{share} {message}")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
