"""PLOVER export: one event a line, with PLOVER's fields filled from the event and its
article."""

from __future__ import annotations

import datetime as dt
import io
import json

from annotator.core.events import Argument, Event, EventType, Role
from annotator.core.model import Document, Span, Status
from annotator.formats.plover import write_document, write_plover
from annotator.text.dates import TEHRAN
from annotator.text.tokenize import tokenize

TEXT = ("😀 دیدار در سوچی\n"
        "دبیرکل حزب کمونیست روسیه و نماینده ویژه کره شمالی روز دوشنبه با وزیر خارجه چین "
        "در سوچی دیدار کردند. هزاران دانشجو در تهران و مشهد تظاهرات کردند.")


def at(word: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Span(start, start + len(word), "ACTOR")


SECRETARY, ENVOY = at("دبیرکل حزب کمونیست روسیه"), at("نماینده ویژه کره شمالی")
MINISTER = at("وزیر خارجه چین")
SOCHI = at("سوچی", 1).with_(label="LOCATION")
MEETING = at("دیدار", 1).with_(label="EVENT")
STUDENTS = at("هزاران دانشجو")
TEHRAN_, MASHHAD = at("تهران").with_(label="LOCATION"), at("مشهد").with_(label="LOCATION")
PROTEST = at("تظاهرات").with_(label="EVENT")
TODAY = dt.date(2025, 11, 20)


def document(**changes: object) -> Document:
    tokens, sentences = tokenize(TEXT)
    doc = Document(
        TEXT, key="mehr-1404-08-26-01", title="دیدار در سوچی", status=Status.DONE,
        meta={"source": "خبرگزاری مهر", "url": "https://www.mehrnews.com/news/1"},
        date=dt.datetime(2025, 11, 17, 14, 19, tzinfo=TEHRAN),
        spans=[SECRETARY, ENVOY, MINISTER, SOCHI, MEETING, STUDENTS, TEHRAN_, MASHHAD, PROTEST],
        tokens=tokens, sentences=sentences,
        events=[
            Event(PROTEST, "PROTEST", (Argument(Role.LOCATION, MASHHAD),
                                       Argument(Role.ACTOR, STUDENTS),
                                       Argument(Role.LOCATION, TEHRAN_))),
            Event(MEETING, "CONSULT", (Argument(Role.RECIPIENT, MINISTER),
                                       Argument(Role.ACTOR, ENVOY),
                                       Argument(Role.ACTOR, SECRETARY),
                                       Argument(Role.LOCATION, SOCHI)), annotator="ana",
                  updated=dt.datetime(2025, 11, 18, 9, 0, tzinfo=TEHRAN)),
        ])
    for name, value in changes.items():
        setattr(doc, name, value)
    return doc


def lines(doc: Document, **options: object) -> list[dict[str, object]]:
    out = io.StringIO()
    write_document(doc, out, today=TODAY, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_an_event_a_line_with_plovers_fields() -> None:
    consult, protest = lines(document())
    first_sentence_start = TEXT.index("دبیرکل")
    assert consult == {
        "id": "mehr-1404-08-26-01-E1",
        "date": "2025-11-17",
        "time": "14:19:00+03:30",
        "actor": [
            {"actor_text": "دبیرکل حزب کمونیست روسیه", "start": SECRETARY.start,
             "end": SECRETARY.end},
            {"actor_text": "نماینده ویژه کره شمالی", "start": ENVOY.start, "end": ENVOY.end},
        ],
        "recipient": [{"actor_text": "وزیر خارجه چین", "start": MINISTER.start,
                       "end": MINISTER.end}],
        "event": ["CONSULT"],
        "quad_code": 1,
        "event_loc": {"name": "سوچی", "start": SOCHI.start, "end": SOCHI.end},
        "event_text": ["دیدار"],
        "text_info": {"story_id": "mehr-1404-08-26-01", "sequence": 2,
                      "start": first_sentence_start, "end": TEXT.index(".") + 1,
                      "event_start": MEETING.start, "event_end": MEETING.end},
        "coder": "ana",
        "coded_date": "2025-11-18",
        "cite_info": {"title": "دیدار در سوچی", "url": "https://www.mehrnews.com/news/1",
                      "publication": "خبرگزاری مهر", "language": "fa"},
    }
    assert protest["id"] == "mehr-1404-08-26-01-E2"
    assert protest["event"] == ["PROTEST"] and protest["quad_code"] == 4
    assert protest["recipient"] == [] and protest["actor"][0]["actor_text"] == "هزاران دانشجو"
    # PLOVER has one place an event: the first in text order
    assert protest["event_loc"]["name"] == "تهران"
    assert protest["text_info"]["sequence"] == 3
    assert protest["coder"] == "annotator" and protest["coded_date"] == "2025-11-20"


def test_offsets_are_code_points_of_the_text() -> None:
    [consult, _] = lines(document())
    for mention in [*consult["actor"], *consult["recipient"], consult["event_loc"]]:
        text = mention.get("actor_text", mention.get("name"))
        assert TEXT[mention["start"]:mention["end"]] == text


def test_without_date_tokens_or_a_known_type() -> None:
    own = (EventType("MEET", "دیدار"),)
    event = Event(MEETING, "MEET", (Argument(Role.ACTOR, SECRETARY),))
    [record] = lines(document(date=None, tokens=(), sentences=(), events=[event]),
                     types=own, coder="annotator 0.1.0")
    assert (record["date"], record["time"], record["quad_code"]) == (None, None, None)
    assert record["text_info"] == {"story_id": "mehr-1404-08-26-01", "sequence": None,
                                   "start": SECRETARY.start, "end": MEETING.end,
                                   "event_start": MEETING.start, "event_end": MEETING.end}
    assert record["event_loc"] is None and record["coder"] == "annotator 0.1.0"


def test_events_whose_trigger_is_not_exported_are_left_out_and_counted() -> None:
    out = io.StringIO()
    report = write_plover([document(), document(events=[])], out, today=TODAY)
    assert (report.documents, report.events, report.events_left_out) == (2, 2, 0)
    doc = document()
    chosen = [s for s in doc.spans if s.label != "EVENT"]
    out = io.StringIO()
    write_document(doc, out, chosen, today=TODAY)
    assert out.getvalue() == ""
    without_locations = lines(doc, spans=[s for s in doc.spans if s.label != "LOCATION"])
    assert [r["event_loc"] for r in without_locations] == [None, None]
