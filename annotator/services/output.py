"""Files written whole or not at all: beside the destination, then renamed over it."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from annotator.core.errors import AnnotatorError


@contextmanager
def atomic_text(destination: Path | str) -> Iterator[TextIO]:
    """A text handle whose content replaces ``destination`` only when the block succeeds.

    ``-`` is standard output. A failure or a kill half-way leaves the destination as it was
    (and no temporary file behind, except after a kill, where a hidden ``.*.part`` may stay).
    """
    if str(destination) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(destination)
    if target.is_dir():
        raise AnnotatorError(f"{target}: is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise AnnotatorError(f"{target}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
