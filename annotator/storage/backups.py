"""Backups of a project, kept in a folder beside its file: ``NAME.backups/``; a project kept
in PostgreSQL has its folder in the user data folder, ``annotator/postgresql/HOST-PORT-DBNAME
.backups/`` (the server's own backups are its administrators' business).

Each backup is a whole project file, written by :meth:`Project.backup` (SQLite's online backup
API for a file, a copy of every table for a database: a consistent copy even while another
process writes), first under a hidden ``.part`` name and then renamed, so a backup is complete
or absent. Names say when (local time) and why: ``2025-11-17-141900-auto.sqlite``. The
reasons:

- ``auto``: taken when the project file is opened (the policy lives in
  :mod:`annotator.services.projects`); only the newest few of them are kept;
- ``manual``: ``annotator backup``;
- ``schemaN``: before a migration from schema version N (readable by the annotator that
  wrote the file);
- ``restore``: the content a restore replaced.

Only ``auto`` backups are pruned; the others stay until the analyst removes them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from annotator.storage.location import DatabaseUrl, Location

AUTO = "auto"
MANUAL = "manual"
RESTORE = "restore"
FOLDER_SUFFIX = ".backups"
_STAMP = "%Y-%m-%d-%H%M%S"
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}-\d{6})-([a-z0-9]+)(?:-(\d+))?\.sqlite$")


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken: dt.datetime  # naive local time, from the name
    reason: str


def backup_folder(location: Location) -> Path:
    """``annotations.sqlite`` -> ``annotations.sqlite.backups``; a database's in the user data
    folder."""
    if isinstance(location, DatabaseUrl):
        name = re.sub(r"[^\w.-]+", "-", f"{location.server}-{location.database}").strip("-")
        home = Path(platformdirs.user_data_dir("annotator", appauthor=False))
        return home / "postgresql" / (name + FOLDER_SUFFIX)
    return location.with_name(location.name + FOLDER_SUFFIX)


def new_backup_path(project_path: Location, reason: str, when: dt.datetime | None = None) -> Path:
    """A name for a backup taken now (or ``when``) that no other backup has."""
    if not re.fullmatch(r"[a-z0-9]+", reason):
        raise ValueError(f"backup reason {reason!r}")
    stamp = (when or dt.datetime.now()).strftime(_STAMP)
    folder = backup_folder(project_path)
    path = folder / f"{stamp}-{reason}.sqlite"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stamp}-{reason}-{n}.sqlite"
    return path


def list_backups(project_path: Location, reason: str | None = None) -> list[Backup]:
    """The project's backups (of one reason, if given), oldest first."""
    folder = backup_folder(project_path)
    if not folder.is_dir():
        return []
    found: list[tuple[tuple[dt.datetime, int, int], Backup]] = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match is None or not entry.is_file():
            continue
        taken = dt.datetime.strptime(match[1], _STAMP)
        if reason is None or match[2] == reason:
            order = (taken, entry.stat().st_mtime_ns, int(match[3] or 1))
            found.append((order, Backup(entry, taken, match[2])))
    return [backup for _, backup in sorted(found, key=lambda pair: pair[0])]


def prune(project_path: Location, keep: int, reason: str = AUTO) -> list[Path]:
    """Remove all but the newest ``keep`` backups of ``reason``; returns what was removed."""
    removed = []
    old = list_backups(project_path, reason)
    for backup in old[: max(len(old) - keep, 0)]:
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed
