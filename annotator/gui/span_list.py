"""The open document's spans: label (with its colour), text, origin and score; a click jumps
to one.

A suggestion's origin reads ``m1 (pending)``; rejected suggestions stay in the list, greyed
and struck through (the article does not draw them), and suggestions the review filter hides
are left out, as in the article.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.core.model import Document, Label, Review, Span, in_text_order
from annotator.gui.document_list import BidiDelegate
from annotator.gui.label_names import shown_label
from annotator.gui.suggestions import SuggestionFilter, score_text

LABEL, TEXT, ORIGIN, SCORE = range(4)
SPAN_ROLE = Qt.ItemDataRole.UserRole + 1
# Looked up once: Qt asks for every role of every visible cell on each repaint (one per edit),
# and reading them off the enum each time costs more than the answers.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_FONT = Qt.ItemDataRole.FontRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_CENTER = Qt.AlignmentFlag.AlignCenter
_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
          | Qt.ItemFlag.ItemNeverHasChildren)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_GREY = QColor("#9e9e9e")


def review_text(review: Review) -> str:
    return {
        Review.PENDING: QCoreApplication.translate("SpanList", "pending"),
        Review.ACCEPTED: QCoreApplication.translate("SpanList", "accepted"),
        Review.REJECTED: QCoreApplication.translate("SpanList", "rejected"),
    }[review]


def origin_text(span: Span) -> str:
    """``human``, or the model's name and what became of its suggestion: ``m1 (pending)``."""
    if not span.is_suggestion:
        return QCoreApplication.translate("SpanList", "human")
    name = span.model or ""
    return f"{name} ({review_text(span.review)})" if span.review else name


_ROOT = QModelIndex()


class SpanListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._spans: list[Span] = []
        self._doc_id: int | None = None
        self._text = ""
        self._colors: dict[str, QColor] = {}
        self._filter = SuggestionFilter()

    def set_labels(self, labels: list[Label]) -> None:
        self._colors = {lab.name: QColor(lab.color) for lab in labels}
        if self._spans:
            self.dataChanged.emit(self.index(0, LABEL), self.index(len(self._spans) - 1, LABEL))

    def set_filter(self, flt: SuggestionFilter) -> None:
        self._filter = flt

    def set_document(self, doc: Document | None) -> None:
        """Show ``doc``'s spans. After an edit of the same document only the rows that
        changed are announced (one inserted, one removed, or some changed), so the view
        repaints a row, not the whole list."""
        spans = [s for s in doc.spans if not self._filter.hides(s)] if doc else []
        spans.sort(key=in_text_order)
        doc_id = doc.id if doc is not None else None
        if doc_id is not None and doc_id == self._doc_id and self._update_rows(spans):
            return
        self.beginResetModel()
        self._doc_id = doc_id
        self._text = doc.text if doc is not None else ""
        self._spans = spans
        self.endResetModel()

    def _update_rows(self, spans: list[Span]) -> bool:
        old = [s.id for s in self._spans]
        new = [s.id for s in spans]
        if len(new) == len(old) + 1:
            row = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                       len(old))
            if new[:row] + new[row + 1:] != old:
                return False
            self.beginInsertRows(_ROOT, row, row)
            self._spans = spans
            self.endInsertRows()
            return True
        if len(new) == len(old) - 1:
            row = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                       len(new))
            if old[:row] + old[row + 1:] != new:
                return False
            self.beginRemoveRows(_ROOT, row, row)
            self._spans = spans
            self.endRemoveRows()
            return True
        if new != old:
            return False
        changed = [i for i, (a, b) in enumerate(zip(self._spans, spans, strict=True)) if a != b]
        self._spans = spans
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0),
                                  self.index(changed[-1], self.columnCount() - 1))
        return True

    def span_at(self, row: int) -> Span | None:
        return self._spans[row] if 0 <= row < len(self._spans) else None

    def row_of(self, span_id: int | None) -> int | None:
        for row, span in enumerate(self._spans):
            if span.id == span_id:
                return row
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (QCoreApplication.translate("SpanList", "Label"),
                 QCoreApplication.translate("SpanList", "Text"),
                 QCoreApplication.translate("SpanList", "Origin"),
                 QCoreApplication.translate("SpanList", "Score"))
        return names[section] if 0 <= section < len(names) else None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not 0 <= row < len(self._spans) or not index.isValid():
            return None
        span = self._spans[row]
        column = index.column()
        if role == _DISPLAY:
            if column == LABEL:
                return shown_label(span.label)
            if column == TEXT:
                return self._text[span.start:span.end].replace("\n", " ")
            if column == ORIGIN:
                return origin_text(span)
            return score_text(span.score)
        if role == _DECORATION:
            return self._colors.get(span.label, _GREY) if column == LABEL else None
        if role == _TOOLTIP:
            if column == TEXT:
                return f"{span.start}..{span.end}"
            if column in (ORIGIN, SCORE) and span.is_suggestion:
                return span.origin
            return None
        if role == _ALIGNMENT:
            return _CENTER if column == SCORE else None
        if span.review is None:
            return span if role == SPAN_ROLE else None
        if span.review == Review.REJECTED:
            if role == _FONT:
                font = QFont()
                font.setStrikeOut(True)
                return font
            if role == _FOREGROUND:
                return QPalette().color(QPalette.ColorGroup.Disabled,
                                        QPalette.ColorRole.Text)
        elif span.review == Review.PENDING and role == _FONT:
            font = QFont()
            font.setItalic(True)
            return font
        if role == SPAN_ROLE:
            return span
        return None


class SpanListView(QTableView):
    """Click (or move to) a span to show it in the article."""

    spanActivated = Signal(object)  # Span

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spanList")
        self.span_model = SpanListModel(self)
        self.setModel(self.span_model)
        # Only the text column mixes scripts; the others are label and model names, and a
        # Python delegate on every cell would cost each repaint (one per edit) a lot more.
        self.setItemDelegateForColumn(TEXT, BidiDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        # Widths from the font, never ResizeToContents: that would read every row of a
        # thousand-span document on each edit.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._models: list[str] = []
        self.set_column_widths(["LOCATION"])
        self._quiet = False
        self.clicked.connect(self._activated)
        self.activated.connect(self._activated)

    def set_column_widths(self, label_names: list[str]) -> None:
        metrics = self.fontMetrics()
        pad = metrics.horizontalAdvance("M") * 2
        swatch = self.iconSize().width() if self.iconSize().width() > 0 else 16
        widest = max([metrics.horizontalAdvance(n) for n in label_names]
                     + [metrics.horizontalAdvance(str(self.span_model.headerData(
                         LABEL, Qt.Orientation.Horizontal)))])
        self.setColumnWidth(LABEL, widest + swatch + pad)
        examples = [origin_text(Span(0, 1, "X")),
                    *(origin_text(Span(0, 1, "X", origin=f"model:{name}", review=review))
                      for name in self._models[:20] for review in Review)]
        origin = max(metrics.horizontalAdvance(t) for t in (
            *examples, str(self.span_model.headerData(ORIGIN, Qt.Orientation.Horizontal))))
        self.setColumnWidth(ORIGIN, origin + pad)
        score = max(metrics.horizontalAdvance(t) for t in (
            score_text(0.88), str(self.span_model.headerData(SCORE, Qt.Orientation.Horizontal))))
        self.setColumnWidth(SCORE, score + pad)
        self._label_names = label_names

    def set_models(self, models: list[str]) -> None:
        """The models of the project, so the origin column fits their names."""
        if models != self._models:
            self._models = list(models)
            self.set_column_widths(self._label_names)

    def set_suggestion_filter(self, flt: SuggestionFilter, doc: Document | None) -> None:
        self.span_model.set_filter(flt)
        self.set_document(doc)

    def set_document(self, doc: Document | None) -> None:
        self._quiet = True
        try:
            self.span_model.set_document(doc)
        finally:
            self._quiet = False

    def show_selected(self, span: Span | None) -> None:
        """Follow the article's selected span without announcing it back."""
        row = self.span_model.row_of(span.id) if span is not None else None
        self._quiet = True
        try:
            if row is None:
                self.clearSelection()
            else:
                index = self.span_model.index(row, LABEL)
                self.setCurrentIndex(index)
                self.scrollTo(index)
        finally:
            self._quiet = False

    def _activated(self, index: QModelIndex) -> None:
        if self._quiet:
            return
        span = self.span_model.span_at(index.row())
        if span is not None:
            self.spanActivated.emit(span)
