"""Import and export off the GUI thread, with a progress dialog that cancels."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QPushButton

from annotator.core.errors import InputError
from annotator.core.model import Status
from annotator.gui.export_dialog import ExportChoice
from annotator.services.exporting import ExportOptions
from annotator.services.progress import CancelToken
from annotator.storage import Project
from annotator.text.tokenize import tokenize
from tests.conftest import ANALYST
from tests.gui.conftest import DOC_A, DOC_B, make_document, reopen, span_of

pytestmark = pytest.mark.gui

ARTICLE = """نشست سران بریکس در کازان برگزار شد

خبرگزاری مهر دوشنبه 26 آبان 1404 - 14:19
رهبران کشورهای عضو بریکس در کازان روسیه دیدار کردند.
"""


def drop(window: Any, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_dropped_files_are_imported_and_listed(make_project: Any, open_window: Any,
                                               qtbot: Any, tmp_path: Path) -> None:
    path = make_project([make_document("a", DOC_A)])
    window = open_window(path)
    article = tmp_path / "kazan.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with qtbot.waitSignal(window.transfers.runner.finished, timeout=20_000) as finished:
        drop(window, [article])
    assert finished.args[0] == "import"
    assert window.documents.model.rowCount() == 2
    assert window.documents.model.index(1, 0).data() == "نشست سران بریکس در کازان برگزار شد"
    assert "Imported 1 documents" in window.statusBar().currentMessage()
    assert window.progress.text() == "0 of 2 done"
    with reopen(path) as project:
        assert project.count_documents() == 2


def test_a_large_import_from_the_window_tokenizes_as_the_command_does(
        make_project: Any, open_window: Any, qtbot: Any, tmp_path: Path) -> None:
    path = make_project([make_document("a", DOC_A)])
    window = open_window(path)
    many = tmp_path / "many.jsonl"  # several batches: a worker process tokenizes some
    texts = [f"{ARTICLE}شماره {n} از {n * 7} خبر." for n in range(450)]
    many.write_text("".join(json.dumps({"id": f"m{n}", "text": t}, ensure_ascii=False) + "\n"
                            for n, t in enumerate(texts)), encoding="utf-8")
    with qtbot.waitSignal(window.transfers.runner.finished, timeout=60_000):
        window.transfers.import_paths([many])
    assert window.progress.text() == "0 of 451 done"
    with reopen(path) as project:
        stored = {doc.key: doc for doc in project.iter_documents()}
    for n in (0, 199, 200, 449):
        doc = stored[f"m{n}"]
        assert (list(doc.tokens), list(doc.sentences)) == tuple(map(list, tokenize(doc.text)))


def test_a_failed_import_is_a_message_and_adds_nothing(make_project: Any, open_window: Any,
                                                       qtbot: Any, tmp_path: Path) -> None:
    path = make_project([make_document("a", DOC_A)])
    window = open_window(path)
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"text": "خبر"}\n{"text": \n', encoding="utf-8")
    with qtbot.waitSignal(window.transfers.runner.failed, timeout=20_000) as failed:
        window.transfers.import_paths([bad])
    assert "broken.jsonl" in failed.args[1]
    assert "broken.jsonl" in window.statusBar().currentMessage()
    assert "Traceback" not in window.statusBar().currentMessage()
    with reopen(path) as project:
        assert project.count_documents() == 1


def test_cancel_stops_the_worker(make_project: Any, open_window: Any, qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A)])
    window = open_window(path)
    started = threading.Event()

    def work(project: Project, progress: Any, cancel: CancelToken) -> None:
        progress(0, None, "waiting")
        started.set()
        while True:
            cancel.check()
            threading.Event().wait(0.01)

    assert window.transfers.runner.start("slow", "Working…", path, work)
    assert started.wait(10)
    assert not window.transfers.start("again", "Again", lambda *a: None)  # one task at a time
    with qtbot.waitSignal(window.transfers.runner.cancelled, timeout=10_000):
        window.transfers.runner.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    assert not window.transfers.runner.busy
    assert "cancelled" in window.statusBar().currentMessage()


def test_the_window_keeps_working_while_a_task_runs(make_project: Any, open_window: Any,
                                                    qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A)])
    window = open_window(path)
    release = threading.Event()

    def work(project: Project, progress: Any, cancel: CancelToken) -> str:
        for n in range(3):
            progress(n, 3, f"step {n}")
        release.wait(10)
        return threading.current_thread().name

    with qtbot.waitSignal(window.transfers.runner.finished, timeout=10_000) as finished:
        window.transfers.runner.start("probe", "Working…", path, work)
        qtbot.waitUntil(lambda: window.transfers.runner.dialog is not None
                        and window.transfers.runner.dialog.labelText() == "step 2")
        assert window.transfers.runner.dialog.maximum() == 3
        release.set()
    assert finished.args[1] != threading.current_thread().name


def test_errors_in_a_task_are_messages(make_project: Any, open_window: Any,
                                       qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A)])
    window = open_window(path)

    def work(project: Project, progress: Any, cancel: CancelToken) -> None:
        raise InputError("no articles here", path="folder/x.conll", line=3)

    with qtbot.waitSignal(window.transfers.runner.failed, timeout=10_000):
        window.transfers.runner.start("probe", "Working…", path, work)
    assert window.statusBar().currentMessage() == "folder/x.conll, line 3: no articles here"


def test_export_writes_the_done_documents(make_project: Any, open_window: Any, qtbot: Any,
                                          tmp_path: Path) -> None:
    path = make_project([make_document("a", DOC_A, status=Status.DONE),
                         make_document("b", DOC_B)])
    window = open_window(path)
    out = tmp_path / "out.jsonl"
    choice = ExportChoice(out, ExportOptions(statuses=frozenset({Status.DONE})))
    with qtbot.waitSignal(window.transfers.runner.finished, timeout=20_000):
        window.transfers.export(choice)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a"]
    assert "Exported 1 documents" in window.statusBar().currentMessage()


def test_changes_by_another_program_show_on_activation(make_project: Any, open_window: Any,
                                                       tmp_path: Path) -> None:
    path = make_project([make_document("a", DOC_A)])
    window = open_window(path)
    with Project(path) as other:  # e.g. `annotator import` in a terminal
        other.add_documents([make_document("b", DOC_B)])
        doc_id = window.session.document_id
        # the same analyst's other window
        other.insert_span(doc_id, span_of(DOC_A, "تهران", "LOCATION").with_(annotator=ANALYST))
    window.refresh_if_changed()
    assert window.documents.model.rowCount() == 2
    assert window.progress.text() == "0 of 2 done"
    assert [s.label for s in window.session.document.spans] == ["LOCATION"]
