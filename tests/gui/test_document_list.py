"""The document list model over paged queries, its filters and the done count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Status
from annotator.gui.document_list import DOC_ID_ROLE, PAGE, DocumentListModel, first_strong_is_rtl
from annotator.storage import DocumentFilter, Project
from annotator.text.dates import TEHRAN
from tests.gui.conftest import DOC_A, DOC_B, make_document, span_of

pytestmark = pytest.mark.gui


@pytest.fixture
def many(make_project: Any) -> Path:
    """More documents than one page, some done, some with an ACTOR."""
    docs = []
    for i in range(PAGE + 37):
        text = f"{DOC_B} شمارهٔ {i}"
        doc = make_document(f"d{i:04d}", text, title=f"خبر شمارهٔ {i}",
                            status=Status.DONE if i % 3 == 0 else Status.NEW,
                            spans=[span_of(text, "محمدعلی امانی", "ACTOR")] if i % 5 == 0 else [])
        doc.date = dt.datetime(2025, 11, 17, 14, 19, tzinfo=TEHRAN)
        docs.append(doc)
    return make_project(docs)  # type: ignore[no-any-return]


def test_model_passes_qtmodeltester(many: Path, qtmodeltester: Any) -> None:
    with Project(many) as project:
        model = DocumentListModel(project)
        assert model.rowCount() == PAGE and model.canFetchMore()
        model.fetchMore()
        assert model.rowCount() == PAGE + 37 and not model.canFetchMore()
        qtmodeltester.check(model, force_py=True)
        filtered = DocumentListModel(project)
        filtered.set_filter(DocumentFilter(label="ACTOR"))
        qtmodeltester.check(filtered, force_py=True)
        assert filtered.rowCount() == len(range(0, PAGE + 37, 5))

def test_model_reset_passes_qt_model_tester(many: Path, qtmodeltester: Any) -> None:
    """Qt's own tester watches a filter change (a reset followed by fetching); pytest-qt's
    Python tester fetches more inside its reset handler and reports that as nested."""
    with Project(many) as project:
        model = DocumentListModel(project)
        qtmodeltester.check(model)
        model.set_filter(DocumentFilter(statuses=frozenset({Status.DONE})))
        assert model.rowCount() == len(range(0, PAGE + 37, 3))
        model.reload()
        assert model.rowCount() == len(range(0, PAGE + 37, 3))


def test_rows_show_title_jalali_date_status_and_count(many: Path) -> None:
    with Project(many) as project:
        model = DocumentListModel(project)
        model.fetchMore()
        assert [model.index(0, c).data() for c in range(4)] == [
            "خبر شمارهٔ 0", "1404-08-26", "Done", "1"]
        assert model.index(1, 0).data(DOC_ID_ROLE) == project.document_rows()[1].id
        assert model.headerData(1, Qt.Orientation.Horizontal) == "Date"


def test_row_of_fetches_pages_up_to_a_document(many: Path) -> None:
    with Project(many) as project:
        model = DocumentListModel(project)
        last = project.document_rows(offset=PAGE + 30, limit=1)[0]
        assert model.row_of(last.id) == PAGE + 30
        assert model.index(PAGE + 30, 0).data() == last.title


def test_filters_by_text_status_and_label(many: Path, open_window: Any, qtbot: Any) -> None:
    window = open_window(many)
    panel = window.documents
    panel.status.setCurrentIndex(panel.status.findText("Done"))
    assert panel.model.total == len(range(0, PAGE + 37, 3))
    panel.label.setCurrentIndex(panel.label.findData("ACTOR"))
    assert panel.model.total == len(range(0, PAGE + 37, 15))
    panel.status.setCurrentIndex(0)
    panel.label.setCurrentIndex(0)
    qtbot.keyClicks(panel.search, "10")  # in titles and texts: «خبر شمارهٔ 10», 100, ...
    expected = {f"خبر شمارهٔ {i}" for i in range(PAGE + 37) if "10" in str(i)}
    qtbot.waitUntil(lambda: panel.model.total == len(expected))
    assert {panel.model.index(r, 0).data() for r in range(panel.model.rowCount())} == expected


def test_done_count_in_the_status_bar(many: Path, open_window: Any, qtbot: Any) -> None:
    window = open_window(many)
    done = len(range(0, PAGE + 37, 3))
    assert window.progress.text() == f"{done} of {PAGE + 37} done"
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # The list follows the edit on the next turn of the event loop.
    qtbot.waitUntil(lambda: window.progress.text() == f"{done + 1} of {PAGE + 37} done")


def test_clicking_a_row_opens_the_document(make_project: Any, open_window: Any,
                                           qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A), make_document("b", DOC_B)])
    window = open_window(path)
    table = window.documents.table
    rect = table.visualRect(table.model().index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.document.key == "b"
    assert window.article.toPlainText() == DOC_B


def test_direction_of_titles() -> None:
    assert first_strong_is_rtl("\u200f«خبر» BRICS")
    assert not first_strong_is_rtl("2025 BRICS خبر")
