"""Reviewing a model's suggestions in the window, by the keys; every test reads the project
file afterwards through a fresh connection."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from annotator.core.model import Review, Span, Status
from annotator.gui.review import Reviewer
from annotator.gui.span_list import ORIGIN, SCORE
from annotator.services.stats import model_report, project_stats
from annotator.storage import Project
from tests.conftest import ANALYST
from tests.gui.conftest import DOC_A, DOC_B, DOC_C, caret_to, make_document, reopen, select

pytestmark = pytest.mark.gui

# (words, occurrence, label, model, score): suggestions on DOC_A, where «تهران» is labelled.
ON_A: tuple[tuple[str, int, str, str, float], ...] = (
    ("وزیر امور خارجه", 0, "ACTOR", "m1", 0.91),
    ("در تهران", 0, "LOCATION", "m1", 0.52),  # overlaps the label «تهران»
    ("هاوشینگ", 0, "LOCATION", "m1", 0.45),  # the wrong label
    ("دیدار", 1, "EVENT", "m2", 0.60),
    ("اجلاس بریکس", 0, "EVENT", "m1", 0.73),
    ("سوچی", 0, "LOCATION", "m1", 0.95),
)


def at(text: str, words: str, occurrence: int = 0) -> tuple[int, int]:
    found = -1
    for _ in range(occurrence + 1):
        found = text.index(words, found + 1)
    return found, found + len(words)


def suggest(path: Path, key: str, suggestions: Sequence[tuple[str, int, str, str, float]]
            ) -> None:
    with Project(path) as project:
        doc_id = project.keys_to_ids()[key]
        text = project.document(doc_id, ANALYST).text
        project.add_suggestions(
            (doc_id, Span(*at(text, words, n), label, origin=f"model:{model}", score=score,
                          review=Review.PENDING))
            for words, n, label, model, score in suggestions)


@pytest.fixture
def under_review(make_project: Callable[..., Path]) -> Path:
    path = make_project([make_document("a", DOC_A, spans=[Span(*at(DOC_A, "تهران"),
                                                                "LOCATION")]),
                         make_document("b", DOC_B)])
    suggest(path, "a", ON_A)
    return path


def stored(path: Path, key: str = "a") -> dict[str, tuple[str, str, Review | None]]:
    """{text: (label, origin, review)} of a document's spans, as the project file has them."""
    with reopen(path) as project:
        doc = project.document(project.keys_to_ids()[key], ANALYST)
        return {doc.text[s.start:s.end]: (s.label, s.origin, s.review) for s in doc.spans}


def selected_text(window: Any) -> str | None:
    span = window.article.selected_span
    return DOC_A[span.start:span.end] if span is not None else None


def press(window: Any, qtbot: Any, *keys: Qt.Key) -> None:
    for key in keys:
        qtbot.keyClick(window.article, key)


# -- N ------------------------------------------------------------------------------------


def test_n_selects_the_next_suggestion_after_the_caret_and_wraps(
        under_review: Path, open_window: Any, qtbot: Any) -> None:
    window = open_window(under_review)
    order = []
    for _ in range(7):
        press(window, qtbot, Qt.Key.Key_N)
        order.append(selected_text(window))
    assert order == ["وزیر امور خارجه", "در تهران", "هاوشینگ", "دیدار", "اجلاس بریکس", "سوچی",
                     "وزیر امور خارجه"]
    # The span list follows, showing the model and the score.
    row = window.span_list.currentIndex().row()
    model = window.span_list.span_model
    assert model.index(row, ORIGIN).data() == "m1 (pending)"
    assert model.index(row, SCORE).data() == "0.91"
    # From the caret: the first suggestion after it; the caret in one selects it already.
    caret_to(window.article, DOC_A.index("روز"))
    press(window, qtbot, Qt.Key.Key_N)
    assert selected_text(window) == "در تهران"
    assert "score 0.52" in window.statusBar().currentMessage()
    caret_to(window.article, DOC_A.index("هاوشینگ") + 2)
    assert selected_text(window) == "هاوشینگ"
    press(window, qtbot, Qt.Key.Key_N)
    assert selected_text(window) == "دیدار"


def test_n_selects_a_suggestion_over_a_label_and_scrolls_to_it(
        make_project: Callable[..., Path], open_window: Any, qtbot: Any) -> None:
    text = "\n".join(["خبر کوتاهی از تهران."] * 80 + ["نشست بریکس در کازان برگزار شد."])
    path = make_project([make_document("long", text,
                                       spans=[Span(*at(text, "تهران"), "LOCATION")])])
    suggest(path, "long", [("کازان", 0, "LOCATION", "m1", 0.9),
                           ("تهران", 0, "ACTOR", "m1", 0.4)])
    window = open_window(path)
    press(window, qtbot, Qt.Key.Key_N)
    span = window.article.selected_span
    assert (span.label, span.review) == ("ACTOR", Review.PENDING)  # not the label under it
    press(window, qtbot, Qt.Key.Key_N)
    assert text[window.article.selected_span.start:window.article.selected_span.end] == "کازان"
    assert window.article.verticalScrollBar().value() > 0
    rect = window.article.cursorRect()
    assert window.article.viewport().rect().contains(rect.center())


def test_n_without_suggestions_says_so(make_project: Callable[..., Path], open_window: Any,
                                       qtbot: Any) -> None:
    window = open_window(make_project([make_document("b", DOC_B)]))
    press(window, qtbot, Qt.Key.Key_N, Qt.Key.Key_A, Qt.Key.Key_X)
    assert window.article.selected_span is None
    assert "N selects" in window.statusBar().currentMessage()


# -- A, Enter, X, 1 2 3 -------------------------------------------------------------------


def test_a_and_enter_accept_x_rejects(under_review: Path, open_window: Any,
                                      qtbot: Any) -> None:
    window = open_window(under_review)
    press(window, qtbot, Qt.Key.Key_N, Qt.Key.Key_A)
    assert stored(under_review)["وزیر امور خارجه"] == ("ACTOR", "model:m1", Review.ACCEPTED)
    caret_to(window.article, DOC_A.index("اجلاس"))
    press(window, qtbot, Qt.Key.Key_N, Qt.Key.Key_Return)
    assert stored(under_review)["اجلاس بریکس"] == ("EVENT", "model:m1", Review.ACCEPTED)
    press(window, qtbot, Qt.Key.Key_N, Qt.Key.Key_X)
    assert stored(under_review)["سوچی"] == ("LOCATION", "model:m1", Review.REJECTED)
    # Who decided is recorded; a decision in a new document moves it to in progress.
    with reopen(under_review) as project:
        doc = project.document(project.keys_to_ids()["a"], ANALYST)
        decided = [s for s in doc.spans if s.review in (Review.ACCEPTED, Review.REJECTED)]
        assert {s.annotator for s in decided} == {window.session.annotator}
        assert doc.status == Status.IN_PROGRESS
    # Accepted: drawn as a label; rejected: not drawn, struck through in the span list.
    spans = {DOC_A[s.start:s.end]: s for s in window.session.document.spans}
    assert window.article.highlight_range(spans["وزیر امور خارجه"].id) is not None
    assert window.article.highlight_range(spans["سوچی"].id) is None
    model = window.span_list.span_model
    row = model.row_of(spans["سوچی"].id)
    # the span list follows on the next turn of the event loop
    qtbot.waitUntil(lambda: model.index(row, 0).data(Qt.ItemDataRole.FontRole).strikeOut())
    font = model.index(row, 0).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.strikeOut()
    assert model.index(row, ORIGIN).data() == "m1 (rejected)"
    assert window.menu_actions.undo.text() == "Undo: reject LOCATION «سوچی»"


def test_label_keys_on_a_suggestion_accept_it_under_that_label(
        under_review: Path, open_window: Any, qtbot: Any) -> None:
    window = open_window(under_review)
    caret_to(window.article, DOC_A.index("هاوشینگ"))
    press(window, qtbot, Qt.Key.Key_N)
    assert selected_text(window) == "هاوشینگ"
    before = len(stored(under_review))
    press(window, qtbot, Qt.Key.Key_1)
    after = stored(under_review)
    assert after["هاوشینگ"] == ("ACTOR", "model:m1", Review.ACCEPTED)  # a correction
    assert len(after) == before  # not a new human span
    assert window.menu_actions.undo.text() == (
        "Undo: accept «هاوشینگ» as ACTOR (suggested LOCATION)")
    with reopen(under_review) as project:
        assert model_report(project)["m1"]["corrected"] == 1


def test_a_selection_over_a_suggestion_changes_its_boundaries(
        under_review: Path, open_window: Any, qtbot: Any) -> None:
    window = open_window(under_review)
    start = DOC_A.index("بریکس")
    select(window.article, start + 1, start + 3)  # inside «بریکس»: snaps to the word
    press(window, qtbot, Qt.Key.Key_2)
    after = stored(under_review)
    assert "اجلاس بریکس" not in after
    assert after["بریکس"] == ("EVENT", "model:m1", Review.ACCEPTED)
    with reopen(under_review) as project:
        assert model_report(project)["m1"]["corrected"] == 1


def test_accepting_a_suggestion_over_a_label_is_refused(under_review: Path,
                                                       open_window: Any,
                                                       qtbot: Any) -> None:
    window = open_window(under_review)
    press(window, qtbot, Qt.Key.Key_N, Qt.Key.Key_N)
    assert selected_text(window) == "در تهران"
    for key in (Qt.Key.Key_A, Qt.Key.Key_Return, Qt.Key.Key_3):
        press(window, qtbot, key)
        message = window.statusBar().currentMessage()
        assert "would overlap LOCATION «تهران»" in message, message
    assert stored(under_review)["در تهران"] == ("LOCATION", "model:m1", Review.PENDING)
    assert stored(under_review)["تهران"] == ("LOCATION", "human", None)
    assert not window.session.undo_stack.canUndo()
    # Rejecting it is fine.
    press(window, qtbot, Qt.Key.Key_X)
    assert stored(under_review)["در تهران"][2] == Review.REJECTED


def test_review_keys_type_into_the_search_field(under_review: Path, open_window: Any,
                                                qtbot: Any) -> None:
    window = open_window(under_review)
    search = window.documents.search
    search.setFocus()
    qtbot.keyClicks(search, "nax")
    assert search.text() == "nax"
    assert all(review == Review.PENDING for label, origin, review in stored(under_review).values()
               if origin != "human")


# -- undo and redo --------------------------------------------------------------------------


def test_undo_and_redo_of_accept_and_reject(under_review: Path, open_window: Any,
                                            qtbot: Any) -> None:
    window = open_window(under_review)
    ctrl = Qt.KeyboardModifier.ControlModifier
    redo = ctrl | Qt.KeyboardModifier.ShiftModifier
    press(window, qtbot, Qt.Key.Key_N, Qt.Key.Key_A)
    assert stored(under_review)["وزیر امور خارجه"][2] == Review.ACCEPTED
    qtbot.keyClick(window.article, Qt.Key.Key_Z, ctrl)
    assert stored(under_review)["وزیر امور خارجه"][2] == Review.PENDING
    with reopen(under_review) as project:  # the status change undone with it
        assert project.document(project.keys_to_ids()["a"], ANALYST).status == Status.NEW
    qtbot.keyClick(window.article, Qt.Key.Key_Z, redo)
    assert stored(under_review)["وزیر امور خارجه"][2] == Review.ACCEPTED

    caret_to(window.article, DOC_A.index("سوچی"))
    press(window, qtbot, Qt.Key.Key_N, Qt.Key.Key_X)
    assert stored(under_review)["سوچی"][2] == Review.REJECTED
    qtbot.keyClick(window.article, Qt.Key.Key_Z, ctrl)
    assert stored(under_review)["سوچی"][2] == Review.PENDING
    spans = {DOC_A[s.start:s.end]: s for s in window.session.document.spans}
    assert window.article.highlight_range(spans["سوچی"].id) is not None  # drawn again
    qtbot.keyClick(window.article, Qt.Key.Key_Z, redo)
    assert stored(under_review)["سوچی"][2] == Review.REJECTED


def test_bulk_accept_in_the_document_is_one_undo_step(under_review: Path, open_window: Any,
                                                      qtbot: Any) -> None:
    window = open_window(under_review)
    window.review.accept_above(0.5)
    after = stored(under_review)
    accepted = {t for t, (_, origin, review) in after.items() if review == Review.ACCEPTED}
    # «در تهران» (0.52) overlaps a label and stays; «هاوشینگ» (0.45) scores too little.
    assert accepted == {"وزیر امور خارجه", "دیدار", "اجلاس بریکس", "سوچی"}
    assert after["در تهران"][2] == Review.PENDING
    message = window.statusBar().currentMessage()
    assert "Accepted 4 suggestions scoring 0.50 or more" in message
    assert "1 left to review" in message
    assert window.menu_actions.undo.text() == "Undo: accept 4 suggestions scoring 0.50 or more"
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all(review == Review.PENDING for _, origin, review in stored(under_review).values()
               if origin != "human")
    window.menu_actions.redo.trigger()
    assert {t for t, (_, _, review) in stored(under_review).items()
            if review == Review.ACCEPTED} == accepted
    # One model only.
    window.menu_actions.undo.trigger()
    window.review.accept_above(0.5, model="m2")
    assert {t for t, (_, _, review) in stored(under_review).items()
            if review == Review.ACCEPTED} == {"دیدار"}


def test_bulk_accept_over_the_project_runs_off_the_gui_thread(
        under_review: Path, open_window: Any, qtbot: Any) -> None:
    suggest(under_review, "b", [("محمدعلی امانی", 0, "ACTOR", "m1", 0.99),
                                ("کازان", 0, "LOCATION", "m1", 0.3)])
    window = open_window(under_review)
    opened = window.session.document_id
    with qtbot.waitSignal(window.transfers.runner.finished, timeout=20_000):
        assert window.review.accept_above(0.9, whole_project=True)
    assert stored(under_review, "b")["محمدعلی امانی"][2] == Review.ACCEPTED
    assert stored(under_review, "b")["کازان"][2] == Review.PENDING
    assert stored(under_review, "a")["وزیر امور خارجه"][2] == Review.ACCEPTED
    assert stored(under_review, "a")["سوچی"][2] == Review.ACCEPTED
    assert window.session.document_id == opened  # nothing else opened
    shown = {DOC_A[s.start:s.end]: s.review for s in window.session.document.spans}
    assert shown["سوچی"] == Review.ACCEPTED  # the open document shows it
    assert window.session.undo_stack.count() == 1
    window.menu_actions.undo.trigger()
    assert stored(under_review, "b")["محمدعلی امانی"][2] == Review.PENDING
    assert stored(under_review, "a")["سوچی"][2] == Review.PENDING
    assert window.session.document_id == opened
    window.menu_actions.redo.trigger()
    assert stored(under_review, "b")["محمدعلی امانی"][2] == Review.ACCEPTED


def test_accept_above_dialog(under_review: Path, open_window: Any) -> None:
    from annotator.gui.review_dialogs import AcceptAboveChoice, AcceptAboveDialog
    from annotator.gui.suggestions import SuggestionFilter

    window = open_window(under_review)
    dialog = AcceptAboveDialog(window, ["m1", "m2"], SuggestionFilter("m2", 0.75))
    assert dialog.choice() == AcceptAboveChoice(0.75, "m2", False)
    dialog.score.setValue(0.8)
    dialog.model.setCurrentIndex(0)
    dialog.whole_project.setChecked(True)
    assert dialog.choice() == AcceptAboveChoice(0.8, None, True)
    nothing_open = AcceptAboveDialog(window, [], has_document=False)
    assert nothing_open.choice() == AcceptAboveChoice(0.9, None, True)
    assert not nothing_open.this_document.isEnabled()


# -- the filter -----------------------------------------------------------------------------


def test_filters_by_model_and_score_hide_suggestions_from_n(under_review: Path,
                                                            open_window: Any,
                                                            qtbot: Any) -> None:
    window = open_window(under_review)
    bar = window.review.filter_bar
    assert bar.count.text() == "6 to review"
    bar.model.setCurrentIndex(bar.model.findData("m2"))
    assert bar.count.text() == "1 to review (5 hidden)"
    for _ in range(3):
        press(window, qtbot, Qt.Key.Key_N)
        assert selected_text(window) == "دیدار"
    shown = {DOC_A[s.start:s.end]: s for s in window.session.document.spans}
    assert window.article.highlight_range(shown["سوچی"].id) is None
    assert window.span_list.span_model.row_of(shown["سوچی"].id) is None
    assert window.span_list.span_model.row_of(shown["تهران"].id) is not None  # labels stay

    bar.model.setCurrentIndex(0)  # all models
    bar.threshold.setValue(0.9)
    assert bar.count.text() == "2 to review (4 hidden)"
    seen = set()
    for _ in range(4):
        press(window, qtbot, Qt.Key.Key_N)
        seen.add(selected_text(window))
    assert seen == {"وزیر امور خارجه", "سوچی"}
    assert window.article.highlight_range(shown["دیدار"].id) is None
    assert window.article.highlight_range(shown["سوچی"].id) is not None

    bar.threshold.setValue(0.99)
    press(window, qtbot, Qt.Key.Key_N)
    assert "6 hidden by the filter" in window.statusBar().currentMessage()
    # Filters only change what is shown.
    assert all(review == Review.PENDING for _, origin, review in stored(under_review).values()
               if origin != "human")


# -- importing suggestions, the report -------------------------------------------------------


def test_import_suggestions_from_the_window(under_review: Path, open_window: Any,
                                            qtbot: Any, tmp_path: Path) -> None:
    from annotator.gui.review_dialogs import ImportSuggestionsDialog

    window = open_window(under_review)
    output = tmp_path / "m3-run.jsonl"
    start, end = at(DOC_A, "عباس عراقچی")
    output.write_text(json.dumps({"id": "a", "text": DOC_A, "spans": [
        {"start": start, "end": end, "label": "ACTOR", "score": 0.66}]},
        ensure_ascii=False) + "\n", encoding="utf-8")

    dialog = ImportSuggestionsDialog(window, ["m1", "m2"])
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.set_paths([output])
    assert dialog.choice() == ([output], "m3-run")
    assert ok.isEnabled()

    with qtbot.waitSignal(window.transfers.runner.finished, timeout=20_000):
        assert window.review.import_suggestions(*dialog.choice())
    assert stored(under_review)["عباس عراقچی"] == ("ACTOR", "model:m3-run", Review.PENDING)
    assert "Added 1 suggestions of m3-run" in window.statusBar().currentMessage()
    # Shown at once: in the article, the span list and the model filter.
    span = next(s for s in window.session.document.spans if s.origin == "model:m3-run")
    assert window.article.highlight_range(span.id) is not None
    assert window.review.filter_bar.model.findData("m3-run") > 0


def test_model_report_matches_the_project_file(make_project: Callable[..., Path],
                                               open_window: Any, qtbot: Any) -> None:
    """A hand-made case. In b (then done): «محمدعلی امانی» ACTOR accepted, «مراسم» EVENT
    rejected, «حزب موتلفه اسلامی» LOCATION corrected to ACTOR, «کازان» labelled by hand. In c
    (new): «نشست» EVENT pending.

    m1: accepted 1, corrected 1, rejected 1, pending 1; precision 1/3. Recall on b alone
    (done, nothing pending): final labels ACTOR امانی (proposed exactly), ACTOR حزب (not
    exactly), LOCATION کازان (not proposed): 1/3; ACTOR 1/2, LOCATION 0/1.
    """
    path = make_project([make_document("b", DOC_B, spans=[Span(*at(DOC_B, "کازان"),
                                                                "LOCATION")]),
                         make_document("c", DOC_C)])
    suggest(path, "b", [("محمدعلی امانی", 0, "ACTOR", "m1", 0.9),
                        ("مراسم", 0, "EVENT", "m1", 0.3),
                        ("حزب موتلفه اسلامی", 0, "LOCATION", "m1", 0.6)])
    suggest(path, "c", [("نشست", 0, "EVENT", "m1", 0.5)])
    window = open_window(path)
    press(window, qtbot, Qt.Key.Key_N, Qt.Key.Key_A, Qt.Key.Key_N, Qt.Key.Key_X,
          Qt.Key.Key_N, Qt.Key.Key_1)
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.key == "c"

    window.review.actions.model_report.trigger()
    dialog = window.review.report_dialog
    assert dialog is not None and dialog.isVisible()
    shown = dialog.figures()
    with reopen(path) as project:
        expected = project_stats(project)["models"]
    third = round(1 / 3, 4)
    m1 = shown["m1"]
    assert (m1["accepted"], m1["corrected"], m1["rejected"], m1["pending"]) == (1, 1, 1, 1)
    assert (m1["precision"], m1["recall"]) == (third, third)
    assert shown["m1"]["labels"]["ACTOR"]["precision"] == 1.0
    assert shown["m1"]["labels"]["ACTOR"]["recall"] == 0.5
    assert shown["m1"]["labels"]["LOCATION"]["corrected"] == 1
    assert shown["m1"]["labels"]["LOCATION"]["recall"] == 0.0
    assert shown["m1"]["labels"]["EVENT"]["rejected"] == 1
    assert shown["m1"]["labels"]["EVENT"]["pending"] == 1
    assert shown["m1"]["labels"]["EVENT"]["recall"] is None
    for model, entry in expected.items():
        for key, value in entry.items():
            if key != "labels":
                assert shown[model][key] == value, (model, key)
        for label, figures in entry["labels"].items():
            assert shown[model]["labels"][label] == figures, (model, label)
    # As it reads: percentages, a dash where there is nothing to measure.
    item = dialog.tree.topLevelItem(0)
    assert [item.text(c) for c in range(7)] == ["m1", "1", "1", "1", "1", "33.3%", "33.3%"]
    event = next(item.child(i) for i in range(item.childCount())
                 if item.child(i).text(0) == "EVENT")
    assert event.text(6) == "—"


def test_the_review_menu(under_review: Path, open_window: Any) -> None:
    window = open_window(under_review)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Review") == titles.index("&Document") + 1
    file_menu = window.menu_actions.menus["file"]
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("Import &Suggestions…") < texts.index("&Export…")
    review = window.review
    assert isinstance(review, Reviewer)
    keys = [k.toString() for k in review.actions.next.shortcuts()]
    assert keys[0] == "N" and "د" in keys
