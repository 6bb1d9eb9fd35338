"""JSONL in (ours, doccano, Prodigy) and out (ours), with offsets in code points."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Document, Review, Span, Status
from annotator.formats.base import Record
from annotator.formats.fields import take_meta
from annotator.formats.jsonl import document_to_json, read_json, read_jsonl, write_jsonl
from annotator.text.dates import TEHRAN
from tests.formats.persian import TEXT, cp, json_file, jsonl_file, utf16


def spans_of(record: Record) -> list[tuple[str, str]]:
    """(label, covered text) of each span: what the analyst sees."""
    return [(s.label, record.text[s.start : s.end]) for s in record.spans]


def document() -> Document:
    return Document(
        text=TEXT,
        key="mehr-1404-08-26-01",
        title="دیدار در تهران",
        status=Status.DONE,
        meta={"source": "خبرگزاری مهر", "url": "https://example.ir/news/1", "file": "/home/x.txt"},
        date=dt.datetime(2025, 11, 17, 14, 19, tzinfo=TEHRAN),
        spans=[
            Span(*cp("ايران"), "LOCATION"),
            Span(*cp("Donald Trump"), "ACTOR"),
            Span(*cp("تهران"), "LOCATION", origin="model:ner", score=0.9, review=Review.PENDING),
            Span(*cp("پاكستان"), "LOCATION", origin="model:ner", score=0.4,
                 review=Review.REJECTED),
            Span(*cp("می‌گوید"), "EVENT", origin="model:ner", score=0.7,
                 review=Review.ACCEPTED, annotator="مریم"),
        ],
    )  # fmt: skip


def test_document_to_json_has_the_contracts_shape() -> None:
    obj = document_to_json(document())
    assert obj == {
        "id": "mehr-1404-08-26-01",
        "text": TEXT,
        "status": "done",
        "meta": {
            "title": "دیدار در تهران",
            "source": "خبرگزاری مهر",
            "url": "https://example.ir/news/1",
            "date": "2025-11-17T14:19:00.000+03:30",
            "date_jalali": "1404/08/26 14:19",
        },
        "spans": [
            {"id": "T1", "start": 30, "end": 42, "label": "ACTOR", "text": "Donald Trump",
             "origin": "human", "score": None, "review": None, "analyst": None},
            {"id": "T2", "start": 44, "end": 51, "label": "EVENT", "text": "می‌گوید",
             "origin": "model:ner", "score": 0.7, "review": "accepted", "analyst": "مریم"},
            {"id": "T3", "start": 68, "end": 73, "label": "LOCATION", "text": "ايران",
             "origin": "human", "score": None, "review": None, "analyst": None},
        ],
        "events": [],
    }  # fmt: skip


def test_unknown_metadata_is_an_empty_string_never_null() -> None:
    # Hugging Face datasets types a field null in all of a file's records as null, and then
    # cannot load another part that has it: strings everywhere, "" for none.
    bare = Document(text=TEXT, key="k", meta={"source": 7, "url": {"a": "ب"}})
    assert document_to_json(bare)["meta"] == {
        "title": "", "source": "7", "url": '{"a": "ب"}', "date": "", "date_jalali": ""}


def test_dates_in_forms_that_stay_strings_and_read_back() -> None:
    # pyarrow's JSON reader (and so datasets) takes "2025-11-17T14:19:00+03:30" and
    # "1404-08-26 14:19" for timestamps: the offset is lost, 1404 read as a Gregorian year.
    # With milliseconds, and with slashes, they stay strings.
    meta = document_to_json(document())["meta"]
    assert (meta["date"], meta["date_jalali"]) == ("2025-11-17T14:19:00.000+03:30",
                                                   "1404/08/26 14:19")
    when = dt.datetime(2025, 11, 17, 14, 19, tzinfo=TEHRAN)
    for key in ("date", "date_jalali"):
        _, date, _ = take_meta({key: meta[key]})
        assert date == when, key
    _, date, _ = take_meta({"date": "", "date_jalali": ""})
    assert date is None


def test_pending_suggestions_only_when_asked_and_rejected_never() -> None:
    texts = [s["text"] for s in document_to_json(document(), include_pending=True)["spans"]]
    assert texts == ["Donald Trump", "می‌گوید", "ايران", "تهران"]


def test_write_then_read_gives_back_text_and_spans(tmp_path: Path) -> None:
    other = Document(text="متن دوم\nبا دو خط", key="2", status=Status.NEW)
    with io.StringIO() as fh:
        counts = write_jsonl([document(), other], fh, include_pending=True)
        written = fh.getvalue()
    assert counts == (2, 4)
    assert written.count("\n") == 2
    assert "ایالات‌متحده" in written  # not \u escapes
    path = tmp_path / "out.jsonl"
    path.write_text(written, "utf-8")

    first, second = read_jsonl(path)
    doc = document()
    assert first.text == doc.text
    assert first.key == doc.key
    assert first.key_given
    assert first.status is Status.DONE
    assert first.title == doc.title
    assert first.date == doc.date
    assert first.meta == {"source": "خبرگزاری مهر", "url": "https://example.ir/news/1"}
    assert [(s.start, s.end, s.label, s.origin, s.score, s.review) for s in first.spans] == [
        (s.start, s.end, s.label, s.origin, s.score, s.review)
        for s in sorted(doc.spans, key=lambda s: s.start)
        if s.review is not Review.REJECTED
    ]
    assert (second.text, second.key, second.line, second.date) == (other.text, "2", 2, None)


def test_prodigy_spans_are_code_points(tmp_path: Path) -> None:
    path = jsonl_file(
        tmp_path / "prodigy.jsonl",
        {
            "text": TEXT,
            "spans": [
                {"start": cp(w)[0], "end": cp(w)[1], "label": label, "token_start": 3}
                for w, label in (("ایالات‌متحده", "GPE"), ("ايران", "GPE"), ("Donald Trump", "PER"))
            ],
            "answer": "accept",
            "meta": {"source": "tweets"},
            "label": "POLITICS",  # a text category, not a span
        },
    )
    (record,) = read_jsonl(path)
    assert spans_of(record) == [("GPE", "ایالات‌متحده"), ("GPE", "ايران"), ("PER", "Donald Trump")]
    assert all(s.origin == "human" and s.review is None for s in record.spans)
    assert record.key == "prodigy-1"
    assert not record.key_given
    assert record.meta == {"source": "tweets"}


def test_doccano_label_triples_are_utf16_units(tmp_path: Path) -> None:
    label = [[*utf16("Donald Trump"), "PER"], [*utf16("می‌گوید"), "EVE"], [*utf16("پاكستان"), "LOC"]]
    path = jsonl_file(tmp_path / "doccano.jsonl", {"id": 12, "text": TEXT, "label": label})
    (record,) = read_jsonl(path)
    assert spans_of(record) == [("PER", "Donald Trump"), ("EVE", "می‌گوید"), ("LOC", "پاكستان")]
    assert record.key == "12"


def test_doccano_entities_and_data_are_utf16_units(tmp_path: Path) -> None:
    entities = [
        {"id": 1, "start_offset": utf16(w)[0], "end_offset": utf16(w)[1], "label": "LOC"}
        for w in ("ایالات‌متحده", "ايران", "تهران")
    ]
    path = jsonl_file(tmp_path / "doccano.jsonl", {"data": TEXT, "entities": entities})
    (record,) = read_jsonl(path)
    assert spans_of(record) == [("LOC", "ایالات‌متحده"), ("LOC", "ايران"), ("LOC", "تهران")]


def test_our_model_spans_default_to_pending(tmp_path: Path) -> None:
    start, end = cp("تهران")
    spans = [{"start": start, "end": end, "label": "LOCATION", "origin": "model:crf", "score": 1}]
    (record,) = read_jsonl(jsonl_file(tmp_path / "p.jsonl", {"text": TEXT, "spans": spans}))
    (span,) = record.spans
    assert (span.origin, span.score, span.review) == ("model:crf", 1.0, Review.PENDING)


def test_blank_lines_are_skipped_and_lines_counted(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('\n{"text": "یک"}\n   \n{"text": "دو"}\n', "utf-8")
    assert [(r.text, r.line, r.key) for r in read_jsonl(path)] == [
        ("یک", 2, "a-2"),
        ("دو", 4, "a-4"),
    ]


def test_a_jsonl_file_may_be_a_json_array(tmp_path: Path) -> None:
    path = json_file(tmp_path / "a.jsonl", [{"text": "یک"}, {"id": "x", "text": "دو"}])
    assert [(r.text, r.record, r.key) for r in read_jsonl(path)] == [
        ("یک", 1, "a-1"),
        ("دو", 2, "x"),
    ]


def test_read_json_reads_arrays_and_jsonl_saved_as_json(tmp_path: Path) -> None:
    array = json_file(tmp_path / "array.json", [{"text": "یک"}, {"text": "دو"}])
    assert [r.text for r in read_json(array)] == ["یک", "دو"]
    lines = jsonl_file(tmp_path / "lines.json", {"text": "یک"}, {"text": "دو"})
    assert [(r.text, r.line) for r in read_json(lines)] == [("یک", 1), ("دو", 2)]
    single = json_file(tmp_path / "one.json", {"text": "یک"})
    assert [(r.text, r.record) for r in read_json(single)] == [("یک", 1)]


def bad(tmp_path: Path, obj: Any, *, before: int = 1) -> Path:
    """A file whose record ``obj`` is on line ``before + 1``."""
    path = tmp_path / "bad.jsonl"
    good = [json.dumps({"text": "خوب"}) for _ in range(before)]
    line = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)
    path.write_text("\n".join([*good, line]) + "\n", "utf-8")
    return path


def raises_at(path: Path, line: int, problem: str) -> None:
    expected = f"^{re.escape(f'{path}, line {line}: {problem}')}$"
    with pytest.raises(InputError, match=expected):
        list(read_jsonl(path))


def at(word: str) -> dict[str, Any]:
    start, end = cp(word)
    return {"start": start, "end": end, "label": "ACTOR"}


@pytest.mark.parametrize(
    ("obj", "problem"),
    [
        ('{"text": "سلام", }', "not valid JSON (Expecting property name enclosed in double "
                               "quotes, column 18)"),
        ("[1, 2]", "the record is an array, not an object"),
        ({"title": "بی‌متن"}, 'no "text"'),
        ({"text": 5}, '"text" is a number, not a string'),
        ({"text": "  "}, '"text" is empty'),
        ({"text": TEXT, "status": "finished"},
         "\"status\" 'finished' is not one of new, in_progress, done, reviewed"),
        ({"text": TEXT, "id": [1]}, '"id" is an array, not a string or a number'),
        ({"text": TEXT, "spans": [at("ايران"), {**at("تهران"), "start": 95}]},
         "span 2: start 95 is not before end 92"),
        ({"text": TEXT, "spans": [{**at("تهران"), "start": 92}]},
         "span 1: start 92 is not before end 92"),
        ({"text": TEXT, "spans": [{**at("تهران"), "end": 500}]},
         f"span 1: offsets 87..500 are outside the text ({len(TEXT)} characters)"),
        ({"text": TEXT, "spans": [{**at("تهران"), "start": -1}]},
         f"span 1: offsets -1..92 are outside the text ({len(TEXT)} characters)"),
        ({"text": TEXT, "spans": [{**at("تهران"), "start": "87"}]},
         'span 1: "start" is a string, not a whole number'),
        ({"text": TEXT, "spans": [{"start": 0, "label": "X"}]},
         'span 1: "end" is missing or null, not a whole number'),
        ({"text": TEXT, "spans": [{**at("تهران"), "label": ["LOC"]}]},
         "span 1: the label is an array, not a string"),
        ({"text": TEXT, "spans": [at("ايران"), at("پاكستان"), {**at("تهران"), "text": "مشهد"}]},
         "span 3 says «مشهد» but the text there is «تهران»"),
        ({"text": TEXT, "spans": [{**at("تهران"), "origin": "robot"}]},
         "span 1: \"origin\" 'robot' is not \"human\" or \"model:NAME\""),
        ({"text": TEXT, "spans": [{**at("تهران"), "origin": "model:x", "review": "maybe"}]},
         "span 1: \"review\" 'maybe' is not one of pending, accepted, rejected"),
        ({"text": TEXT, "spans": [{**at("تهران"), "review": "accepted"}]},
         "span 1: \"review\" 'accepted' on a human span (only suggestions have one)"),
        ({"text": TEXT, "meta": {"date": "دیروز"}, "status": "new"},
         "\"date\" 'دیروز' is not an ISO 8601 date"),
        ({"text": TEXT, "label": [[0, 2, "A"], ["x"]]},
         'label 2 is ["x"], not [start, end, label]'),
        ({"text": TEXT, "label": [["positive"]]},
         'label 1 is ["positive"], not [start, end, label]'),
        ({"text": TEXT, "entities": [{"start_offset": 5, "end_offset": 400, "label": "A"}]},
         f"entity 1: offsets 5..400 are outside the text ({len(TEXT) + 1} UTF-16 units)"),
        ({"text": TEXT, "entities": [{"start_offset": 1, "end_offset": 3, "label": "A"}]},
         "entity 1: offset 1 falls inside a character outside the Basic Multilingual Plane "
         "(an emoji?); the file's offsets should be UTF-16 units"),
    ],
)  # fmt: skip
def test_bad_records_name_the_file_and_line(tmp_path: Path, obj: Any, problem: str) -> None:
    raises_at(bad(tmp_path, obj, before=2), 3, problem)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n  \n", "utf-8")
    with pytest.raises(InputError, match=f"^{re.escape(str(path))}: empty file$"):
        list(read_jsonl(path))


def test_records_before_a_bad_line_stream_out(tmp_path: Path) -> None:
    records = read_jsonl(bad(tmp_path, "{broken", before=2))
    assert next(records).line == 1
    assert next(records).line == 2
    with pytest.raises(InputError, match=r"bad\.jsonl, line 3: not valid JSON"):
        next(records)


def test_a_bad_record_in_a_json_array_is_named_by_number(tmp_path: Path) -> None:
    path = json_file(
        tmp_path / "a.json",
        [{"text": "یک"}, {"text": "دو", "spans": [{"start": 1, "end": 9, "label": "L"}]}],
    )
    with pytest.raises(InputError, match=re.escape(f"{path}, record 2: span 1: offsets")):
        list(read_json(path))


def test_broken_json_array_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[\n {"text": "یک"},\n {"text": "دو",}\n]\n', "utf-8")
    with pytest.raises(InputError, match=re.escape(f"{path}, line 3: not valid JSON")):
        list(read_json(path))
