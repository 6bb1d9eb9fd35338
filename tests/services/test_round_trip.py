"""Import then export gives back the same text and spans, from every format we read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.services.exporting import ExportOptions, export
from annotator.services.importing import ImportOptions, import_paths
from annotator.storage import Project

# An emoji before the spans (two UTF-16 units), ZWNJ words, Arabic ي/ك, Latin words.
TEXT = ("😀 خبرگزاری ايرنا: «Donald Trump» رئیس‌جمهور آمریکا روز دوشنبه در کاخ سفید "
        "با هیئتی از كشور قطر دیدار کرد و می‌گوید نشست بعدی در ایالات‌متحده برگزار می‌شود.")
SPANS = [("Donald Trump", "ACTOR"), ("رئیس‌جمهور آمریکا", "ACTOR"), ("کاخ سفید", "LOCATION"),
         ("كشور قطر", "LOCATION"), ("دیدار", "EVENT"), ("ایالات‌متحده", "LOCATION")]


def code_points(text: str = TEXT) -> list[tuple[int, int, str]]:
    out = []
    for word, label in SPANS:
        at = text.index(word)
        out.append((at, at + len(word), label))
    return out


def utf16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def exported(project: Project, tmp_path: Path) -> list[dict[str, object]]:
    out = tmp_path / "out.jsonl"
    export(project, out, ExportOptions())
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def assert_same(records: list[dict[str, object]]) -> None:
    (record,) = records
    assert record["text"] == TEXT
    spans = record["spans"]
    assert isinstance(spans, list)
    assert [(s["start"], s["end"], s["label"]) for s in spans] == code_points()
    assert [s["text"] for s in spans] == [word for word, _ in SPANS]


NONE = ImportOptions(normalize="none")


def test_our_jsonl(project: Project, tmp_path: Path) -> None:
    src = tmp_path / "ours.jsonl"
    src.write_text(json.dumps({"id": "a", "text": TEXT, "spans": [
        {"start": s, "end": e, "label": lab, "origin": "human", "score": None, "review": None,
         "analyst": None}
        for s, e, lab in code_points()]}, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(project, [src], NONE)
    first = exported(project, tmp_path)
    assert_same(first)
    # and our own export imports back into a new project unchanged
    with Project(tmp_path / "second.sqlite") as second:
        again = tmp_path / "again.jsonl"
        again.write_text((tmp_path / "out.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
        import_paths(second, [again], NONE)
        assert exported(second, tmp_path) == first


@pytest.mark.parametrize("shape", ["label", "entities"])
def test_doccano_utf16_offsets(project: Project, tmp_path: Path, shape: str) -> None:
    spans = [(utf16(TEXT, s), utf16(TEXT, e), lab) for s, e, lab in code_points()]
    if shape == "label":
        record: dict[str, object] = {"text": TEXT, "label": [list(s) for s in spans]}
    else:
        record = {"text": TEXT, "entities": [
            {"id": n, "start_offset": s, "end_offset": e, "label": lab}
            for n, (s, e, lab) in enumerate(spans)]}
    src = tmp_path / "doccano.jsonl"
    src.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(project, [src], NONE)
    assert_same(exported(project, tmp_path))


def test_label_studio_utf16_offsets(project: Project, tmp_path: Path) -> None:
    result = [{"type": "labels", "from_name": "label", "to_name": "text",
               "value": {"start": utf16(TEXT, s), "end": utf16(TEXT, e), "labels": [lab],
                         "text": TEXT[s:e]}}
              for s, e, lab in code_points()]
    tasks = [{"id": 11, "data": {"text": TEXT},
              "annotations": [{"id": 1, "was_cancelled": False, "result": result}],
              "predictions": []}]
    src = tmp_path / "export.json"
    src.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    import_paths(project, [src], NONE)
    assert_same(exported(project, tmp_path))


def test_full_normalisation_keeps_spans_on_their_words(project: Project, tmp_path: Path) -> None:
    src = tmp_path / "ours.jsonl"
    src.write_text(json.dumps({"text": TEXT, "spans": [
        {"start": s, "end": e, "label": lab} for s, e, lab in code_points()]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(project, [src], ImportOptions(normalize="full"))
    (record,) = exported(project, tmp_path)
    texts = [s["text"] for s in record["spans"]]  # type: ignore[union-attr,index]
    assert "ي" not in record["text"]  # type: ignore[operator]
    assert "ك" not in record["text"]  # type: ignore[operator]
    assert texts == ["Donald Trump", "رئیس‌جمهور آمریکا", "کاخ سفید", "کشور قطر", "دیدار",
                     "ایالات‌متحده"]


def test_label_map_and_foreign_labels_added_on_request(project: Project, tmp_path: Path) -> None:
    src = tmp_path / "ours.jsonl"
    s, e, _ = code_points()[0]
    t, u, _ = code_points()[2]
    src.write_text(json.dumps({"text": TEXT, "spans": [
        {"start": s, "end": e, "label": "PER"}, {"start": t, "end": u, "label": "FAC"}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(project, [src], ImportOptions(normalize="none", label_map={"PER": "ACTOR"},
                                               add_labels=True))
    (record,) = exported(project, tmp_path)
    assert [x["label"] for x in record["spans"]] == ["ACTOR", "FAC"]  # type: ignore[union-attr,index]
    assert "FAC" in [lab.name for lab in project.labels()]


def test_import_is_idempotent(project: Project, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("عنوان\n\nخبرگزاری مهر دوشنبه 26 آبان 1404 - 14:19\nمتن خبر", encoding="utf-8")
    first = import_paths(project, [src])
    second = import_paths(project, [src])
    assert (first.added, second.added, second.skipped) == (1, 0, ["a"])
    (row,) = project.document_rows()
    assert row.title == "عنوان"
    assert row.date is not None
    assert row.date.isoformat() == "2025-11-17T14:19:00+03:30"
