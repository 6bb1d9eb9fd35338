"""Review → Analysts' Agreement: the figures of ``annotator agreement`` in a window, with a heat
map of the pairs of analysts, and the documents they disagree on most; double-clicking one
opens it for curation."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import Agreement


def heat(value: float | None) -> QColor:
    """Red for no agreement (kappa 0 or less), through yellow, to green for full agreement;
    grey for none to show."""
    if value is None:
        return QColor("#e0e0e0")
    value = max(0.0, min(1.0, value))
    hue = 120 * value  # 0 red .. 120 green
    return QColor.fromHsv(round(hue), 110, 245)


class AgreementDialog(QDialog):
    """What ``annotator agreement`` says, for reading and for curating."""

    curate = Signal(str)  # a document's key, to curate

    def __init__(self, result: Agreement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementDialog")
        self.setWindowTitle(self.tr("Analysts' Agreement"))
        self.agreement = result
        locale = QLocale()

        def figure(value: float | None) -> str:
            return "—" if value is None else locale.toString(value, "f", 2)

        overall = result.overall.combined
        summary = self.tr("Overall: kappa {kappa}, span F1 {f1}, overlap F1 {overlap}, "
                          "events F1 {events}.").format(
            kappa=figure(overall.kappa), f1=figure(overall.span_f1),
            overlap=figure(overall.overlap_f1), events=figure(result.overall.events.f1))
        if result.fleiss is not None:
            summary += " " + self.tr("Fleiss' kappa over {n} documents: {kappa}.").format(
                n=locale.toString(result.fleiss.documents), kappa=figure(result.fleiss.kappa))
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)

        names = list(result.analysts)
        self.heat_map = QTableWidget(len(names), len(names), self)
        self.heat_map.setObjectName("agreementHeatMap")
        self.heat_map.setHorizontalHeaderLabels(names)
        self.heat_map.setVerticalHeaderLabels(names)
        self.heat_map.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat_map.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for i, first in enumerate(names):
            for j, second in enumerate(names):
                if i == j:
                    value: float | None = 1.0
                    tip = first
                else:
                    pair = result.pair(first, second)
                    value = pair.combined.kappa
                    tip = self.tr("{a} and {b}: {n} documents, {t} tokens; span F1 {f1}").format(
                        a=first, b=second, n=locale.toString(pair.documents),
                        t=locale.toString(pair.tokens), f1=figure(pair.combined.span_f1))
                item = QTableWidgetItem(figure(value) if i != j else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QBrush(heat(value) if i != j else QColor("#f5f5f5")))
                item.setToolTip(tip)
                self.heat_map.setItem(i, j, item)

        headers = [self.tr("Analysts"), self.tr("Documents"), self.tr("Tokens"),
                   self.tr("Kappa"), self.tr("Span F1"), self.tr("Overlap F1"),
                   self.tr("Events F1")]
        self.pairs = QTableWidget(len(result.pairs), len(headers), self)
        self.pairs.setObjectName("agreementPairs")
        self.pairs.setHorizontalHeaderLabels(headers)
        self.pairs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, pair in enumerate(result.pairs):
            shared = pair.documents > 0
            cells = [" / ".join(pair.analysts), locale.toString(pair.documents),
                     locale.toString(pair.tokens), figure(pair.combined.kappa),
                     figure(pair.combined.span_f1), figure(pair.combined.overlap_f1),
                     figure(pair.events.f1 if shared else None)]
            items = [QTableWidgetItem(text) for text in cells]
            mine, theirs = pair.events.made
            items[-1].setToolTip(self.tr(
                "Events made: {a} {n}, {b} {m}; matched (trigger, type and arguments alike): "
                "{tp}").format(a=pair.analysts[0], n=locale.toString(mine), b=pair.analysts[1],
                               m=locale.toString(theirs),
                               tp=locale.toString(pair.events.counts.tp)))
            for column, item in enumerate(items):
                self.pairs.setItem(row, column, item)
        self.pairs.resizeColumnsToContents()

        ranked = [d for d in result.documents if d.disagreement]
        self.documents = QTableWidget(len(ranked), 3, self)
        self.documents.setObjectName("disagreedDocuments")
        self.documents.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Analysts"), self.tr("Tags disagreed on")])
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        for row, doc in enumerate(ranked):
            self.documents.setItem(row, 0, QTableWidgetItem(doc.key))
            self.documents.setItem(row, 1, QTableWidgetItem(", ".join(doc.analysts)))
            share = QTableWidgetItem(locale.toString(100 * doc.disagreement, "f", 1) + "%")
            share.setBackground(QBrush(heat(1 - doc.disagreement)))
            self.documents.setItem(row, 2, share)
        self.documents.cellDoubleClicked.connect(self._double_clicked)
        self.documents.setToolTip(self.tr("Double-click a document to curate it"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Kappa of each pair of analysts:"), self))
        layout.addWidget(self.heat_map)
        layout.addWidget(self.pairs)
        layout.addWidget(QLabel(self.tr("Documents, the most disagreed on first "
                                        "(double-click to curate):"), self))
        layout.addWidget(self.documents, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def _double_clicked(self, row: int, _column: int) -> None:
        item = self.documents.item(row, 0)
        if item is not None:
            self.curate.emit(item.text())
