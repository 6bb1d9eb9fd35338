"""The steps that bring a project to the current schema, one per version, fixed for good.

``STEPS[n]`` takes a project at version ``n`` to ``n + 1``. A step never reads the current
models (:mod:`annotator.storage.schema`): it carries the tables and columns as they were at its
version, so that replaying step 0 on an empty database makes exactly what version 1 had, and
never a column a later step adds. A step may differ between the two databases where they
differ (SQLite's trigram index, PostgreSQL's change notifications), and says so.

A backup is taken before any step runs on a project that already holds data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import peewee as pw

Step = Callable[[pw.Database], None]


def _is_postgres(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


# -- version 1: labels, documents, spans -------------------------------------------------------

def _v1_models(db: pw.Database) -> list[type[pw.Model]]:
    """The tables as version 1 made them.

    On PostgreSQL a span's document and label are plain columns, not foreign keys, and have
    no index of their own beside the one on (document, start); a document's text, tokens and
    sentences are stored as they are, not compressed. The constraint check of each span, the
    two indexes and the compression were half of a large import's time there (10,000
    articles: 5.7 s against 3.3 s; on SQLite they cost little). What the keys guaranteed, the
    storage code does: a span is written after its document's row is locked (which fails
    when there is none), and code that removes a label or document locks the spans first.
    """
    postgres = _is_postgres(db)

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Label(Base):
        name = pw.TextField(unique=True)
        key = pw.TextField(default="")
        color = pw.TextField(default="#9e9e9e")
        position = pw.IntegerField(default=0)

    class Document(Base):
        key = pw.TextField(unique=True)
        title = pw.TextField(default="")
        text = pw.TextField()
        status = pw.TextField(default="new", index=True)
        date = pw.TextField(null=True)
        meta = pw.TextField(default="{}")
        tokens = pw.BlobField(null=True)
        sentences = pw.BlobField(null=True)
        created = pw.TextField()
        updated = pw.TextField()

    class Span(Base):
        document: pw.Field = (pw.IntegerField(column_name="document_id") if postgres
                              else pw.ForeignKeyField(Document, on_delete="CASCADE"))
        start = pw.IntegerField()
        end = pw.IntegerField()
        label: pw.Field = (pw.IntegerField(column_name="label_id") if postgres
                           else pw.ForeignKeyField(Label, on_delete="RESTRICT"))
        origin = pw.TextField(default="human")
        score = pw.DoubleField(null=True)  # REAL on SQLite: a double, as on PostgreSQL
        review = pw.TextField(null=True)
        annotator = pw.TextField(null=True)
        created = pw.TextField()
        updated = pw.TextField()
        suggested_label = pw.TextField(null=True)
        suggested_start = pw.IntegerField(null=True)
        suggested_end = pw.IntegerField(null=True)
        decided_by = pw.TextField(null=True)
        decided_at = pw.TextField(null=True)

        class Meta:
            indexes = ((("document", "start"), False),)

    Span.add_index(Span.origin, Span.review, where=Span.review.is_null(False))
    return [Label, Document, Span]


# SQLite: the document list's text filter, a trigram index over ids and titles kept by
# triggers (any substring of three characters or more is found without reading the table).
_V1_SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE document_search USING fts5(key, title, content='document',"
    " content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER document_search_insert AFTER INSERT ON document BEGIN"
    " INSERT INTO document_search (rowid, key, title) VALUES (new.id, new.key, new.title); END",
    "CREATE TRIGGER document_search_delete AFTER DELETE ON document BEGIN"
    " INSERT INTO document_search (document_search, rowid, key, title)"
    " VALUES ('delete', old.id, old.key, old.title); END",
    "CREATE TRIGGER document_search_update AFTER UPDATE OF key, title ON document BEGIN"
    " INSERT INTO document_search (document_search, rowid, key, title)"
    " VALUES ('delete', old.id, old.key, old.title);"
    " INSERT INTO document_search (rowid, key, title) VALUES (new.id, new.key, new.title); END",
)

# PostgreSQL: every committed change to these tables wakes the windows listening on the
# channel (delivered at commit, once per transaction and payload). The payload is the writing
# connection's process id, so that a window can leave out its own edits.
CHANNEL = "annotator_changes"
_V1_POSTGRES_NOTIFY = (
    "CREATE FUNCTION annotator_notify() RETURNS trigger LANGUAGE plpgsql AS $$"
    f" BEGIN PERFORM pg_notify('{CHANNEL}', pg_backend_pid()::text); RETURN NULL; END $$",
    *(f'CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"'
      " FOR EACH STATEMENT EXECUTE FUNCTION annotator_notify()"
      for table in ("label", "document", "span")),
)

# PostgreSQL: the same text filter without an extension (servers may lack pg_trgm). Each
# document's id and title, lower-cased, in a narrow table of their own, with a GIN index of
# their trigrams as exact codes (three code points of 21 bits in a bigint): a filter takes the
# documents holding every trigram of its text, then checks the text itself. Kept by triggers.
_V1_POSTGRES_STORAGE = tuple(
    f'ALTER TABLE "document" ALTER COLUMN {column} SET STORAGE EXTERNAL'
    for column in ("text", "tokens", "sentences"))

_V1_POSTGRES_SEARCH = (
    "CREATE FUNCTION annotator_trigrams(t text) RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE"
    " PARALLEL SAFE AS $$ DECLARE c text[] := string_to_array(t, NULL); r bigint[] := '{}';"
    " a bigint := 0; BEGIN FOR i IN 1 .. coalesce(cardinality(c), 0) LOOP"
    " a := ((a & 4398046511103) << 21) | ascii(c[i]); IF i >= 3 THEN r := r || a; END IF;"
    " END LOOP; RETURN r; END $$",
    "CREATE TABLE document_search (id integer PRIMARY KEY REFERENCES \"document\" (id)"
    " ON DELETE CASCADE, haystack text NOT NULL)",
    "CREATE INDEX document_search_trigrams ON document_search"
    " USING gin (annotator_trigrams(haystack))",
    "CREATE FUNCTION annotator_document_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO document_search (id, haystack)"
    " SELECT id, lower(key) || chr(10) || lower(title) FROM added; RETURN NULL; END $$",
    'CREATE TRIGGER document_search_insert AFTER INSERT ON "document" REFERENCING NEW TABLE'
    " AS added FOR EACH STATEMENT EXECUTE FUNCTION annotator_document_added()",
    "CREATE FUNCTION annotator_document_renamed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " UPDATE document_search SET haystack = lower(new.key) || chr(10) || lower(new.title)"
    " WHERE id = new.id; RETURN NULL; END $$",
    'CREATE TRIGGER document_search_update AFTER UPDATE OF key, title ON "document"'
    " FOR EACH ROW EXECUTE FUNCTION annotator_document_renamed()",
)


def _to_v1(db: pw.Database) -> None:
    db.create_tables(_v1_models(db))
    statements = (_V1_POSTGRES_STORAGE + _V1_POSTGRES_NOTIFY + _V1_POSTGRES_SEARCH
                  if _is_postgres(db) else _V1_SQLITE_SEARCH)
    for statement in statements:
        db.execute_sql(statement)


# -- version 2: settings, events, built-in models, gazetteers, the text search ---------------

def _v2_models(db: pw.Database) -> list[type[pw.Model]]:
    """The tables version 2 adds, as it made them (they refer to version 1's by name)."""

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Document(Base):  # version 1's, referred to
        class Meta:
            table_name = "document"

    class Span(Base):  # version 1's, referred to
        class Meta:
            table_name = "span"

    class Setting(Base):
        key = pw.TextField(primary_key=True)
        value = pw.TextField()

    class Event(Base):
        document = pw.ForeignKeyField(Document, on_delete="CASCADE")
        trigger = pw.ForeignKeyField(Span, on_delete="CASCADE")
        type = pw.TextField()
        annotator = pw.TextField(null=True)
        created = pw.TextField()
        updated = pw.TextField()

    class EventArgument(Base):
        event = pw.ForeignKeyField(Event, on_delete="CASCADE")
        span = pw.ForeignKeyField(Span, on_delete="CASCADE")
        role = pw.TextField()
        position = pw.IntegerField(default=0)

    class TrainedModel(Base):
        name = pw.TextField(primary_key=True)
        data = pw.BlobField()
        info = pw.TextField()
        trained = pw.TextField()

    class Training(Base):
        model = pw.TextField(index=True)
        trained = pw.TextField()
        documents = pw.IntegerField()
        tokens = pw.IntegerField()
        scores = pw.TextField()

    class GazetteerEntry(Base):
        text = pw.TextField()
        label = pw.TextField()
        source = pw.TextField(default="")
        line = pw.IntegerField(null=True)
        added = pw.TextField()

        class Meta:
            indexes = ((("text", "label"), True),)

    return [Setting, Event, EventArgument, TrainedModel, Training, GazetteerEntry]


# The text search (``annotator search``, the list's search in article text): each document's
# text folded (text.fold: Arabic letters, kashida, diacritics, ZWNJ as a space, ...) as words,
# indexed for phrases of words. Filled in the background after imports, not by them
# (storage.search). SQLite keeps only the index (a contentless FTS5 table: the text is in
# the document); PostgreSQL a tsvector with a GIN index.
_V2_SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE text_search USING fts5(words, content='',"
    " tokenize='unicode61 remove_diacritics 0')",
)
_V2_POSTGRES = (
    'CREATE TABLE text_search (id integer PRIMARY KEY REFERENCES "document" (id)'
    " ON DELETE CASCADE, words tsvector NOT NULL)",
    "CREATE INDEX text_search_words ON text_search USING gin (words)",
    *(f'CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"'
      " FOR EACH STATEMENT EXECUTE FUNCTION annotator_notify()"
      for table in ("setting", "event", "event_argument", "trained_model", "gazetteer_entry")),
)


def _to_v2(db: pw.Database) -> None:
    db.create_tables(_v2_models(db))
    for statement in (_V2_POSTGRES if _is_postgres(db) else _V2_SQLITE_SEARCH):
        db.execute_sql(statement)


# -- version 3: several analysts ----------------------------------------------------------------

def _v3_models(db: pw.Database) -> list[type[pw.Model]]:
    """The tables version 3 adds, as it made them."""

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Document(Base):  # version 1's, referred to
        class Meta:
            table_name = "document"

    class Analyst(Base):
        name = pw.TextField(unique=True)
        color = pw.TextField()
        created = pw.TextField()

    class Work(Base):
        document = pw.ForeignKeyField(Document, on_delete="CASCADE")
        analyst = pw.TextField()
        status = pw.TextField(default="new")
        assigned = pw.BooleanField(default=False)
        updated = pw.TextField()

        class Meta:
            indexes = ((("document", "analyst"), True), (("analyst", "status"), False))

    class Curation(Base):
        document = pw.ForeignKeyField(Document, primary_key=True, on_delete="CASCADE")
        curator = pw.TextField()
        finished = pw.BooleanField(default=False)
        updated = pw.TextField()

    return [Analyst, Work, Curation]


# The analyst of a project's labels before it had analysts: whoever decided its suggestions
# most often (the window recorded that, and not who made a label). Their human spans and
# their statuses become theirs; with no such name, the labels stay unattributed until the first
# analyst to open the project adopts them (storage.analysts).
_V3_SPAN_COLUMNS = (
    'ALTER TABLE span ADD COLUMN source_id INTEGER',
    "ALTER TABLE span ADD COLUMN curation TEXT",
    "CREATE INDEX span_source_id ON span (source_id) WHERE source_id IS NOT NULL",
)
_V3_LEGACY_ANALYST = (
    "SELECT annotator FROM span WHERE annotator IS NOT NULL GROUP BY annotator"
    " ORDER BY count(*) DESC, annotator LIMIT 1")
_V3_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
               "#666666")


_V3_POSTGRES_NOTIFY = tuple(
    f'CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"'
    " FOR EACH STATEMENT EXECUTE FUNCTION annotator_notify()"
    for table in ("analyst", "work", "curation"))


def _to_v3(db: pw.Database) -> None:
    for statement in _V3_SPAN_COLUMNS:
        db.execute_sql(statement)
    db.create_tables(_v3_models(db))
    if _is_postgres(db):
        for statement in _V3_POSTGRES_NOTIFY:
            db.execute_sql(statement)
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    row = db.execute_sql(_V3_LEGACY_ANALYST).fetchone()
    if row is None:
        return
    legacy = row[0]
    mark = "%s" if _is_postgres(db) else "?"
    db.execute_sql(f"UPDATE span SET annotator = {mark} WHERE annotator IS NULL"
                   " AND origin = 'human'", (legacy,))
    db.execute_sql('INSERT INTO work (document_id, analyst, status, assigned, updated)'
                   f' SELECT id, {mark}, status, {mark}, updated FROM "document"'
                   " WHERE status != 'new'", (legacy, False))
    names = [name for (name,) in db.execute_sql(
        "SELECT DISTINCT annotator FROM span WHERE annotator IS NOT NULL ORDER BY annotator")]
    for n, name in enumerate(names):
        db.execute_sql(f"INSERT INTO analyst (name, color, created) VALUES ({mark}, {mark},"
                       f" {mark})", (name, _V3_COLOURS[n % len(_V3_COLOURS)], stamp))


STEPS: dict[int, Step] = {0: _to_v1, 1: _to_v2, 2: _to_v3}
