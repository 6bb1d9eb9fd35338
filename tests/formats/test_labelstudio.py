"""Label Studio task exports: UTF-16 offsets, the last kept annotation, predictions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Review
from annotator.formats.base import Record
from annotator.formats.jsonl import read_jsonl
from annotator.formats.labelstudio import read_labelstudio
from tests.formats.persian import TEXT, json_file, jsonl_file, utf16


def result(word: str, label: str, **extra: Any) -> dict[str, Any]:
    start, end = utf16(word)
    value = {"start": start, "end": end, "text": word, "labels": [label]}
    return {"from_name": "label", "to_name": "text", "type": "labels", "value": value, **extra}


def task(**extra: Any) -> dict[str, Any]:
    return {"id": 41, "data": {"text": TEXT}, "annotations": [], "predictions": [], **extra}


def spans_of(record: Record) -> list[tuple[str, str, str, float | None, Review | None]]:
    return [
        (s.label, record.text[s.start : s.end], s.origin, s.score, s.review) for s in record.spans
    ]


def test_the_last_annotation_not_cancelled_gives_the_labels(tmp_path: Path) -> None:
    annotations = [
        {"id": 1, "was_cancelled": False, "result": [result("ايران", "LOC")]},
        {"id": 2, "result": [result("Donald Trump", "PER"), result("ایالات‌متحده", "LOC"),
                             {"type": "choices", "value": {"choices": ["سیاسی"]}}]},
        {"id": 3, "was_cancelled": True, "result": [result("تهران", "LOC")]},
    ]  # fmt: skip
    path = json_file(tmp_path / "export.json", [task(annotations=annotations)])
    (record,) = read_labelstudio(path)
    assert spans_of(record) == [
        ("PER", "Donald Trump", "human", None, None),
        ("LOC", "ایالات‌متحده", "human", None, None),
    ]
    assert (record.key, record.key_given, record.record, record.text) == ("41", True, 1, TEXT)


def test_predictions_are_pending_suggestions_with_scores(tmp_path: Path) -> None:
    predictions = [
        {"model_version": "parsbert-ner", "score": 0.6,
         "result": [result("پاكستان", "LOC", score=0.93), result("می‌گوید", "EVE")]},
        {"result": [result("تهران", "LOC")]},
    ]  # fmt: skip
    path = json_file(tmp_path / "export.json", [task(predictions=predictions)])
    (record,) = read_labelstudio(path)
    assert spans_of(record) == [
        ("LOC", "پاكستان", "model:parsbert-ner", 0.93, Review.PENDING),
        ("EVE", "می‌گوید", "model:parsbert-ner", 0.6, Review.PENDING),
        ("LOC", "تهران", "model:labelstudio", None, Review.PENDING),
    ]


def test_text_may_be_any_data_field_and_metadata_is_kept(tmp_path: Path) -> None:
    data = {"id": "mehr-7", "title": "عنوان", "url": "https://example.ir/7", "body": TEXT,
            "date": "2025-11-17T14:19:00+03:30"}  # fmt: skip
    path = json_file(tmp_path / "export.json", [{"data": data}, {"data": {"text": "دوم"}}])
    first, second = read_labelstudio(path)
    assert (first.text, first.key, first.title) == (TEXT, "mehr-7", "عنوان")
    assert first.meta == {"url": "https://example.ir/7"}
    assert first.date is not None
    assert first.date.isoformat() == "2025-11-17T14:19:00+03:30"
    assert (second.key, second.key_given, second.record) == ("export-2", False, 2)


def test_tasks_in_a_jsonl_file_are_read_too(tmp_path: Path) -> None:
    annotations = [{"result": [result("ايران", "LOC")]}]
    path = jsonl_file(tmp_path / "tasks.jsonl", task(annotations=annotations))
    (record,) = read_jsonl(path)
    assert spans_of(record) == [("LOC", "ايران", "human", None, None)]
    assert record.line == 1


def task_with(value: dict[str, Any]) -> dict[str, Any]:
    item = {"type": "labels", "value": value}
    return task(annotations=[{"result": [result("ايران", "LOC"), item]}])


@pytest.mark.parametrize(
    ("tasks", "where", "problem"),
    [
        ([task(), {"annotations": []}], "record 2",
         'not a Label Studio task (no "data" object)'),
        ([task(), task(), "متن"], "record 3", "the task is a string, not an object"),
        ([{"data": {"n": 3}}], "record 1", 'no text in "data" (expected "data": {"text": "..."})'),
        ([task_with({"start": 5, "end": 2, "labels": ["X"]})], "record 1",
         "annotation result 2: start 5 is not before end 2"),
        ([task_with({"start": 5, "end": 900, "labels": ["X"]})], "record 1",
         "annotation result 2: offsets 5..900 are outside the text "
         f"({len(TEXT) + 1} UTF-16 units)"),
        ([task_with({"start": 0, "end": 1, "labels": ["X"]})], "record 1",
         "annotation result 2: offset 1 falls inside a character outside the Basic Multilingual "
         "Plane (an emoji?); the file's offsets should be UTF-16 units"),
        ([task_with({"start": 3, "end": 9, "labels": ["X", "Y"]})], "record 1",
         "annotation result 2 has 2 labels; a span has one"),
        ([task_with({"start": "/p[1]", "end": "/p[2]", "labels": ["X"]})], "record 1",
         'annotation result 2: "start" is a string, not a whole number'),
        ([task_with({**result("تهران", "X")["value"], "text": "مشهد"})], "record 1",
         "annotation result 2 says «مشهد» but the text there is «تهران»"),
        ([task(predictions=[{"score": "high", "result": []}])], "record 1",
         'prediction 1: "score" is a string, not a number'),
    ],
)  # fmt: skip
def test_bad_tasks_name_the_file_and_record(
    tmp_path: Path, tasks: list[Any], where: str, problem: str
) -> None:
    path = json_file(tmp_path / "export.json", tasks)
    with pytest.raises(InputError, match=f"^{re.escape(f'{path}, {where}: {problem}')}$"):
        list(read_labelstudio(path))


def test_broken_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('[\n  {"data": {"text": "سلام"}},\n  {"data": }\n]', "utf-8")
    with pytest.raises(
        InputError, match=re.escape(f"{path}, line 3: not valid JSON (Expecting value, column 12)")
    ):
        list(read_labelstudio(path))


@pytest.mark.parametrize(("content", "problem"), [("", "empty file"), ("[]", "no records")])
def test_an_export_without_tasks_is_refused(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=f"^{re.escape(f'{path}: {problem}')}"):
        list(read_labelstudio(path))
