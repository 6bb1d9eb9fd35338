"""The project file: one SQLite database in WAL mode, every write in a transaction."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee as pw

from annotator.core.errors import InputError, ProjectFileError
from annotator.core.model import DEFAULT_LABELS, EXTRA_COLORS, Document, Label, Review, Span, Status
from annotator.core.tokens import pack, unpack
from annotator.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, make_models

BUSY_TIMEOUT_MS = 10_000
_BATCH = 500


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _parse_time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """What the document list shows: text in the title or article, statuses, a label."""

    text: str = ""
    statuses: frozenset[Status] = frozenset()
    label: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.text:
            clauses.append("(instr(d.title, ?) > 0 OR instr(d.text, ?) > 0 OR d.key = ?)")
            params += [self.text, self.text, self.text]
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
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


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


def _check_file(path: Path) -> int:
    """The schema version of an existing file; refuse anything that is not ours, untouched."""
    with path.open("rb") as fh:
        header = fh.read(16)
    if not header:
        return 0
    if header != b"SQLite format 3\x00":
        raise ProjectFileError(f"{path}: not an annotator project file")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(f"{path}: not an annotator project file ({exc})") from None
    if app_id != APPLICATION_ID and not (app_id == 0 and version == 0 and tables == 0):
        raise ProjectFileError(f"{path}: not an annotator project file")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"{path}: made by a newer annotator (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); it was left untouched"
        )
    return int(version)


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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProjectFileError(f"{self.path}: cannot create its folder ({exc})") from None
        self.db = pw.SqliteDatabase(
            str(self.path),
            pragmas={
                "journal_mode": "wal",
                "foreign_keys": 1,
                "synchronous": "full",
                "busy_timeout": BUSY_TIMEOUT_MS,
            },
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        self.models = make_models(self.db)
        try:
            self.db.connect()
            if version < SCHEMA_VERSION:
                self._migrate(version)
        except (pw.OperationalError, pw.DatabaseError) as exc:
            self.db.close()
            raise ProjectFileError(f"{self.path}: cannot open ({exc})") from None
        self._label_cache: dict[str, Label] | None = None
        self._label_ids: dict[str, int] = {}

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self, version: int) -> None:
        if version > 0:
            self.backup(self.path.with_name(f"{self.path.stem}.schema{version}.backup.sqlite"))
        with self.db.atomic("IMMEDIATE"):
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](self.db, self.models)
            if version == 0:
                conn = self._conn
                conn.executemany(
                    "INSERT INTO label (name, key, color, position) VALUES (?, ?, ?, ?)",
                    [(lab.name, lab.key, lab.color, i) for i, lab in enumerate(DEFAULT_LABELS)],
                )
            self.db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            self.db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def backup(self, destination: str | Path) -> Path:
        """A consistent copy of the project file, taken with SQLite's online backup API."""
        destination = Path(destination)
        tmp = destination.with_name(destination.name + ".part")
        target = sqlite3.connect(tmp)
        try:
            self._conn.backup(target)
        finally:
            target.close()
        tmp.replace(destination)
        return destination

    @property
    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection = self.db.connection()
        return conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.atomic("IMMEDIATE"):
            yield

    def data_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version)."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    # -- labels ----------------------------------------------------------------------------

    def labels(self) -> list[Label]:
        if self._label_cache is None:
            rows = self._conn.execute(
                "SELECT id, name, key, color FROM label ORDER BY position, id"
            ).fetchall()
            self._label_cache = {name: Label(name, key, color) for _, name, key, color in rows}
            self._label_ids = {name: i for i, name, _, _ in rows}
        return list(self._label_cache.values())

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
        self.labels()
        if name not in self._label_ids:
            self.ensure_labels([name])
            self.labels()
        return self._label_ids[name]

    # -- documents -------------------------------------------------------------------------

    def add_documents(self, documents: Iterable[Document],
                      on_document: Any = None) -> ImportSummary:
        """Store documents and their spans in one transaction: all of them or none.

        A document whose key is already in the project with the same text is skipped; with a
        different text it is an error. ``on_document`` is called after each one (progress,
        cancel): raising there rolls everything back.
        """
        summary = ImportSummary()
        conn = self._conn
        with self.transaction():
            existing = dict(conn.execute("SELECT key, id FROM document"))
            next_id = (conn.execute("SELECT max(id) FROM document").fetchone()[0] or 0) + 1
            position = (conn.execute("SELECT max(position) FROM document").fetchone()[0] or 0) + 1
            doc_rows: list[tuple[Any, ...]] = []
            span_rows: list[tuple[Any, ...]] = []
            stamp = now()
            for doc in documents:
                if doc.key in existing:
                    same = conn.execute(
                        "SELECT text = ? FROM document WHERE key = ?", (doc.text, doc.key)
                    ).fetchone()
                    if same is not None and not same[0]:
                        raise InputError(
                            f"id {doc.key!r} is already in the project with a different text",
                            path=doc.meta.get("file"), record=doc.meta.get("record"),
                        )
                    summary.skipped.append(doc.key)
                    if on_document:
                        on_document(doc)
                    continue
                doc_id = next_id
                next_id += 1
                existing[doc.key] = doc_id
                meta = {k: v for k, v in doc.meta.items() if k not in ("file", "record")}
                doc_rows.append((
                    doc_id, doc.key, doc.title, doc.text, doc.status.value,
                    doc.date.isoformat() if doc.date else None,
                    json.dumps(meta, ensure_ascii=False), pack(doc.tokens),
                    pack(doc.sentences), position, stamp, stamp,
                ))
                position += 1
                for span in doc.spans:
                    span_rows.append(self._span_row(doc_id, span, stamp))
                summary.added += 1
                summary.spans += len(doc.spans)
                if len(doc_rows) >= _BATCH:
                    self._flush(doc_rows, span_rows)
                if on_document:
                    on_document(doc)
            self._flush(doc_rows, span_rows)
        return summary

    def _flush(self, doc_rows: list[tuple[Any, ...]], span_rows: list[tuple[Any, ...]]) -> None:
        conn = self._conn
        conn.executemany(
            "INSERT INTO document (id, key, title, text, status, date, meta, tokens, sentences,"
            " position, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            doc_rows,
        )
        conn.executemany(
            "INSERT INTO span (id, document_id, start, end, label_id, origin, score, review,"
            " annotator, created, updated, suggested_label, suggested_start, suggested_end,"
            " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            span_rows,
        )
        doc_rows.clear()
        span_rows.clear()

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

    def iter_documents(self, statuses: Iterable[Status] = (),
                       batch: int = 200) -> Iterator[Document]:
        """Every document (of the given statuses) with its spans, streamed in list order."""
        flt = DocumentFilter(statuses=frozenset(statuses))
        where, params = flt.where()
        last = (-1, -1)
        conn = self._conn
        while True:
            clause = (where + " AND" if where else " WHERE") + " (d.position, d.id) > (?, ?)"
            rows = conn.execute(
                "SELECT d.id, d.key, d.title, d.text, d.status, d.date, d.meta, d.tokens,"
                f" d.sentences, d.position FROM document d{clause}"
                " ORDER BY d.position, d.id LIMIT ?", [*params, *last, batch],
            ).fetchall()
            if not rows:
                return
            docs = {r[0]: self._document_from_row(r[:9]) for r in rows}
            marks = ",".join("?" * len(docs))
            for srow in conn.execute(
                "SELECT s.document_id, s.id, s.start, s.end, l.name, s.origin, s.score,"
                " s.review, s.annotator, s.created, s.updated FROM span s"
                f" JOIN label l ON l.id = s.label_id WHERE s.document_id IN ({marks})"
                " ORDER BY s.document_id, s.start, s.end", list(docs),
            ):
                docs[srow[0]].spans.append(self._span_from_row(srow[1:]))
            yield from docs.values()
            last = (rows[-1][9], rows[-1][0])

    def document_keys(self, flt: DocumentFilter = DocumentFilter()) -> list[str]:
        where, params = flt.where()
        return [k for (k,) in self._conn.execute(
            f"SELECT d.key FROM document d{where} ORDER BY d.position, d.id", params)]

    def count_documents(self, flt: DocumentFilter = DocumentFilter()) -> int:
        where, params = flt.where()
        return int(self._conn.execute(
            f"SELECT count(*) FROM document d{where}", params).fetchone()[0])

    def document_rows(self, flt: DocumentFilter = DocumentFilter(), offset: int = 0,
                      limit: int = 100) -> list[DocumentRow]:
        """One page of the document list, in import order."""
        where, params = flt.where()
        rows = self._conn.execute(
            "SELECT d.id, d.key, d.title, d.date, d.status,"
            " (SELECT count(*) FROM span s WHERE s.document_id = d.id"
            "  AND (s.review IS NULL OR s.review = 'accepted')),"
            " (SELECT count(*) FROM span s WHERE s.document_id = d.id AND s.review = 'pending')"
            f" FROM document d{where} ORDER BY d.position, d.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [DocumentRow(r[0], r[1], r[2], _parse_time(r[3]), Status(r[4]), r[5], r[6])
                for r in rows]

    def document_index(self, doc_id: int, flt: DocumentFilter = DocumentFilter()) -> int | None:
        """The row of ``doc_id`` in the filtered list, or None when the filter hides it."""
        where, params = flt.where()
        row = self._conn.execute(
            "SELECT position, id FROM document WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        clause = (where + " AND" if where else " WHERE") + " d.id = ?"
        if self._conn.execute(f"SELECT 1 FROM document d{clause}",
                              [*params, doc_id]).fetchone() is None:
            return None
        clause = (where + " AND" if where else " WHERE") + " (d.position, d.id) < (?, ?)"
        return int(self._conn.execute(
            f"SELECT count(*) FROM document d{clause}", [*params, *row]).fetchone()[0])

    def first_document(self, not_done: bool = True) -> int | None:
        """The first document that is not done (or, when all are, the first one)."""
        sql = "SELECT id FROM document d{} ORDER BY position, id LIMIT 1"
        if not_done:
            row = self._conn.execute(
                sql.format(" WHERE status IN ('new', 'in_progress')")).fetchone()
            if row is not None:
                return int(row[0])
        row = self._conn.execute(sql.format("")).fetchone()
        return int(row[0]) if row else None

    def neighbour(self, doc_id: int, step: int, not_done: bool = False) -> int | None:
        """The document after (step 1) or before (step -1) ``doc_id`` in list order."""
        row = self._conn.execute(
            "SELECT position, id FROM document WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        extra = " AND status IN ('new', 'in_progress')" if not_done else ""
        found = self._conn.execute(
            f"SELECT id FROM document WHERE (position, id) {op} (?, ?){extra}"
            f" ORDER BY position {order}, id {order} LIMIT 1", row).fetchone()
        return int(found[0]) if found else None

    def status_counts(self) -> dict[str, int]:
        return dict(self._conn.execute(
            "SELECT status, count(*) FROM document GROUP BY status").fetchall())

    # -- suggestions -----------------------------------------------------------------------

    def keys_to_ids(self) -> dict[str, int]:
        return dict(self._conn.execute("SELECT key, id FROM document"))

    def texts(self) -> Iterator[tuple[int, str, bytes]]:
        """``(id, text, packed tokens)`` of every document, streamed, for matching input."""
        yield from self._conn.execute("SELECT id, text, tokens FROM document ORDER BY id")

    def add_suggestions(self, suggestions: Iterable[tuple[int, Span]]) -> tuple[int, int]:
        """Store a model's suggestions in one transaction; identical ones already there are
        skipped. Returns (added, skipped)."""
        added = skipped = 0
        stamp = now()
        conn = self._conn
        with self.transaction():
            for doc_id, span in suggestions:
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

    def delete_span(self, span_id: int) -> None:
        stamp = now()
        with self.transaction():
            row = self._conn.execute(
                "DELETE FROM span WHERE id = ? RETURNING document_id", (span_id,)).fetchone()
            if row is not None:
                self._touch(row[0], stamp)

    def set_status(self, document_id: int, status: Status) -> None:
        with self.transaction():
            self._conn.execute("UPDATE document SET status = ?, updated = ? WHERE id = ?",
                               (status.value, now(), document_id))

    def _touch(self, document_id: int, stamp: str) -> None:
        self._conn.execute("UPDATE document SET updated = ? WHERE id = ?", (stamp, document_id))

    # -- statistics ------------------------------------------------------------------------

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
