"""A project kept in a PostgreSQL database a team shares: connecting, recognising the database
as a project, writers of one document taking turns, the import's staging (COPY into temporary
tables), and the windows' change notifications (LISTEN/NOTIFY).

A database is a project when it holds the table ``annotator_project`` naming the application
and the schema version. An empty database becomes a project when first opened; one holding
other tables, or a project of a newer schema, is refused and left untouched.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import peewee as pw
import psycopg

from annotator.core.errors import ProjectFileError
from annotator.storage import schema
from annotator.storage.errors import unreachable
from annotator.storage.location import DatabaseUrl
from annotator.storage.migrations import CHANNEL
from annotator.storage.schema import APPLICATION, make_identity, now
from annotator.storage.sqlite import BUSY_TIMEOUT_MS, LabelIds

IDENTITY_TABLE = "annotator_project"
CONNECT_TIMEOUT_S = 5
# Transaction-scoped advisory lock taken while a database becomes a project or is upgraded,
# and by imports: two of them never run their last step at once.
_SCHEMA_LOCK = 0x414E4E54
_IMPORT_LOCK = 0x414E4E55


def connect_params() -> dict[str, Any]:
    """Settings of every connection: a bounded wait for the server, a dead connection found
    within seconds rather than the system's TCP timeout of minutes (a laptop off the network),
    and a name the server's administrators can read. (Options the URL gives, such as a
    ``search_path``, are kept.)"""
    return {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": APPLICATION,
            "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
            "keepalives_count": 3, "tcp_user_timeout": 10_000}


class Database(pw.PostgresqlDatabase):
    """peewee's database on psycopg 3, each connection waiting for locks no longer than a
    project file waits for its write lock."""

    def _initialize_connection(self, conn: psycopg.Connection[Any]) -> None:
        conn.execute(f"SET lock_timeout = {int(BUSY_TIMEOUT_MS)}")


def trigrams(text: str) -> list[int]:
    """The trigram codes of ``text`` as the database's ``annotator_trigrams`` makes them."""
    points = [ord(c) for c in text]
    return [(a << 42) | (b << 21) | c for a, b, c in zip(points, points[1:], points[2:],
                                                          strict=False)]


def title_matching(text: str) -> tuple[Any, Any]:
    """The search table's id column, and the condition of its rows whose lower-cased title or
    id holds ``text``: every trigram of the text in the row's (the GIN index), then the text
    itself. The trigrams are written into the query as a literal, so that the planner sees
    how common they are."""
    needle = text.lower()
    search = pw.Table("document_search")
    haystack = pw.Column(search, "haystack")
    holds = pw.fn.strpos(haystack, needle) > 0
    codes = trigrams(needle)
    if codes:
        literal = pw.SQL(f"ARRAY[{','.join(map(str, codes))}]::bigint[]")
        holds = pw.Expression(pw.fn.annotator_trigrams(haystack), "@>", literal) & holds
    return pw.Column(search, "id"), holds


class PostgresBackend:
    """What differs for a PostgreSQL project: see :class:`annotator.storage.sqlite.SqliteBackend`
    for the same roles on a file."""

    placeholder = "%s"

    def __init__(self, url: DatabaseUrl, *, create: bool) -> None:
        self.location = self.url = url
        self.create = create
        self.read_only = False
        self.existed = False
        self.db: pw.Database = Database(url.url, prefer_psycopg3=True, autoconnect=True,
                                        **connect_params())
        self._listener: Listener | None = None

    @property
    def conn(self) -> psycopg.Connection[Any]:
        conn: psycopg.Connection[Any] = self.db.connection()
        return conn

    # -- opening ---------------------------------------------------------------------------

    def connect(self) -> int:
        try:
            self.db.connect(reuse_if_open=True)
        except pw.OperationalError as exc:
            raise unreachable(self.url, exc) from None
        tables = set(self.db.get_tables())
        if IDENTITY_TABLE not in tables:
            if tables:
                raise ProjectFileError(
                    f"{self.url}: holds tables of another program ({', '.join(sorted(tables)[:3])}"
                    f"{', ...' if len(tables) > 3 else ''}), not an annotator project; it was "
                    "left untouched")
            if not self.create:
                raise ProjectFileError(f"{self.url}: an empty database, not a project yet")
            return 0
        self.existed = True
        version = self._judge()
        self.read_only = not self.db.execute_sql(
            "SELECT has_table_privilege('span', 'INSERT')").fetchone()[0]
        return version

    def _judge(self) -> int:
        rows = self.db.execute_sql(
            f"SELECT application, schema_version FROM {IDENTITY_TABLE}").fetchall()
        if len(rows) != 1 or rows[0][0] != APPLICATION:
            raise ProjectFileError(f"{self.url}: not an annotator project; it was left untouched")
        version = int(rows[0][1])
        if version > schema.SCHEMA_VERSION:
            raise ProjectFileError(
                f"{self.url}: made by a newer annotator (schema {version}, this one reads up "
                f"to {schema.SCHEMA_VERSION}); it was left untouched")
        return version

    def version(self) -> int:
        """The schema version the database has now (0: not a project yet)."""
        return self._judge() if IDENTITY_TABLE in set(self.db.get_tables()) else 0

    def version_for_update(self) -> int:
        """Inside the write transaction, with the schema lock: the version as it is now."""
        self.db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        tables = set(self.db.get_tables())
        if IDENTITY_TABLE in tables:
            return self._judge()
        if tables:
            raise ProjectFileError(f"{self.url}: another program created tables meanwhile; "
                                   "it was left untouched")
        make_identity(self.db).create_table()
        return 0

    def mark(self, version: int) -> None:
        identity = make_identity(self.db)
        identity.delete().execute()
        identity.insert(application=APPLICATION, schema_version=version).execute()

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        self.db.close()

    def reconnect(self) -> None:
        """Drop a connection the server lost; the next query connects again."""
        if not self.db.is_closed():
            lost = self.db.connection()
            self.db.dispose()  # forgets the connection and any transaction it was in
            with suppress(psycopg.Error):
                lost.close()
        self.db.connect()

    @property
    def usable(self) -> bool:
        """False when the connection was lost (a closed one is opened by the next query)."""
        return self.db.is_closed() or bool(self.db.is_connection_usable())

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[None]:
        with self.db.atomic():
            yield

    def lock_document(self, document_id: int) -> bool:
        """Writers of one document take turns: the row lock is held to the commit, so a check
        of the document's labels made after it holds for the insert that follows (and the
        document stays while its span is written)."""
        return self.db.execute_sql('SELECT 1 FROM "document" WHERE id = %s FOR UPDATE',
                                   (document_id,)).fetchone() is not None

    def lock_imports(self) -> None:
        self.db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_IMPORT_LOCK,))

    def filter_text(self, query: pw.Select, document: Any, text: str) -> tuple[pw.Select, Any]:
        """Documents whose title or id holds ``text``, in any case (:func:`title_matching`)."""
        ident, holds = title_matching(text)
        return query.join(ident.source, on=(ident == document.id)).where(holds), ident

    def data_version(self) -> int:
        """Changes when another connection commits a change to the project: counted from the
        notifications its commits send (delivered at commit), this connection's own left out."""
        if self._listener is None:
            self._listener = Listener(self.url)
        return self._listener.poll(self.conn.info.backend_pid)

    # -- importing -------------------------------------------------------------------------

    @contextmanager
    def staging(self, label_ids: LabelIds) -> Iterator[PostgresStaging]:
        """An import written straight into the project, in one transaction (see
        :class:`PostgresStaging`)."""
        yield PostgresStaging(self, label_ids)

    def integrity_problems(self) -> list[str]:
        return []

    def insert_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
                    ) -> None:
        """Rows into ``table`` as they are (ids included), in the open transaction, by COPY."""
        names = ", ".join(f'"{c}"' for c in columns)
        with self.conn.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)

    def reset_sequences(self, models: Any) -> None:
        """After rows came in with their ids: each table's next id follows its largest."""
        for model in models.all:
            if not isinstance(model._meta.primary_key, pw.AutoField):
                continue
            table = model._meta.table_name
            self.db.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'),"
                f' coalesce(max(id), 1), max(id) IS NOT NULL) FROM "{table}"')


_DOCUMENT_COLUMNS = ("id", "key", "title", "text", "status", "date", "meta", "tokens",
                     "sentences", "created", "updated")
_DOCUMENT_TYPES = ("int4", "text", "text", "text", "text", "text", "text", "bytea", "bytea",
                   "text", "text")
_SPAN_COLUMNS = ("id", "document_id", "start", "end", "label_id", "origin", "score", "review",
                 "annotator", "created", "updated", "suggested_label", "suggested_start",
                 "suggested_end")
_SPAN_TYPES = ("int4", "int4", "int4", "int4", "int4", "text", "float8", "text", "text", "text",
               "text", "text", "int4", "int4")
_EVENT_COLUMNS = ("id", "document_id", "trigger_id", "type", "annotator", "created", "updated")
_EVENT_TYPES = ("int4", "int4", "int4", "text", "text", "text", "text")
_ARGUMENT_COLUMNS = ("event_id", "span_id", "role", "position")
_ARGUMENT_TYPES = ("int4", "int4", "text", "int4")


class PostgresStaging:
    """An import on PostgreSQL: written straight into the project's tables by binary COPY,
    inside one transaction that holds the import lock from its first document to its commit.

    A project file stages an import apart and copies it in at the end, so that the file's
    write lock is held for a moment only. PostgreSQL needs no such thing: other connections
    keep reading and writing while the transaction inserts (new rows lock nothing of theirs),
    they see the documents at the commit, all at once, and a client killed half-way leaves
    nothing (the server rolls its transaction back). Writing once rather than twice halves
    the import's work on the server. Only imports (and a model's suggestions) wait for each
    other, on the import lock.
    """

    direct = True

    def __init__(self, backend: PostgresBackend, label_ids: LabelIds) -> None:
        self.backend = backend
        self.db = backend.db
        self.label_ids = label_ids
        self.stamp = ""
        self._ids: dict[int, int] = {}  # seq of a document in the import -> its id

    @contextmanager
    def filling(self) -> Iterator[None]:
        with self.db.atomic():
            self.backend.lock_imports()
            self.stamp = now()
            yield

    def _next_ids(self, table: str, count: int) -> list[int]:
        if not count:
            return []
        rows = self.db.execute_sql(
            f"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'id'))"
            " FROM generate_series(1, %s)", (count,)).fetchall()
        return [int(r[0]) for r in rows]

    def _copy(self, table: str, columns: Sequence[str], types: Sequence[str],
              rows: Iterable[Sequence[Any]]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        with self.backend.conn.cursor().copy(
                f'COPY "{table}" ({names}) FROM STDIN (FORMAT BINARY)') as copy:
            copy.set_types(list(types))
            for row in rows:
                copy.write_row(row)

    def add(self, documents: Sequence[tuple[Any, ...]], spans: Sequence[tuple[Any, ...]],
            events: Sequence[tuple[Any, ...]] = (), arguments: Sequence[tuple[Any, ...]] = ()
            ) -> None:
        stamp = self.stamp
        ids = self._next_ids("document", len(documents))
        self._ids.update((row[0], doc_id) for row, doc_id in zip(documents, ids, strict=True))
        self._copy("document", _DOCUMENT_COLUMNS, _DOCUMENT_TYPES, (
            (doc_id, key, title, text, status, date, meta, tokens, sentences, stamp, stamp)
            for doc_id, (_, key, title, text, status, date, meta, tokens, sentences, _, _)
            in zip(ids, documents, strict=True)))
        labels = self.label_ids(dict.fromkeys(row[4] for row in spans))
        new_ids = iter(self._next_ids("span", sum(row[1] is None for row in spans)))
        span_ids = [next(new_ids) if row[1] is None else row[1] for row in spans]
        ids_of = self._ids
        self._copy("span", _SPAN_COLUMNS, _SPAN_TYPES, (
            (span_id, ids_of[seq], start, end, labels[label],
             origin, score, review, annotator, created or stamp, updated or stamp,
             suggested_label, suggested_start, suggested_end)
            for span_id, (seq, _, start, end, label, origin, score, review, annotator, created,
                          updated, suggested_label, suggested_start, suggested_end, _)
            in zip(span_ids, spans, strict=True)))
        if events:
            self._add_events(dict(zip((row[-1] for row in spans), span_ids, strict=True)),
                             events, arguments)

    def _add_events(self, span_ids: dict[int, int], events: Sequence[tuple[Any, ...]],
                    arguments: Sequence[tuple[Any, ...]]) -> None:
        """The events of the documents just added, naming their spans by row (a document's
        spans and events come in one call)."""
        stamp = self.stamp
        event_ids = dict(zip((row[0] for row in events),
                             self._next_ids("event", len(events)), strict=True))
        self._copy("event", _EVENT_COLUMNS, _EVENT_TYPES, (
            (event_ids[row], self._ids[seq], span_ids[trigger], kind, annotator,
             created or stamp, updated or stamp)
            for row, seq, trigger, kind, annotator, created, updated in events))
        self._copy("event_argument", _ARGUMENT_COLUMNS, _ARGUMENT_TYPES, (
            (event_ids[event], span_ids[span], role, position)
            for event, span, role, position in arguments))

    def same_text(self, key: str, text: str, staged: bool) -> bool:
        row = self.db.execute_sql('SELECT text = %s FROM "document" WHERE key = %s',
                                  (text, key)).fetchone()
        return row is None or bool(row[0])

    def leave_out_added(self) -> list[tuple[str, str | None, int | None, bool, int, int]]:
        """Nothing: the import lock was held from the first document, so no other import
        added a key meanwhile, and the documents are in already."""
        return []

    def copy_in(self, stamp: str) -> None:
        """Nothing: the documents are in already."""


class Listener:
    """A connection of its own that listens on the project's change channel."""

    def __init__(self, url: DatabaseUrl) -> None:
        self.url = url
        self.version = 0
        self._conn: psycopg.Connection[Any] | None = None
        self._lock = threading.Lock()

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            conn = psycopg.connect(self.url.url, autocommit=True, **connect_params())
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            raise unreachable(self.url, exc) from None
        return conn

    def poll(self, own_pid: int) -> int:
        """The change counter after taking in the notifications waiting; a new connection
        (after a lost one) counts as a change, since what happened meanwhile was not heard."""
        with self._lock:
            if self._conn is None or self._conn.closed or self._conn.broken:
                if self._conn is not None:
                    self._conn.close()
                self._conn = self._connect()
                self.version += 1
            try:
                for note in self._conn.notifies(timeout=0):
                    if note.payload != str(own_pid):
                        self.version += 1
            except psycopg.Error as exc:
                self._conn.close()
                raise unreachable(self.url, exc) from None
            return self.version

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
