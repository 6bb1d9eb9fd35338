"""The window takes each label's key and colour from the project's list; the Persian interface
shows the default labels by their Persian names; imports with labels the project does not have
ask before adding them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from annotator.storage import Project
from tests.conftest import ANALYST
from tests.gui.conftest import DOC_A, make_document, reopen, span_of

pytestmark = pytest.mark.gui


def test_an_added_label_gets_its_key_and_colour(make_project: Any, open_window: Any,
                                               qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A)])
    with Project(path) as project:
        project.add_label("ORG", "q", "#e76f51")
        project.add_label("NAT", "", "#123456")
    window = open_window(path)
    button = window.label_palette.buttons["ORG"]
    assert button.text() == "Q  ORG"
    assert "#e76f51" in button.styleSheet()
    assert window.label_palette.buttons["NAT"].text() == "NAT"
    window.article.place_caret(DOC_A.index("تهران"))
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    window.article.place_caret(DOC_A.index("بریکس"))
    for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):  # Q, on a Persian layout
        QTest.sendKeyEvent(action, window.article, Qt.Key(ord("ض")), "ض",
                           Qt.KeyboardModifier.NoModifier)
    spans = window.session.document.spans
    assert [(s.start, s.label) for s in spans] == [(DOC_A.index("تهران"), "ORG"),
                                                   (DOC_A.index("بریکس"), "ORG")]
    assert window.article._color(spans[0]).name() == "#e76f51"


def test_labels_changed_by_another_program_show_at_once(make_project: Any, open_window: Any,
                                                        qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A)])
    window = open_window(path)
    with Project(path) as other:
        other.change_label("LOCATION", key="7", color="#00aa00")
    window.refresh_if_changed()
    assert window.label_palette.buttons["LOCATION"].text() == "7  LOCATION"
    window.article.place_caret(DOC_A.index("تهران"))
    qtbot.keyClick(window.article, Qt.Key.Key_7)
    qtbot.keyClick(window.article, Qt.Key.Key_3)  # no longer LOCATION's key
    with reopen(path) as project:
        assert [s.label for s in project.spans(window.session.document_id, ANALYST)] == [
            "LOCATION"]


def test_the_persian_interface_shows_persian_label_names(persian: None, make_project: Any,
                                                         open_window: Any, qtbot: Any,
                                                         tmp_path: Path) -> None:
    doc = make_document("a", DOC_A, spans=[span_of(DOC_A, "عباس عراقچی", "ACTOR")])
    path = make_project([doc])
    with Project(path) as project:
        project.add_label("ORG", "4")
    window = open_window(path)
    shown = [b.text() for b in window.label_palette.buttons.values()]
    assert shown == ["1  کنشگر", "2  رویداد", "3  مکان", "4  ORG"]
    assert window.menu_actions.labels["ACTOR"].text() == "برچسب کنشگر"
    assert window.span_list.span_model.index(0, 0).data() == "کنشگر"
    combo = window.documents.label
    assert [combo.itemText(i) for i in range(combo.count())][1:] == [
        "کنشگر", "رویداد", "مکان", "ORG"]
    window.article.place_caret(DOC_A.index("تهران"))
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    assert window.menu_actions.undo.text() == "واگرد: برچسب مکان «تهران»"
    # Files keep the names.
    out = tmp_path / "out.jsonl"
    from annotator.services.exporting import export

    with reopen(path) as project:
        export(project, out)
    labels = [s["label"] for s in json.loads(out.read_text("utf-8"))["spans"]]
    assert labels == ["ACTOR", "LOCATION"]
    window.grab().save(str(tmp_path / "labels-fa.png"))


def test_an_import_with_unknown_labels_asks_before_adding_them(
        make_project: Any, open_window: Any, qtbot: Any, tmp_path: Path) -> None:
    path = make_project([make_document("a", DOC_A)])
    window = open_window(path)
    source = tmp_path / "ner.jsonl"
    text = "سازمان ملل در نیویورک"
    source.write_text(json.dumps({"id": "b", "text": text, "spans": [
        {"start": 0, "end": 10, "label": "ORG"}, {"start": 14, "end": 21, "label": "GPE"},
    ]}, ensure_ascii=False) + "\n", encoding="utf-8")
    with qtbot.waitSignal(window.transfers.runner.finished, timeout=20_000):
        window.transfers.import_paths([source])
    box = window.transfers.question_box
    assert box is not None and box.isVisible()
    assert "ORG (1 spans), GPE (1 spans)" in box.text()
    assert "Nothing was imported" in window.statusBar().currentMessage()
    with reopen(path) as project:
        assert project.count_documents() == 1
    # Cancel: nothing changes.
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not box.isVisible())
    with reopen(path) as project:
        assert len(project.labels()) == 3
    # Again, and add them.
    with qtbot.waitSignal(window.transfers.runner.finished, timeout=20_000):
        window.transfers.import_paths([source])
    box = window.transfers.question_box
    add = next(b for b in box.buttons()
               if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    with qtbot.waitSignal(window.transfers.imported, timeout=20_000):
        add.click()
    assert list(window.label_palette.buttons) == ["ACTOR", "EVENT", "LOCATION", "ORG", "GPE"]
    with reopen(path) as project:
        assert project.count_documents() == 2


def test_an_export_of_a_label_removed_meanwhile_is_refused(make_project: Any,
                                                           open_window: Any, qtbot: Any,
                                                           tmp_path: Path) -> None:
    from annotator.gui.export_dialog import ExportChoice
    from annotator.services.exporting import ExportOptions

    path = make_project([make_document("a", DOC_A)])
    with Project(path) as project:
        project.add_label("ORG")
    window = open_window(path)
    with Project(path) as other:
        other.remove_label("ORG")
    out = tmp_path / "out.jsonl"
    choice = ExportChoice(out, ExportOptions(labels=frozenset({"ACTOR", "ORG"})))
    with qtbot.waitSignal(window.transfers.runner.failed, timeout=20_000):
        window.transfers.export(choice)
    assert window.statusBar().currentMessage().startswith(
        "--labels: ORG is not a label of the project")
    assert not out.exists()
