"""The tables of a project as peewee models: the schema as it is now, on SQLite and PostgreSQL.

Models are built per database (``make_models``) so that two projects can be open in one
process without rebinding globals. How a project gets to this schema from an older one is in
:mod:`annotator.storage.migrations`, whose steps are fixed for their versions and never read
these models.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import peewee as pw

APPLICATION = "annotator"
APPLICATION_ID = 0x414E4E54  # "ANNT" in PRAGMA application_id marks our project files
SCHEMA_VERSION = 3


def now() -> str:
    """A timestamp as the tables keep one (``created``, ``updated``): ISO 8601 in UTC, to the
    millisecond."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def parse_time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Models:
    Label: Any
    Document: Any
    Span: Any
    Setting: Any
    Event: Any
    EventArgument: Any
    TrainedModel: Any
    Training: Any
    GazetteerEntry: Any
    Analyst: Any
    Work: Any
    Curation: Any

    @property
    def all(self) -> list[Any]:
        """Every table, each after those it refers to (the order to copy them in)."""
        return [self.Label, self.Document, self.Span, self.Setting, self.Event,
                self.EventArgument, self.TrainedModel, self.Training, self.GazetteerEntry,
                self.Analyst, self.Work, self.Curation]


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
        score = pw.DoubleField(null=True)
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
        # An analyst's decision about a shared suggestion: that suggestion (core.analysts).
        source = pw.IntegerField(null=True, column_name="source_id")
        # A curated label: the analysts who had made it, as JSON (core.analysts).
        curation = pw.TextField(null=True)

        class Meta:
            indexes = ((("document", "start"), False),)

    # Suggestions only: the reports read them by model; human spans need no entry.
    Span.add_index(Span.origin, Span.review, where=Span.review.is_null(False))
    Span.add_index(Span.source, where=Span.source.is_null(False))

    class Setting(Base):
        """A project setting, as JSON: the event types, whether analysts see each other's
        labels, how often the model is trained again, how far the text search has indexed."""

        key = pw.TextField(primary_key=True)
        value = pw.TextField()

    class Event(Base):
        document = pw.ForeignKeyField(Document, on_delete="CASCADE", backref="events")
        trigger = pw.ForeignKeyField(Span, on_delete="CASCADE")
        type = pw.TextField()
        annotator = pw.TextField(null=True)
        created = pw.TextField()
        updated = pw.TextField()

    class EventArgument(Base):
        event = pw.ForeignKeyField(Event, on_delete="CASCADE", backref="arguments")
        span = pw.ForeignKeyField(Span, on_delete="CASCADE")
        role = pw.TextField()  # actor | recipient | location
        position = pw.IntegerField(default=0)

    class TrainedModel(Base):
        """A built-in model, trained in the project: the one in use for its name."""

        name = pw.TextField(primary_key=True)  # strings | crf
        data = pw.BlobField()
        info = pw.TextField()  # JSON: trained, labels, documents, tokens, held-out scores
        trained = pw.TextField()

    class Training(Base):
        """Every training of a built-in model: how held-out scores grew with the documents."""

        model = pw.TextField(index=True)
        trained = pw.TextField()
        documents = pw.IntegerField()
        tokens = pw.IntegerField()
        scores = pw.TextField()  # JSON: {label: {precision, recall, f1, support}}, overall

    class GazetteerEntry(Base):
        """A text the string matcher and the CRF are told to suggest with a label."""

        text = pw.TextField()
        label = pw.TextField()
        source = pw.TextField(default="")  # the file it came from
        line = pw.IntegerField(null=True)
        added = pw.TextField()

        class Meta:
            indexes = ((("text", "label"), True),)

    class Analyst(Base):
        """Everyone who labelled, decided, curated or was assigned documents, with a colour
        the curation and agreement views show them in."""

        name = pw.TextField(unique=True)
        color = pw.TextField()
        created = pw.TextField()

    class Work(Base):
        """An analyst's own status of a document, and whether it was assigned to them."""

        document = pw.ForeignKeyField(Document, on_delete="CASCADE")
        analyst = pw.TextField()
        status = pw.TextField(default="new")
        assigned = pw.BooleanField(default=False)
        updated = pw.TextField()

        class Meta:
            indexes = ((("document", "analyst"), True), (("analyst", "status"), False))

    class Curation(Base):
        """A document's curation: who curates it, and whether every disagreement is settled."""

        document = pw.ForeignKeyField(Document, primary_key=True, on_delete="CASCADE")
        curator = pw.TextField()
        finished = pw.BooleanField(default=False)
        updated = pw.TextField()

    return Models(Label, Document, Span, Setting, Event, EventArgument, TrainedModel, Training,
                  GazetteerEntry, Analyst, Work, Curation)


def make_identity(db: pw.Database) -> Any:
    """The table that marks a PostgreSQL database as a project and holds its schema version
    (a project file has ``PRAGMA application_id`` and ``user_version`` instead)."""

    class AnnotatorProject(pw.Model):
        application = pw.TextField()
        schema_version = pw.IntegerField()

        class Meta:
            database = db
            table_name = "annotator_project"
            primary_key = False

    return AnnotatorProject
