"""Exports as training data: filters, splits, CoNLL round trips, atomic files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotator.core.model import Status
from annotator.services.exporting import ExportOptions, export, parse_split, split_of
from annotator.services.importing import ImportOptions, import_paths
from annotator.storage import Project
from tests.formats.conlleval import chunks, sentences

CONLL = """-DOCSTART-\tO

عباس\tB-PER
عراقچی\tI-PER
در\tO
تهران\tB-LOC
گفت\tO
.\tO

نشست\tB-EVE
ژنو\tB-LOC
لغو\tO
شد\tO

-DOCSTART-\tO

سازمان\tB-ORG
ملل\tI-ORG
متحد\tI-ORG
بیانیه\tO
داد\tO

"""
MAP = {"PER": "ACTOR", "ORG": "ACTOR", "LOC": "LOCATION", "EVE": "EVENT"}


def entities(text: str) -> list[tuple[int, str, int, int]]:
    return [(n, *chunk) for n, sentence in enumerate(sentences(text))
            for chunk in chunks([tag for _, tag in sentence])]


@pytest.fixture
def conll_project(project: Project, tmp_path: Path) -> Project:
    source = tmp_path / "in.conll"
    source.write_text(CONLL, encoding="utf-8")
    import_paths(project, [source], ImportOptions(label_map=MAP))
    return project


@pytest.mark.parametrize("scheme", ["bio", "bioes"])
def test_conll_round_trip_same_tokens_and_entities(conll_project: Project, tmp_path: Path,
                                                   scheme: str) -> None:
    out = tmp_path / "out.conll"
    result = export(conll_project, out, ExportOptions(format="conll", scheme=scheme))
    written = out.read_text(encoding="utf-8")
    assert [t for s in sentences(written) for t, _ in s] == \
        [t for s in sentences(CONLL) for t, _ in s]
    mapped = CONLL
    for old, new in MAP.items():
        mapped = mapped.replace(f"-{old}\n", f"-{new}\n")
    assert entities(written) == entities(mapped)
    assert written.count("-DOCSTART-") == 2
    assert (result.documents, result.spans, result.widened) == (2, 5, 0)


def test_filters_by_status_and_label(conll_project: Project, tmp_path: Path) -> None:
    first = conll_project.first_document()
    assert first is not None
    conll_project.set_status(first, Status.DONE)
    out = tmp_path / "done.jsonl"
    result = export(conll_project, out, ExportOptions(
        statuses=frozenset({Status.DONE, Status.REVIEWED}), labels=frozenset({"LOCATION"})))
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert record["status"] == "done"
    assert [s["text"] for s in record["spans"]] == ["تهران", "ژنو"]
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]
    assert (result.documents, result.spans) == (1, 2)


def test_split_is_deterministic_by_document(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    source.write_text("".join(
        json.dumps({"id": f"d{i}", "text": f"خبر شماره {i} از تهران"}, ensure_ascii=False) + "\n"
        for i in range(50)), encoding="utf-8")
    import_paths(project, [source])
    out = tmp_path / "set.jsonl"
    result = export(project, out, ExportOptions(split=(80, 10, 10), seed=13))
    parts = {name: [json.loads(x)["id"] for x in
                    (tmp_path / f"set.{name}.jsonl").read_text(encoding="utf-8").splitlines()]
             for name in ("train", "dev", "test")}
    assert [len(parts[n]) for n in ("train", "dev", "test")] == [40, 5, 5]
    assert sorted(k for part in parts.values() for k in part) == sorted(f"d{i}" for i in range(50))
    assert not out.exists()
    assert result.files == {str(tmp_path / f"set.{n}.jsonl"): c
                            for n, c in (("train", 40), ("dev", 5), ("test", 5))}
    # the same seed gives the same parts, another seed others
    again = split_of([f"d{i}" for i in range(50)], (80, 10, 10), 13)
    for n, name in enumerate(("train", "dev", "test")):
        assert set(parts[name]) == {k for k, part in again.items() if part == n}
    assert split_of([f"d{i}" for i in range(50)], (80, 10, 10), 14) != again


def test_split_needs_sensible_shares() -> None:
    assert parse_split("80,10,10") == (80, 10, 10)
    assert parse_split("90,10") == (90, 10)
    for bad, problem in (("80,10", "'80,10': the percentages add up to 90, not 100"),
                         ("a,b,c", "'a,b,c': give whole percentages, like 80,10,10"),
                         ("50,50,50,0", "'50,50,50,0': give two or three percentages"),
                         ("-5,100,5", "'-5,100,5': a percentage cannot be negative")):
        with pytest.raises(ValueError, match=f"^{re.escape(problem)}"):
            parse_split(bad)


def test_a_failed_export_leaves_the_destination_alone(conll_project: Project,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "keep.conll"
    out.write_text("previous export\n", encoding="utf-8")

    def boom(done: int, total: int | None, message: str) -> None:
        if done == total:
            raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        export(conll_project, out, ExportOptions(format="conll"), progress=boom)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
