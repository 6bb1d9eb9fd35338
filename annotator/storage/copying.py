"""Backups and restores, and moving a project between a file and a server, exactly.

A backup is always a project file. Of a project file it is taken with SQLite's online backup
API; of a PostgreSQL project, every table is copied row by row, ids included, into a new
project file, inside one repeatable-read transaction (a consistent copy while others write).
A restore replaces the project's whole content with a backup's, in one transaction; into
PostgreSQL the rows are copied with their ids, so that exports before and after a move are
byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee as pw

from annotator.core.errors import AnnotatorError, ProjectFileError
from annotator.storage import migrations, schema
from annotator.storage.backups import new_backup_path
from annotator.storage.base import ProjectBase, guarded
from annotator.storage.files import part_path, remove_stale_parts
from annotator.storage.postgres import PostgresBackend
from annotator.storage.schema import Models
from annotator.storage.sqlite import SqliteBackend, check_file

_CHUNK = 2_000


def copy_tables(source: pw.Database, target: pw.Database,
                target_backend: SqliteBackend | PostgresBackend, models: Models) -> None:
    """Inside the target's write transaction: empty the target's tables and fill them with
    the source's rows, ids included. The tables are the project's (``models``, in the order
    they refer to each other) that both databases have, with the columns both have: a
    project of an older schema lacks some."""
    shared = set(source.get_tables()) & set(target.get_tables())
    tables = [m._meta.table_name for m in models.all if m._meta.table_name in shared]
    for table in reversed(tables):
        target.execute_sql(f'DELETE FROM "{table}"')
    for table in tables:
        there = {c.name for c in source.get_columns(table)}
        columns = [c.name for c in target.get_columns(table) if c.name in there]
        names = ", ".join(f'"{c}"' for c in columns)
        target_backend.insert_rows(table, columns,
                                   source.execute_sql(f'SELECT {names} FROM "{table}" ORDER BY 1'))


class Copying(ProjectBase):
    def backup(self, destination: str | Path) -> Path:
        """A consistent copy of the project as a project file, written under a hidden name
        and renamed, so ``destination`` is a whole project file or absent; another process
        may write to the project meanwhile."""
        destination = Path(destination)
        if self.is_file and destination.resolve() == Path(str(self.location)).resolve():
            raise AnnotatorError(f"{destination}: is the project file itself")
        if destination.exists() and not destination.is_file():
            raise AnnotatorError(f"{destination}: is not a file; give a file name for the "
                                 "backup")
        destination = destination.resolve()  # a link is followed: the file it names is replaced
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise AnnotatorError(
                f"{destination}: cannot write the backup there ({exc.strerror})") from None
        with self.translating():
            if isinstance(self.backend, SqliteBackend):
                self.backend.backup_to(destination)
            else:
                self._copy_to_file(destination)
        return destination

    def _copy_to_file(self, destination: Path) -> None:
        """A project file of the database's own schema version (readable by the annotator
        that made it: a backup before an upgrade is taken of the old version)."""
        remove_stale_parts(destination)
        tmp = part_path(destination)
        try:
            with self.db.atomic():
                self.db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                assert isinstance(self.backend, PostgresBackend)
                version = self.backend.version()
                copy = SqliteBackend(tmp, create=True)
                try:
                    copy.connect()
                    with copy.write():
                        for step in range(version):
                            migrations.STEPS[step](copy.db)
                        copy.mark(version)
                        copy_tables(self.db, copy.db, copy, self.models)
                finally:
                    copy.close()
            tmp.replace(destination)
        except OSError as exc:
            raise AnnotatorError(f"{destination}: the backup could not be written "
                                 f"({exc.strerror or exc})") from None
        finally:
            tmp.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm"):
                tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)

    def take_backup(self, reason: str, when: dt.datetime | None = None) -> Path:
        """A backup in the project's backups folder (:mod:`annotator.storage.backups`)."""
        return self.backup(new_backup_path(self.location, reason, when))

    @guarded
    def restore_from(self, source: Path) -> None:
        """Replace the project's whole content with that of the project file ``source``.

        One transaction: other connections see the old content or the new, never a mix.
        ``source`` must be an annotator project file this annotator can read (an older one is
        migrated); anything else is refused and nothing is changed.
        """
        source = Path(source)
        version = check_file(source)
        if version == 0:
            raise ProjectFileError(f"{source}: an empty file; nothing to restore")
        if self.is_file and source.resolve() == Path(str(self.location)).resolve():
            raise ProjectFileError(f"{source}: is the project file itself")
        self._label_cache = None
        if isinstance(self.backend, SqliteBackend):
            self.backend.restore_file(source)
            if version < schema.SCHEMA_VERSION:
                self._migrate(version)
            return
        with self._readable_copy(source, version) as readable:
            from annotator.storage.project import Project

            with Project(readable, create=False) as backup, self.transaction():
                assert isinstance(self.backend, PostgresBackend)
                self.backend.lock_imports()
                copy_tables(backup.db, self.db, self.backend, self.models)
                self.backend.reset_sequences(self.models)

    @contextmanager
    def _readable_copy(self, source: Path, version: int) -> Iterator[Path]:
        """``source`` itself when it is of this schema, else a migrated copy of it (a
        backup is never changed by restoring it)."""
        if version == schema.SCHEMA_VERSION:
            yield source
            return
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / source.name
            shutil.copyfile(source, copy)
            yield copy
