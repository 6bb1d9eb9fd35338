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
class Record:
    """One article read from a file, before normalisation and tokenizing.

    ``path`` and ``line`` (or ``record``, 1-based) say where it came from, for error messages.
    ``key`` is the document's key: the file's own id (``key_given``) or, without one, a key
    made from the file name and the record's position, which may clash with another file's.
    ``date`` is the article's date as an aware timestamp, when the input gives one.
    ``tokens``/``sentences`` are set only by formats that carry their own tokens (CoNLL), in
    the same flat layout as :class:`annotator.core.model.Document`. ``header`` is False when
    the text does not begin as an article does (CoNLL: sentences of a corpus), so no date is
    looked for in its first lines.
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
