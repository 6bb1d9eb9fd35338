"""Exports of events from a project (a file and a PostgreSQL server): brat folders written
whole, PLOVER lines, what JSONL and CoNLL leave out, and hand-written brat imported into the
project and exported again with the same spans, events and roles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli.main import run
from annotator.core.errors import AnnotatorError
from annotator.core.model import Status
from annotator.services.exporting import ExportOptions, export
from annotator.services.importing import ImportOptions, import_paths
from annotator.storage import Project
from tests.formats.test_brat import ANN, FRAMES, TEXT, collection, frames, read


@pytest.fixture
def stored(project: Project, tmp_path: Path) -> Project:
    """The hand-written brat collection imported into the project: one document, done, with
    14 spans and 4 events."""
    result = import_paths(project, [collection(tmp_path / "in")],
                          ImportOptions(format="brat", normalize="none"))
    assert (result.added, result.spans, result.events) == (1, 14, 4)
    [doc_id] = project.keys_to_ids().values()
    project.set_status(doc_id, Status.DONE)
    return project


def test_brat_export_writes_a_collection_that_reads_back_the_same(tmp_path: Path,
                                                                  stored: Project) -> None:
    out = tmp_path / "out"
    result = export(stored, out, ExportOptions(format="brat"))
    assert (result.documents, result.spans, result.events, result.events_left_out) == (
        1, 14, 4, 0)
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "mehr-1.ann",
                                                     "mehr-1.txt"]
    assert (out / "mehr-1.txt").read_text(encoding="utf-8") == TEXT
    assert (out / "mehr-1.ann").read_text(encoding="utf-8") == ANN.split("#1")[0]
    assert frames(read(out / "mehr-1.txt")) == FRAMES
    assert "[events]\nAGREE\tActor*:ACTOR" in (out / "annotation.conf").read_text("utf-8")


def test_brat_export_replaces_an_earlier_one_and_nothing_else(tmp_path: Path,
                                                             stored: Project) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old-document.txt").write_text("قدیمی", encoding="utf-8")
    (out / "old-document.ann").write_text("", encoding="utf-8")
    export(stored, out, ExportOptions(format="brat"))
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "mehr-1.ann",
                                                     "mehr-1.txt"]
    (out / "thesis.docx").write_bytes(b"PK")
    with pytest.raises(AnnotatorError, match=r"holds thesis\.docx, which an export did "
                                             r"not write; give a new or empty folder"):
        export(stored, out, ExportOptions(format="brat"))
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "mehr-1.ann",
                                                     "mehr-1.txt", "thesis.docx"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(("destination", "options", "message"), [
    ("-", ExportOptions(format="brat"), "brat writes a folder of files: give -o a folder"),
    ("out", ExportOptions(format="brat", split=(80, 20)), "brat writes one folder"),
    ("a-file", ExportOptions(format="brat"), "is a file; this format writes a folder"),
])
def test_brat_export_refuses_what_is_not_a_folder(tmp_path: Path, stored: Project,
                                                  destination: str, options: ExportOptions,
                                                  message: str) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    target = destination if destination == "-" else tmp_path / destination
    with pytest.raises(AnnotatorError, match=message):
        export(stored, target, options)


def test_plover_export_writes_an_event_a_line(tmp_path: Path, stored: Project) -> None:
    out = tmp_path / "events.jsonl"
    result = export(stored, out, ExportOptions(format="plover"))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (result.events, len(records)) == (4, 4)
    assert [(r["id"], r["event"], r["text_info"]["sequence"]) for r in records] == [
        ("mehr-1-E1", ["CONSULT"], 3), ("mehr-1-E2", ["ACCUSE"], 4),
        ("mehr-1-E3", ["SUPPORT"], 4), ("mehr-1-E4", ["PROTEST"], 5)]
    assert records[0]["date"] == "2025-11-17"
    assert records[0]["coder"].startswith("annotator ")


def test_conll_leaves_every_event_out_and_says_so(tmp_path: Path, stored: Project) -> None:
    with_events = export(stored, tmp_path / "a.conll",
                         ExportOptions(format="conll"))
    assert with_events.events_left_out == 4
    [doc_id] = stored.keys_to_ids().values()
    for event in stored.document(doc_id).events:
        assert event.id is not None
        stored.delete_event(event.id)
    without = export(stored, tmp_path / "b.conll",
                     ExportOptions(format="conll"))
    assert without.events_left_out == 0
    assert (tmp_path / "a.conll").read_bytes() == (tmp_path / "b.conll").read_bytes()


def test_a_label_filter_without_events_leaves_them_out(tmp_path: Path,
                                                       stored: Project) -> None:
    result = export(stored, tmp_path / "a.jsonl",
                    ExportOptions(format="jsonl", labels=frozenset({"ACTOR", "LOCATION"})))
    assert (result.events, result.events_left_out) == (0, 4)
    result = export(stored, tmp_path / "b.jsonl",
                    ExportOptions(format="jsonl"))
    assert (result.events, result.events_left_out) == (4, 0)


def test_the_commands_import_and_export_brat(location: Path | str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Hand-written brat through the project: the same spans, events and roles come back."""
    db = location
    collection(tmp_path / "in")
    assert run(["import", str(tmp_path / "in"), "--format", "brat", "--normalize", "none",
                "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "imported 1 document with 14 spans and 4 events" in captured.out
    assert "skipped: " in captured.err and "mehr-1.ann: 4 lines not imported" in captured.err
    assert "not stored" not in captured.err
    out = tmp_path / "out"
    assert run(["export", "--format", "brat", "--db", str(db), "-o", str(out)]) == 0
    assert "exported 1 document with 14 spans and 4 events" in capsys.readouterr().out
    assert (out / "mehr-1.txt").read_text(encoding="utf-8") == TEXT
    assert (out / "mehr-1.ann").read_text(encoding="utf-8") == ANN.split("#1")[0]
    assert frames(read(out / "mehr-1.txt")) == FRAMES
    assert run(["export", "--format", "plover", "--db", str(db), "-o",
                str(tmp_path / "e.jsonl")]) == 0
    assert "exported 4 events from 1 document" in capsys.readouterr().out
