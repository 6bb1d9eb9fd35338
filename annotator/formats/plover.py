"""PLOVER out: one event a line (JSONL), in the field names of the PLOVER specification (the
Open Event Data Alliance's "Event, Actor and Data Interchange Specification", draft 0.7).

Each record is an event of a document:

- ``id``: the document's key and the event's id in it (``mehr-1404-08-26-01-E1``), unique in
  the export; ``date`` (``YYYY-MM-DD``) and ``time`` (``HH:MM:SS+03:30``): the article's date,
  in Tehran time unless it says otherwise (an event's date is its article's), null without one;
- ``actor`` and ``recipient``: lists of actor objects, ``{"actor_text", "start", "end"}``, in
  text order (PLOVER lets a list stand for a compound actor; the draft's table names the first
  ``source``, the POLECAT data set ``actor``); ``event``: the list of its one event type;
  ``quad_code``: PLOVER's quad category of the type (1-4), null for a project's own types;
- ``event_loc``: a location object ``{"name", "start", "end"}``, the first of its locations in
  text order (PLOVER has one place per event; the others stay in the JSONL and brat exports),
  null without one; ``event_text``: the list of its trigger's text;
- ``text_info``: where in the article it was coded from: ``story_id`` (the document's key),
  ``sequence`` (the trigger's sentence, from 1), ``start`` and ``end`` (the sentences holding
  the trigger and its arguments), ``event_start`` and ``event_end`` (the trigger);
- ``coder``: the analyst who made the event, or the program when it is not known;
  ``coded_date``: when it was last changed, or the day of the export when that is not known;
- ``cite_info``: the article's ``title``, ``url``, ``publication`` (its source) and
  ``language``.

Offsets are code points of the document's text, 0-based, end exclusive, as everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from annotator.core.events import DEFAULT_EVENT_TYPES, Event, EventType, Role, numbered
from annotator.core.model import Document, Span
from annotator.core.tokens import TokenIndex
from annotator.text.dates import TEHRAN

LANGUAGE = "fa"


@dataclass
class PloverReport:
    documents: int = 0
    events: int = 0
    events_left_out: int = 0  # their trigger was not exported (a label filter)


def _mention(span: Span, text: str, field: str) -> dict[str, Any]:
    return {field: text[span.start:span.end], "start": span.start, "end": span.end}


def _sentences(doc: Document, index: TokenIndex | None,
               event: Event) -> tuple[int | None, int, int]:
    """The trigger's sentence (from 1) and the offsets of the sentences holding the event's
    spans; without tokens, no sentence and the offsets of the spans themselves."""
    spans = event.spans()
    start, end = min(s.start for s in spans), max(s.end for s in spans)
    if index is None or not len(index):
        return None, start, end
    covered = index.tokens_in(start, end)
    trigger = index.tokens_in(event.trigger.start, event.trigger.end)
    if not covered or not trigger:
        return None, start, end
    first, last = index.sentence_of(covered[0]), index.sentence_of(covered[-1])
    bounds = [*index.sentences, len(index)]
    return (index.sentence_of(trigger[0]) + 1, index.token(bounds[first])[0],
            index.token(bounds[last + 1] - 1)[1])


def event_record(doc: Document, name: str, event: Event, *, index: TokenIndex | None = None,
                 coder: str = "annotator", types: Sequence[EventType] = DEFAULT_EVENT_TYPES,
                 today: dt.date | None = None) -> dict[str, Any]:
    """One PLOVER record: ``event`` of ``doc``, called ``name`` in it (``E1``)."""
    text = doc.text
    when = doc.date
    if when is not None:
        when = (when if when.tzinfo else when.replace(tzinfo=TEHRAN)).astimezone(TEHRAN)
    quad = next((t.quad for t in types if t.name == event.type), None)
    locations = event.in_role(Role.LOCATION)
    sequence, start, end = _sentences(doc, index, event)
    changed = event.updated or event.created
    coded = changed.date() if changed else (today or dt.date.today())
    cite = {"title": doc.title or None, "url": doc.meta.get("url"),
            "publication": doc.meta.get("source"), "language": LANGUAGE}
    return {
        "id": f"{doc.key}-{name}",
        "date": when.date().isoformat() if when else None,
        "time": when.isoformat().partition("T")[2] if when else None,
        "actor": [_mention(s, text, "actor_text") for s in event.in_role(Role.ACTOR)],
        "recipient": [_mention(s, text, "actor_text") for s in event.in_role(Role.RECIPIENT)],
        "event": [event.type],
        "quad_code": quad,
        "event_loc": _mention(locations[0], text, "name") if locations else None,
        "event_text": [text[event.trigger.start:event.trigger.end]],
        "text_info": {"story_id": doc.key, "sequence": sequence, "start": start, "end": end,
                      "event_start": event.trigger.start, "event_end": event.trigger.end},
        "coder": event.annotator or coder,
        "coded_date": coded.isoformat(),
        "cite_info": cite,
    }


def write_document(doc: Document, fh: TextIO, spans: Sequence[Span] | None = None, *,
                   coder: str = "annotator", types: Sequence[EventType] = DEFAULT_EVENT_TYPES,
                   today: dt.date | None = None, report: PloverReport | None = None) -> None:
    """Writes a line for each event of ``doc`` whose trigger is among ``spans`` (by default
    all of its spans), with the arguments that are."""
    report = PloverReport() if report is None else report
    report.documents += 1
    if not doc.events:
        return
    frames = numbered(doc.spans if spans is None else spans, doc.events)
    index = TokenIndex(doc.tokens, doc.sentences) if doc.tokens else None
    for name, event in frames.events:
        record = event_record(doc, name, event, index=index, coder=coder, types=types,
                              today=today)
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    report.events += len(frames.events)
    report.events_left_out += frames.events_left_out


def write_plover(docs: Iterable[Document], fh: TextIO, *, coder: str = "annotator",
                 types: Sequence[EventType] = DEFAULT_EVENT_TYPES,
                 today: dt.date | None = None) -> PloverReport:
    """Writes the events of ``docs``, one a line."""
    report = PloverReport()
    for doc in docs:
        write_document(doc, fh, coder=coder, types=types, today=today, report=report)
    return report
