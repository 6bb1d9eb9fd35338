"""Documents, spans and labels: the words of the glossary (see CONTEXT.md)."""

from __future__ import annotations

import datetime as dt
import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Protocol

from annotator.core.errors import OverlapError

if TYPE_CHECKING:
    from annotator.core.events import Event

HUMAN = "human"
MODEL_PREFIX = "model:"


class Status(StrEnum):
    """Where a document is in an analyst's work."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REVIEWED = "reviewed"


class Review(StrEnum):
    """What became of a model's suggestion."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Label:
    """A kind of span: its name, the key that applies it and its colour (#rrggbb)."""

    name: str
    key: str = ""
    color: str = "#9e9e9e"


DEFAULT_LABELS: tuple[Label, ...] = (
    Label("ACTOR", "1", "#f4a261"),
    Label("EVENT", "2", "#8ecae6"),
    Label("LOCATION", "3", "#95d5b2"),
)

# Colours for labels a project adds (foreign labels kept as their own), distinct from the defaults.
EXTRA_COLORS: tuple[str, ...] = (
    "#e9c46a", "#cdb4db", "#ffafcc", "#a3c4f3", "#bde0fe", "#f28482", "#b5e48c", "#ffd6a5",
)


def model_origin(name: str) -> str:
    """The origin string of a model's suggestion: ``model:NAME``."""
    return f"{MODEL_PREFIX}{name}"


# The models the program trains itself (:mod:`annotator.suggest`), and their suggestions'
# origins: never over the labels of the analyst who sees them.
BUILT_IN_MODELS = ("strings", "crf")
BUILT_IN_ORIGINS = frozenset(model_origin(name) for name in BUILT_IN_MODELS)


@dataclass(frozen=True, slots=True, init=False)
class Span:
    """A labelled stretch of a document's text, in code points, end exclusive.

    ``origin`` is ``human`` or ``model:NAME``; ``review`` is None for human spans and
    pending/accepted/rejected for a model's suggestion. ``annotator`` is the analyst who made
    it, or decided it; a suggestion waiting for review is shared by the analysts and has none.
    ``source`` is set on an analyst's decision about a shared suggestion: that suggestion's id
    (see :mod:`annotator.core.analysts`). ``agreed`` is set on a curated label: the analysts
    who had made exactly that span (``annotator`` is then its curator).
    """

    start: int
    end: int
    label: str
    origin: str = HUMAN
    score: float | None = None
    review: Review | None = None
    annotator: str | None = None
    id: int | None = None
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    source: int | None = None
    agreed: tuple[str, ...] | None = None

    def __init__(self, start: int, end: int, label: str, origin: str = HUMAN,
                 score: float | None = None, review: Review | None = None,
                 annotator: str | None = None, id: int | None = None,
                 created: dt.datetime | None = None, updated: dt.datetime | None = None,
                 source: int | None = None, agreed: tuple[str, ...] | None = None) -> None:
        # What the dataclass would write, but through the slots themselves: a frozen
        # dataclass sets each field with object.__setattr__, which made building the 200,000
        # spans of an import or an export take half as long again (0.31 s against 0.21 s).
        if start < 0 or end <= start:
            raise ValueError(f"span offsets {start}..{end}: need 0 <= start < end")
        put = _SPAN_SLOTS
        put[0](self, start)
        put[1](self, end)
        put[2](self, label)
        put[3](self, origin)
        put[4](self, score)
        put[5](self, review)
        put[6](self, annotator)
        put[7](self, id)
        put[8](self, created)
        put[9](self, updated)
        put[10](self, source)
        put[11](self, agreed)

    @property
    def is_suggestion(self) -> bool:
        return self.origin.startswith(MODEL_PREFIX)

    @property
    def model(self) -> str | None:
        return self.origin[len(MODEL_PREFIX):] if self.is_suggestion else None

    @property
    def is_label(self) -> bool:
        """Counts as a label of the document: a human span or an accepted suggestion."""
        return counts_as_label(self.review)

    @property
    def is_shared(self) -> bool:
        """A model's suggestion as the model made it, shared by the analysts (each analyst's
        decision about it is a span of its own, with ``source``)."""
        return self.review == Review.PENDING and self.annotator is None and self.source is None

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def with_(self, **changes: Any) -> Span:
        return replace(self, **changes)



_SPAN_SLOTS: list[Callable[[Span, Any], None]] = [
    getattr(Span, f.name).__set__ for f in fields(Span)]

@dataclass(slots=True)
class Document:
    """An article: its fixed text, its metadata, its spans and its events.

    ``tokens`` holds flat (start, end) pairs in code points; ``sentences`` the index of the
    first token of each sentence (see :mod:`annotator.core.tokens`). ``events`` name spans of
    ``spans`` (see :mod:`annotator.core.events`).
    """

    text: str
    key: str = ""
    title: str = ""
    status: Status = Status.NEW
    meta: dict[str, Any] = field(default_factory=dict)
    date: dt.datetime | None = None
    spans: list[Span] = field(default_factory=list)
    tokens: Sequence[int] = ()
    sentences: Sequence[int] = ()
    id: int | None = None
    events: list[Event] = field(default_factory=list)

    def labels(self) -> list[Span]:
        """Spans that count as labels (human and accepted), in text order."""
        return sorted((s for s in self.spans if s.is_label), key=lambda s: s.start)


# Sort key of spans in text order: by start, then end.
in_text_order = attrgetter("start", "end")


def overlaps_any(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> bool:
    """Whether ``start..end`` overlaps one of the spans with these ``starts`` and ``ends``
    (spans that do not overlap one another, in text order)."""
    i = bisect_right(ends, start)  # the first of them ending after it starts
    return i < len(starts) and starts[i] < end


def find_overlap(spans: Iterable[Span], start: int, end: int,
                 ignore_id: int | None = None) -> Span | None:
    """The first labelled span overlapping ``start..end`` (pending/rejected ones do not count)."""
    for span in spans:
        if span.id is not None and span.id == ignore_id:
            continue
        if span.is_label and span.overlaps(start, end):
            return span
    return None


def counts_as_label(review: Review | None) -> bool:
    """A human span (no review) or an accepted suggestion is a label of its document."""
    return review is None or review == Review.ACCEPTED


class Labelled(Protocol):
    """Anything with a span's place and label: a stored span, or one read from a file."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def is_label(self) -> bool: ...


def check_no_overlap(spans: Sequence[Labelled], text: str | None = None) -> None:
    """Raise OverlapError naming the first two labelled spans that overlap."""
    ordered = sorted((s for s in spans if s.is_label), key=in_text_order)
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end:
            raise OverlapError(
                f"span {describe(after, text)} overlaps span {describe(before, text)}"
            )


def describe(span: Labelled, text: str | None = None) -> str:
    """A span as analysts read it: ``ACTOR «عباس عراقچی» (10..21)``."""
    shown = f" «{text[span.start:span.end]}»" if text is not None else ""
    return f"{span.label}{shown} ({span.start}..{span.end})"
