"""Where projects live (a file, or a PostgreSQL database: ``--db``), how the window's first
start fills one with samples, and backups."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

from annotator.core.errors import AnnotatorError, ProjectFileError
from annotator.storage import DatabaseUrl, Location, Project, check_project, parse_location
from annotator.storage.backups import AUTO, MANUAL, RESTORE, backup_folder, list_backups, prune

__all__ = ["Location", "Project", "auto_backup", "backup_project", "backups_of",
           "default_project_path", "open_project", "project_location", "restore_project",
           "samples_folder"]

ENV_VAR = "ANNOTATOR_DB"
# Automatic backups: on opening a project file that holds documents, when the newest backup
# is older than this; the newest few automatic ones are kept.
AUTO_BACKUP_EVERY = dt.timedelta(hours=1)
AUTO_BACKUPS_KEPT = 5


def default_project_path() -> Path:
    """``<user data dir>/annotator/annotations.sqlite``."""
    return Path(platformdirs.user_data_dir("annotator", appauthor=False)) / "annotations.sqlite"


def project_location(explicit: str | Path | None = None) -> Location:
    """``--db`` if given, else ``ANNOTATOR_DB``, else the default project file: a file's path
    or a PostgreSQL URL."""
    try:
        if explicit:
            return parse_location(explicit)
        if os.environ.get(ENV_VAR):
            return parse_location(os.environ[ENV_VAR])
    except ValueError as exc:
        raise ProjectFileError(f"--db: {exc}") from None
    return default_project_path()


@contextmanager
def samples_folder() -> Iterator[Path]:
    """The bundled sample articles as a real folder."""
    with resources.as_file(resources.files("annotator.resources") / "samples") as folder:
        yield Path(folder)


def open_project(location: Location, *, with_samples: bool = False, backup: bool = True,
                 create: bool = True,
                 on_warning: Callable[[str], None] | None = None) -> Project:
    """Open (creating it when missing, unless ``create`` is false) a project; a new one gets
    the samples if asked.

    A project file that already holds documents is backed up first (:func:`auto_backup`)
    unless ``backup`` is false; a project kept in PostgreSQL is the server's to back up. A
    backup that cannot be written does not stop the opening: ``on_warning`` is told why.
    The default project file's folder is made when missing; another missing folder is an
    error (a mistyped ``--db``).
    """
    if isinstance(location, Path) and not location.parent.is_dir() \
            and location != default_project_path():
        raise ProjectFileError(f"{location}: no such folder: {location.parent} (create it "
                               "first, or give another --db)")
    project = Project(location, create=create)
    try:
        if project.created and with_samples:
            from annotator.services.importing import import_paths

            with samples_folder() as folder:
                import_paths(project, sorted(folder.glob("*.txt")))
        elif backup and project.is_file and not project.created and not project.read_only:
            try:
                auto_backup(project)
            except (AnnotatorError, OSError) as exc:
                if on_warning is not None:
                    on_warning(f"no automatic backup was taken: {exc}")
    except BaseException:
        project.close()
        raise
    return project


def auto_backup(project: Project, now: dt.datetime | None = None,
                every: dt.timedelta = AUTO_BACKUP_EVERY,
                keep: int = AUTO_BACKUPS_KEPT) -> Path | None:
    """Back the project file up into its backups folder if it holds documents and its newest
    backup is older than ``every``; keep the newest ``keep`` automatic ones. Returns the new
    backup, or None when none was due."""
    when = now or dt.datetime.now()
    if project.count_documents() == 0:
        return None
    backups = list_backups(project.location)
    if backups and when - backups[-1].taken < every and backups[-1].taken <= when:
        return None
    made = project.take_backup(AUTO, when)
    prune(project.location, keep, AUTO)
    return made


def backup_project(project: Project, destination: Path | None = None) -> Path:
    """``annotator backup``: a backup now, into ``destination`` (a file, or a folder to put
    it in) or else the project's backups folder."""
    if destination is None:
        return project.take_backup(MANUAL)
    if destination.is_dir():
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
        stem = project.location.name if isinstance(project.location, DatabaseUrl) \
            else project.location.stem
        destination = destination / f"{stem}-{stamp}.sqlite"
    if destination.is_file():  # (a device or a pipe is refused by the backup itself)
        check_project(destination)  # never overwrite something that is not a backup
    return project.backup(destination)


@dataclass(frozen=True)
class RestoreResult:
    project: Location
    source: Path
    saved: Path | None  # the backup of what the project held before, if it held anything
    documents: int


def restore_project(location: Location, source: Path) -> RestoreResult:
    """Replace the project's content with the backup ``source`` (a project file): into a
    project file, or into a PostgreSQL database (a move from a file to a server).

    ``source`` must be an annotator project file (of this or an older schema); anything else
    is refused before the project is touched. What the project held is backed up first
    (reason ``restore``), so a restore can itself be undone.
    """
    if not source.is_file():
        raise ProjectFileError(f"{source}: no such project file")
    if check_project(source) == 0:
        raise ProjectFileError(f"{source}: an empty file; nothing to restore")
    if isinstance(location, Path) and location.exists() \
            and location.resolve() == source.resolve():
        raise ProjectFileError(f"{source}: is the project file itself")
    with Project(location) as project:
        saved = None
        if not project.created and project.count_documents() > 0:
            saved = project.take_backup(RESTORE)
        project.restore_from(source)
        problems = project.integrity_problems()
        if problems:
            raise ProjectFileError(f"{source}: the restored content is damaged "
                                   f"({problems[0]}); restore another backup")
        return RestoreResult(location, source, saved, project.count_documents())


def backups_of(location: Location) -> tuple[Path, list[Path]]:
    """The project's backups folder and the backups in it, oldest first."""
    return backup_folder(location), [b.path for b in list_backups(location)]
