"""Tables of the project file as peewee models, and the steps that migrate old files.

Models are built per database (``make_models``) so that two project files can be open in one
process without rebinding globals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import peewee as pw

APPLICATION_ID = 0x414E4E54  # "ANNT" in PRAGMA application_id marks our project files
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Models:
    Label: Any
    Document: Any
    Span: Any

    @property
    def all(self) -> list[Any]:
        return [self.Label, self.Document, self.Span]


def make_models(db: pw.Database) -> Models:
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
        date = pw.TextField(null=True)  # ISO 8601 with offset
        meta = pw.TextField(default="{}")  # JSON
        tokens = pw.BlobField(null=True)  # uint32 pairs, see core.tokens.pack
        sentences = pw.BlobField(null=True)  # uint32 first token of each sentence
        created = pw.TextField()
        updated = pw.TextField()

    class Span(Base):
        document = pw.ForeignKeyField(Document, on_delete="CASCADE", backref="spans")
        start = pw.IntegerField()
        end = pw.IntegerField()
        label = pw.ForeignKeyField(Label, on_delete="RESTRICT")
        origin = pw.TextField(default="human")  # human | model:NAME
        score = pw.FloatField(null=True)
        review = pw.TextField(null=True)  # None for human; pending | accepted | rejected
        annotator = pw.TextField(null=True)
        created = pw.TextField()
        updated = pw.TextField()
        # What the model proposed, kept when an analyst corrects a suggestion.
        suggested_label = pw.TextField(null=True)
        suggested_start = pw.IntegerField(null=True)
        suggested_end = pw.IntegerField(null=True)
        decided_by = pw.TextField(null=True)
        decided_at = pw.TextField(null=True)

        class Meta:
            indexes = ((("document", "start"), False),)

    # Suggestions only: the reports read them by model; human spans need no entry.
    Span.add_index(Span.origin, Span.review, where=Span.review.is_null(False))
    return Models(Label, Document, Span)


# The document list's text filter: a trigram index over ids and titles (any substring of
# three characters or more is found without reading the table), kept by triggers.
SEARCH_DDL = (
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


def _create_v1(db: pw.Database, models: Models) -> None:
    db.create_tables(models.all)
    for statement in SEARCH_DDL:
        db.execute_sql(statement)


# MIGRATIONS[n] takes a file at version n to n + 1. A backup is taken before any of them runs
# on a file that already holds data.
MIGRATIONS: dict[int, Callable[[pw.Database, Models], None]] = {0: _create_v1}
