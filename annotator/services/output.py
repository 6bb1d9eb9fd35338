"""Files written whole or not at all: beside the destination, then renamed over it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from annotator.core.errors import AnnotatorError
from annotator.storage.files import part_path, remove_stale_parts


@contextmanager
def atomic_text(destination: Path | str) -> Iterator[TextIO]:
    """A text handle whose content replaces ``destination`` only when the block succeeds.

    ``-`` is standard output. A failure or a kill half-way leaves the destination as it was
    (and no temporary file behind, except after a kill, where a hidden ``.NAME.PID.XXXX.part``
    may stay until the next write of that destination removes it). A failed write (disk
    full, read-only folder) is an AnnotatorError naming the destination.
    """
    if str(destination) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(destination)
    if target.is_dir():
        raise AnnotatorError(f"{target}: is a folder; give a file name")
    remove_stale_parts(target)
    tmp = part_path(target)
    try:
        fh = tmp.open("x", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise AnnotatorError(f"{target}: cannot write there ({exc.strerror})") from None
    try:
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AnnotatorError(f"{target}: could not be written ({exc.strerror or exc}); "
                             "it was left as it was") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
