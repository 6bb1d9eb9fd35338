"""Labelling with the keyboard and the mouse; every test reads the project file afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Status
from tests.conftest import ANALYST
from tests.gui.conftest import (
    DOC_A,
    DOC_B,
    LEFT,
    caret_to,
    make_document,
    point_of,
    reopen,
    select,
    span_of,
)

pytestmark = pytest.mark.gui


def stored(path: Path, key: str) -> list[tuple[str, str]]:
    """(label, text) of every span of one document, as the project file has them."""
    with reopen(path) as project:
        doc_id = next(r.id for r in project.document_rows() if r.key == key)
        doc = project.document(doc_id, ANALYST)
        return [(s.label, doc.text[s.start:s.end]) for s in doc.spans]


def in_step(window: Any, path: Path) -> None:
    """The window's spans (kept up to date without queries) are the project file's."""
    doc = window.session.document
    with reopen(path) as project:
        fresh = project.document(doc.id, ANALYST)
    def shown(spans: list[Any]) -> list[tuple[Any, ...]]:
        return [(s.id, s.start, s.end, s.label, s.review) for s in spans]
    assert shown(doc.spans) == shown(fresh.spans)
    assert doc.status == fresh.status


def status_of(path: Path, key: str) -> Status:
    with reopen(path) as project:
        return next(r.status for r in project.document_rows() if r.key == key)


def test_opens_on_first_document_not_done_with_caret_at_start(
        make_project: Any, open_window: Any) -> None:
    path = make_project([make_document("a", DOC_A, status=Status.DONE),
                         make_document("b", DOC_B)])
    window = open_window(path)
    assert window.session.document.key == "b"
    assert window.article.toPlainText() == DOC_B
    assert window.article.hasFocus()
    assert window.article.caret() == 0
    assert window.progress.text() == "1 of 2 done"


def test_key_labels_the_token_at_the_caret(three_documents: Path, open_window: Any,
                                           qtbot: Any) -> None:
    window = open_window(three_documents)
    caret_to(window.article, DOC_A.index("تهران") + 2)
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    assert stored(three_documents, "a") == [("LOCATION", "تهران")]
    # The first label moves a new document to in progress, in the file and the list.
    assert status_of(three_documents, "a") == Status.IN_PROGRESS
    # The list follows the edit on the next turn of the event loop.
    qtbot.waitUntil(lambda: window.documents.model.index(0, 2).data() == "In progress")
    assert window.documents.model.index(0, 3).data() == "1"


def test_selection_snaps_outward_to_tokens(three_documents: Path, open_window: Any,
                                           qtbot: Any) -> None:
    window = open_window(three_documents)
    # From inside «عباس» to inside «عراقچی»: labels both words, not the comma after them.
    start = DOC_A.index("عباس") + 1
    select(window.article, start, DOC_A.index("عراقچی") + 3)
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    assert stored(three_documents, "a") == [("ACTOR", "عباس عراقچی")]
    assert window.menu_actions.undo.text() == "Undo: label ACTOR «عباس عراقچی»"


def test_mouse_drag_snaps_the_selection(three_documents: Path, open_window: Any,
                                        qtbot: Any) -> None:
    window = open_window(three_documents)
    view = window.article
    first, last = DOC_A.index("وزیر") + 1, DOC_A.index("خارجه") + 2
    qtbot.mousePress(view.viewport(), LEFT, pos=point_of(view, first))
    qtbot.mouseMove(view.viewport(), point_of(view, last))
    qtbot.mouseRelease(view.viewport(), LEFT, pos=point_of(view, last))
    # Released: the selection already covers whole words.
    assert view.selection() == (DOC_A.index("وزیر"), DOC_A.index("خارجه") + len("خارجه"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert stored(three_documents, "a") == [("ACTOR", "وزیر امور خارجه")]


def test_double_click_selects_a_token_without_guillemets(three_documents: Path,
                                                         open_window: Any, qtbot: Any) -> None:
    window = open_window(three_documents)
    view = window.article
    qtbot.mouseDClick(view.viewport(), LEFT, pos=point_of(view, DOC_A.index("هاوشینگ") + 3))
    word = DOC_A.index("هاوشینگ")
    assert view.selection() == (word, word + len("هاوشینگ"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert stored(three_documents, "a") == [("ACTOR", "هاوشینگ")]


def test_click_a_span_and_relabel_it(make_project: Any, open_window: Any, qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A,
                                       spans=[span_of(DOC_A, "اجلاس بریکس", "ACTOR")])])
    window = open_window(path)
    view = window.article
    qtbot.mouseClick(view.viewport(), LEFT, pos=point_of(view, DOC_A.index("بریکس") + 1))
    assert view.selected_span is not None and view.selected_span.label == "ACTOR"
    assert window.span_list.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert stored(path, "a") == [("EVENT", "اجلاس بریکس")]
    in_step(window, path)
    assert window.menu_actions.undo.text() == "Undo: relabel «اجلاس بریکس» ACTOR → EVENT"


def test_delete_removes_the_selected_span(make_project: Any, open_window: Any,
                                          qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A, spans=[
        span_of(DOC_A, "تهران", "LOCATION"), span_of(DOC_A, "سوچی", "LOCATION")])])
    window = open_window(path)
    caret_to(window.article, DOC_A.index("سوچی") + 1)
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert stored(path, "a") == [("LOCATION", "تهران")]
    # the span list follows on the next turn of the event loop
    qtbot.waitUntil(lambda: window.span_list.model().rowCount() == 1)
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(path, "a") == [("LOCATION", "تهران"), ("LOCATION", "سوچی")]
    in_step(window, path)


def test_overlap_is_refused_with_a_message(make_project: Any, open_window: Any,
                                           qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A,
                                       spans=[span_of(DOC_A, "عباس عراقچی", "ACTOR")])])
    window = open_window(path)
    select(window.article, DOC_A.index("عراقچی"), DOC_A.index("وزیر") + 4)
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    assert stored(path, "a") == [("ACTOR", "عباس عراقچی")]
    message = window.statusBar().currentMessage()
    assert "would overlap ACTOR «عباس عراقچی»" in message
    assert not window.menu_actions.undo.isEnabled()


def test_span_list_click_jumps_to_the_span(make_project: Any, open_window: Any,
                                           qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A, spans=[
        span_of(DOC_A, "تهران", "LOCATION"), span_of(DOC_A, "سوچی", "LOCATION")])])
    window = open_window(path)
    table = window.span_list
    rect = table.visualRect(table.model().index(1, 1))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    assert window.article.selected_span.start == DOC_A.index("سوچی")
    assert window.article.hasFocus()
    assert table.model().index(1, 2).data() == "human"


def test_undo_and_redo_across_documents(three_documents: Path, open_window: Any,
                                        qtbot: Any) -> None:
    window = open_window(three_documents)
    view = window.article
    caret_to(view, DOC_A.index("تهران"))
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.key == "b"
    caret_to(view, DOC_B.index("کازان"))
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert stored(three_documents, "b") == [("LOCATION", "کازان")]

    undo = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view, Qt.Key.Key_Z, undo)
    assert stored(three_documents, "b") == []
    assert window.session.document.key == "b"
    in_step(window, three_documents)
    qtbot.keyClick(view, Qt.Key.Key_Z, undo)  # "mark done" of the other document
    assert status_of(three_documents, "a") == Status.IN_PROGRESS
    assert window.session.document.key == "a"
    assert window.documents.current_document() == window.session.document_id
    qtbot.keyClick(view, Qt.Key.Key_Z, undo)
    assert stored(three_documents, "a") == []
    assert status_of(three_documents, "a") == Status.NEW
    in_step(window, three_documents)
    assert not window.menu_actions.undo.isEnabled()

    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_Z, redo)
    assert stored(three_documents, "a") == [("LOCATION", "تهران")]
    in_step(window, three_documents)
    qtbot.keyClick(view, Qt.Key.Key_Z, redo)
    assert status_of(three_documents, "a") == Status.DONE
    qtbot.keyClick(view, Qt.Key.Key_Z, redo)
    assert stored(three_documents, "b") == [("LOCATION", "کازان")]
    assert window.session.document.key == "b"
    assert window.article.highlight_range(window.session.document.spans[0].id) is not None


def test_mark_done_and_advance(make_project: Any, open_window: Any, qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A), make_document("b", DOC_B, status=Status.DONE),
                         make_document("c", DOC_A.replace("تهران", "شیراز"))])
    window = open_window(path)
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert status_of(path, "a") == Status.DONE
    assert window.session.document.key == "c"  # b is done already: skipped
    assert window.article.hasFocus() and window.article.caret() == 0
    # The list follows the edit on the next turn of the event loop.
    qtbot.waitUntil(lambda: window.progress.text() == "2 of 3 done")
    qtbot.keyClick(window.article, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert status_of(path, "c") == Status.DONE
    assert "Every document is done" in window.statusBar().currentMessage()


def test_previous_and_next_document(three_documents: Path, open_window: Any,
                                    qtbot: Any) -> None:
    window = open_window(three_documents)
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(window.article, Qt.Key.Key_Right, alt)
    assert window.session.document.key == "b"
    qtbot.keyClick(window.article, Qt.Key.Key_Right, alt)
    assert window.session.document.key == "c"
    qtbot.keyClick(window.article, Qt.Key.Key_Right, alt)
    assert window.session.document.key == "c"
    assert "last document" in window.statusBar().currentMessage()
    qtbot.keyClick(window.article, Qt.Key.Key_Left, alt)
    assert window.session.document.key == "b"
    table = window.documents.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_PageUp)
    assert window.session.document.key == "a"
    qtbot.keyClick(table, Qt.Key.Key_PageDown)
    assert window.session.document.key == "b"
    assert table.hasFocus()


def test_label_keys_type_into_the_filter_box(three_documents: Path, open_window: Any,
                                             qtbot: Any) -> None:
    window = open_window(three_documents)
    search = window.documents.search
    search.setFocus()
    qtbot.keyClicks(search, "12")
    assert search.text() == "12"
    assert stored(three_documents, "a") == []


def test_label_keys_on_a_persian_keyboard_layout(three_documents: Path, open_window: Any,
                                                 qtbot: Any) -> None:
    """On a Persian layout the digit keys type ۱ ۲ ۳; they label just the same."""
    from PySide6.QtTest import QTest

    window = open_window(three_documents)
    caret_to(window.article, DOC_A.index("سوچی"))
    for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
        QTest.sendKeyEvent(action, window.article, Qt.Key(0x06F3), "۳",
                           Qt.KeyboardModifier.NoModifier)
    assert stored(three_documents, "a") == [("LOCATION", "سوچی")]


def test_an_empty_project_file(make_project: Any, open_window: Any, qtbot: Any) -> None:
    window = open_window(make_project([]))
    assert window.session.document is None
    assert "No documents yet" in window.heading.text()
    for key in (Qt.Key.Key_1, Qt.Key.Key_Delete):
        qtbot.keyClick(window.article, key)
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.article, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.progress.text() == "0 of 0 done"


def test_done_documents_leave_a_not_done_list(three_documents: Path, open_window: Any,
                                              qtbot: Any) -> None:
    window = open_window(three_documents)
    panel = window.documents
    panel.status.setCurrentIndex(panel.status.findText("Not done"))
    assert panel.model.total == 3
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # The list follows the edit on the next turn of the event loop.
    qtbot.waitUntil(lambda: panel.model.total == 2)
    assert window.session.document.key == "b"
    assert panel.current_document() == window.session.document_id
    assert status_of(three_documents, "a") == Status.DONE


def test_palette_shows_keys_and_applies_its_label(three_documents: Path, open_window: Any,
                                                  qtbot: Any) -> None:
    window = open_window(three_documents)
    buttons = window.label_palette.buttons
    assert [b.text() for b in buttons.values()] == ["1  ACTOR", "2  EVENT", "3  LOCATION"]
    assert "#8ecae6" in buttons["EVENT"].styleSheet()
    caret_to(window.article, DOC_A.index("دیدار"))
    qtbot.mouseClick(buttons["EVENT"], LEFT)
    assert stored(three_documents, "a") == [("EVENT", "دیدار")]
    assert window.article.hasFocus()
