"""Checking the fields of a JSON record and building its spans, shared by the JSON readers.

Problems are raised as InputError without a location; :func:`located` adds the file and the
line or record around each record.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import HUMAN, MODEL_PREFIX, Review, Status
from annotator.core.offsets import Utf16Map
from annotator.formats.base import RawSpan
from annotator.text.dates import TEHRAN, parse_date

# Earlier years in an ISO-looking date are Jalali years (a news article is not older).
_FIRST_GREGORIAN_YEAR = 1600


@contextmanager
def located(path: Path, *, line: int | None = None, record: int | None = None) -> Iterator[None]:
    """Adds the file and the line or record to an InputError raised inside."""
    try:
        yield
    except InputError as error:
        raise error.located(str(path), line=line, record=record) from None


def type_name(value: Any) -> str:
    """How JSON calls the type of ``value``: object, array, string, number, true/false, null."""
    if value is None:
        return "missing or null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def as_object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{what} is {type_name(value)}, not an object")
    return value


def as_list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise InputError(f"{what} is {type_name(value)}, not an array")
    return value


def as_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{what} is {type_name(value)}, not a whole number")
    return value


def as_text(value: Any, what: str) -> str:
    """A non-empty string."""
    if not isinstance(value, str):
        raise InputError(f"{what} is {type_name(value)}, not a string")
    if not value.strip():
        raise InputError(f"{what} is empty")
    return value


def as_score(value: Any, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{what} is {type_name(value)}, not a number")
    if not math.isfinite(value):
        raise InputError(f"{what} is {value}, not a finite number")
    return float(value)


def as_key(value: Any) -> str | None:
    """A record's id as a document key: a string or a whole number."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(f'"id" is {type_name(value)}, not a string or a number')
    return str(value)


def as_status(value: Any) -> Status | None:
    if value is None:
        return None
    try:
        return Status(value)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise InputError(f'"status" {value!r} is not one of {choices}') from None


def as_date(value: Any, what: str, *, lenient: bool = False) -> dt.datetime | None:
    """An ISO 8601 date, or a Jalali one (``1404-08-26 14:19``, ``26 آبان 1404``).

    A naive timestamp is Tehran time. ``lenient`` (free-form fields of foreign formats) gives
    None for what cannot be read instead of an error.
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            when = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            when = None
        if when is not None and when.year >= _FIRST_GREGORIAN_YEAR:
            return when if when.tzinfo else when.replace(tzinfo=TEHRAN)
        # A Jalali year (13xx, 14xx) reads as a Gregorian one in ISO form: read it as Jalali.
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
    if lenient:
        return None
    raise InputError(f"{what} {value!r} is not an ISO 8601 date")


def as_origin(value: Any, what: str) -> str:
    if value is None:
        return HUMAN
    if value == HUMAN or (
        isinstance(value, str) and value.startswith(MODEL_PREFIX) and value[len(MODEL_PREFIX) :]
    ):
        return str(value)
    raise InputError(f'{what} {value!r} is not "human" or "model:NAME"')


def as_review(value: Any, origin: str, what: str) -> Review | None:
    """A span's review: none for a human span, pending unless said otherwise for a model's."""
    if origin == HUMAN:
        if value is not None:
            raise InputError(f"{what} {value!r} on a human span (only suggestions have one)")
        return None
    if value is None:
        return Review.PENDING
    try:
        return Review(value)
    except ValueError:
        choices = ", ".join(r.value for r in Review)
        raise InputError(f"{what} {value!r} is not one of {choices}") from None


class SpanMaker:
    """Builds the spans of one record's text, checking offsets against that text.

    ``utf16`` says the input counts offsets in UTF-16 units (doccano, Label Studio); they are
    converted to code points. ``noun`` names the items in messages: ``span 3``, ``result 2``.
    """

    def __init__(self, text: str, *, utf16: bool = False, noun: str = "span") -> None:
        self.text = text
        self.noun = noun
        self._units = Utf16Map(text) if utf16 else None

    def make(
        self,
        n: int,
        start: Any,
        end: Any,
        label: Any,
        *,
        quoted: Any = None,
        origin: str = HUMAN,
        score: float | None = None,
        review: Review | None = None,
    ) -> RawSpan:
        """The ``n``th item (1-based) as a span; ``quoted`` is the text the input says it covers."""
        item = f"{self.noun} {n}"
        first = as_int(start, f'{item}: "start"')
        last = as_int(end, f'{item}: "end"')
        label = as_text(label, f"{item}: the label")
        if first >= last:
            raise InputError(f"{item}: start {first} is not before end {last}")
        first, last = self._to_codepoints(item, first, last)
        if quoted is not None:
            there = self.text[first:last]
            if quoted != there:
                raise InputError(f"{item} says «{quoted}» but the text there is «{there}»")
        return RawSpan(first, last, label.strip(), origin, score, review)

    def _to_codepoints(self, item: str, start: int, end: int) -> tuple[int, int]:
        units = self._units
        length = len(self.text) if units is None else units.length_utf16
        if start < 0 or end > length:
            measure = "characters" if units is None else "UTF-16 units"
            raise InputError(
                f"{item}: offsets {start}..{end} are outside the text ({length} {measure})"
            )
        if units is None:
            return start, end
        for unit in (start, end):
            if units.is_inside_pair(unit):
                raise InputError(
                    f"{item}: offset {unit} falls inside a character outside the Basic "
                    "Multilingual Plane (an emoji?); the file's offsets should be UTF-16 units"
                )
        return units.to_codepoint(start), units.to_codepoint(end)


def take_meta(
    meta: Mapping[str, Any], *, lenient: bool = False
) -> tuple[str | None, dt.datetime | None, dict[str, Any]]:
    """Title, date and the rest of a record's metadata (source, url, ...).

    The date is ``date`` (ISO 8601) or, without it, ``date_jalali``.
    """
    rest = {k: v for k, v in meta.items() if k not in ("title", "date", "date_jalali")}
    title = meta.get("title")
    if title is not None and not isinstance(title, str):
        if not lenient:
            raise InputError(f'"title" is {type_name(title)}, not a string')
        title = None
    date = as_date(meta.get("date"), '"date"', lenient=lenient)
    if date is None:
        date = as_date(meta.get("date_jalali"), '"date_jalali"', lenient=lenient)
    return (title.strip() or None) if title else None, date, rest
