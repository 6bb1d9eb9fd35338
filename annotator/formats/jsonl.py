"""JSONL, one document per line: our own format, doccano and Prodigy/spaCy; and its writer.

Each line is a JSON object with a ``text`` and its spans in one of these shapes:

- ours and Prodigy/spaCy: ``"spans": [{"start", "end", "label", ...}]`` in code points (ours
  add ``id``, ``text``, ``origin``, ``score``, ``review``, and the record ``id``, ``status``,
  ``meta`` and ``events``, whose spans are named by their ``id``; Prodigy's
  ``token_start``/``token_end`` are ignored);
- doccano: ``"label": [[start, end, "L"], ...]`` or
  ``"entities": [{"start_offset", "end_offset", "label"}]``, with ``data`` instead of
  ``text`` in some versions. Their offsets are taken as UTF-16 units (what the browser
  counts) and converted to code points, as the contract asks for doccano files;
- Label Studio tasks, one per line (see :mod:`annotator.formats.labelstudio`).

A span that says its ``text`` must match the text at its offsets. ``.json`` files holding an
array of such objects are read by :func:`read_json`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from annotator.core.errors import InputError
from annotator.core.events import numbered
from annotator.core.model import HUMAN, Document, Review, Span, in_text_order
from annotator.formats.base import RawSpan, Record, json_record
from annotator.formats.event_fields import events_to_json, read_events
from annotator.formats.fields import (
    SpanMaker,
    as_key,
    as_list,
    as_object,
    as_origin,
    as_review,
    as_score,
    as_status,
    as_text,
    located,
    take_meta,
)
from annotator.formats.labelstudio import is_task, record_from_task
from annotator.formats.source import first_char, json_records, parse_json_line, read_lines
from annotator.text.dates import TEHRAN, jalali


def read_jsonl(path: Path) -> Iterator[Record]:
    """The records of a JSONL file, one per non-blank line (a JSON array is read too)."""
    if first_char(path) == "[":
        yield from read_json(path)
        return
    for number, line in read_lines(path):
        if not line.strip():
            continue
        with located(path, line=number):
            record = record_from_object(parse_json_line(line), path, line=number)
        yield record


def read_json(path: Path) -> Iterator[Record]:
    """The records of a ``.json`` file: an array of objects (or Label Studio tasks), or one.

    A JSONL file saved as ``.json`` is read as JSONL.
    """
    if first_char(path) == "{" and _first_line_is_object(path):
        yield from read_jsonl(path)
        return
    records = json_records(path)
    for n, obj in enumerate(records, start=1):
        with located(path, record=n):
            record = record_from_object(obj, path, record=n)
        yield record


def _first_line_is_object(path: Path) -> bool:
    with path.open("rb") as fh:
        first = fh.readline().decode("utf-8-sig", errors="replace")
    try:
        return isinstance(json.loads(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def record_from_object(
    obj: Any, path: Path, *, line: int | None = None, record: int | None = None
) -> Record:
    """One JSON object of any of the shapes above as a record."""
    obj = as_object(obj, "the record")
    if is_task(obj):
        return record_from_task(obj, path, line=line, record=record)
    text = obj.get("text", obj.get("data"))
    if text is None:
        raise InputError('no "text"')
    text = as_text(text, '"text"')
    key = as_key(obj.get("id"))
    meta = obj.get("meta")
    # Our own records (they have a status) are held to their shape; foreign metadata is
    # free-form, and what cannot be read there is left out.
    title, date, rest = take_meta(
        {} if meta is None else as_object(meta, '"meta"'), lenient="status" not in obj
    )
    result = json_record(text, path, key, line=line, record=record, title=title, date=date,
                         meta=rest, spans=_spans(obj, text), status=as_status(obj.get("status")))
    if obj.get("events") is not None:
        result.events = read_events(obj["events"], obj.get("spans"))
    return result


def _spans(obj: dict[str, Any], text: str) -> list[RawSpan]:
    """The spans of a record, from whichever of ``spans``, ``entities``, ``label`` it has."""
    if obj.get("spans") is not None:
        items = as_list(obj["spans"], '"spans"')
        plain = _plain_spans(items, text)
        if plain is not None:
            return plain
        maker = SpanMaker(text)
        spans = []
        for n, given in enumerate(items, start=1):
            item = as_object(given, f"span {n}")
            origin = as_origin(item.get("origin"), f'span {n}: "origin"')
            spans.append(
                maker.make(
                    n,
                    item.get("start"),
                    item.get("end"),
                    item.get("label"),
                    quoted=item.get("text"),
                    origin=origin,
                    score=as_score(item.get("score"), f'span {n}: "score"'),
                    review=as_review(item.get("review"), origin, f'span {n}: "review"'),
                )
            )
        return spans
    if obj.get("entities") is not None:
        # doccano's entities count UTF-16 units.
        maker = SpanMaker(text, utf16=True, noun="entity")
        entities = [
            as_object(e, f"entity {n}")
            for n, e in enumerate(as_list(obj["entities"], '"entities"'), start=1)
        ]
        return [
            maker.make(n, e.get("start_offset"), e.get("end_offset"), e.get("label"))
            for n, e in enumerate(entities, start=1)
        ]
    if isinstance(obj.get("label"), list):
        # doccano's [start, end, label] triples count UTF-16 units. A "label" that is not a
        # list (a Prodigy text category) carries no span and is ignored.
        maker = SpanMaker(text, utf16=True, noun="label")
        spans = []
        for n, item in enumerate(obj["label"], start=1):
            if not isinstance(item, list) or len(item) != 3:
                raise InputError(
                    f"label {n} is {json.dumps(item, ensure_ascii=False)}, not [start, end, label]"
                )
            spans.append(maker.make(n, *item))
        return spans
    return []


def _plain_spans(items: list[Any], text: str) -> list[RawSpan] | None:
    """The spans when every one is a plain human label, checked in one pass; None when any
    is not (a suggestion, or something wrong), for the field-by-field reading that names the
    problem. Most files hold nothing else, and this is most of reading them."""
    size = len(text)
    spans = []
    for item in items:
        if type(item) is not dict:
            return None
        start, end, label = item.get("start"), item.get("end"), item.get("label")
        quoted = item.get("text")
        if not (
            type(start) is int and type(end) is int and 0 <= start < end <= size
            and type(label) is str and label and label == label.strip()
            and item.get("origin", HUMAN) == HUMAN
            and item.get("review") is None and item.get("score") is None
            and (quoted is None or quoted == text[start:end])
        ):
            return None
        spans.append(RawSpan(start, end, label))
    return spans


def document_to_json(doc: Document, include_pending: bool = False,
                     spans: Sequence[Span] | None = None) -> dict[str, Any]:
    """A document as one JSONL object, in the contract's shape (other metadata stays home).

    Its spans are its labels (human and accepted), and its pending suggestions with
    ``include_pending``; rejected suggestions never. ``spans`` gives them already chosen
    (by :func:`exported_spans`, and perhaps fewer), in text order: they are written in that
    order with their span ids (``T1``, ...). ``events`` are the document's events whose
    trigger is written, with the arguments that are (see :func:`annotator.core.events.numbered`).

    Every record has the same keys, and ``meta`` holds strings only (``""`` when unknown),
    so that Hugging Face ``datasets`` types the fields of any part of a split alike. Dates
    are strings it keeps as they are: ``date`` ISO 8601 with milliseconds and the offset
    (``2025-11-17T14:19:00.000+03:30``; without the milliseconds it would be read as a UTC
    timestamp, the offset lost), ``date_jalali`` with slashes (``1404/08/26 14:19``; with
    hyphens it would be read as a Gregorian timestamp of the year 1404).
    """
    when = doc.date if doc.date is None or doc.date.tzinfo else doc.date.replace(tzinfo=TEHRAN)
    meta: dict[str, Any] = {
        "title": doc.title,
        "source": _meta_text(doc.meta.get("source")),
        "url": _meta_text(doc.meta.get("url")),
        "date": when.astimezone(TEHRAN).isoformat(timespec="milliseconds") if when else "",
        "date_jalali": jalali(when, "/") if when else "",
    }
    chosen = exported_spans(doc, include_pending) if spans is None else spans
    return {
        "id": doc.key,
        "text": doc.text,
        "status": doc.status.value,
        "meta": meta,
        "spans": [_span_to_json(s, doc.text, name)
                  for s, name in zip(chosen, span_names(len(chosen)), strict=False)],
        "events": events_to_json(numbered(chosen, doc.events)) if doc.events else [],
    }


def _meta_text(value: Any) -> str:
    """A metadata value as a string: ``""`` for none, JSON for what a foreign file gave as a
    number or an object."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def exported_spans(doc: Document, include_pending: bool = False) -> list[Span]:
    """The spans an export writes, in text order."""
    return sorted(
        (s for s in doc.spans if s.is_label or (include_pending and s.review == Review.PENDING)),
        key=in_text_order,
    )


_SPAN_NAMES: list[str] = []


def span_names(count: int) -> list[str]:
    """``T1``, ``T2``, ... at least ``count`` of them (made once: an export names 200,000
    spans with a few hundred strings)."""
    while len(_SPAN_NAMES) < count:
        _SPAN_NAMES.extend(f"T{n}" for n in range(len(_SPAN_NAMES) + 1, 2 * count + 2))
    return _SPAN_NAMES


def _span_to_json(span: Span, text: str, span_id: str) -> dict[str, Any]:
    """One span of a record; ``span_id`` is its id in the record (``T1``)."""
    return {
        "id": span_id,
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "text": text[span.start : span.end],
        "origin": span.origin,
        "score": span.score,
        "review": span.review.value if span.review is not None else None,
        "analyst": span.annotator,
    }


def write_jsonl(
    docs: Iterable[Document], fh: TextIO, include_pending: bool = False
) -> tuple[int, int]:
    """Writes one line per document; returns how many documents and spans were written."""
    documents = spans = 0
    for doc in docs:
        obj = document_to_json(doc, include_pending)
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        documents += 1
        spans += len(obj["spans"])
    return documents, spans
