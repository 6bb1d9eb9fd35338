"""Exports of events through the export service: brat folders written whole, PLOVER lines,
and what JSONL and CoNLL leave out. The project file cannot hold events yet, so a small stand-in
gives the service documents with events, as the project file will."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from annotator.cli.main import run
from annotator.core.errors import AnnotatorError
from annotator.core.model import DEFAULT_LABELS, Document, Label, Status
from annotator.formats.brat import read_brat
from annotator.services.exporting import ExportOptions, export
from annotator.services.importing import prepare_document
from annotator.storage import DocumentFilter
from annotator.text.normalize import Level
from annotator.text.tokenize import tokenize
from tests.formats.test_brat import ANN, FRAMES, SPAN_LINES, TEXT, collection, frames, read


class WithEvents:
    """The part of the project file an export uses, over documents held in memory."""

    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs

    def labels(self) -> list[Label]:
        return list(DEFAULT_LABELS)

    def count_documents(self, flt: DocumentFilter | None = None) -> int:
        return len(self.docs)

    def document_keys(self, flt: DocumentFilter | None = None) -> list[str]:
        return [d.key for d in self.docs]

    def curations(self) -> dict[int, object]:
        return {}

    def iter_documents(self, statuses: Iterable[Status] = (), batch: int = 200,
                       with_tokens: bool = True, viewer: object = None) -> Iterator[Document]:
        for doc in self.docs:
            yield Document(doc.text, key=doc.key, title=doc.title, status=doc.status,
                           meta=dict(doc.meta), date=doc.date, spans=list(doc.spans),
                           tokens=doc.tokens if with_tokens else (),
                           sentences=doc.sentences if with_tokens else (),
                           events=list(doc.events))


@pytest.fixture
def project(tmp_path: Path) -> WithEvents:
    [record] = list(read_brat(collection(tmp_path / "in")))
    doc = prepare_document(record, Level.NONE, {})
    doc.tokens, doc.sentences = tokenize(doc.text)
    doc.status = Status.DONE
    return WithEvents([doc])


def test_brat_export_writes_a_collection_that_reads_back_the_same(tmp_path: Path,
                                                                  project: WithEvents) -> None:
    out = tmp_path / "out"
    result = export(project, out, ExportOptions(format="brat"))
    assert (result.documents, result.spans, result.events, result.events_left_out) == (
        1, 14, 4, 0)
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "mehr-1.ann",
                                                     "mehr-1.txt"]
    assert (out / "mehr-1.txt").read_text(encoding="utf-8") == TEXT
    assert (out / "mehr-1.ann").read_text(encoding="utf-8") == ANN.split("#1")[0]
    assert frames(read(out / "mehr-1.txt")) == FRAMES
    assert "[events]\nAGREE\tActor*:ACTOR" in (out / "annotation.conf").read_text("utf-8")


def test_brat_export_replaces_an_earlier_one_and_nothing_else(tmp_path: Path,
                                                             project: WithEvents) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old-document.txt").write_text("قدیمی", encoding="utf-8")
    (out / "old-document.ann").write_text("", encoding="utf-8")
    export(project, out, ExportOptions(format="brat"))
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "mehr-1.ann",
                                                     "mehr-1.txt"]
    (out / "thesis.docx").write_bytes(b"PK")
    with pytest.raises(AnnotatorError, match=r"holds thesis\.docx, which an export did "
                                             r"not write; give a new or empty folder"):
        export(project, out, ExportOptions(format="brat"))
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "mehr-1.ann",
                                                     "mehr-1.txt", "thesis.docx"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(("destination", "options", "message"), [
    ("-", ExportOptions(format="brat"), "brat writes a folder of files: give -o a folder"),
    ("out", ExportOptions(format="brat", split=(80, 20)), "brat writes one folder"),
    ("a-file", ExportOptions(format="brat"), "is a file; this format writes a folder"),
])
def test_brat_export_refuses_what_is_not_a_folder(tmp_path: Path, project: WithEvents,
                                                  destination: str, options: ExportOptions,
                                                  message: str) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    target = destination if destination == "-" else tmp_path / destination
    with pytest.raises(AnnotatorError, match=message):
        export(project, target, options)


def test_plover_export_writes_an_event_a_line(tmp_path: Path, project: WithEvents) -> None:
    out = tmp_path / "events.jsonl"
    result = export(project, out, ExportOptions(format="plover"))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (result.events, len(records)) == (4, 4)
    assert [(r["id"], r["event"], r["text_info"]["sequence"]) for r in records] == [
        ("mehr-1-E1", ["CONSULT"], 3), ("mehr-1-E2", ["ACCUSE"], 4),
        ("mehr-1-E3", ["SUPPORT"], 4), ("mehr-1-E4", ["PROTEST"], 5)]
    assert records[0]["date"] == "2025-11-17"
    assert records[0]["coder"].startswith("annotator ")


def test_conll_leaves_every_event_out_and_says_so(tmp_path: Path, project: WithEvents) -> None:
    with_events = export(project, tmp_path / "a.conll",
                         ExportOptions(format="conll"))
    assert with_events.events_left_out == 4
    project.docs[0].events = []
    without = export(project, tmp_path / "b.conll",
                     ExportOptions(format="conll"))
    assert without.events_left_out == 0
    assert (tmp_path / "a.conll").read_bytes() == (tmp_path / "b.conll").read_bytes()


def test_a_label_filter_without_events_leaves_them_out(tmp_path: Path,
                                                       project: WithEvents) -> None:
    result = export(project, tmp_path / "a.jsonl",
                    ExportOptions(format="jsonl", labels=frozenset({"ACTOR", "LOCATION"})))
    assert (result.events, result.events_left_out) == (0, 4)
    result = export(project, tmp_path / "b.jsonl",
                    ExportOptions(format="jsonl"))
    assert (result.events, result.events_left_out) == (4, 0)


def test_the_commands_import_and_export_brat(location: Path | str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Through the project file: spans come back; events are read and handed on, and the
    command says they are not stored until the project file can hold them."""
    db = location
    collection(tmp_path / "in")
    assert run(["import", str(tmp_path / "in"), "--format", "brat", "--normalize", "none",
                "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "imported 1 document with 14 spans" in captured.out
    assert "skipped: " in captured.err and "mehr-1.ann: 4 lines not imported" in captured.err
    assert "4 events read but not stored" in captured.err
    out = tmp_path / "out"
    assert run(["export", "--format", "brat", "--db", str(db), "-o", str(out)]) == 0
    assert "exported 1 document with 14 spans" in capsys.readouterr().out
    triggers_as_events = SPAN_LINES
    for kind in ("CONSULT", "ACCUSE", "SUPPORT", "PROTEST"):
        triggers_as_events = triggers_as_events.replace(f"\t{kind} ", "\tEVENT ")
    assert (out / "mehr-1.ann").read_text(encoding="utf-8") == triggers_as_events
    assert run(["export", "--format", "plover", "--db", str(db), "-o",
                str(tmp_path / "e.jsonl")]) == 0
    assert "exported 0 events from 1 document" in capsys.readouterr().out
