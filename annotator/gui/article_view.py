"""The article: Persian text right to left, spans painted behind it, never split.

The text is set once per document and never altered: spans are ``ExtraSelection``
backgrounds (so letter joining, ZWNJ and digits stay exactly as stored) and the selected span
gets an outline painted over them. Qt speaks UTF-16 units, the rest of the program code points;
this view converts at its edge, with :class:`~annotator.core.offsets.Utf16Map`, both ways.

Labels (human spans and accepted suggestions) have a solid background in their label's
colour. A pending suggestion has a light wash of that colour and a dashed outline in a darker
shade, so it reads as a proposal even where it lies over a label. Rejected suggestions are not
drawn (they stay in the span list, struck through), nor are suggestions the review filter
hides (another model, or a score under the threshold).

Events are drawn over that: every trigger that has an event gets a thin underline in a darker
shade of its colour, and the open frame (:mod:`annotator.gui.events`) its own marks in one
colour: the trigger outlined and tagged with the event's type, each argument underlined and
tagged with its role. Only the spans on screen are painted.

Highlights are made only for the spans on and near the screen (``COVER`` code points either
side), extended as the view scrolls, and edits keep them incremental: only the spans that
changed get a new selection. So opening or labelling an article with a thousand spans costs
what the screen shows, not the whole article.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.core.events import Event, Role
from annotator.core.model import Document, Label, Review, Span, in_text_order
from annotator.core.offsets import Utf16Map
from annotator.core.tokens import TokenIndex
from annotator.gui.label_names import shown_label
from annotator.gui.suggestions import SuggestionFilter, score_text

FONT_FAMILY = "Vazirmatn"
OUTLINE = QColor("#1d3557")
FRAME = QColor("#6a4c93")  # the open frame's marks (the event panel uses the same)
TAG_TEXT = QColor("#ffffff")
ISOLATE, POP = "\u2068", "\u2069"  # first-strong isolate: a Latin name in Persian
_FALLBACK_COLOR = "#9e9e9e"
SUGGESTION_ALPHA = 70  # of 255: the light wash of a pending suggestion
COVER = 4000  # code points either side of the screen whose spans are highlighted ahead
SEARCH_HIT = QColor("#fff1a8")
SEARCH_UNDERLINE = QColor("#c1121f")
SEARCH_HITS_SHOWN = 500


def span_tooltip(span: Span, text: str, locale: QLocale | None = None) -> str:
    """``ACTOR «عباس عراقچی»``; a suggestion adds its model and score:
    ``ACTOR «عباس عراقچی» — model m1, 0.87``, and what became of it once decided."""
    shown = f"{shown_label(span.label)} «{text[span.start:span.end]}»"
    if not span.is_suggestion:
        return shown
    translate = QCoreApplication.translate
    if span.score is not None:
        shown = translate("ArticleView", "{span} — model {model}, {score}").format(
            span=shown, model=span.model, score=score_text(span.score, locale))
    else:
        shown = translate("ArticleView", "{span} — model {model}").format(
            span=shown, model=span.model)
    decided = {
        Review.ACCEPTED: translate("ArticleView", "accepted"),
        Review.REJECTED: translate("ArticleView", "rejected"),
    }.get(span.review) if span.review else None
    return f"{shown} ({decided})" if decided else shown


def _x(line: QTextLine, position: int) -> float:
    found: Any = line.cursorToX(position)  # PySide returns (x, position)
    return float(found[0])


def _signature(span: Span) -> tuple[object, ...]:
    return (span.start, span.end, span.label, span.review)



class ArticleView(QPlainTextEdit):
    """A read-only, selectable, right-to-left view of one document with its spans."""

    selectedSpanChanged = Signal(object)  # Span | None
    fontSizeChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("article")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCursorWidth(2)
        self.setUndoRedoEnabled(False)
        self.setMouseTracking(True)
        self._apply_text_option()
        self._document: Document | None = None
        self._map = Utf16Map("")
        self._tokens = TokenIndex(())
        self._colors: dict[str, QColor] = {}
        self._ordered: list[Span] = []
        self._starts: list[int] = []
        self._selections: dict[int, tuple[tuple[object, ...], QTextEdit.ExtraSelection]] = {}
        self._selected: Span | None = None
        self._search_hits: list[QTextEdit.ExtraSelection] = []  # under the spans
        self._pinned: int | None = None  # a span chosen by N or the span list, by id
        self._filter = SuggestionFilter()
        self._context_actions: list[QAction] = []
        self._font_size = 15
        self.set_font_size(self._font_size)
        self._covered = (0, 0)  # code points whose spans have a selection
        self._triggers: list[Span] = []  # of events, in text order
        self._frame: Event | None = None  # the open frame
        self._frame_type = ""
        self._role_names: dict[Role, str] = {role: role.value for role in Role}
        # Other analysts' labels (when the project shows them): lines under the text.
        self._others: list[Span] = []
        self._other_starts: list[int] = []
        self._other_rows: dict[str, int] = {}  # analyst: their row of lines
        self.cursorPositionChanged.connect(self._update_selected_span)
        self.selectionChanged.connect(self._update_selected_span)
        self.verticalScrollBar().valueChanged.connect(self._cover_screen)

    def _apply_text_option(self) -> None:
        option = QTextOption(self.document().defaultTextOption())
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.document().setDocumentMargin(12)

    # -- what is shown ---------------------------------------------------------------------

    @property
    def current(self) -> Document | None:
        return self._document

    def set_labels(self, labels: Iterable[Label]) -> None:
        self._colors = {lab.name: QColor(lab.color) for lab in labels}
        self._selections.clear()
        if self._document is not None:
            self.set_spans(self._document.spans)

    def set_role_names(self, names: dict[Role, str]) -> None:
        """The roles' names in the interface language, for the open frame's tags."""
        self._role_names = dict(names)

    def set_events(self, events: Sequence[Event], frame: Event | None = None,
                   frame_type: str = "") -> None:
        """The document's events (their triggers are marked) and the open frame (drawn with
        its roles; ``frame_type`` is the type as the interface names it). Whoever shows a
        document sets its events too (:class:`annotator.gui.events.EventEditor`)."""
        triggers = sorted((e.trigger for e in events), key=in_text_order)
        if (triggers, frame, frame_type) == (self._triggers, self._frame, self._frame_type):
            return
        self._triggers, self._frame, self._frame_type = triggers, frame, frame_type
        self.viewport().update()

    @property
    def frame(self) -> Event | None:
        return self._frame

    def set_context_actions(self, actions: Sequence[QAction]) -> None:
        self._context_actions = list(actions)

    @property
    def suggestion_filter(self) -> SuggestionFilter:
        return self._filter

    def set_suggestion_filter(self, flt: SuggestionFilter) -> None:
        """Show only the pending suggestions ``flt`` lets through."""
        if flt == self._filter:
            return
        self._filter = flt
        if self._document is not None:
            self.set_spans(self._document.spans)

    def shows(self, span: Span) -> bool:
        """Whether a span is drawn: labels always, pending suggestions the filter lets
        through, rejected suggestions never."""
        if span.review == Review.REJECTED:
            return False
        return span.review != Review.PENDING or self._filter.passes(span)

    def show_document(self, doc: Document | None) -> None:
        """Show ``doc`` with the caret at its start (the right edge)."""
        self._document = doc
        self._selections.clear()
        self._selected = None
        self._search_hits = []
        self._pinned = None
        self.setExtraSelections([])
        text = doc.text if doc is not None else ""
        self._map = Utf16Map(text)
        self._tokens = TokenIndex(doc.tokens if doc is not None else (),
                                  doc.sentences if doc is not None else ())
        self.setPlainText(text)
        self._apply_text_option()
        self._covered = (0, 2 * COVER)  # the caret goes to the start
        self.set_spans(doc.spans if doc is not None else [])
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._update_selected_span()

    def set_others(self, spans: Sequence[Span]) -> None:
        """Other analysts' labels: each a line under the text in its label's colour, one row
        of lines per analyst (in name order, the first nearest the text); the tooltip says
        whose."""
        self._others = sorted(spans, key=in_text_order)
        self._other_starts = [s.start for s in self._others]
        self._other_rows = {name: n for n, name in
                            enumerate(sorted({s.annotator or "" for s in spans}))}
        self.viewport().update()

    def others_at(self, cp: int) -> list[Span]:
        """The other analysts' labels holding code point ``cp``."""
        hi = bisect_right(self._other_starts, cp)
        lo = max(0, hi - 4 * max(1, len(self._other_rows)))  # each analyst's never overlap
        return [s for s in self._others[lo:hi] if s.start <= cp < s.end]

    def set_spans(self, spans: Sequence[Span]) -> None:
        """Show these spans; only those that changed since the last call are rebuilt."""
        if self._document is not None:
            self._document.spans = list(spans)
        shown = [s for s in spans if s.id is not None and self.shows(s)]
        self._ordered = sorted(shown, key=in_text_order)
        self._starts = [s.start for s in self._ordered]
        self._highlight()
        self._update_selected_span()

    def _highlight(self) -> None:
        """Selections for the shown spans in the covered stretch, rebuilding only changes."""
        lo, hi = self._covered
        wanted = {s.id: s for s in self._ordered[:bisect_right(self._starts, hi)]
                  if s.end > lo and s.id is not None}
        for stale in [i for i in self._selections if i not in wanted]:
            del self._selections[stale]
        for span_id, span in wanted.items():
            cached = self._selections.get(span_id)
            if cached is None or cached[0] != _signature(span):
                self._selections[span_id] = (_signature(span), self._make_selection(span))
        self.setExtraSelections([*self._search_hits,
                                  *(sel for _, sel in self._selections.values())])

    def set_search_hits(self, hits: Sequence[tuple[int, int]]) -> None:
        """Mark where the list's text search found its words (code points): underlined in
        red on a pale yellow, which a span's colour covers."""
        self._search_hits = []
        for start, end in hits[:SEARCH_HITS_SHOWN]:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_utf16(start))
            cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(SEARCH_HIT)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(SEARCH_UNDERLINE)
            selection.format = fmt
            self._search_hits.append(selection)
        self._highlight()

    def _cover_screen(self) -> None:
        """Extend the highlighted stretch when the screen leaves it."""
        start, end = self._visible_range()
        lo, hi = self._covered
        if lo <= start and end <= hi:
            return
        self._covered = (max(0, start - COVER), end + COVER)
        self._highlight()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._cover_screen()

    def _make_selection(self, span: Span) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(span.start))
        cursor.setPosition(self._map.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        color = self._color(span)
        if span.review == Review.PENDING:
            color.setAlpha(SUGGESTION_ALPHA)  # the outline is painted (see paintEvent)
        fmt.setBackground(color)
        fmt.setProperty(QTextFormat.Property.UserProperty, span.id)
        selection.format = fmt
        return selection

    def _color(self, span: Span) -> QColor:
        return QColor(self._colors.get(span.label, QColor(_FALLBACK_COLOR)))

    def set_font_size(self, size: int) -> None:
        self._font_size = size
        font = QFont(self.font())
        font.setFamilies([FONT_FAMILY])
        font.setPointSize(size)
        self.setFont(font)
        self.fontSizeChanged.emit(size)

    @property
    def font_size(self) -> int:
        return self._font_size

    # -- positions: code points outside, UTF-16 inside -------------------------------------

    def to_utf16(self, cp: int) -> int:
        return self._map.to_utf16(cp)

    def to_codepoint(self, unit: int) -> int:
        return self._map.to_codepoint(unit)

    def caret(self) -> int:
        """The caret, in code points."""
        return self._map.to_codepoint(self.textCursor().position())

    def selection(self) -> tuple[int, int] | None:
        """The selected stretch in code points, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._map.to_codepoint(cursor.selectionStart())
        end = self._map.to_codepoint(cursor.selectionEnd())
        if self._map.is_inside_pair(cursor.selectionEnd()):
            end += 1
        return (start, end) if end > start else None

    def snapped(self, start: int, end: int) -> tuple[int, int]:
        if len(self._tokens):
            return self._tokens.snap(start, end)
        return start, end

    def has_token_in(self, start: int, end: int) -> bool:
        return not len(self._tokens) or len(self._tokens.tokens_in(start, end)) > 0

    def token_at(self, cp: int) -> tuple[int, int] | None:
        i = self._tokens.token_at(cp)
        return self._tokens.token(i) if i is not None else None

    def target(self) -> tuple[int, int] | None:
        """What a label key labels: the selection snapped outward, or the token at the caret."""
        selected = self.selection()
        if selected is not None:
            start, end = self.snapped(*selected)
            return (start, end) if self.has_token_in(start, end) else None
        return self.token_at(self.caret())

    def select_range(self, start: int, end: int, *, reverse: bool = False) -> None:
        """Select code points ``start..end`` (the caret at the end, or the start if reverse)."""
        cursor = QTextCursor(self.document())
        a, b = self._map.to_utf16(start), self._map.to_utf16(end)
        if reverse:
            a, b = b, a
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def place_caret(self, cp: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(cp))
        self.setTextCursor(cursor)

    def highlight_range(self, span_id: int) -> tuple[int, int] | None:
        """The UTF-16 stretch painted for a span (what the tests check against Qt)."""
        cached = self._selections.get(span_id)
        if cached is None:
            return None
        cursor = cached[1].cursor
        return cursor.selectionStart(), cursor.selectionEnd()

    # -- spans under the caret or the mouse ------------------------------------------------

    def spans_at(self, cp: int) -> list[Span]:
        """Shown spans containing code point ``cp`` (``start <= cp < end``)."""
        i = bisect_right(self._starts, cp) - 1
        found: list[Span] = []
        # Labels never overlap; suggestions may, so look back a few spans.
        for span in self._ordered[max(0, i - 8): i + 1]:
            if span.start <= cp < span.end:
                found.append(span)
        found.sort(key=lambda s: (not s.is_label, s.start))
        return found

    def suggestions_in(self, start: int, end: int) -> list[Span]:
        """Shown pending suggestions overlapping code points ``start..end``."""
        lo = max(0, bisect_right(self._starts, start) - 16)  # suggestions are short
        hi = bisect_right(self._starts, end)
        return [s for s in self._ordered[lo:hi]
                if s.review == Review.PENDING and s.overlaps(start, end)]

    def span_at_caret(self) -> Span | None:
        """The selected span: the one the selection covers exactly, or the one at the caret
        (the span N or the span list chose, while the caret stays in it)."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            selected = self.selection()
            if selected is None:
                return None
            start, end = self.snapped(*selected)
            return next((s for s in self.spans_at(start) if (s.start, s.end) == (start, end)),
                        None)
        cp = self.caret()
        here = self.spans_at(cp)
        pinned = next((s for s in here if s.id == self._pinned), None)
        if pinned is not None:
            return pinned
        if here:
            return here[0]
        # The caret just after a span's last letter still means that span.
        before = self.spans_at(cp - 1) if cp > 0 else []
        return before[0] if before else None

    @property
    def selected_span(self) -> Span | None:
        return self._selected

    @property
    def chosen(self) -> bool:
        """Whether the selected span was chosen (by N or the span list), not just found at
        the caret."""
        return self._selected is not None and self._selected.id == self._pinned

    def _update_selected_span(self) -> None:
        span = self.span_at_caret()
        if span == self._selected:
            return
        self._selected = span
        self.viewport().update()
        self.selectedSpanChanged.emit(span)

    def select_span(self, span: Span) -> None:
        """Put the caret inside ``span`` and select it (even where a suggestion lies over a
        label), and scroll to it."""
        self._pinned = span.id
        self.place_caret(span.start)
        self.ensureCursorVisible()
        self._update_selected_span()

    def _span_at_point(self, pos: QPoint) -> Span | None:
        cursor = self.cursorForPosition(pos)
        cp = self._map.to_codepoint(cursor.position())
        for candidate in (cp, cp - 1):
            for span in self.spans_at(candidate):
                if any(r.contains(pos.toPointF()) for r in self._range_rects(span.start,
                                                                                 span.end)):
                    return span
        return None

    def _others_at_point(self, pos: QPoint) -> list[Span]:
        if not self._others:
            return []
        cp = self._map.to_codepoint(self.cursorForPosition(pos).position())
        return [s for s in {*self.others_at(cp), *self.others_at(cp - 1)}
                if any(r.contains(pos.toPointF()) for r in self._range_rects(s.start, s.end))]

    # -- mouse -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pinned = None  # a click chooses by position again
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        cursor = self.textCursor()
        if cursor.hasSelection():
            selected = self.selection()
            if selected is not None:
                start, end = self.snapped(*selected)
                if (start, end) != selected:
                    self.select_range(start, end,
                                      reverse=cursor.position() < cursor.anchor())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Select the stored token under the mouse: no «», punctuation or bidi marks."""
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        cp = self._map.to_codepoint(self.cursorForPosition(event.position().toPoint())
                                    .position())
        token = self.token_at(cp)
        if token is None:
            return
        self.select_range(*token)
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._document is not None:
            assert isinstance(event, QHelpEvent)
            span = self._span_at_point(event.pos())
            others = self._others_at_point(event.pos())
            if span is not None or others:
                text = self._document.text
                lines = [span_tooltip(span, text)] if span is not None else []
                lines += [f"{ISOLATE}{s.annotator}{POP}: {span_tooltip(s, text)}"
                          for s in others]
                QToolTip.showText(event.globalPos(), "\n".join(lines), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self._context_actions:
            existing = menu.actions()
            if existing:
                for action in self._context_actions:
                    menu.insertAction(existing[0], action)
                menu.insertSeparator(existing[0])
            else:
                menu.addActions(self._context_actions)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- painting --------------------------------------------------------------------------

    def _range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering code points ``start..end``, one per line touched."""
        first, last = self._map.to_utf16(start), self._map.to_utf16(end)
        rects: list[QRectF] = []
        offset = self.contentOffset()
        block = self.document().findBlock(first)
        while block.isValid() and block.position() < last:
            layout = block.layout()
            if block.isVisible() and layout is not None and layout.lineCount():
                top_left = self.blockBoundingGeometry(block).translated(offset).topLeft()
                base = block.position()
                a, b = max(first, base) - base, min(last, base + block.length() - 1) - base
                for n in range(layout.lineCount()):
                    line = layout.lineAt(n)
                    lo = max(a, line.textStart())
                    hi = min(b, line.textStart() + line.textLength())
                    if lo >= hi:
                        continue
                    xs = [_x(line, k) for k in range(lo, hi + 1)]
                    rect = QRectF(min(xs), line.y(), max(xs) - min(xs), line.height())
                    rects.append(rect.translated(top_left))
            block = block.next()
        return rects

    def _visible_range(self) -> tuple[int, int]:
        """The code points on screen, from the lines at the viewport's corners (a paragraph
        may be longer than the screen, so whole blocks would be too coarse)."""
        if self._document is None:
            return 0, 0
        rect = self.viewport().rect()
        units = [self.cursorForPosition(corner).position()
                 for corner in (rect.topLeft(), rect.topRight(), rect.bottomLeft(),
                                rect.bottomRight())]
        return self._map.to_codepoint(min(units)), self._map.to_codepoint(max(units)) + 1

    def _visible_suggestions(self) -> list[Span]:
        start, end = self._visible_range()
        return [s for s in self.suggestions_in(start, end) if s.end > start]

    def _visible_others(self) -> list[Span]:
        if not self._others:
            return []
        start, end = self._visible_range()
        lo = max(0, bisect_right(self._other_starts, start) - 4 * len(self._other_rows))
        hi = bisect_right(self._other_starts, end)
        return [s for s in self._others[lo:hi] if s.end > start]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        suggestions = self._visible_suggestions()
        others = self._visible_others()
        if (self._selected is None and not suggestions and not others
                and not self._triggers):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        tags = self._paint_events(painter) if self._triggers else []
        for span in others:
            pen = QPen(self._color(span).darker(130))
            pen.setWidthF(2.0)
            painter.setPen(pen)
            drop = 1.5 + 3.0 * self._other_rows[span.annotator or ""]
            for rect in self._range_rects(span.start, span.end):
                y = rect.bottom() - drop
                painter.drawLine(QPointF(rect.left() + 1, y), QPointF(rect.right() - 1, y))
        for span in suggestions:
            pen = QPen(self._color(span).darker(165))
            pen.setWidthF(1.5)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for rect in self._range_rects(span.start, span.end):
                painter.drawRoundedRect(rect.adjusted(-1.0, 1.5, 1.0, -1.5), 3, 3)
        rects = (self._range_rects(self._selected.start, self._selected.end)
                 if self._selected is not None else [])
        pen = QPen(OUTLINE)
        pen.setWidthF(2.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, -0.5), 3, 3)
        if tags:
            self._paint_tags(painter, tags)  # over everything, the selection's outline too
        painter.end()

    def _paint_events(self, painter: QPainter) -> list[tuple[QRectF, str]]:
        """The triggers of events on screen underlined; the open frame's spans marked (the
        trigger outlined, the arguments underlined). Returns the tags to paint on them: the
        event's type on the trigger, their role on the arguments."""
        start, end = self._visible_range()
        frame = self._frame
        framed = {frame.trigger.id} if frame is not None else set()
        lo = max(0, bisect_right([t.start for t in self._triggers], start) - 1)
        for trigger in self._triggers[lo:]:
            if trigger.start >= end:
                break
            if trigger.end <= start or trigger.id in framed:
                continue
            pen = QPen(self._color(trigger).darker(170))
            pen.setWidthF(1.5)
            painter.setPen(pen)
            for rect in self._range_rects(trigger.start, trigger.end):
                y = rect.bottom() - 2.0
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if frame is None:
            return []
        pen = QPen(FRAME)
        pen.setWidthF(2.5)
        painter.setPen(pen)
        marks: list[tuple[Span, str]] = [(frame.trigger, self._frame_type or frame.type)]
        marks += [(a.span, self._role_names.get(a.role, a.role.value))
                  for a in frame.ordered_arguments()]
        tags: list[tuple[QRectF, str]] = []
        for n, (span, tag) in enumerate(marks):
            if span.end <= start or span.start >= end:
                continue
            rects = self._range_rects(span.start, span.end)
            if not rects:
                continue
            for rect in rects:
                if n == 0:
                    painter.drawRoundedRect(rect.adjusted(-2.5, -0.5, 2.5, 0.5), 4, 4)
                else:
                    y = rect.bottom() - 1.5
                    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            tags.append((rects[0], tag))
        return tags

    def _paint_tags(self, painter: QPainter, tags: list[tuple[QRectF, str]]) -> None:
        """Small labels on the top edge of a span's first line, at the end where it starts
        (the right: the text runs right to left)."""
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, self.font().pointSizeF() * 0.6))
        font.setBold(True)
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        height = metrics.height()
        for rect, tag in tags:
            width = metrics.horizontalAdvance(tag) + 10
            box = QRectF(rect.right() - width + 3, rect.top() - height * 0.55, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(FRAME)
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(TAG_TEXT)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, tag)
