"""The document list: a table model over the project file's paged queries, and its panel.

The model never copies the project: it holds the rows fetched so far and fetches the next
page when the view scrolls to it (``canFetchMore``/``fetchMore``), so a project of forty
thousand articles opens as fast as one of ten.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Label, Status
from annotator.gui.label_names import shown_label
from annotator.gui.undo import status_name
from annotator.storage import DocumentFilter, DocumentRow, Project
from annotator.text.dates import jalali, jalali_display

PAGE = 200
TITLE, DATE, STATUS, SPANS = range(4)
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_ROOT = QModelIndex()
_RTL_CLASSES = {"R", "AL"}
_LTR_CLASSES = {"L"}


def first_strong_is_rtl(text: str) -> bool:
    """Whether a text reads right to left (its first strong character is Arabic or Hebrew)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL_CLASSES:
            return True
        if kind in _LTR_CLASSES:
            return False
    return False


class BidiDelegate(QStyledItemDelegate):
    """Lays out each cell in its own text's direction: a Persian title reads right to left
    (and sits on the right) even in the English interface, where the view is left to right."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if text:
            option.direction = (Qt.LayoutDirection.RightToLeft if first_strong_is_rtl(text)
                                else Qt.LayoutDirection.LeftToRight)


def _persian_interface() -> bool:
    return QLocale().language() == QLocale.Language.Persian


class DocumentListModel(QAbstractTableModel):
    """Rows of the document list: title, Jalali date, status and span count."""

    def __init__(self, project: Project, parent: Any = None, analyst: str | None = None
                 ) -> None:
        super().__init__(parent)
        self._project = project
        self._filter = DocumentFilter(analyst=analyst)
        self._rows: list[DocumentRow] = []
        self._row_of: dict[int, int] = {}
        self._persian = _persian_interface()
        self._locale = QLocale()
        self._resetting = False
        # A model's order (Most uncertain first): the ids in it, and those the filter passes.
        self._ranking: list[int] | None = None
        self._ranked: list[int] = []
        self._total = self._count()
        self._load_first_page()

    # -- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        # Views asking from inside the reset notification get the first page, already loaded;
        # they ask again when they scroll.
        if parent.isValid() or self._resetting:
            return
        self._fetch(PAGE)

    def _count(self) -> int:
        if self._ranking is None:
            return self._project.count_documents(self._filter)
        self._ranked = self._project.filter_ids(self._ranking, self._filter)
        return len(self._ranked)

    def _page(self, start: int, count: int) -> list[DocumentRow]:
        if self._ranking is None:
            return self._project.document_rows(self._filter, start, count)
        return self._project.rows_of(self._ranked[start:start + count], self._filter)

    def _load_first_page(self) -> None:
        """Called with no rows, inside a reset or the constructor: fills without signals."""
        rows = self._page(0, PAGE)
        self._rows = rows
        self._row_of = {row.id: n for n, row in enumerate(rows)}

    def _fetch(self, count: int) -> None:
        start = len(self._rows)
        rows = self._page(start, count)
        if not rows:
            self._total = start
            return
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        for n, row in enumerate(rows):
            self._row_of[row.id] = start + n
        self._rows += rows
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            QCoreApplication.translate("DocumentList", "Title"),
            QCoreApplication.translate("DocumentList", "Date"),
            QCoreApplication.translate("DocumentList", "Status"),
            QCoreApplication.translate("DocumentList", "Spans"),
        )
        return names[section] if 0 <= section < len(names) else None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TITLE:
                return f"{row.title}\n{row.key}" if row.title else row.key
            if column == SPANS and row.pending:
                return QCoreApplication.translate(
                    "DocumentList", "{labels} labels, {pending} suggestions to review").format(
                    labels=self._number(row.span_count), pending=self._number(row.pending))
            return None
        if role == DOC_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SPANS, DATE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _number(self, n: int) -> str:
        return self._locale.toString(n)

    def _display(self, row: DocumentRow, column: int) -> str:
        if column == TITLE:
            return row.title or row.key
        if column == DATE:
            if row.date is None:
                return ""
            return jalali_display(row.date) if self._persian else jalali(row.date)[:10]
        if column == STATUS:
            return status_name(row.status).capitalize()
        if column == SPANS:
            shown = self._number(row.span_count)
            if row.pending:
                shown += f" (+{self._number(row.pending)})"
            return shown
        return ""

    # -- what the panel asks ---------------------------------------------------------------

    @property
    def filter(self) -> DocumentFilter:
        return self._filter

    @property
    def project(self) -> Project:
        return self._project

    @property
    def total(self) -> int:
        return self._total

    def set_filter(self, flt: DocumentFilter) -> None:
        self._filter = flt
        self.reload()

    @property
    def ranked(self) -> bool:
        return self._ranking is not None

    def set_ranking(self, ranking: list[int] | None) -> None:
        """Show the documents of ``ranking`` in its order (None: all, in import order)."""
        self._ranking = list(ranking) if ranking is not None else None
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (after an import or a filter change)."""
        self.beginResetModel()
        self._total = self._count()
        self._load_first_page()
        self._resetting = True
        try:
            self.endResetModel()
        finally:
            self._resetting = False

    def doc_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, doc_id: int) -> int | None:
        """The row showing ``doc_id``, fetching pages up to it; None when the filter hides it."""
        if doc_id in self._row_of:
            return self._row_of[doc_id]
        if self._ranking is not None:
            index: int | None = (self._ranked.index(doc_id) if doc_id in self._ranked
                                 else None)
        else:
            index = self._project.document_index(doc_id, self._filter)
        if index is None:
            return None
        if index >= len(self._rows):
            self._fetch(index - len(self._rows) + PAGE)
        return self._row_of.get(doc_id)

    def refresh_document(self, doc_id: int) -> bool:
        """Show a document's new status and span count in place; False when the edit took it
        out of the filter (or into it), and the list needs a reload."""
        row = self._row_of.get(doc_id)
        found = self._project.rows_of([doc_id], self._filter)
        if row is None:
            return not found
        if not found:
            return False
        self._rows[row] = found[0]
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True


class DocumentTable(QTableView):
    """The list itself; PgUp/PgDn move to the previous/next document, as the SPEC says."""

    stepRequested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() == Qt.Key.Key_PageUp:
                self.stepRequested.emit(-1)
                return
            if event.key() == Qt.Key.Key_PageDown:
                self.stepRequested.emit(1)
                return
        super().keyPressEvent(event)


def _status_choices() -> list[tuple[str, frozenset[Status]]]:
    return [
        (QCoreApplication.translate("DocumentList", "All statuses"), frozenset()),
        (QCoreApplication.translate("DocumentList", "Not done"),
         frozenset({Status.NEW, Status.IN_PROGRESS})),
        *((status_name(s).capitalize(),
           frozenset({s})) for s in Status),
    ]


class DocumentListPanel(QWidget):
    """Filters over the list; announces the document the analyst picked."""

    documentActivated = Signal(int)
    filterApplied = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None,
                 analyst: str | None = None) -> None:
        super().__init__(parent)
        self.analyst = analyst
        self.model = DocumentListModel(project, self, analyst)
        self.search = QLineEdit(self)
        self.search.setObjectName("documentSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search titles and article text…"))
        self.search.setToolTip(self.tr(
            "Titles and ids holding the text, and articles holding its words in a row (the "
            "last one as the beginning of a word), whatever the spelling: ي/ی, ك/ک, "
            "diacritics, kashida, a ZWNJ or a space."))
        self.note = QLabel(self)
        self.note.setObjectName("searchNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        for text, statuses in _status_choices():
            self.status.addItem(text, statuses)
        self.label = QComboBox(self)
        self.label.setObjectName("labelFilter")
        self.mine = QCheckBox(self.tr("Assigned to me"), self)
        self.mine.setObjectName("assignedToMe")
        self.mine.setToolTip(self.tr("Only the documents assigned to you"))
        # Shown once the model has weighed the documents (annotator.gui.models).
        self.order = QComboBox(self)
        self.order.setObjectName("documentOrder")
        self.order.addItem(self.tr("Import order"), False)
        self.order.addItem(self.tr("Most uncertain first"), True)
        self.order.setToolTip(self.tr("Most uncertain first: the documents not done, the one "
                                      "the model is least sure of first"))
        self.order.setVisible(False)
        self._ranking: list[int] | None = None
        self.table = DocumentTable(self)
        self.table.setObjectName("documentList")
        self.table.setModel(self.model)
        self.table.setItemDelegate(BidiDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self._set_column_widths()

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status)
        filters.addWidget(self.label)
        filters.addWidget(self.mine)
        filters.addWidget(self.order)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.note)
        layout.addLayout(filters)
        layout.addWidget(self.table)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.status.currentIndexChanged.connect(self._apply_filter)
        self.label.currentIndexChanged.connect(self._apply_filter)
        self.mine.toggled.connect(self._apply_filter)
        self.order.currentIndexChanged.connect(self._apply_order)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._quiet = False
        self.set_labels(project.labels())

    def _set_column_widths(self) -> None:
        """Widths from the font and the longest thing each column can show: measuring the
        rows (ResizeToContents) would read every fetched row on each change."""
        metrics = self.table.fontMetrics()
        pad = metrics.horizontalAdvance("M") * 2
        model = self.model

        def widest(*texts: str) -> int:
            return max(metrics.horizontalAdvance(t) for t in texts) + pad

        header = lambda column: str(model.headerData(column, Qt.Orientation.Horizontal))  # noqa: E731
        self.table.setColumnWidth(DATE, widest(header(DATE), "۲۶ اردیبهشت ۱۴۰۴", "1404-08-26"))
        self.table.setColumnWidth(STATUS, widest(header(STATUS), *(
            status_name(s).capitalize() for s in Status)))
        self.table.setColumnWidth(SPANS, widest(header(SPANS), "0000"))

    def set_labels(self, labels: list[Label]) -> None:
        chosen = self.label.currentData()
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItem(self.tr("Any label"), None)
        for lab in labels:
            self.label.addItem(shown_label(lab.name), lab.name)
        at = self.label.findData(chosen)
        self.label.setCurrentIndex(max(at, 0))
        self.label.blockSignals(False)

    def current_filter(self) -> DocumentFilter:
        return DocumentFilter(text=self.search.text().strip(),
                              statuses=self.status.currentData() or frozenset(),
                              label=self.label.currentData(), analyst=self.analyst,
                              assigned=self.mine.isChecked())

    def set_analyst(self, analyst: str) -> None:
        """The list of another analyst: their statuses, labels and assigned documents."""
        self.analyst = analyst
        self._apply_filter()

    def _apply_filter(self) -> None:
        self._debounce.stop()
        current = self.current_document()
        self._quiet = True
        try:
            self.model.set_filter(self.current_filter())
        finally:
            self._quiet = False
        if current is not None:
            self.select_document(current)
        self._show_index_state()
        self.filterApplied.emit()

    def _show_index_state(self) -> None:
        """Under a text filter: how many documents' text is not searched yet (being
        indexed in the background; they are found by title and id meanwhile)."""
        waiting = self.model.project.text_index_state()[1] if self.search.text().strip() else 0
        if waiting:
            self.note.setText(self.tr(
                "The text of {n} documents is not indexed yet (it is being indexed): they "
                "are found by title and id only until then.").format(
                    n=QLocale().toString(waiting)))
        self.note.setVisible(bool(waiting))

    def text_indexed(self) -> None:
        """More documents' text can be searched: a text filter is applied again."""
        if self.search.text().strip():
            self._apply_filter()

    def set_ranking(self, ranking: list[int] | None) -> None:
        """The model's order of the documents, least sure first (None: none yet)."""
        self._ranking = ranking
        self.order.setVisible(ranking is not None)
        if ranking is None and self.order.currentData():
            self.order.setCurrentIndex(0)  # back to import order, through _apply_order
        elif self.order.currentData():
            self._apply_order()

    def _apply_order(self) -> None:
        current = self.current_document()
        self._quiet = True
        try:
            self.model.set_ranking(self._ranking if self.order.currentData() else None)
        finally:
            self._quiet = False
        if current is not None:
            self.select_document(current)

    def reload(self) -> None:
        current = self.current_document()
        self._quiet = True
        try:
            self.model.reload()
        finally:
            self._quiet = False
        if current is not None:
            self.select_document(current)
        if self.note.isVisible():
            self._show_index_state()

    def refresh_document(self, doc_id: int) -> None:
        if not self.model.refresh_document(doc_id):
            self.reload()

    def current_document(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.doc_id(index.row()) if index.isValid() else None

    def select_document(self, doc_id: int | None) -> None:
        """Make ``doc_id`` the current row without announcing it (the session opened it)."""
        row = self.model.row_of(doc_id) if doc_id is not None else None
        self._quiet = True
        try:
            if row is None:
                self.table.clearSelection()
                self.table.setCurrentIndex(QModelIndex())
            else:
                index = self.model.index(row, TITLE)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
        finally:
            self._quiet = False

    def neighbour(self, step: int) -> int | None:
        """The document ``step`` rows from the current one in the filtered list."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = index.row() + step
        while row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        return self.model.doc_id(row) if row >= 0 else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        doc_id = self.model.doc_id(current.row())
        if doc_id is not None:
            self.documentActivated.emit(doc_id)
