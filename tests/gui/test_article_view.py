"""The article view: offsets across emoji and ZWNJ, right-to-left layout, hover, outline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QLocale, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextOption
from PySide6.QtWidgets import QToolTip

from annotator.core.model import Review, Span
from annotator.gui.article_view import span_tooltip
from tests.conftest import ANALYST
from tests.gui.conftest import LEFT, make_document, point_of, reopen, select, span_of

pytestmark = pytest.mark.gui

# Astral characters (two UTF-16 units each) and ZWNJ words before every span.
EMOJI_TEXT = ("😀 خبر فوری 🇮🇷: می‌گویند «عباس عراقچی» در 𝟚۰۲۵ به تهران رفت.\n"
              "کاربران 👍 نوشتند که دیدار با هاوشینگ در سوچی بود.")


def utf16(text: str, cp: int) -> int:
    """A code point offset in UTF-16 units, computed without the code under test."""
    return len(text[:cp].encode("utf-16-le")) // 2


def test_emoji_and_zwnj_before_a_span_both_ways(make_project: Any, open_window: Any,
                                                qtbot: Any) -> None:
    existing = span_of(EMOJI_TEXT, "هاوشینگ", "ACTOR")
    path = make_project([make_document("e", EMOJI_TEXT, spans=[existing])])
    window = open_window(path)
    view = window.article
    doc = window.session.document
    assert view.toPlainText() == EMOJI_TEXT  # the text is shown exactly as stored

    # Span to highlight: the stored code points land on the right UTF-16 units.
    shown = view.highlight_range(doc.spans[0].id)
    assert shown == (utf16(EMOJI_TEXT, existing.start), utf16(EMOJI_TEXT, existing.end))
    cursor = view.textCursor()
    cursor.setPosition(shown[0])
    cursor.setPosition(shown[1], cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "هاوشینگ"  # what Qt paints there

    # Selection to span: select in Qt's own units, label, read code points back.
    start = EMOJI_TEXT.index("عباس")
    end = EMOJI_TEXT.index("عراقچی") + len("عراقچی")
    cursor = view.textCursor()
    cursor.setPosition(utf16(EMOJI_TEXT, start))
    cursor.setPosition(utf16(EMOJI_TEXT, end), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_1)
    # The ZWNJ word after the emoji: double-click it and label it.
    word = EMOJI_TEXT.index("می‌گویند")
    qtbot.mouseDClick(view.viewport(), LEFT, pos=point_of(view, word + 2))
    assert view.selection() == (word, word + len("می‌گویند"))
    qtbot.keyClick(view, Qt.Key.Key_2)

    with reopen(path) as project:
        spans = project.document(doc.id, ANALYST).spans
    assert [(s.start, s.end, s.label) for s in spans] == [
        (word, word + len("می‌گویند"), "EVENT"),
        (start, end, "ACTOR"),
        (existing.start, existing.end, "ACTOR"),
    ]
    assert [EMOJI_TEXT[s.start:s.end] for s in spans] == ["می‌گویند", "عباس عراقچی", "هاوشینگ"]
    new = next(s for s in window.session.document.spans if s.start == start)
    assert view.highlight_range(new.id) == (utf16(EMOJI_TEXT, start), utf16(EMOJI_TEXT, end))


def test_token_at_caret_after_astral_characters(make_project: Any, open_window: Any,
                                                qtbot: Any) -> None:
    path = make_project([make_document("e", EMOJI_TEXT)])
    window = open_window(path)
    view = window.article
    at = EMOJI_TEXT.index("سوچی")
    cursor = view.textCursor()
    cursor.setPosition(utf16(EMOJI_TEXT, at + 1))
    view.setTextCursor(cursor)
    assert view.caret() == at + 1
    qtbot.keyClick(view, Qt.Key.Key_3)
    with reopen(path) as project:
        (span,) = project.document(window.session.document_id, ANALYST).spans
    assert EMOJI_TEXT[span.start:span.end] == "سوچی"


def test_article_is_right_to_left(three_documents: Path, open_window: Any) -> None:
    view = open_window(three_documents).article
    option = view.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    assert option.wrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    assert view.font().family() == "Vazirmatn"
    # The caret at the start of a Persian line sits at its right edge.
    assert view.cursorRect().x() > view.viewport().width() // 2


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hover_shows_the_label(make_project: Any, open_window: Any, qtbot: Any) -> None:
    text = "دیدار با هاوشینگ در سوچی بود."
    path = make_project([make_document("h", text, spans=[span_of(text, "سوچی", "LOCATION")])])
    view = open_window(path).article
    pos = point_of(view, text.index("سوچی") + 1)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    view.viewportEvent(event)
    assert QToolTip.text() == "LOCATION «سوچی»"
    away = point_of(view, text.index("دیدار") + 1)
    assert view._span_at_point(away) is None
    assert view._span_at_point(pos).label == "LOCATION"


def test_tooltip_of_a_suggestion() -> None:
    span = Span(0, 4, "ACTOR", origin="model:parsbert", score=0.91, review=Review.PENDING)
    assert span_tooltip(span, "عباس") == "ACTOR «عباس» — model parsbert, 0.91"
    accepted = span.with_(review=Review.ACCEPTED, score=None)
    assert span_tooltip(accepted, "عباس") == "ACTOR «عباس» — model parsbert (accepted)"
    persian = QLocale(QLocale.Language.Persian, QLocale.Country.Iran)
    assert span_tooltip(span, "عباس", persian).endswith("۰٫۹۱")


def test_selected_span_is_outlined(make_project: Any, open_window: Any, qtbot: Any) -> None:
    text = "دیدار با هاوشینگ در سوچی بود."
    path = make_project([make_document("h", text, spans=[span_of(text, "سوچی", "LOCATION")])])
    view = open_window(path).article
    span = view.current.spans[0]
    before = view.viewport().grab().toImage()
    view.select_span(span)
    assert view.selected_span == span
    rects = view._range_rects(span.start, span.end)
    assert len(rects) == 1
    after = view.viewport().grab().toImage()
    edge = rects[0].adjusted(-1.5, 0.5, 1.5, -0.5).topLeft().toPoint() + QPoint(2, 0)
    assert after.pixelColor(edge) != before.pixelColor(edge)


def test_edits_rebuild_only_the_spans_that_changed(make_project: Any, open_window: Any,
                                                   qtbot: Any) -> None:
    text = " ".join(f"واژه{i}" for i in range(300))
    spans = [Span(text.index(f"واژه{i} "), text.index(f"واژه{i} ") + len(f"واژه{i}"), "EVENT")
             for i in range(0, 200, 2)]
    path = make_project([make_document("many", text, spans=spans)])
    view = open_window(path).article
    kept = {i: sel for i, (_, sel) in view._selections.items()}
    select(view, text.index("واژه1 "), text.index("واژه1 ") + 5)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert len(view._selections) == 101
    unchanged = [i for i, (_, sel) in view._selections.items() if kept.get(i) is sel]
    assert len(unchanged) == 100


def test_spans_far_down_are_highlighted_once_scrolled_to(make_project: Any, open_window: Any,
                                                         qtbot: Any) -> None:
    from annotator.gui.article_view import COVER

    words = [f"واژه{i}" for i in range(3000)]
    text = " ".join(words)
    assert len(text) > 3 * COVER
    last = text.rindex("واژه2999")
    spans = [Span(0, len("واژه0"), "ACTOR"), Span(last, last + len("واژه2999"), "LOCATION")]
    path = make_project([make_document("long", text, spans=spans)])
    view = open_window(path).article
    first_id, last_id = (s.id for s in view.current.spans)
    assert view.highlight_range(first_id) is not None
    assert view.highlight_range(last_id) is None  # far off screen: not made yet
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert view.highlight_range(last_id) == (last, last + len("واژه2999"))
    view.select_span(view.current.spans[0])  # jumping back covers the start again
    assert view.highlight_range(first_id) is not None
