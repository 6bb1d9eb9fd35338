"""SQLite's failures as the errors users see: busy, read-only, disk full, damaged.

Every public method of :class:`annotator.storage.project.Project` passes what SQLite (or
peewee around it) raises through :func:`translated`, so callers only ever handle
:class:`~annotator.core.errors.AnnotatorError`: the command line prints one line, the window
says the edit could not be saved. A failure SQLite reports in the middle of a transaction has
rolled that transaction back, so the messages can say that nothing was changed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.errors import AnnotatorError, ProjectBusy, ProjectFileError, WriteError

# SQLite's primary result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3, 5, 6, 8, 10, 11, 13, 14, 26,
)
UNCHANGED = "nothing was changed"


def sqlite_cause(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind ``exc`` (peewee re-raises it as its own type)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, sqlite3.Error):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def translated(exc: BaseException, path: Path) -> AnnotatorError | None:
    """The user's error for a SQLite failure on the project file ``path``.

    None when ``exc`` is not one a user can act on (a constraint or a programming error is a
    bug, and is left as it is).
    """
    cause = sqlite_cause(exc)
    if cause is None:
        return None
    code = getattr(cause, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(cause)
    if primary in (_BUSY, _LOCKED) or "database is locked" in text or "is busy" in text:
        return ProjectBusy(
            f"{path}: project file is busy: another annotator is writing to it; try again"
        )
    if primary in (_READONLY, _PERM) or "readonly database" in text:
        return WriteError(
            f"{path}: cannot be written: the project file or its folder is read-only "
            f"(check their permissions); {UNCHANGED}",
            "read-only",
        )
    if primary == _FULL or "disk is full" in text:
        return WriteError(
            f"{path}: cannot be written: the disk is full; {UNCHANGED} "
            "(free some space and try again)",
            "disk full",
        )
    if primary == _IOERR or "disk I/O error" in text:
        return WriteError(
            f"{path}: cannot be written: input/output error ({text}; is the disk full, "
            f"removed or failing?); {UNCHANGED}",
            "i/o",
        )
    if primary == _CANTOPEN or "unable to open database" in text:
        return ProjectFileError(
            f"{path}: cannot open the project file (is its folder missing or read-only?)"
        )
    if primary in (_CORRUPT, _NOTADB) or "malformed" in text:
        return ProjectFileError(
            f"{path}: the project file is damaged ({text}); restore a backup "
            "(see `annotator restore --help`)"
        )
    return None
