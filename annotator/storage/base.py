"""Opening a project, on a file or a server, and what every part of it shares: the backend of
its database, the models, the write transaction, and the databases' failures raised as the
errors users see.

:class:`ProjectBase` is the root of :class:`annotator.storage.project.Project`, whose parts
(labels, documents, spans, the document list, reports, backups) live in modules of their own
and reach the database only through what is here.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Concatenate, Protocol

import peewee as pw
import psycopg

from annotator.core.errors import ProjectFileError
from annotator.core.model import DEFAULT_LABELS, Label
from annotator.storage import migrations, schema
from annotator.storage.errors import translated
from annotator.storage.location import DatabaseUrl, Location, parse_location
from annotator.storage.postgres import PostgresBackend
from annotator.storage.schema import Models, make_models
from annotator.storage.sqlite import LabelIds, SqliteBackend, Staging, check_file

DRIVER_ERRORS = (sqlite3.Error, psycopg.Error, pw.PeeweeException)


class Backend(Protocol):
    """What differs between the databases (:mod:`.sqlite`, :mod:`.postgres`)."""

    db: pw.Database
    read_only: bool
    existed: bool
    placeholder: str

    @property
    def location(self) -> Location: ...

    def connect(self) -> int:
        """Connect; the schema version found (0: a new project)."""
        ...

    def version_for_update(self) -> int: ...

    def mark(self, version: int) -> None: ...

    def close(self) -> None: ...

    def reconnect(self) -> None: ...

    @property
    def usable(self) -> bool: ...

    def write(self) -> AbstractContextManager[None]: ...

    def lock_document(self, document_id: int) -> bool:
        """Inside a write transaction: make the document's other writers wait; False when
        there is no such document."""
        ...

    def lock_imports(self) -> None: ...

    def filter_text(self, query: pw.Select, document: Any, text: str) -> tuple[pw.Select, Any]:
        ...

    def data_version(self) -> int: ...

    def staging(self, label_ids: LabelIds) -> AbstractContextManager[Staging]: ...

    def insert_rows(self, table: str, columns: Sequence[str],
                    rows: Iterable[Sequence[Any]]) -> None: ...

    def integrity_problems(self) -> list[str]: ...


def make_backend(location: Location, create: bool) -> Backend:
    if isinstance(location, DatabaseUrl):
        return PostgresBackend(location, create=create)
    return SqliteBackend(location, create=create)


def check_project(location: str | Location) -> int:
    """The schema version of an existing project (0: empty), without changing it.

    Raises ProjectFileError for something that is not an annotator project (or is a newer
    one), or a project file that does not exist.
    """
    location = parse_location(location)
    if isinstance(location, Path):
        return check_file(location)
    backend = PostgresBackend(location, create=False)
    try:
        return backend.connect()
    except ProjectFileError as exc:
        if "an empty database" in str(exc):
            return 0
        raise
    finally:
        backend.close()


class ProjectBase:
    """An open project. Reads return core objects; each write commits before returning."""

    def __init__(self, location: str | Location, *, create: bool = True) -> None:
        self.location: Location = parse_location(location)
        self.backend: Backend = make_backend(self.location, create)
        self.db = self.backend.db
        self.models: Models = make_models(self.db)
        self._label_cache: dict[str, Label] | None = None
        self._label_ids: dict[str, int] = {}
        try:
            with self.translating():
                version = self.backend.connect()
                self.created = version == 0
                if version < schema.SCHEMA_VERSION:
                    self.created = self._migrate(version) == 0
        except (ProjectFileError, *DRIVER_ERRORS) as exc:
            self.backend.close()
            if isinstance(exc, ProjectFileError):
                raise
            raise ProjectFileError(f"{self.location}: cannot open ({exc})") from None
        except BaseException:
            self.backend.close()
            raise

    @property
    def read_only(self) -> bool:
        return self.backend.read_only

    @property
    def is_file(self) -> bool:
        return isinstance(self.location, Path)

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> ProjectBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self, version: int) -> int:
        """Bring the project to the current schema; returns the version it had.

        The version is read again under the write lock: two processes opening a new project
        at once must not both create it. A project with data is backed up first (reason
        ``schemaN``).
        """
        if version > 0:
            self.take_backup(f"schema{version}")
        with self.backend.write():
            found = self.backend.version_for_update()
            for step in range(found, schema.SCHEMA_VERSION):
                migrations.STEPS[step](self.db)
            if found == 0:
                self.models.Label.insert_many(
                    [{"name": lab.name, "key": lab.key, "color": lab.color, "position": i}
                     for i, lab in enumerate(DEFAULT_LABELS)]).execute()
            if found < schema.SCHEMA_VERSION:
                self.backend.mark(schema.SCHEMA_VERSION)
        return found

    def take_backup(self, reason: str, when: dt.datetime | None = None) -> Path:
        raise NotImplementedError  # storage.copying

    # -- transactions and errors -----------------------------------------------------------

    @contextmanager
    def translating(self) -> Iterator[None]:
        """The database's failures inside raised as the errors users see (storage.errors);
        any other (a constraint, a programming error) as it is. A connection to a server that
        was lost is made again first, once."""
        if not self.backend.usable:
            try:
                self.backend.reconnect()
            except DRIVER_ERRORS as exc:
                raise self._error(exc) from None
        try:
            yield
        except DRIVER_ERRORS as exc:
            error = self._error(exc)
            if error is exc:
                raise
            raise error from exc

    def _error(self, exc: BaseException) -> BaseException:
        return translated(exc, self.location) or exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it is stored, or (on an error) none of it."""
        with self.translating(), self.backend.write():
            yield

    def data_version(self) -> int:
        """Changes when another program commits a change to the project."""
        with self.translating():
            return self.backend.data_version()

    def integrity_problems(self) -> list[str]:
        """What the database finds wrong with itself (nothing: an empty list)."""
        with self.translating():
            return self.backend.integrity_problems()

    def _rows(self, query: Any) -> Sequence[tuple[Any, ...]]:
        """The rows of a peewee query straight from the driver's cursor (no model objects)."""
        return list(self.db.execute(query).fetchall())


def guarded[P: ProjectBase, **A, R](
    method: Callable[Concatenate[P, A], R],
) -> Callable[Concatenate[P, A], R]:
    """``method`` raising the database's failures as the errors users see."""

    @functools.wraps(method)
    def run(self: P, /, *args: A.args, **kwargs: A.kwargs) -> R:
        with self.translating():
            return method(self, *args, **kwargs)

    return run


def guarded_iter[P: ProjectBase, **A, T](
    method: Callable[Concatenate[P, A], Iterator[T]],
) -> Callable[Concatenate[P, A], Iterator[T]]:
    """:func:`guarded` for a method that streams its results."""

    @functools.wraps(method)
    def run(self: P, /, *args: A.args, **kwargs: A.kwargs) -> Iterator[T]:
        with self.translating():
            yield from method(self, *args, **kwargs)

    return run
