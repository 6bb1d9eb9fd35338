"""A project kept in a SQLite file: opening and judging the file, its write lock, its bulk
paths (staging an import in SQLite's private temporary database) and its online backup.

One SQLite file in WAL mode with foreign keys and a full sync at each commit. The file is
marked as ours by ``PRAGMA application_id`` and its schema version is ``PRAGMA user_version``;
both are read without locks or side files before anything else is done with it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import Any, Protocol

import peewee as pw

from annotator.core.errors import AnnotatorError, InputError, ProjectFileError
from annotator.storage import schema
from annotator.storage.errors import translated
from annotator.storage.files import part_path, remove_stale_parts
from annotator.storage.schema import APPLICATION_ID

# The ids of labels by name, adding those the project does not have yet.
LabelIds = Callable[[Iterable[str]], Mapping[str, int]]

# How long a write waits for another process's write to finish before it gives up with
# ProjectBusy. Imports hold the write lock only for their last step, and edits for
# milliseconds, so this is ample.
BUSY_TIMEOUT_MS = 10_000


def pragmas() -> dict[str, Any]:
    """How every connection to a project file is set up: WAL, foreign keys, a full sync at
    each commit (an acknowledged edit survives a power cut), and the busy timeout."""
    return {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": "full",
        "busy_timeout": BUSY_TIMEOUT_MS,
    }


def read_only_uri(path: Path) -> str:
    """The URI that reads ``path`` without writing to it or beside it.

    Without a ``-wal`` file beside it, no process has the file open in WAL mode, and it is
    read as immutable (no locks, no side files); with one, it is read through the WAL, which
    may hold changes not yet in the main file.
    """
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return f"{path.resolve().as_uri()}?{mode}"


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to ``path`` (see :func:`read_only_uri`)."""
    return sqlite3.connect(read_only_uri(path), uri=True)


def _writable(path: Path) -> bool:
    """Whether this process may write the project file and its ``-wal``/``-shm`` beside it."""
    if not os.access(path, os.W_OK):
        return False
    if os.access(path.parent, os.W_OK | os.X_OK):
        return True
    beside = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    return all(p.exists() and os.access(p, os.W_OK) for p in beside)


def _identity(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """``(application_id, user_version, number of schema objects)`` of a database."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return int(app_id), int(version), int(tables)


def _judge(path: Path, app_id: int, version: int, tables: int) -> int:
    """The schema version, or ProjectFileError for a file that is not ours or is newer."""
    if app_id != APPLICATION_ID and not (app_id == 0 and version == 0 and tables == 0):
        raise ProjectFileError(f"{path}: not an annotator project file; it was left untouched")
    if version > schema.SCHEMA_VERSION:
        raise ProjectFileError(
            f"{path}: made by a newer annotator (schema {version}, this one reads up to "
            f"{schema.SCHEMA_VERSION}); it was left untouched"
        )
    return version


def check_file(path: Path) -> int:
    """The schema version of an existing file (0: empty), read without changing it.

    Raises ProjectFileError for a folder, a missing file, or a file that is not an annotator
    project file or was made by a newer annotator.
    """
    if path.is_dir():
        raise ProjectFileError(f"{path}: is a folder, not a project file")
    if not path.exists():
        raise ProjectFileError(f"{path}: no such project file")
    # The file is read through SQLite only. Opening and closing it any other way in a process
    # that has it open would drop that process's locks on it (POSIX locks belong to the
    # process, and any close releases them all): another process closing its last
    # connection would then take itself for the last one and delete the WAL under us.
    if path.stat().st_size == 0:
        return 0
    try:
        conn = open_read_only(path)
        try:
            identity = _identity(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        error = translated(exc, path)
        if isinstance(error, ProjectFileError) and "damaged" not in str(error):
            raise error from None  # busy, unreadable: not a verdict on the file
        raise ProjectFileError(f"{path}: not an annotator project file ({exc}); it was left "
                               "untouched") from None
    return _judge(path, *identity)


class SqliteBackend:
    """What differs for a project file: connecting, the version marks, the write lock, the
    import's staging and copying, the change counter, and the online backup."""

    placeholder = "?"

    def __init__(self, path: Path, *, create: bool) -> None:
        self.location = self.path = path
        existed = path.exists() and path.stat().st_size > 0
        if path.is_dir():
            raise ProjectFileError(f"{path}: is a folder, not a project file")
        if not existed and not create:
            raise ProjectFileError(f"{path}: no such project file")
        if not existed:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ProjectFileError(f"{path}: cannot create its folder ({exc})") from None
        self.existed = existed
        self.found_version = check_file(path) if existed else 0
        # A file this process may not write is opened read-only: it can be read (stats,
        # export, the window), and every write fails with WriteError "read-only".
        self.read_only = existed and not _writable(path)
        if self.read_only and self.found_version < schema.SCHEMA_VERSION:
            raise ProjectFileError(
                f"{path}: made by an older annotator and read-only here, so it cannot be "
                "upgraded; make it writable (or copy it) first")
        if self.read_only:
            settings = {k: v for k, v in pragmas().items()
                        if k not in ("journal_mode", "synchronous")}
            self.db: pw.Database = pw.SqliteDatabase(
                read_only_uri(path), pragmas=settings, uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            self.db = pw.SqliteDatabase(str(path), pragmas=pragmas(),
                                        timeout=BUSY_TIMEOUT_MS / 1000)

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection = self.db.connection()
        return conn

    # -- opening ---------------------------------------------------------------------------

    def connect(self) -> int:
        """Connect and return the schema version, judged again through the WAL, which may
        hold what the main file does not yet."""
        self.db.connect()
        if self.existed:
            return _judge(self.path, *_identity(self.conn))
        return 0

    def version_for_update(self) -> int:
        """Inside the write transaction: the version as it is now (another process may have
        created or upgraded the file since it was judged)."""
        found = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        if found > schema.SCHEMA_VERSION:
            raise ProjectFileError(
                f"{self.path}: made by a newer annotator (schema {found}, this one reads "
                f"up to {schema.SCHEMA_VERSION}); it was left untouched")
        return found

    def mark(self, version: int) -> None:
        self.db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        self.db.execute_sql(f"PRAGMA user_version = {int(version)}")

    def close(self) -> None:
        self.db.close()

    def reconnect(self) -> None:
        """A file's connection is not lost: nothing to do."""

    @property
    def usable(self) -> bool:
        return True

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction, holding the file's write lock from its start."""
        with self.db.atomic("IMMEDIATE"):
            yield

    def lock_document(self, document_id: int) -> bool:
        """Writers of one document wait for each other: the transaction's write lock does it."""
        return self.conn.execute("SELECT 1 FROM document WHERE id = ?",
                                 (document_id,)).fetchone() is not None

    def lock_imports(self) -> None:
        """Imports wait for each other: the transaction's write lock does it."""

    def filter_text(self, query: pw.Select, document: Any, text: str) -> tuple[pw.Select, Any]:
        """Documents whose title or id holds ``text``: from the trigram index when the text
        has three characters or more, which hands documents back in id order, so a page of a
        common word costs its page, not every match; shorter text is searched for directly."""
        if len(text) < 3:
            return query.where((pw.fn.instr(document.title, text) > 0)
                               | (pw.fn.instr(document.key, text) > 0)), document.id
        search = pw.Table("document_search")
        rowid = pw.Column(search, "rowid")
        phrase = '"' + text.replace('"', '""') + '"'
        query = (query.join(search, on=(rowid == document.id))
                 .where(pw.Expression(pw.Column(search, "document_search"), "MATCH", phrase)))
        return query, rowid

    def data_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # -- importing -------------------------------------------------------------------------

    @contextmanager
    def staging(self, label_ids: LabelIds) -> Iterator[SqliteStaging]:
        """Temporary tables of this connection for an import's documents and spans.

        They live in SQLite's private temporary database (on disk when large), which takes no
        lock on the project file; only the copy (:meth:`Staging.copy_in`) takes the write
        lock.
        """
        conn = self.conn
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staged_document (seq INTEGER PRIMARY KEY,"
            " key TEXT NOT NULL UNIQUE, title, text, status, date, meta, tokens, sentences,"
            " file, record)")
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staged_span (seq INTEGER NOT NULL, id, start, end,"
            " label TEXT NOT NULL, origin, score, review, annotator, created, updated,"
            " suggested_label, suggested_start, suggested_end)")
        # An event names its spans by their rows (the span's number in the import).
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staged_event (event_row INTEGER PRIMARY KEY,"
            " seq INTEGER NOT NULL, trigger_row INTEGER NOT NULL, type, annotator, created,"
            " updated)")
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staged_argument (event_row INTEGER NOT NULL,"
            " span_row INTEGER NOT NULL, role, position)")
        self._clear_staging()
        try:
            yield SqliteStaging(self, label_ids)
        finally:
            self._clear_staging()

    def _clear_staging(self) -> None:
        with suppress(sqlite3.Error):
            for table in ("staged_argument", "staged_event", "staged_span", "staged_document"):
                self.conn.execute(f"DELETE FROM temp.{table}")

    def insert_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
                    ) -> None:
        """Rows into ``table`` as they are (ids included), in the open transaction: the bulk
        path of copying a project, executemany in one statement."""
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        self.conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)

    # -- backups ---------------------------------------------------------------------------

    def backup_to(self, destination: Path) -> None:
        """A consistent copy of the file with SQLite's online backup API, even while another
        process writes, under a hidden name renamed into place."""
        remove_stale_parts(destination)
        tmp = part_path(destination)
        try:
            target = sqlite3.connect(tmp)
            try:
                self.conn.backup(target)
            finally:
                target.close()
            tmp.replace(destination)
        except (sqlite3.Error, OSError) as exc:
            tmp.unlink(missing_ok=True)
            reason = getattr(exc, "strerror", None) or exc
            raise AnnotatorError(f"{destination}: the backup could not be written ({reason})"
                                 ) from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def restore_file(self, source: Path) -> None:
        """Replace the whole content with that of the project file ``source``, in one step:
        other connections see the old content or the new, never a mix."""
        src = open_read_only(source)
        try:
            src.backup(self.conn)
        finally:
            src.close()

    def integrity_problems(self) -> list[str]:
        rows = [str(r[0]) for r in self.conn.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows


class Staging(Protocol):
    """An import's documents, spans and events, held apart from the project until they are
    copied in.

    Rows are the same on every database: documents as ``(seq, key, title, text, status, date,
    meta, tokens, sentences, file, record)``, spans as ``(seq, id, start, end, label, origin,
    score, review, annotator, created, updated, suggested_label, suggested_start,
    suggested_end, row)``, events as ``(row, seq, trigger, type, annotator, created,
    updated)`` and their arguments as ``(event, span, role, position)``. ``seq`` numbers the
    documents of the import, a span's or event's ``row`` numbers it in the import (from 1),
    and events and arguments name spans and events by those rows. A document's spans and
    events come in the same call of :meth:`add`.
    """

    # Whether the documents go straight into the project, inside the transaction of
    # :meth:`filling` (PostgreSQL), rather than into a staging copied in afterwards.
    direct: bool

    def filling(self) -> AbstractContextManager[None]:
        """Around the calls of :meth:`add`: what the database needs around many of them."""
        ...

    def add(self, documents: Sequence[tuple[Any, ...]], spans: Sequence[tuple[Any, ...]],
            events: Sequence[tuple[Any, ...]] = (), arguments: Sequence[tuple[Any, ...]] = ()
            ) -> None: ...

    def same_text(self, key: str, text: str, staged: bool) -> bool:
        """Whether the document ``key`` (staged in this import, or else in the project) has
        ``text``; True when there is none."""
        ...

    def leave_out_added(self) -> list[tuple[str, str | None, int | None, bool, int, int]]:
        """Inside the write transaction: the staged documents whose keys another process
        added meanwhile, ``(key, file, record, same text, spans, events)``, taken out of the
        staging; a different text is an error (InputError)."""
        ...

    def copy_in(self, stamp: str) -> None:
        """Inside the write transaction: the staged documents, spans and events copied into
        the project, the labels they use added to it first."""
        ...


class SqliteStaging:
    direct = False

    def __init__(self, backend: SqliteBackend, label_ids: LabelIds) -> None:
        self.conn = backend.conn
        self.label_ids = label_ids

    @contextmanager
    def filling(self) -> Iterator[None]:
        """One deferred transaction for the staging: the temporary tables are journaled once,
        not per batch; it reads the project file, which in WAL mode blocks no one."""
        conn = self.conn
        conn.execute("BEGIN DEFERRED")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # SQLite has rolled back already on a full disk
                conn.rollback()
            raise
        conn.execute("COMMIT")

    def add(self, documents: Sequence[tuple[Any, ...]], spans: Sequence[tuple[Any, ...]],
            events: Sequence[tuple[Any, ...]] = (), arguments: Sequence[tuple[Any, ...]] = ()
            ) -> None:
        self.conn.executemany(
            "INSERT INTO temp.staged_document (seq, key, title, text, status, date, meta,"
            " tokens, sentences, file, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            documents)
        # A span's row is its rowid: events find their spans by it without an index.
        self.conn.executemany(
            "INSERT INTO temp.staged_span (seq, id, start, end, label, origin, score, review,"
            " annotator, created, updated, suggested_label, suggested_start, suggested_end,"
            " rowid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", spans)
        if events:
            self.conn.executemany(
                "INSERT INTO temp.staged_event (event_row, seq, trigger_row, type, annotator,"
                " created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)", events)
            self.conn.executemany(
                "INSERT INTO temp.staged_argument (event_row, span_row, role, position)"
                " VALUES (?, ?, ?, ?)", arguments)

    def same_text(self, key: str, text: str, staged: bool) -> bool:
        table = "temp.staged_document" if staged else "main.document"
        row = self.conn.execute(f"SELECT text = ? FROM {table} WHERE key = ?",
                                (text, key)).fetchone()
        return row is None or bool(row[0])

    def leave_out_added(self) -> list[tuple[str, str | None, int | None, bool, int, int]]:
        conn = self.conn
        clashes = conn.execute(
            "SELECT s.seq, s.key, s.file, s.record, d.text = s.text,"
            " (SELECT count(*) FROM temp.staged_span p WHERE p.seq = s.seq),"
            " (SELECT count(*) FROM temp.staged_event e WHERE e.seq = s.seq)"
            " FROM temp.staged_document s JOIN main.document d ON d.key = s.key").fetchall()
        for seq, key, path, record, same, _, _ in clashes:
            if not same:
                raise InputError(f"id {key!r} is already in the project with a different text",
                                 path=path, record=record)
            conn.execute("DELETE FROM temp.staged_argument WHERE event_row IN"
                         " (SELECT event_row FROM temp.staged_event WHERE seq = ?)", (seq,))
            conn.execute("DELETE FROM temp.staged_event WHERE seq = ?", (seq,))
            conn.execute("DELETE FROM temp.staged_span WHERE seq = ?", (seq,))
            conn.execute("DELETE FROM temp.staged_document WHERE seq = ?", (seq,))
        return [(key, path, record, bool(same), spans, events)
                for _, key, path, record, same, spans, events in clashes]

    def copy_in(self, stamp: str) -> None:
        conn = self.conn
        self.label_ids([name for (name,) in conn.execute(
            "SELECT label FROM temp.staged_span GROUP BY label ORDER BY min(rowid)")])
        base_id = conn.execute("SELECT coalesce(max(id), 0) FROM main.document").fetchone()[0]
        conn.execute(
            "INSERT INTO main.document (id, key, title, text, status, date, meta, tokens,"
            " sentences, created, updated)"
            " SELECT ? + seq, key, title, text, status, date, meta, tokens, sentences, ?, ?"
            " FROM temp.staged_document ORDER BY seq",
            (base_id, stamp, stamp),
        )
        # A span without an id of its own gets the id after the largest there is, plus its
        # row (as the project would give them one by one), so its events can name it.
        span_base = conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM main.span), 0),"
            " coalesce((SELECT max(id) FROM temp.staged_span), 0))").fetchone()[0]
        conn.execute(
            "INSERT INTO main.span (id, document_id, start, end, label_id, origin, score,"
            " review, annotator, created, updated, suggested_label, suggested_start,"
            " suggested_end, decided_by, decided_at)"
            " SELECT coalesce(s.id, ? + s.rowid), ? + s.seq, s.start, s.end, l.id, s.origin,"
            " s.score, s.review, s.annotator, coalesce(s.created, ?), coalesce(s.updated, ?),"
            " s.suggested_label, s.suggested_start, s.suggested_end, NULL, NULL"
            " FROM temp.staged_span s JOIN main.label l ON l.name = s.label ORDER BY s.rowid",
            (span_base, base_id, stamp, stamp),
        )
        if conn.execute("SELECT 1 FROM temp.staged_event LIMIT 1").fetchone() is None:
            return
        event_base = conn.execute("SELECT coalesce(max(id), 0) FROM main.event").fetchone()[0]
        conn.execute(
            "INSERT INTO main.event (id, document_id, trigger_id, type, annotator, created,"
            " updated)"
            " SELECT ? + e.event_row, ? + e.seq, coalesce(s.id, ? + s.rowid), e.type, e.annotator,"
            " coalesce(e.created, ?), coalesce(e.updated, ?)"
            " FROM temp.staged_event e JOIN temp.staged_span s ON s.rowid = e.trigger_row"
            " ORDER BY e.event_row",
            (event_base, base_id, span_base, stamp, stamp),
        )
        conn.execute(
            "INSERT INTO main.event_argument (event_id, span_id, role, position)"
            " SELECT ? + a.event_row, coalesce(s.id, ? + s.rowid), a.role, a.position"
            " FROM temp.staged_argument a JOIN temp.staged_span s ON s.rowid = a.span_row"
            " ORDER BY a.rowid",
            (event_base, span_base),
        )
