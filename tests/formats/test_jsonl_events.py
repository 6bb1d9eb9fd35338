"""Span ids and events in our JSONL: written, read back exactly, and refused with the file and
line when they name a span that is not there or break a rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.core.events import Argument, Event, Role
from annotator.core.model import Document, Span, Status
from annotator.formats.jsonl import document_to_json, read_jsonl
from annotator.services.importing import ImportOptions, import_paths, prepare_document
from annotator.storage import Project
from annotator.text.normalize import Level
from tests.formats.persian import jsonl_file

TEXT = ("😀 دبیرکل حزب کمونیست روسیه و نماینده ویژه کره شمالی روز دوشنبه با وزیر خارجه چین "
        "در سوچی دیدار کردند. دو طرف تحریم‌های غرب را محکوم کردند.")


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def span(sid: str, word: str, label: str) -> dict[str, Any]:
    start, end = at(word)
    return {"id": sid, "start": start, "end": end, "label": label, "text": word,
            "origin": "human", "score": None, "review": None, "analyst": None}


SPANS = [
    span("T1", "دبیرکل حزب کمونیست روسیه", "ACTOR"),
    span("T2", "نماینده ویژه کره شمالی", "ACTOR"),
    span("T3", "وزیر خارجه چین", "ACTOR"),
    span("T4", "سوچی", "LOCATION"),
    span("T5", "دیدار", "EVENT"),
    span("T6", "محکوم", "EVENT"),
]
EVENTS = [
    {"id": "E1", "trigger": "T5", "type": "CONSULT", "arguments": [
        {"role": "actor", "span": "T1"}, {"role": "actor", "span": "T2"},
        {"role": "recipient", "span": "T3"}, {"role": "location", "span": "T4"}]},
    {"id": "E2", "trigger": "T6", "type": "ACCUSE", "arguments": [
        {"role": "actor", "span": "T1"}, {"role": "actor", "span": "T3"}]},
]


def record(**changes: Any) -> dict[str, Any]:
    obj = {"id": "mehr-1", "text": TEXT, "status": "done", "meta": {"title": "دیدار در سوچی"},
           "spans": SPANS, "events": EVENTS}
    obj.update(changes)
    return obj


def read_one(path: Path, level: Level = Level.NONE, **options: Any) -> Document:
    [rec] = list(read_jsonl(path))
    return prepare_document(rec, level, options.get("label_map", {}))


def test_events_are_read_back_exactly(tmp_path: Path) -> None:
    doc = read_one(jsonl_file(tmp_path / "in.jsonl", record()))
    consult, accuse = doc.events
    assert consult.type == "CONSULT"
    assert TEXT[consult.trigger.start:consult.trigger.end] == "دیدار"
    assert [(a.role, TEXT[a.span.start:a.span.end]) for a in consult.arguments] == [
        (Role.ACTOR, "دبیرکل حزب کمونیست روسیه"), (Role.ACTOR, "نماینده ویژه کره شمالی"),
        (Role.RECIPIENT, "وزیر خارجه چین"), (Role.LOCATION, "سوچی")]
    assert all(any(s is own for own in doc.spans) for s in consult.spans() + accuse.spans())
    out = document_to_json(doc)
    assert out["spans"] == SPANS
    assert out["events"] == EVENTS


def test_written_ids_follow_text_order_whatever_the_files_were(tmp_path: Path) -> None:
    renamed = {"T1": "a", "T2": "b", "T3": "c", "T4": "d", "T5": "e", "T6": "f"}
    spans = [dict(s, id=renamed[s["id"]]) for s in reversed(SPANS)]
    events = [dict(e, trigger=renamed[e["trigger"]],
                   arguments=[dict(a, span=renamed[a["span"]]) for a in reversed(e["arguments"])])
              for e in reversed(EVENTS)]
    doc = read_one(jsonl_file(tmp_path / "in.jsonl", record(spans=spans, events=events)))
    out = document_to_json(doc)
    assert out["spans"] == SPANS and out["events"] == EVENTS


def test_records_without_ids_or_events_still_read(tmp_path: Path) -> None:
    plain = [{k: v for k, v in s.items() if k != "id"} for s in SPANS]
    path = jsonl_file(tmp_path / "in.jsonl", record(spans=plain, events=None),
                      {"text": "نشست در مشهد برگزار شد."})
    doc, bare = (prepare_document(r, Level.NONE, {}) for r in read_jsonl(path))
    assert doc.events == [] and len(doc.spans) == 6
    assert bare.events == [] and document_to_json(bare)["events"] == []
    assert [s["id"] for s in document_to_json(doc)["spans"]] == [f"T{n}" for n in range(1, 7)]


def test_a_label_filter_leaves_out_what_it_takes_away() -> None:
    sochi, meeting, minister = Span(*at("سوچی"), "LOCATION"), Span(*at("دیدار"), "EVENT"), \
        Span(*at("وزیر خارجه چین"), "ACTOR")
    doc = Document(TEXT, key="k", status=Status.DONE, spans=[sochi, meeting, minister],
                   events=[Event(meeting, "CONSULT", (Argument(Role.LOCATION, sochi),
                                                      Argument(Role.RECIPIENT, minister)))])
    out = document_to_json(doc, spans=[minister, meeting])
    assert out["events"] == [{"id": "E1", "trigger": "T2", "type": "CONSULT",
                              "arguments": [{"role": "recipient", "span": "T1"}]}]
    assert document_to_json(doc, spans=[sochi, minister])["events"] == []


def test_events_survive_normalisation(tmp_path: Path) -> None:
    arabic = TEXT.replace("ی", "ي")  # Arabic yeh: letters normalisation maps it back
    spans = [dict(s, text=arabic[s["start"]:s["end"]]) for s in SPANS]
    doc = read_one(jsonl_file(tmp_path / "in.jsonl", record(text=arabic, spans=spans)),
                   Level.FULL)
    assert [TEXT[e.trigger.start:e.trigger.end] for e in doc.events] == ["دیدار", "محکوم"]
    assert document_to_json(doc)["events"] == EVENTS


BAD = [
    ({"events": [{"id": "E1", "trigger": "T9", "type": "CONSULT"}]},
     "line 2: event 1 (E1): \"trigger\" 'T9' names no span of this record"),
    ({"events": [{"trigger": "T5", "type": "CONSULT",
                  "arguments": [{"role": "actor", "span": "T7"}]}]},
     "line 2: event 1: argument 1: \"span\" 'T7' names no span of this record"),
    ({"events": [{"trigger": "T5", "type": "CONSULT",
                  "arguments": [{"role": "agent", "span": "T1"}]}]},
     "line 2: event 1: unknown role 'agent' (the roles are actor, recipient, location"),
    ({"events": [{"id": "E1", "trigger": "T5", "type": "CONSULT",
                  "arguments": [{"role": "location", "span": "T3"}]}]},
     "line 2: event 1 (E1): the role location takes LOCATION spans, not ACTOR «وزیر خارجه چین»"),
    ({"events": [{"trigger": "T4", "type": "CONSULT"}]},
     "line 2: event 1: an event's trigger is an EVENT span, not LOCATION «سوچی»"),
    ({"events": [{"trigger": "T5", "type": "MEET"}]},
     "line 2: event 1: unknown event type 'MEET'"),
    ({"events": [{"trigger": "T5", "type": "CONSULT"}, {"trigger": "T5", "type": "AGREE"}]},
     "line 2: event 2: EVENT «دیدار» (89..94) is already the trigger of an event (CONSULT)"),
    ({"events": [{"trigger": "T5"}]}, 'line 2: event 1: "type" is missing or null'),
    ({"events": {"E1": {}}}, 'line 2: "events" is an object, not an array'),
    ({"spans": [*SPANS, dict(SPANS[0], start=0, end=1, text="😀")]},
     "line 2: span 7: \"id\" 'T1' is also span 1's"),
]


@pytest.mark.parametrize(("change", "message"), BAD)
def test_bad_events_are_refused_with_file_and_line(tmp_path: Path, project: Project,
                                                   change: dict[str, Any], message: str) -> None:
    path = jsonl_file(tmp_path / "in.jsonl", {"text": "نخستین خبر"}, record(**change))
    with pytest.raises(InputError) as caught:
        import_paths(project, [path], ImportOptions(normalize="none"))
    assert str(caught.value).startswith(f"{path}, {message}"), str(caught.value)
    assert project.count_documents() == 0  # nothing added


def test_types_and_roles_pass_through_the_label_map(tmp_path: Path) -> None:
    events = [{"trigger": "T5", "type": "Meet", "arguments": [
        {"role": "Agent", "span": "T1"}, {"role": "Place", "span": "T4"}]}]
    path = jsonl_file(tmp_path / "in.jsonl", record(events=events))
    doc = read_one(path, label_map={"Meet": "CONSULT", "Agent": "actor", "Place": "location"})
    [event] = doc.events
    assert event.type == "CONSULT"
    assert [a.role for a in event.arguments] == [Role.ACTOR, Role.LOCATION]


def test_an_import_counts_the_events_it_stores(tmp_path: Path, project: Project) -> None:
    path = jsonl_file(tmp_path / "in.jsonl", record())
    result = import_paths(project, [path], ImportOptions(normalize="none"))
    assert (result.added, result.spans, result.events) == (1, 6, 2)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["events"] == EVENTS
