"""The built-in model in the window: training in the background, suggestions as a document
opens, the status bar, retraining after documents marked done, Next Most Uncertain and the
list's order, the learning curve in the model report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Document, Review, Status
from annotator.services.suggesting import uncertainty
from annotator.services.training import RETRAIN_EVERY, TrainOptions, train
from annotator.storage import Project
from tests.gui.conftest import reopen
from tests.suggest.persian import corpus

pytestmark = pytest.mark.gui

WAIT_MS = 60_000


def fresh(docs: list[Document]) -> list[Document]:
    return [Document(d.text, key=f"new-{d.key}", title=f"خبر تازه {n}", tokens=d.tokens,
                     sentences=d.sentences) for n, d in enumerate(docs)]


@pytest.fixture
def news(make_project: Callable[..., Path]) -> Path:
    """Five new documents first (the window opens on the first), then 30 done ones."""
    path = make_project(fresh(corpus(5, seed=7)))
    with Project(path) as project:
        project.add_documents(corpus(30))
    return path


@pytest.fixture
def trained_news(news: Path) -> Path:
    with Project(news) as project:
        train(project, TrainOptions(model="crf"))
    return news


def pending_in(window: Any) -> list[Any]:
    doc = window.session.document
    return [s for s in doc.spans if s.review == Review.PENDING] if doc is not None else []


def test_train_model_runs_in_the_background_and_says_how_it_did(
        news: Path, open_window: Callable[..., Any], qtbot: Any) -> None:
    window = open_window(news)
    models = window.models
    assert not models.status.isVisible()
    assert not models.suggest_action.isEnabled()
    models.train_action.trigger()
    assert models.training and models.cancel_action.isEnabled()
    assert "Training the model" in models.status.text()
    qtbot.waitUntil(lambda: not models.training, timeout=WAIT_MS)
    text = models.status.text()
    assert text.startswith("Model crf trained ") and "held-out F1" in text
    assert "on 30 documents" in window.statusBar().currentMessage()
    with reopen(news) as project:
        assert project.model_data("crf") is not None
    # The open (new) document got its suggestions once the model was there.
    qtbot.waitUntil(lambda: bool(pending_in(window)), timeout=WAIT_MS)
    doc = window.session.document
    starts, ends = set(doc.tokens[0::2]), set(doc.tokens[1::2])
    assert all(s.start in starts and s.end in ends and s.origin == "model:crf"
               for s in pending_in(window))
    assert window.review.filter_bar.model.findData("crf") >= 0


def test_a_document_gets_its_suggestions_as_it_opens(
        trained_news: Path, open_window: Callable[..., Any], qtbot: Any) -> None:
    window = open_window(trained_news)
    qtbot.waitUntil(lambda: bool(pending_in(window)), timeout=WAIT_MS)
    first = window.session.document.id
    count = len(pending_in(window))
    window.go(1)
    assert window.session.document.id != first
    qtbot.waitUntil(lambda: bool(pending_in(window)), timeout=WAIT_MS)
    window.go(-1)  # again: nothing is added twice
    qtbot.wait(300)
    assert len(pending_in(window)) == count
    with reopen(trained_news) as project:
        assert len([s for s in project.spans(first) if s.is_suggestion]) == count
    # A done document gets none.
    with reopen(trained_news) as project:
        done_id = project.keys_to_ids()["news-000"]
    window.session.open(done_id)
    qtbot.wait(300)
    assert pending_in(window) == []


def test_the_suggestions_never_cover_a_label(
        trained_news: Path, open_window: Callable[..., Any], qtbot: Any) -> None:
    window = open_window(trained_news)
    qtbot.waitUntil(lambda: bool(pending_in(window)), timeout=WAIT_MS)
    target = pending_in(window)[0]
    window.article.select_span(target)
    qtbot.keyClick(window.article, Qt.Key.Key_X)  # rejected
    doc = window.session.document
    window.article.place_caret(doc.tokens[0])
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    window.models.suggest_open()
    qtbot.waitUntil(lambda: "suggestions of crf added" in
                    window.statusBar().currentMessage(), timeout=WAIT_MS)
    labels = [s for s in window.session.document.spans if s.is_label]
    assert all(not s.overlaps(lab.start, lab.end) for s in pending_in(window) for lab in labels)
    assert not any((s.start, s.end, s.label) == (target.start, target.end, target.label)
                   for s in pending_in(window))


def test_the_model_trains_again_after_documents_marked_done(
        trained_news: Path, open_window: Callable[..., Any], qtbot: Any) -> None:
    with Project(trained_news) as project:
        project.set_setting(RETRAIN_EVERY, 2)
    window = open_window(trained_news)
    models = window.models
    assert models.retrain_action.isChecked()
    assert "2" in models.retrain_action.text()
    window.mark_done_and_next()
    assert not models.training
    window.mark_done_and_next()
    assert models.training
    qtbot.waitUntil(lambda: not models.training, timeout=WAIT_MS)
    assert models.info is not None and models.info.documents == 32
    with reopen(trained_news) as project:
        assert [t.documents for t in project.trainings("crf")] == [30, 32]
    models.retrain_action.trigger()  # off
    with reopen(trained_news) as project:
        assert project.setting(RETRAIN_EVERY) == 0


def test_cancel_training_keeps_the_model_in_use(
        trained_news: Path, open_window: Callable[..., Any], qtbot: Any) -> None:
    window = open_window(trained_news)
    models = window.models
    before = models.info
    models.train_action.trigger()
    models.cancel_action.trigger()
    qtbot.waitUntil(lambda: not models.training, timeout=WAIT_MS)
    assert "not trained" in window.statusBar().currentMessage()
    assert models.info == before
    with reopen(trained_news) as project:
        assert len(project.trainings("crf")) == 1


def test_next_most_uncertain_and_the_list_order(
        trained_news: Path, open_window: Callable[..., Any], qtbot: Any) -> None:
    with reopen(trained_news) as project:
        ranked = uncertainty(project)
    window = open_window(trained_news)
    models = window.models
    qtbot.waitUntil(lambda: models.ranking is not None, timeout=WAIT_MS)
    assert models.ranking == pytest.approx(ranked)
    opened = window.session.document.id
    expected = [i for i in sorted(ranked, key=lambda i: (-ranked[i], i)) if i != opened]
    qtbot.keyClick(window.article, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.id == expected[0]
    assert "least sure" in window.statusBar().currentMessage()
    panel = window.documents
    assert panel.order.isVisible()
    panel.order.setCurrentIndex(1)
    shown = [panel.model.doc_id(r) for r in range(panel.model.rowCount())]
    assert shown == sorted(ranked, key=lambda i: (-ranked[i], i))
    assert panel.current_document() == window.session.document.id
    panel.order.setCurrentIndex(0)
    assert panel.model.rowCount() == 35


def test_the_model_report_draws_the_learning_curve(
        news: Path, open_window: Callable[..., Any], qtbot: Any) -> None:
    with Project(news) as project:
        for count in (10, 20, 30):
            ids = sorted(project.keys_to_ids()[k] for k in project.keys_to_ids()
                         if k.startswith("news-"))
            for doc_id in ids[count:]:
                project.set_status(doc_id, Status.IN_PROGRESS)
            train(project, TrainOptions(model="crf"))
            for doc_id in ids:
                project.set_status(doc_id, Status.DONE)
    window = open_window(news)
    dialog = window.review.show_report()
    curve = dialog.curve
    assert curve is not None
    points = curve.curves["crf"]
    assert [p.documents for p in points] == [10, 20, 30]
    assert all(0.0 <= p.f1 <= 1.0 for p in points)
    table = dialog.held_out
    assert table is not None
    row = table.topLevelItem(0)
    assert (row.text(0), row.text(1)) == ("crf", "30")
    assert [row.child(n).text(0) for n in range(row.childCount())] == ["ACTOR", "EVENT",
                                                                         "LOCATION"]
    assert row.data(4, Qt.ItemDataRole.UserRole + 1) == pytest.approx(points[-1].f1, abs=1e-3)
    image = curve.grab().toImage()
    assert image.width() > 300
    # The line is drawn: the curve's colour is on it.
    blue = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if image.pixelColor(x, y).name() == "#1f6fb2")
    assert blue > 20
