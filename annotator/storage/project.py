"""The project file: one SQLite database in WAL mode, every write in a transaction."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, Concatenate

import peewee as pw

from annotator.core.errors import AnnotatorError, InputError, ProjectFileError
from annotator.core.model import DEFAULT_LABELS, EXTRA_COLORS, Document, Label, Review, Span, Status
from annotator.core.tokens import pack, unpack
from annotator.storage.backups import new_backup_path
from annotator.storage.errors import translated
from annotator.storage.files import part_path, remove_stale_parts
from annotator.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, make_models

# How long a write waits for another process's write to finish before it gives up with
# ProjectBusy. Imports hold the write lock only for their last step (see add_documents), and
# edits for milliseconds, so this is ample.
BUSY_TIMEOUT_MS = 10_000
_BATCH = 500


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _parse_time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """What the document list shows: text in the title or id, statuses, a label.

    Text of three characters or more is looked up in the trigram index of titles and ids;
    shorter text is searched for in them directly.
    """

    text: str = ""
    statuses: frozenset[Status] = frozenset()
    label: str | None = None

    @property
    def _indexed(self) -> bool:
        return len(self.text) >= 3

    def source(self) -> tuple[str, str, list[Any]]:
        """``FROM`` (documents as ``d``), ``WHERE`` and its parameters.

        A text filter starts from the index, which hands back documents in id order, so a
        page of a common word costs its page, not every match.
        """
        table = "document d"
        clauses: list[str] = []
        params: list[Any] = []
        if self._indexed:
            table = "document_search JOIN document d ON d.id = document_search.rowid"
            clauses.append("document_search MATCH ?")
            params.append('"' + self.text.replace('"', '""') + '"')
        elif self.text:
            clauses.append("(instr(d.title, ?) > 0 OR instr(d.key, ?) > 0)")
            params += [self.text, self.text]
        if self.statuses:
            clauses.append(f"d.status IN ({','.join('?' * len(self.statuses))})")
            params += sorted(s.value for s in self.statuses)
        if self.label:
            clauses.append(
                "EXISTS (SELECT 1 FROM span s JOIN label l ON l.id = s.label_id "
                "WHERE s.document_id = d.id AND l.name = ? "
                "AND (s.review IS NULL OR s.review != 'rejected'))"
            )
            params.append(self.label)
        return table, (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def order(self) -> str:
        """The list's order (import order) in the terms the index can hand back."""
        return "document_search.rowid" if self._indexed else "d.id"


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One row of the document list."""

    id: int
    key: str
    title: str
    date: dt.datetime | None
    status: Status
    span_count: int
    pending: int = 0


@dataclass
class ImportSummary:
    added: int = 0
    spans: int = 0
    skipped: list[str] = field(default_factory=list)  # keys already in the project, same text


def pragmas() -> dict[str, Any]:
    """How every connection to a project file is set up: WAL, foreign keys, a full sync at
    each commit (an acknowledged edit survives a power cut), and the busy timeout."""
    return {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": "full",
        "busy_timeout": BUSY_TIMEOUT_MS,
    }


@contextmanager
def _as_users_errors(path: Path) -> Iterator[None]:
    """SQLite's failures inside raised as the errors users see (storage.errors); any other
    (a constraint, a programming error) as it is."""
    try:
        yield
    except (sqlite3.Error, pw.PeeweeException) as exc:
        error = translated(exc, path)
        if error is None:
            raise
        raise error from exc


def _guarded[**P, R](
    method: Callable[Concatenate[Project, P], R],
) -> Callable[Concatenate[Project, P], R]:
    """``method`` raising SQLite's failures as the errors users see."""

    @functools.wraps(method)
    def guarded(self: Project, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with _as_users_errors(self.path):
            return method(self, *args, **kwargs)

    return guarded


def _guarded_iter[**P, T](
    method: Callable[Concatenate[Project, P], Iterator[T]],
) -> Callable[Concatenate[Project, P], Iterator[T]]:
    """:func:`_guarded` for a method that streams its results."""

    @functools.wraps(method)
    def guarded(self: Project, /, *args: P.args, **kwargs: P.kwargs) -> Iterator[T]:
        with _as_users_errors(self.path):
            yield from method(self, *args, **kwargs)

    return guarded


def check_project_file(path: Path) -> int:
    """The schema version of an existing project file (0: empty), read without changing it.

    Raises ProjectFileError for a file that is not an annotator project file or was made by
    a newer annotator.
    """
    if path.is_dir():
        raise ProjectFileError(f"{path}: is a folder, not a project file")
    if not path.exists():
        raise ProjectFileError(f"{path}: no such project file")
    return _check_file(path)


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
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"{path}: made by a newer annotator (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); it was left untouched"
        )
    return version


def _check_file(path: Path) -> int:
    """The schema version of an existing file; refuse anything that is not ours, untouched."""
    with path.open("rb") as fh:
        header = fh.read(16)
    if not header:
        return 0
    if header != b"SQLite format 3\x00":
        raise ProjectFileError(f"{path}: not an annotator project file; it was left untouched")
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


class Project:
    """An open project file. Reads return core objects; each write commits before returning."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        existed = self.path.exists() and self.path.stat().st_size > 0
        if self.path.is_dir():
            raise ProjectFileError(f"{self.path}: is a folder, not a project file")
        if not existed and not create:
            raise ProjectFileError(f"{self.path}: no such project file")
        version = _check_file(self.path) if existed else 0
        self.created = version == 0
        # A file this process may not write is opened read-only: it can be read (stats,
        # export, the window), and every write fails with WriteError "read-only".
        self.read_only = existed and not _writable(self.path)
        if self.read_only and version < SCHEMA_VERSION:
            raise ProjectFileError(
                f"{self.path}: made by an older annotator and read-only here, so it cannot be "
                "upgraded; make it writable (or copy it) first")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProjectFileError(f"{self.path}: cannot create its folder ({exc})") from None
        if self.read_only:
            settings = {k: v for k, v in pragmas().items()
                        if k not in ("journal_mode", "synchronous")}
            self.db = pw.SqliteDatabase(read_only_uri(self.path), pragmas=settings, uri=True,
                                        timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            self.db = pw.SqliteDatabase(str(self.path), pragmas=pragmas(),
                                        timeout=BUSY_TIMEOUT_MS / 1000)
        self.models = make_models(self.db)
        self._label_cache: dict[str, Label] | None = None
        self._label_ids: dict[str, int] = {}
        try:
            self.db.connect()
            # Judged again through the WAL, which may hold what the main file does not yet.
            if existed:
                version = _judge(self.path, *_identity(self._conn))
            if version < SCHEMA_VERSION:
                self.created = self._migrate(version) == 0
        except (sqlite3.Error, pw.PeeweeException) as exc:
            self.db.close()
            error = translated(exc, self.path)
            if error is not None:
                raise error from None
            raise ProjectFileError(f"{self.path}: cannot open ({exc})") from None
        except BaseException:
            self.db.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self, version: int) -> int:
        """Bring the file to SCHEMA_VERSION; returns the version it had.

        The version is read again under the write lock: two processes opening a new file at
        once must not both create it. A file with data is backed up first (reason
        ``schemaN`` in the backups folder).
        """
        if version > 0:
            self.take_backup(f"schema{version}")
        with self.db.atomic("IMMEDIATE"):
            found = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
            if found > SCHEMA_VERSION:
                raise ProjectFileError(
                    f"{self.path}: made by a newer annotator (schema {found}, this one reads "
                    f"up to {SCHEMA_VERSION}); it was left untouched")
            for step in range(found, SCHEMA_VERSION):
                MIGRATIONS[step](self.db, self.models)
            if found == 0:
                conn = self._conn
                conn.executemany(
                    "INSERT INTO label (name, key, color, position) VALUES (?, ?, ?, ?)",
                    [(lab.name, lab.key, lab.color, i) for i, lab in enumerate(DEFAULT_LABELS)],
                )
            if found < SCHEMA_VERSION:
                self.db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                self.db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return found

    # -- backups ---------------------------------------------------------------------------

    def backup(self, destination: str | Path) -> Path:
        """A consistent copy of the project file, taken with SQLite's online backup API.

        Written under a hidden temporary name and renamed, so ``destination`` is a whole
        project file or absent; another process may write to the project meanwhile.
        """
        destination = Path(destination)
        if destination.resolve() == self.path.resolve():
            raise AnnotatorError(f"{destination}: is the project file itself")
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise AnnotatorError(
                f"{destination}: cannot write the backup there ({exc.strerror})") from None
        remove_stale_parts(destination)
        tmp = part_path(destination)
        try:
            target = sqlite3.connect(tmp)
            try:
                self._conn.backup(target)
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
        return destination

    def take_backup(self, reason: str, when: dt.datetime | None = None) -> Path:
        """A backup in the project's backups folder (:mod:`annotator.storage.backups`)."""
        return self.backup(new_backup_path(self.path, reason, when))

    @_guarded
    def restore_from(self, source: Path) -> None:
        """Replace the project's whole content with that of the project file ``source``.

        One step with SQLite's backup API: other connections see the old content or the
        new, never a mix. ``source`` must be an annotator project file this annotator can
        read (an older one is migrated); anything else is refused and nothing is changed.
        """
        source = Path(source)
        version = check_project_file(source)
        if version == 0:
            raise ProjectFileError(f"{source}: an empty file; nothing to restore")
        if source.resolve() == self.path.resolve():
            raise ProjectFileError(f"{source}: is the project file itself")
        src = open_read_only(source)
        try:
            src.backup(self._conn)
        finally:
            src.close()
        self._label_cache = None
        if version < SCHEMA_VERSION:
            self._migrate(version)

    @_guarded
    def integrity_problems(self) -> list[str]:
        """What SQLite's ``PRAGMA integrity_check`` finds wrong (nothing: an empty list)."""
        rows = [str(r[0]) for r in self._conn.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    @property
    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection = self.db.connection()
        return conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it is stored, or (on an error) none of it."""
        with _as_users_errors(self.path), self.db.atomic("IMMEDIATE"):
            yield

    @_guarded
    def data_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version)."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    # -- labels ----------------------------------------------------------------------------

    @_guarded
    def labels(self) -> list[Label]:
        if self._label_cache is None:
            rows = self._conn.execute(
                "SELECT id, name, key, color FROM label ORDER BY position, id"
            ).fetchall()
            self._label_cache = {name: Label(name, key, color) for _, name, key, color in rows}
            self._label_ids = {name: i for i, name, _, _ in rows}
        return list(self._label_cache.values())

    @_guarded
    def refresh_labels(self) -> list[Label]:
        """The labels as the file has them now (another connection may have added some)."""
        self._label_cache = None
        return self.labels()

    @_guarded
    def model_names(self) -> list[str]:
        """The names of the models that have suggestions in the project, sorted."""
        rows = self._conn.execute(  # the partial index on (origin, review) answers this
            "SELECT DISTINCT origin FROM span WHERE review IS NOT NULL ORDER BY origin")
        return [origin.removeprefix("model:") for (origin,) in rows]

    @_guarded
    def ensure_labels(self, names: Iterable[str]) -> None:
        """Add labels the project does not have yet, with colours of their own."""
        known = {lab.name for lab in self.labels()}
        missing = [n for n in dict.fromkeys(names) if n not in known]
        if not missing:
            return
        with self.transaction():
            count = len(known)
            for name in missing:
                color = EXTRA_COLORS[(count - len(DEFAULT_LABELS)) % len(EXTRA_COLORS)]
                self._conn.execute(
                    "INSERT INTO label (name, key, color, position) VALUES (?, '', ?, ?)",
                    (name, color, count),
                )
                count += 1
        self._label_cache = None

    def _label_id(self, name: str) -> int:
        found = self._label_ids.get(name) if self._label_cache is not None else None
        if found is None:
            self.labels()
            if name not in self._label_ids:
                self.ensure_labels([name])
                self.labels()
            found = self._label_ids[name]
        return found

    # -- documents -------------------------------------------------------------------------

    @_guarded
    def add_documents(self, documents: Iterable[Document],
                      on_document: Any = None) -> ImportSummary:
        """Store documents and their spans in one transaction: all of them or none.

        A document whose key is already in the project with the same text is skipped; with a
        different text it is an error. ``on_document`` is called after each one (progress,
        cancel): raising there stores nothing.

        The documents are first staged in temporary tables of this connection (SQLite's
        private temporary database, on disk when large), which takes no lock on the project
        file; only the last step, copying them in, holds the write lock, for a moment. So the
        window and other commands keep writing while a long import reads and tokenizes, and a
        kill at any point leaves the project file as it was or with everything.
        """
        summary = ImportSummary()
        conn = self._conn
        self._create_staging()
        try:
            # One deferred transaction for the staging: the temporary tables are journaled
            # once, not per batch; it reads the project file, which in WAL mode blocks no one.
            conn.execute("BEGIN DEFERRED")
            try:
                self._stage(documents, on_document, summary)
            except BaseException:
                if conn.in_transaction:  # SQLite has rolled back already on a full disk
                    conn.rollback()
                raise
            conn.execute("COMMIT")
            with self.transaction():
                self._copy_staged(summary)
        finally:
            with suppress(sqlite3.Error):
                conn.execute("DELETE FROM temp.staged_span")
                conn.execute("DELETE FROM temp.staged_document")
        return summary

    def _create_staging(self) -> None:
        conn = self._conn
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staged_document (seq INTEGER PRIMARY KEY,"
            " key TEXT NOT NULL UNIQUE, title, text, status, date, meta, tokens, sentences,"
            " file, record)")
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staged_span (seq INTEGER NOT NULL, id, start, end,"
            " label TEXT NOT NULL, origin, score, review, annotator, created, updated,"
            " suggested_label, suggested_start, suggested_end)")
        conn.execute("DELETE FROM temp.staged_span")
        conn.execute("DELETE FROM temp.staged_document")

    def _stage(self, documents: Iterable[Document], on_document: Any,
               summary: ImportSummary) -> None:
        """Check each document against the project as it is now and stage the new ones."""
        conn = self._conn
        existing = {key for (key,) in conn.execute("SELECT key FROM document")}
        staged: set[str] = set()
        doc_rows: list[tuple[Any, ...]] = []
        span_rows: list[tuple[Any, ...]] = []
        for doc in documents:
            where = {"path": doc.meta.get("file"), "record": doc.meta.get("record")}
            if doc.key in existing or doc.key in staged:
                if doc.key in staged:
                    self._flush_staged(doc_rows, span_rows)
                    table = "temp.staged_document"
                else:
                    table = "main.document"
                row = conn.execute(f"SELECT text = ? FROM {table} WHERE key = ?",
                                   (doc.text, doc.key)).fetchone()
                same = row is None or bool(row[0])
                if not same:
                    where_in = "in the project" if doc.key in existing else "in this import"
                    raise InputError(f"id {doc.key!r} is already {where_in} with a different "
                                     "text", **where)
                summary.skipped.append(doc.key)
                if on_document:
                    on_document(doc)
                continue
            seq = len(staged) + 1
            staged.add(doc.key)
            meta = {k: v for k, v in doc.meta.items() if k not in ("file", "record")}
            doc_rows.append((
                seq, doc.key, doc.title, doc.text, doc.status.value,
                doc.date.isoformat() if doc.date else None,
                json.dumps(meta, ensure_ascii=False), pack(doc.tokens), pack(doc.sentences),
                where["path"], where["record"],
            ))
            span_rows += [self._staged_span_row(seq, span) for span in doc.spans]
            summary.added += 1
            summary.spans += len(doc.spans)
            if len(doc_rows) >= _BATCH:
                self._flush_staged(doc_rows, span_rows)
            if on_document:
                on_document(doc)
        self._flush_staged(doc_rows, span_rows)

    def _flush_staged(self, doc_rows: list[tuple[Any, ...]],
                      span_rows: list[tuple[Any, ...]]) -> None:
        conn = self._conn
        conn.executemany(
            "INSERT INTO temp.staged_document (seq, key, title, text, status, date, meta,"
            " tokens, sentences, file, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            doc_rows,
        )
        conn.executemany(
            "INSERT INTO temp.staged_span (seq, id, start, end, label, origin, score, review,"
            " annotator, created, updated, suggested_label, suggested_start, suggested_end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            span_rows,
        )
        doc_rows.clear()
        span_rows.clear()

    @staticmethod
    def _staged_span_row(seq: int, span: Span) -> tuple[Any, ...]:
        suggested = span.is_suggestion
        return (
            seq, span.id, span.start, span.end, span.label, span.origin, span.score,
            span.review.value if span.review else None, span.annotator,
            span.created.isoformat() if span.created else None,
            span.updated.isoformat() if span.updated else None,
            span.label if suggested else None, span.start if suggested else None,
            span.end if suggested else None,
        )

    def _copy_staged(self, summary: ImportSummary) -> None:
        """Inside the write transaction: copy the staged documents and spans in.

        Another process may have added some of the same keys since they were staged: those
        with the same text are skipped, a different text is an error (nothing is stored).
        """
        conn = self._conn
        self._label_cache = None  # another process may have added labels meanwhile
        clashes = conn.execute(
            "SELECT s.seq, s.key, s.file, s.record, d.text = s.text,"
            " (SELECT count(*) FROM temp.staged_span p WHERE p.seq = s.seq)"
            " FROM temp.staged_document s JOIN main.document d ON d.key = s.key").fetchall()
        for seq, key, path, record, same, spans in clashes:
            if not same:
                raise InputError(f"id {key!r} is already in the project with a different text",
                                 path=path, record=record)
            conn.execute("DELETE FROM temp.staged_span WHERE seq = ?", (seq,))
            conn.execute("DELETE FROM temp.staged_document WHERE seq = ?", (seq,))
            summary.skipped.append(key)
            summary.added -= 1
            summary.spans -= spans
        self.ensure_labels(name for (name,) in conn.execute(
            "SELECT DISTINCT label FROM temp.staged_span ORDER BY rowid"))
        base_id = conn.execute("SELECT coalesce(max(id), 0) FROM main.document").fetchone()[0]
        stamp = now()
        conn.execute(
            "INSERT INTO main.document (id, key, title, text, status, date, meta, tokens,"
            " sentences, created, updated)"
            " SELECT ? + seq, key, title, text, status, date, meta, tokens, sentences, ?, ?"
            " FROM temp.staged_document ORDER BY seq",
            (base_id, stamp, stamp),
        )
        conn.execute(
            "INSERT INTO main.span (id, document_id, start, end, label_id, origin, score,"
            " review, annotator, created, updated, suggested_label, suggested_start,"
            " suggested_end, decided_by, decided_at)"
            " SELECT s.id, ? + s.seq, s.start, s.end, l.id, s.origin, s.score, s.review,"
            " s.annotator, coalesce(s.created, ?), coalesce(s.updated, ?), s.suggested_label,"
            " s.suggested_start, s.suggested_end, NULL, NULL"
            " FROM temp.staged_span s JOIN main.label l ON l.name = s.label ORDER BY s.rowid",
            (base_id, stamp, stamp),
        )

    def _span_row(self, doc_id: int, span: Span, stamp: str) -> tuple[Any, ...]:
        suggested = span.is_suggestion
        return (
            span.id, doc_id, span.start, span.end, self._label_id(span.label), span.origin,
            span.score, span.review.value if span.review else None, span.annotator,
            span.created.isoformat() if span.created else stamp,
            span.updated.isoformat() if span.updated else stamp,
            span.label if suggested else None, span.start if suggested else None,
            span.end if suggested else None, None, None,
        )

    @_guarded
    def document(self, doc_id: int) -> Document:
        row = self._conn.execute(
            "SELECT id, key, title, text, status, date, meta, tokens, sentences "
            "FROM document WHERE id = ?", (doc_id,),
        ).fetchone()
        if row is None:
            raise KeyError(doc_id)
        doc = self._document_from_row(row)
        doc.spans = self.spans(doc_id)
        return doc

    @staticmethod
    def _document_from_row(row: Sequence[Any]) -> Document:
        doc_id, key, title, text, status, date, meta, tokens, sentences = row
        return Document(
            id=doc_id, key=key, title=title, text=text, status=Status(status),
            date=_parse_time(date), meta=json.loads(meta or "{}"),
            tokens=unpack(tokens), sentences=unpack(sentences),
        )

    @_guarded
    def spans(self, doc_id: int) -> list[Span]:
        rows = self._conn.execute(
            "SELECT s.id, s.start, s.end, l.name, s.origin, s.score, s.review, s.annotator,"
            " s.created, s.updated FROM span s JOIN label l ON l.id = s.label_id"
            " WHERE s.document_id = ? ORDER BY s.start, s.end", (doc_id,),
        ).fetchall()
        return [self._span_from_row(r) for r in rows]

    @staticmethod
    def _span_from_row(row: Sequence[Any]) -> Span:
        sid, start, end, label, origin, score, review, annotator, created, updated = row
        return Span(start, end, label, origin=origin, score=score,
                    review=Review(review) if review else None, annotator=annotator, id=sid,
                    created=_parse_time(created), updated=_parse_time(updated))

    @_guarded_iter
    def iter_documents(self, statuses: Iterable[Status] = (), batch: int = 200,
                       with_tokens: bool = True) -> Iterator[Document]:
        """Every document (of the given statuses) with its spans, streamed in list order.

        The bulk path of exports: spans come without their created/updated times (use
        :meth:`document` for those), and without tokens when ``with_tokens`` is false.
        """
        tokens = "d.tokens, d.sentences" if with_tokens else "NULL, NULL"
        source, where, params = DocumentFilter(statuses=frozenset(statuses)).source()
        reviews: dict[str | None, Review | None] = {r.value: r for r in Review}
        reviews[None] = None
        names: dict[int, str] = dict(self._conn.execute("SELECT id, name FROM label"))
        last = -1
        conn = self._conn
        while True:
            clause = (where + " AND" if where else " WHERE") + " d.id > ?"
            rows = conn.execute(
                "SELECT d.id, d.key, d.title, d.text, d.status, d.date, d.meta,"
                f" {tokens} FROM {source}{clause} ORDER BY d.id LIMIT ?",
                [*params, last, batch],
            ).fetchall()
            if not rows:
                return
            docs = {r[0]: self._document_from_row(r) for r in rows}
            marks = ",".join("?" * len(docs))
            spans = conn.execute(
                "SELECT document_id, start, end, label_id, origin, score, review, annotator, id"
                f" FROM span WHERE document_id IN ({marks}) ORDER BY document_id, start",
                list(docs),
            ).fetchall()
            if not names.keys() >= set(map(itemgetter(3), spans)):
                # a label another process added since the export began
                names.update(self._conn.execute("SELECT id, name FROM label"))
            for doc_id, found in groupby(spans, itemgetter(0)):
                docs[doc_id].spans = [
                    Span(start, end, names[label], origin, score, reviews[review], annotator, sid)
                    for _, start, end, label, origin, score, review, annotator, sid in found]
            yield from docs.values()
            last = rows[-1][0]

    @_guarded
    def document_keys(self, flt: DocumentFilter = DocumentFilter()) -> list[str]:
        source, where, params = flt.source()
        return [k for (k,) in self._conn.execute(
            f"SELECT d.key FROM {source}{where} ORDER BY d.id", params)]

    @_guarded
    def count_documents(self, flt: DocumentFilter = DocumentFilter()) -> int:
        source, where, params = flt.source()
        return int(self._conn.execute(
            f"SELECT count(*) FROM {source}{where}", params).fetchone()[0])

    @_guarded
    def document_rows(self, flt: DocumentFilter = DocumentFilter(), offset: int = 0,
                      limit: int = 100) -> list[DocumentRow]:
        """One page of the document list, in import order."""
        source, where, params = flt.source()
        rows = self._conn.execute(
            "SELECT d.id, d.key, d.title, d.date, d.status,"
            " (SELECT count(*) FROM span s WHERE s.document_id = d.id"
            "  AND (s.review IS NULL OR s.review = 'accepted')),"
            " (SELECT count(*) FROM span s WHERE s.document_id = d.id AND s.review = 'pending')"
            f" FROM {source}{where} ORDER BY {flt.order()} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [DocumentRow(r[0], r[1], r[2], _parse_time(r[3]), Status(r[4]), r[5], r[6])
                for r in rows]

    @_guarded
    def document_index(self, doc_id: int, flt: DocumentFilter = DocumentFilter()) -> int | None:
        """The row of ``doc_id`` in the filtered list, or None when the filter hides it."""
        source, where, params = flt.source()
        clause = (where + " AND" if where else " WHERE") + " d.id = ?"
        if self._conn.execute(f"SELECT 1 FROM {source}{clause}",
                              [*params, doc_id]).fetchone() is None:
            return None
        clause = (where + " AND" if where else " WHERE") + " d.id < ?"
        return int(self._conn.execute(
            f"SELECT count(*) FROM {source}{clause}", [*params, doc_id]).fetchone()[0])

    @_guarded
    def first_document(self, not_done: bool = True) -> int | None:
        """The first document that is not done (or, when all are, the first one)."""
        sql = "SELECT id FROM document d{} ORDER BY id LIMIT 1"
        if not_done:
            row = self._conn.execute(
                sql.format(" WHERE status IN ('new', 'in_progress')")).fetchone()
            if row is not None:
                return int(row[0])
        row = self._conn.execute(sql.format("")).fetchone()
        return int(row[0]) if row else None

    @_guarded
    def neighbour(self, doc_id: int, step: int, not_done: bool = False) -> int | None:
        """The document after (step 1) or before (step -1) ``doc_id`` in list order."""
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        extra = " AND status IN ('new', 'in_progress')" if not_done else ""
        found = self._conn.execute(
            f"SELECT id FROM document WHERE id {op} ?{extra} ORDER BY id {order} LIMIT 1",
            (doc_id,)).fetchone()
        return int(found[0]) if found else None

    @_guarded
    def status_counts(self) -> dict[str, int]:
        return dict(self._conn.execute(
            "SELECT status, count(*) FROM document GROUP BY status").fetchall())

    # -- suggestions -----------------------------------------------------------------------

    @_guarded
    def keys_to_ids(self) -> dict[str, int]:
        return dict(self._conn.execute("SELECT key, id FROM document"))

    @_guarded_iter
    def texts(self) -> Iterator[tuple[int, str, bytes]]:
        """``(id, text, packed tokens)`` of every document, streamed, for matching input."""
        yield from self._conn.execute("SELECT id, text, tokens FROM document ORDER BY id")

    @_guarded
    def add_suggestions(self, suggestions: Iterable[tuple[int, Span]]) -> tuple[int, int]:
        """Store a model's suggestions in one transaction; identical ones already there are
        skipped. Returns (added, skipped).

        The suggestions are all read (and checked by the caller) before the write lock is
        taken, so that lock is held only while they are stored.
        """
        added = skipped = 0
        gathered = list(suggestions)
        stamp = now()
        conn = self._conn
        with self.transaction():
            self._label_cache = None  # another process may have added labels meanwhile
            self.ensure_labels(span.label for _, span in gathered)
            for doc_id, span in gathered:
                if conn.execute(
                    "SELECT 1 FROM span s JOIN label l ON l.id = s.label_id WHERE"
                    " s.document_id = ? AND s.origin = ? AND s.start = ? AND s.end = ?"
                    " AND coalesce(s.suggested_label, l.name) = ?",
                    (doc_id, span.origin, span.start, span.end, span.label),
                ).fetchone():
                    skipped += 1
                    continue
                conn.execute(
                    "INSERT INTO span (id, document_id, start, end, label_id, origin, score,"
                    " review, annotator, created, updated, suggested_label, suggested_start,"
                    " suggested_end, decided_by, decided_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    self._span_row(doc_id, span, stamp),
                )
                added += 1
        return added, skipped

    # -- edits (core.commands.SpanStore) ---------------------------------------------------

    @_guarded
    def insert_span(self, document_id: int, span: Span) -> Span:
        stamp = now()
        with self.transaction():
            cur = self._conn.execute(
                "INSERT INTO span (id, document_id, start, end, label_id, origin, score, review,"
                " annotator, created, updated, suggested_label, suggested_start, suggested_end,"
                " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._span_row(document_id, span, stamp),
            )
            self._touch(document_id, stamp)
        return span.with_(id=cur.lastrowid if span.id is None else span.id,
                          created=span.created or _parse_time(stamp),
                          updated=span.updated or _parse_time(stamp))

    @_guarded
    def update_span(self, span: Span) -> Span:
        assert span.id is not None
        stamp = now()
        with self.transaction():
            decided = span.review in (Review.ACCEPTED, Review.REJECTED)
            row = self._conn.execute(
                "UPDATE span SET start = ?, end = ?, label_id = ?, origin = ?, score = ?,"
                " review = ?, annotator = ?, updated = ?, decided_by = ?, decided_at = ?"
                " WHERE id = ? RETURNING document_id",
                (span.start, span.end, self._label_id(span.label), span.origin, span.score,
                 span.review.value if span.review else None, span.annotator, stamp,
                 span.annotator if decided else None, stamp if decided else None, span.id),
            ).fetchone()
            if row is None:
                raise KeyError(span.id)
            self._touch(row[0], stamp)
        return span.with_(updated=_parse_time(stamp))

    @_guarded
    def delete_span(self, span_id: int) -> None:
        stamp = now()
        with self.transaction():
            row = self._conn.execute(
                "DELETE FROM span WHERE id = ? RETURNING document_id", (span_id,)).fetchone()
            if row is not None:
                self._touch(row[0], stamp)

    @_guarded
    def set_status(self, document_id: int, status: Status) -> None:
        with self.transaction():
            self._conn.execute("UPDATE document SET status = ?, updated = ? WHERE id = ?",
                               (status.value, now(), document_id))

    def _touch(self, document_id: int, stamp: str) -> None:
        self._conn.execute("UPDATE document SET updated = ? WHERE id = ?", (stamp, document_id))

    # -- statistics ------------------------------------------------------------------------

    @_guarded
    def stats(self) -> dict[str, Any]:
        conn = self._conn
        by_label = dict(conn.execute(
            "SELECT l.name, count(s.id) FROM label l LEFT JOIN span s ON s.label_id = l.id"
            " AND (s.review IS NULL OR s.review = 'accepted') GROUP BY l.id ORDER BY l.position"
        ).fetchall())
        by_origin = dict(conn.execute(
            "SELECT origin, count(*) FROM span WHERE review IS NULL OR review = 'accepted'"
            " GROUP BY origin ORDER BY origin").fetchall())
        models = self.model_report()
        statuses = {s.value: 0 for s in Status}
        statuses.update(self.status_counts())
        return {
            "documents": sum(statuses.values()),
            "documents_by_status": statuses,
            "spans_by_label": by_label,
            "spans_by_origin": by_origin,
            "pending": int(conn.execute(
                "SELECT count(*) FROM span WHERE review = 'pending'").fetchone()[0]),
            "models": models,
        }

    @_guarded
    def model_report(self) -> dict[str, dict[str, Any]]:
        """Per model, and per label within it: how its suggestions fared.

        ``accepted`` counts suggestions accepted as they were, ``corrected`` those accepted
        with another label or other boundaries, ``rejected`` and ``pending`` the rest.
        ``precision`` is accepted / reviewed (a correction counts against the model).
        ``recall`` (per label and overall) is measured on fully reviewed documents (done or
        reviewed, nothing of the model pending): the analyst's final labels that the model
        had proposed exactly, out of all final labels there.
        """
        conn = self._conn
        rows = conn.execute(
            "SELECT substr(s.origin, 7), coalesce(s.suggested_label, l.name),"
            " CASE WHEN s.review = 'accepted' AND (l.name != s.suggested_label"
            "   OR s.start != s.suggested_start OR s.end != s.suggested_end) THEN 'corrected'"
            "  ELSE coalesce(s.review, 'pending') END, count(*)"
            " FROM span s JOIN label l ON l.id = s.label_id WHERE s.origin LIKE 'model:%'"
            " GROUP BY 1, 2, 3"
        ).fetchall()
        zero = {"accepted": 0, "corrected": 0, "rejected": 0, "pending": 0}
        report: dict[str, dict[str, Any]] = {}
        for model, label, outcome, count in rows:
            entry = report.setdefault(model, {**zero, "labels": {}})
            entry[outcome] += count
            entry["labels"].setdefault(label, dict(zero))[outcome] += count
        recall = conn.execute(
            "WITH reviewed_docs AS ("
            "  SELECT DISTINCT m.origin, d.id FROM document d"
            "  JOIN (SELECT DISTINCT origin, document_id FROM span WHERE origin LIKE 'model:%')"
            "   m ON m.document_id = d.id"
            "  WHERE d.status IN ('done', 'reviewed') AND NOT EXISTS (SELECT 1 FROM span p"
            "   WHERE p.document_id = d.id AND p.origin = m.origin AND p.review = 'pending'))"
            " SELECT substr(r.origin, 7), l.name, count(*),"
            "  sum(s.origin = r.origin AND s.review = 'accepted' AND l.name = s.suggested_label"
            "      AND s.start = s.suggested_start AND s.end = s.suggested_end)"
            " FROM reviewed_docs r JOIN span s ON s.document_id = r.id"
            " JOIN label l ON l.id = s.label_id"
            " WHERE s.review IS NULL OR s.review = 'accepted' GROUP BY 1, 2"
        ).fetchall()
        found: dict[str, list[int]] = {}
        for model, label, gold, hits in recall:
            entry = report[model]
            per = entry["labels"].setdefault(label, dict(zero))
            per["recall"] = round(hits / gold, 4)
            totals = found.setdefault(model, [0, 0])
            totals[0] += hits
            totals[1] += gold
        for model, entry in report.items():
            for per in [entry, *entry["labels"].values()]:
                reviewed = per["accepted"] + per["corrected"] + per["rejected"]
                per["precision"] = round(per["accepted"] / reviewed, 4) if reviewed else None
                per.setdefault("recall", None)
            if model in found:
                hits, gold = found[model]
                entry["recall"] = round(hits / gold, 4) if gold else None
        return report
