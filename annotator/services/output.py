"""Files and folders written whole or not at all: beside the destination, then renamed over it."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from annotator.core.errors import AnnotatorError
from annotator.storage.files import PART, part_path, remove_stale_parts


@contextmanager
def atomic_text(destination: Path | str) -> Iterator[TextIO]:
    """A text handle whose content replaces ``destination`` only when the block succeeds.

    ``-`` is standard output. A failure or a kill half-way leaves the destination as it was
    (and no temporary file behind, except after a kill, where a hidden ``.NAME.PID.XXXX.part``
    may stay until the next write of that destination removes it). A failed write (disk
    full, read-only folder) is an AnnotatorError naming the destination. A link is followed
    (the file it names is replaced); a device or a named pipe (``/dev/null``, a pipe another
    program reads) is written into as it is: there is no file to replace.
    """
    if str(destination) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(destination).resolve()
    if target.is_dir():
        raise AnnotatorError(f"{destination}: is a folder; give a file name")
    if target.exists() and not target.is_file():
        yield from _written_into(target)
        return
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


def _written_into(target: Path) -> Iterator[TextIO]:
    try:
        fh = target.open("w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise AnnotatorError(f"{target}: cannot write there ({exc.strerror})") from None
    try:
        with fh:
            yield fh
    except OSError as exc:
        raise AnnotatorError(f"{target}: could not be written ({exc.strerror or exc})") from None


@contextmanager
def atomic_folder(destination: Path, replaceable: Callable[[Path], bool]) -> Iterator[Path]:
    """A new folder whose files replace ``destination`` only when the block succeeds.

    ``destination`` may be absent, empty, or hold only what ``replaceable`` accepts (an
    earlier export of the same kind); anything else is refused before anything is written, so
    an export never mixes with, or removes, files it did not write. The folder is written
    under a hidden ``.NAME.PID.XXXX.part`` name beside it and renamed into place; a failure
    half-way leaves the destination as it was.
    """
    if destination.exists():
        if not destination.is_dir():
            raise AnnotatorError(f"{destination}: is a file; this format writes a folder")
        others = sorted(p.name for p in destination.iterdir() if not replaceable(p))
        if others:
            raise AnnotatorError(f"{destination}: holds {others[0]}, which an export did not "
                                 "write; give a new or empty folder")
    _remove_stale_folders(destination)
    tmp = part_path(destination)
    try:
        tmp.mkdir()
    except OSError as exc:
        raise AnnotatorError(f"{destination}: cannot write there ({exc.strerror})") from None
    try:
        yield tmp
        for written in tmp.iterdir():
            with written.open("rb") as fh:
                os.fsync(fh.fileno())
        if destination.exists():
            old = part_path(destination)
            os.replace(destination, old)
            os.replace(tmp, destination)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, destination)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise AnnotatorError(f"{destination}: could not be written ({exc.strerror or exc}); "
                             "it was left as it was") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _remove_stale_folders(destination: Path) -> None:
    """The ``.part`` folders killed exports of ``destination`` left behind."""
    pattern = re.compile(rf"^\.{re.escape(destination.name)}\.(\d+)\.[0-9a-f]+{re.escape(PART)}$")
    try:
        entries = list(destination.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if match and entry.is_dir() and not _running(int(match[1])):
            shutil.rmtree(entry, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether process ``pid`` runs here; True where that cannot be asked safely."""
    if pid == os.getpid() or os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or a system that cannot tell: keep it
    return True
