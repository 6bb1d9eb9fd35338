"""The databases' failures as the errors users see: busy, read-only, disk full, damaged,
unreachable.

Every public method of :class:`annotator.storage.project.Project` passes what SQLite or
PostgreSQL (or peewee around them) raises through :func:`translated`, so callers only ever
handle :class:`~annotator.core.errors.AnnotatorError`: the command line prints one line, the
window says the edit could not be saved. A failure reported in the middle of a transaction has
rolled that transaction back, so the messages can say that nothing was changed.
"""

from __future__ import annotations

import sqlite3

import psycopg

from annotator.core.errors import (
    AnnotatorError,
    ProjectBusy,
    ProjectFileError,
    ProjectUnreachable,
    WriteError,
)
from annotator.storage.location import DatabaseUrl, Location

# SQLite's primary result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3, 5, 6, 8, 10, 11, 13, 14, 26,
)
UNCHANGED = "nothing was changed"


def _cause[E: BaseException](exc: BaseException, kind: type[E]) -> E | None:
    """The driver's error behind ``exc`` (peewee re-raises it as its own type)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def sqlite_cause(exc: BaseException) -> sqlite3.Error | None:
    return _cause(exc, sqlite3.Error)


def translated(exc: BaseException, location: Location) -> AnnotatorError | None:
    """The user's error for a database failure on the project at ``location``.

    None when ``exc`` is not one a user can act on (a constraint or a programming error is a
    bug, and is left as it is).
    """
    if isinstance(location, DatabaseUrl):
        return _postgres(exc, location)
    return _sqlite(exc, location)


def _sqlite(exc: BaseException, path: object) -> AnnotatorError | None:
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


# PostgreSQL's SQLSTATE codes, by what the user can do about them.
_BUSY_STATES = {"55P03", "40P01", "40001"}  # lock timeout, deadlock, serialization failure
_READ_ONLY_STATES = {"42501", "25006"}  # no privilege, read-only transaction
_FULL_STATES = {"53100", "53200", "53300"}  # disk full, out of memory, too many connections
_GONE_STATES = {"57P01", "57P02", "57P03"}  # server shutting down or starting up


def unreachable(url: DatabaseUrl, exc: BaseException) -> ProjectUnreachable:
    return ProjectUnreachable(f"cannot reach the project database at {url.server}: "
                              f"{_reason(exc)}")


def _reason(exc: BaseException) -> str:
    """libpq's message, its first line without the prefixes it repeats (never a password:
    libpq does not print one)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    for prefix in ("connection failed: ", "connection is bad: "):
        text = text.removeprefix(prefix)
    return text.rstrip(".")


def _postgres(exc: BaseException, url: DatabaseUrl) -> AnnotatorError | None:
    cause = _cause(exc, psycopg.Error)
    if cause is None:
        return None
    state = cause.sqlstate or ""
    where = url.shown
    lost = (isinstance(cause, psycopg.OperationalError) and not state) \
        or isinstance(cause, psycopg.InterfaceError)
    if lost or state.startswith("08") or state in _GONE_STATES:
        return unreachable(url, cause)
    if state in _BUSY_STATES:
        return ProjectBusy(f"{where}: the project database is busy: another annotator is "
                           "writing the same documents; try again")
    if state in _READ_ONLY_STATES:
        return WriteError(f"{where}: cannot be written: this database user may not change the "
                          f"project ({_reason(cause)}); {UNCHANGED}", "read-only")
    if state in _FULL_STATES:
        return WriteError(f"{where}: cannot be written: the server is out of space "
                          f"({_reason(cause)}); {UNCHANGED}", "disk full")
    if state == "58030":
        return WriteError(f"{where}: cannot be written: the server had an input/output error "
                          f"({_reason(cause)}); {UNCHANGED}", "i/o")
    if state.startswith("28"):
        return ProjectUnreachable(f"cannot reach the project database at {url.server}: "
                                  f"{_reason(cause)} (check the user and password: "
                                  "PGPASSWORD or ~/.pgpass)")
    if state == "3D000":
        return ProjectFileError(f"{where}: no such database on the server ({_reason(cause)}); "
                                "create it first (see the README)")
    return None
