"""The document list's filter searches article text, indexed in the background: at start, and
after imports; until then the list says how many documents' text waits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.gui.document_list import DocumentListPanel
from annotator.storage import Project
from tests.gui.conftest import DOC_A, DOC_B, DOC_C, make_document

pytestmark = pytest.mark.gui


def listed(panel: DocumentListPanel) -> list[str]:
    model = panel.model
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_the_window_indexes_the_text_and_the_filter_finds_it(
        make_project: Any, open_window: Any, qtbot: Any, tmp_path: Path) -> None:
    path = make_project([make_document("a", DOC_A, title="دیدار در تهران"),
                         make_document("b", DOC_B, title="سخنرانی امانی"),
                         make_document("c", DOC_C, title="نشست کازان")])
    window = open_window(path)
    qtbot.waitUntil(lambda: window.project.text_index_state()[1] == 0, timeout=10_000)
    panel = window.documents
    panel.search.setText("حزب موتلفه")  # in b's text, in no title
    panel._apply_filter()
    assert listed(panel) == ["سخنرانی امانی"]
    panel.search.setText("كازان")  # Arabic kaf: c's title and b's text
    panel._apply_filter()
    assert listed(panel) == ["سخنرانی امانی", "نشست کازان"]
    assert not panel.note.isVisible()
    window.grab().save(str(tmp_path / "search.png"))

    # An import: the new article is indexed after it, and a text filter shown again.
    source = tmp_path / "new.jsonl"
    source.write_text(json.dumps({"id": "d", "text": "اجلاس سران در كازان روسیه برگزار شد."},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    with qtbot.waitSignal(window.indexer.finished, timeout=20_000):
        window.transfers.import_paths([source])
    qtbot.waitUntil(lambda: len(listed(panel)) == 3, timeout=5_000)
    assert listed(panel)[-1] == "اجلاس سران در کازان روسیه برگزار شد."  # normalised


def test_documents_not_indexed_yet_are_said_and_found_by_title(
        make_project: Any, qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A, title="دیدار در تهران"),
                         make_document("b", DOC_B, title="سخنرانی در کازان")])
    project = Project(path)
    try:
        panel = DocumentListPanel(project)
        qtbot.addWidget(panel)
        panel.show()
        panel.search.setText("کازان")
        panel._apply_filter()
        assert listed(panel) == ["سخنرانی در کازان"]  # by its title
        assert panel.note.isVisible()
        assert panel.note.text().startswith("The text of 2 documents is not indexed yet")
        project.index_text()
        panel.text_indexed()
        assert listed(panel) == ["سخنرانی در کازان"]
        assert not panel.note.isVisible()
        panel.search.setText("سوچی")  # in a's text only
        panel._apply_filter()
        assert listed(panel) == ["دیدار در تهران"]
    finally:
        project.close()


def test_an_article_opened_from_a_search_shows_where_its_words_are(
        make_project: Any, open_window: Any, qtbot: Any) -> None:
    path = make_project([make_document("a", DOC_A, title="دیدار در تهران"),
                         make_document("b", DOC_B, title="سخنرانی امانی")])
    window = open_window(path)
    qtbot.waitUntil(lambda: window.project.text_index_state()[1] == 0, timeout=10_000)
    window.documents.search.setText("بريكس")  # Arabic ye and kaf
    window.documents._apply_filter()
    window.session.open(window.documents.model.doc_id(0))
    start = DOC_A.index("بریکس")
    assert window.article_hits == [(start, start + len("بریکس"))]
    assert window.article.caret() == start
    assert len(window.article.extraSelections()) == 1  # no span: the hit alone
    window.documents.search.clear()
    window.documents._apply_filter()
    assert window.article_hits == []
    assert window.article.extraSelections() == []
