"""File → Export: the dialog builds the services' ExportOptions; an export with a split runs
through the dialog and the worker and reports what it wrote."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from annotator.core.model import DEFAULT_LABELS, Review, Status
from annotator.gui.export_dialog import ExportDialog
from annotator.services.exporting import ExportOptions, export
from annotator.storage import Project
from tests.gui.conftest import DOC_A, DOC_B, DOC_C, make_document, span_of

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot: Any, tmp_path: Path) -> ExportDialog:
    shown = ExportDialog(None, tmp_path, DEFAULT_LABELS)
    qtbot.addWidget(shown)
    return shown


def ok_button(dialog: ExportDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_defaults_are_the_commands_defaults(dialog: ExportDialog, tmp_path: Path) -> None:
    assert dialog.options() == ExportOptions()
    assert dialog.destination() == tmp_path / "annotations.jsonl"
    assert not dialog.scheme.isEnabled()
    assert not dialog.parts[0].isEnabled()
    assert ok_button(dialog).isEnabled()


def test_every_option_reaches_export_options(dialog: ExportDialog, tmp_path: Path) -> None:
    dialog.format.setCurrentIndex(dialog.format.findData("conll"))
    assert dialog.scheme.isEnabled()
    assert dialog.destination() == tmp_path / "annotations.conll"
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("bioes"))
    dialog.statuses[Status.DONE].setChecked(True)
    dialog.statuses[Status.REVIEWED].setChecked(True)
    dialog.labels["EVENT"].setChecked(False)
    dialog.include_pending.setChecked(True)
    dialog.split.setChecked(True)
    for box, share in zip(dialog.parts, (70, 15, 15), strict=True):
        box.setValue(share)
    dialog.seed.setValue(7)
    assert dialog.options() == ExportOptions(
        format="conll", scheme="bioes", statuses=frozenset({Status.DONE, Status.REVIEWED}),
        include_pending=True, labels=frozenset({"ACTOR", "LOCATION"}), split=(70, 15, 15),
        seed=7)
    assert dialog.files_note.text() == (
        "Writes annotations.train.conll, annotations.dev.conll, annotations.test.conll.")
    assert ok_button(dialog).isEnabled()
    choice = dialog.choice()
    assert choice.destination == tmp_path / "annotations.conll"
    assert choice.options == dialog.options()


def test_a_split_without_dev_and_bad_choices(dialog: ExportDialog) -> None:
    dialog.split.setChecked(True)
    dialog.parts[0].setValue(80)
    dialog.parts[1].setValue(0)
    dialog.parts[2].setValue(20)
    assert dialog.options().split == (80, 20)
    dialog.parts[2].setValue(25)
    assert not ok_button(dialog).isEnabled()
    assert dialog.files_note.text() == "The parts add up to 105 %, not 100 %."
    dialog.parts[2].setValue(20)
    for box in dialog.labels.values():
        box.setChecked(False)
    assert not ok_button(dialog).isEnabled()
    assert dialog.files_note.text() == "Tick at least one label."
    dialog.labels["ACTOR"].setChecked(True)
    assert ok_button(dialog).isEnabled()
    dialog.split.setChecked(False)
    assert dialog.options().split == ()


def test_export_with_a_split_through_the_dialog_and_the_worker(
        make_project: Callable[..., Path], open_window: Any, qtbot: Any,
        tmp_path: Path) -> None:
    documents = []
    for n in range(10):
        text = (DOC_A, DOC_B, DOC_C)[n % 3]
        words = ("تهران", "کازان", "کازان")[n % 3]
        documents.append(make_document(f"doc-{n:02}", text, status=Status.DONE,
                                       spans=[span_of(text, words, "LOCATION")]))
    documents.append(make_document("not-done", DOC_A))
    path = make_project(documents)
    with Project(path) as project:
        doc_id = project.keys_to_ids()["doc-00"]
        project.add_suggestions([(doc_id, span_of(DOC_A, "سوچی", "LOCATION").with_(
            origin="model:m1", score=0.9, review=Review.PENDING))])
    window = open_window(path)
    out = tmp_path / "out" / "ner.conll"
    out.parent.mkdir()

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, ExportDialog) and w.isVisible())
        dialog.format.setCurrentIndex(dialog.format.findData("conll"))
        dialog.path.setText(str(out))
        dialog.statuses[Status.DONE].setChecked(True)
        dialog.scheme.setCurrentIndex(dialog.scheme.findData("bioes"))
        dialog.split.setChecked(True)
        ok_button(dialog).click()

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(window.transfers.runner.finished, timeout=20_000):
        window.menu_actions.export.trigger()

    parts = [out.with_name(f"ner.{name}.conll") for name in ("train", "dev", "test")]
    assert all(p.exists() for p in parts)
    assert not out.exists()
    written = [p.read_text(encoding="utf-8") for p in parts]
    assert sum(text.count("-DOCSTART-") for text in written) == 10
    assert "S-LOCATION" in written[0] + written[1] + written[2]
    # Exactly what the command would write with the same options.
    again = tmp_path / "again" / "ner.conll"
    again.parent.mkdir()
    with Project(path) as project:
        export(project, again, ExportOptions(format="conll", scheme="bioes",
                                             statuses=frozenset({Status.DONE}),
                                             split=(80, 10, 10), seed=13))
    assert written == [again.with_name(p.name).read_text(encoding="utf-8") for p in parts]
    # What was written, read out.
    box = window.transfers.report_box
    assert box is not None and box.isVisible()
    report = box.text()
    assert report.startswith("Exported 10 documents with 10 spans.")
    assert f"{parts[0]}: 8 documents" in report
    assert f"{parts[1]}: 1 documents" in report
    assert "Exported 10 documents" in window.statusBar().currentMessage()
    box.close()


def test_jsonl_export_keeps_only_the_chosen_labels(make_project: Callable[..., Path],
                                                   open_window: Any, qtbot: Any,
                                                   tmp_path: Path) -> None:
    spans = [span_of(DOC_A, "تهران", "LOCATION"), span_of(DOC_A, "هاوشینگ", "ACTOR")]
    path = make_project([make_document("a", DOC_A, status=Status.DONE, spans=spans)])
    window = open_window(path)
    out = tmp_path / "actors.jsonl"

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, ExportDialog) and w.isVisible())
        dialog.path.setText(str(out))
        dialog.labels["LOCATION"].setChecked(False)
        dialog.labels["EVENT"].setChecked(False)
        ok_button(dialog).click()

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(window.transfers.runner.finished, timeout=20_000):
        window.menu_actions.export.trigger()
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert [(s["label"], s["text"]) for s in json.loads(line)["spans"]] == [
        ("ACTOR", "هاوشینگ")]
    window.transfers.report_box.close()


def test_the_result_message_names_everything(qapp: Any, tmp_path: Path) -> None:
    from annotator.gui.export_dialog import export_report
    from annotator.services.exporting import ExportResult

    result = ExportResult(documents=12, spans=40, widened=2, merged_sentences=1, dropped=3,
                          files={"a.train.conll": 10, "a.test.conll": 2})
    assert export_report(tmp_path / "a.conll", result).splitlines() == [
        "Exported 12 documents with 40 spans.",
        "2 spans widened to whole tokens.",
        "1 sentences joined to keep a span whole.",
        "3 spans left out: they could not be written on the tokens.",
        "Files written:",
        "a.train.conll: 10 documents",
        "a.test.conll: 2 documents",
    ]


def test_brat_writes_a_folder_and_plover_events(dialog: ExportDialog, tmp_path: Path) -> None:
    dialog.split.setChecked(True)
    dialog.format.setCurrentIndex(dialog.format.findData("brat"))
    assert dialog.destination() == tmp_path / "annotations"
    assert not dialog.split.isEnabled() and not dialog.split.isChecked()
    assert dialog.options() == ExportOptions(format="brat")
    assert dialog.files_note.text().startswith("Writes the folder annotations: a .txt and")
    dialog.format.setCurrentIndex(dialog.format.findData("plover"))
    assert dialog.destination() == tmp_path / "annotations.jsonl"
    assert dialog.split.isEnabled()
    assert dialog.options().format == "plover"


def test_the_report_counts_events_and_what_was_left_out(tmp_path: Path) -> None:
    from annotator.gui.export_dialog import export_report
    from annotator.services.exporting import ExportResult

    plover = export_report(tmp_path / "e.jsonl", ExportResult(documents=3, events=5,
                                                             format="plover"))
    assert plover.startswith("Exported 5 events from 3 documents.")
    conll = export_report(tmp_path / "a.conll", ExportResult(documents=3, spans=9,
                                                            events_left_out=2, format="conll"))
    assert "2 events left out: CoNLL cannot carry events." in conll
    brat = export_report(tmp_path / "b", ExportResult(documents=3, spans=9, events=2,
                                                      format="brat"))
    assert "Exported 3 documents with 9 spans.\n2 events with them." in brat
