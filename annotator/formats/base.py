"""What every reader yields: a record of text and spans, with where it came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from annotator.core.errors import InputError
from annotator.core.model import HUMAN, Review, Status, counts_as_label


@dataclass(slots=True)
class RawSpan:
    """A span as the input gave it, already in code points of ``Record.text``."""

    start: int
    end: int
    label: str
    origin: str = HUMAN
    score: float | None = None
    review: Review | None = None

    @property
    def is_label(self) -> bool:
        return counts_as_label(self.review)


@dataclass(slots=True)
class RawArgument:
    """An argument as the input gave it: its role as the input names it (``Actor2``), its span
    by position in ``Record.spans``."""

    role: str
    span: int


@dataclass(slots=True)
class RawEvent:
    """An event as the input gave it: its trigger and arguments by position in
    ``Record.spans``, its type and roles as the input names them (``--label-map`` and the
    rules apply at import). ``name`` is the input's own id (``E1``); ``path`` and ``line`` say
    where it was read when that is not the record's own place (brat's ``.ann`` beside the
    ``.txt``)."""

    trigger: int
    type: str
    arguments: list[RawArgument] = field(default_factory=list)
    name: str = ""
    path: str | None = None
    line: int | None = None


@dataclass(slots=True)
class Record:
    """One article read from a file, before normalisation and tokenizing.

    ``path`` and ``line`` (or ``record``, 1-based) say where it came from, for error messages.
    ``key`` is the document's key: the file's own id (``key_given``) or, without one, a key
    made from the file name and the record's position, which may clash with another file's.
    ``date`` is the article's date as an aware timestamp, when the input gives one.
    ``tokens``/``sentences`` are set only by formats that carry their own tokens (CoNLL), in
    the same flat layout as :class:`annotator.core.model.Document`. ``header`` is False when
    the text does not begin as an article does (CoNLL: sentences of a corpus), so no date is
    looked for in its first lines. ``events`` name spans of ``spans`` by position.
    ``left_out`` says, one message each, what the reader read but could not carry into the
    record (brat's relations, attributes, notes).
    """

    text: str
    path: str
    line: int | None = None
    record: int | None = None
    key: str | None = None
    title: str | None = None
    status: Status | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    spans: list[RawSpan] = field(default_factory=list)
    tokens: list[int] | None = None
    sentences: list[int] | None = None
    date: dt.datetime | None = None
    key_given: bool = False
    header: bool = True
    events: list[RawEvent] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def json_record(text: str, path: Path, key: str | None, *, line: int | None,
                record: int | None, title: str | None, date: dt.datetime | None,
                meta: dict[str, Any], spans: list[RawSpan],
                status: Status | None = None) -> Record:
    """A record of a JSON or JSONL file, at ``line`` of it or as its ``record``th item: its
    key is its own id, or else the file's name and that number."""
    return Record(
        text=text, path=str(path), line=line, record=record,
        key=key or f"{path.stem}-{line if line is not None else record}", key_given=bool(key),
        title=title, status=status, meta=meta, date=date, spans=spans,
    )


class NotAnArticle(InputError):
    """The file is not in any supported format (an image, a Word document, binary data).

    A folder import reports such files and goes on; a bad article file stops it.
    """


class Reader(Protocol):
    """Reads one file; raises InputError naming the file and line or record on bad input."""

    def __call__(self, path: Path) -> Iterator[Record]: ...
