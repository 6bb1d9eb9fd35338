"""The window and its project file: what other programs add shows without a click; an edit the
file refuses (read-only, full disk) is kept and said so, and saved by Retry Saving; a file
opened read-only says so and takes no edits; a failed automatic backup is reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.errors import WriteError
from annotator.core.model import Review, Status
from annotator.gui.project_file import WATCH_MS
from annotator.storage import Project
from annotator.storage import sqlite as storage_sqlite
from tests.gui.conftest import (
    DOC_A,
    DOC_B,
    DOC_C,
    caret_to,
    make_document,
    select,
    span_of,
)
from tests.gui.test_editing import in_step, status_of, stored

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
READ_ONLY = "the project file or its folder is read-only"


def test_documents_another_program_adds_show_without_a_click(
        make_project: Any, open_window: Any, qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A), make_document("b", DOC_B)])
    window = open_window(path)
    timer = window.watch.timer
    assert timer.isActive() and timer.interval() == WATCH_MS <= 2_000
    timer.setInterval(50)  # the test need not wait two seconds
    start, end = DOC_A.index("عباس"), DOC_A.index("عراقچی") + len("عراقچی")
    select(window.article, start, end)
    current = window.session.document_id
    assert window.documents.current_document() == current

    with Project(path) as other:  # `annotator import` in a terminal: the window is not touched
        other.add_documents([make_document("c", DOC_C)])
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 3, timeout=5_000)
    assert window.progress.text() == "0 of 3 done"
    assert window.session.document_id == current
    assert window.documents.current_document() == current
    assert window.article.selection() == (start, end)

    # A model's suggestion for the open document: drawn, the selection still kept.
    with Project(path) as other:
        other.add_suggestions([(current, span_of(DOC_A, "تهران", "LOCATION").with_(
            origin="model:m1", score=0.9, review=Review.PENDING))])
    qtbot.waitUntil(lambda: len(window.session.document.spans) == 1, timeout=5_000)
    assert window.article.selection() == (start, end)
    assert window.session.document_id == current
    assert window.documents.current_document() == current


def test_an_edit_the_file_refuses_is_kept_said_so_and_saved_by_retry(
        three_documents: Path, open_window: Any, qtbot: Any) -> None:
    window = open_window(three_documents)
    stack = window.session.undo_stack
    # Every write of the window's connection now fails as on a read-only file.
    window.project.db.execute_sql("PRAGMA query_only = 1")
    caret_to(window.article, DOC_A.index("تهران") + 2)
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    caret_to(window.article, DOC_A.index("سوچی") + 1)
    qtbot.keyClick(window.article, Qt.Key.Key_1)

    message = window.statusBar().currentMessage()
    assert message.startswith(f"Your edit could not be saved: {READ_ONLY}. It is kept")
    bar = window.unsaved.bar
    assert bar.isVisible()
    assert bar.text.text() == (f"⚠ Not saved ({READ_ONLY}): label LOCATION «تهران», "
                               "label ACTOR «سوچی». Kept in this window until Retry Saving "
                               "writes them to the project file.")
    assert [e.applied for e in window.unsaved.edits] == [True, True]
    assert window.unsaved.retry_action.isEnabled()
    # Not done as far as the window says: nothing to undo, the document as the file has it.
    assert stack.count() == 0 and not window.menu_actions.undo.isEnabled()
    assert window.session.document.spans == []
    assert window.documents.model.index(0, 3).data() == "0"
    assert stored(three_documents, "a") == []
    assert status_of(three_documents, "a") == Status.NEW

    # Still refused: the edits stay, in order.
    window.unsaved.retry_action.trigger()
    assert len(window.unsaved.edits) == 2
    assert window.statusBar().currentMessage().startswith(f"Still not saved: {READ_ONLY}.")

    window.project.db.execute_sql("PRAGMA query_only = 0")  # the file can be written again
    window.unsaved.retry_action.trigger()
    assert stored(three_documents, "a") == [("LOCATION", "تهران"), ("ACTOR", "سوچی")]
    assert status_of(three_documents, "a") == Status.IN_PROGRESS
    assert window.unsaved.edits == [] and not bar.isVisible()
    assert not window.unsaved.retry_action.isEnabled()
    assert window.statusBar().currentMessage().startswith("Saved: the edits kept")
    assert stack.count() == 2
    assert window.menu_actions.undo.text() == "Undo: label ACTOR «سوچی»"
    in_step(window, three_documents)
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    assert stored(three_documents, "a") == [("LOCATION", "تهران")]


def test_a_full_disk_keeps_an_undo_and_a_status(three_documents: Path, open_window: Any,
                                                qtbot: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(three_documents)
    stack = window.session.undo_stack
    caret_to(window.article, DOC_A.index("تهران") + 2)
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    assert stored(three_documents, "a") == [("LOCATION", "تهران")]

    def full(*_: Any) -> None:
        raise WriteError(f"{three_documents}: cannot be written: the disk is full; nothing "
                         "was changed", "disk full")

    with monkeypatch.context() as disk:
        disk.setattr(Project, "delete_span", full)
        disk.setattr(Project, "set_status", full)
        qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)  # the undo cannot be written
        assert window.statusBar().currentMessage().startswith(
            "Your edit could not be saved: the disk is full.")
        assert stack.count() == 0  # the label stays, and is no longer offered to undo
        assert [s.label for s in window.session.document.spans] == ["LOCATION"]
        document = window.session.document_id
        qtbot.keyClick(window.article, Qt.Key.Key_Return, CTRL)  # mark done: refused too
        assert window.session.document_id == document  # stays on the document
        assert [e.applied for e in window.unsaved.edits] == [False, True]
        assert "undo label LOCATION «تهران», mark done" in window.unsaved.bar.text.text()
        assert stored(three_documents, "a") == [("LOCATION", "تهران")]
        assert status_of(three_documents, "a") == Status.IN_PROGRESS

    window.unsaved.retry_action.trigger()
    assert stored(three_documents, "a") == []
    assert status_of(three_documents, "a") == Status.DONE
    assert window.unsaved.edits == []
    assert [stack.text(i) for i in range(stack.count())] == [
        "undo label LOCATION «تهران»", "mark done"]
    in_step(window, three_documents)


def test_a_read_only_project_file_opens_says_so_and_takes_no_edit(
        three_documents: Path, open_window: Any, qtbot: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_sqlite, "_writable", lambda _path: False)
    window = open_window(three_documents)
    assert window.project.read_only
    assert window.windowTitle().endswith("(read-only)")
    assert window.findChild(object, "readOnly").isVisible()
    caret_to(window.article, DOC_A.index("تهران") + 2)
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    assert window.statusBar().currentMessage().startswith(
        "This project file is read-only: nothing can be changed in it.")
    qtbot.keyClick(window.article, Qt.Key.Key_Return, CTRL)
    assert window.session.document.key == "a"
    assert window.session.undo_stack.count() == 0
    assert window.unsaved.edits == []
    assert window.session.document.spans == []
    assert stored(three_documents, "a") == []
    assert status_of(three_documents, "a") == Status.NEW


def test_a_failed_automatic_backup_shows_in_the_status_bar(
        make_project: Any, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.gui.app import run
    from annotator.services import projects

    path = make_project([make_document("a", DOC_A)])

    def no_space(*_: Any, **__: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(projects, "auto_backup", no_space)
    shown: list[str] = []

    def look_and_quit(app: QApplication) -> int:  # instead of the event loop
        window = next(w for w in app.topLevelWidgets()
                      if w.objectName() == "mainWindow" and w.isVisible())
        assert window.project.location == path
        shown.append(window.statusBar().currentMessage())
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", look_and_quit)
    assert run(path, ["annotator"]) == 0
    assert shown == ["Warning: no automatic backup was taken: [Errno 28] No space left on "
                     "device"]
