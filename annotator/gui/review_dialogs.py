"""The review dialogs: accept all above a score, import suggestions, the model report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.label_names import shown_label
from annotator.gui.learning_curve import LearningCurve
from annotator.gui.suggestions import SuggestionFilter
from annotator.services.training import CurvePoint
from annotator.suggest.info import ModelInfo

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class AcceptAboveChoice:
    min_score: float
    model: str | None  # None: every model
    whole_project: bool


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class AcceptAboveDialog(QDialog):
    """Asks the lowest score, the model and where: this document or the whole project."""

    def __init__(self, parent: QWidget | None, models: Sequence[str],
                 current: SuggestionFilter | None = None,
                 has_document: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("acceptAboveDialog")
        self.setWindowTitle(self.tr("Accept All Above Score"))
        current = current or SuggestionFilter()
        self.score = QDoubleSpinBox(self)
        self.score.setRange(0.0, 1.0)
        self.score.setSingleStep(0.05)
        self.score.setDecimals(2)
        self.score.setValue(current.min_score if current.min_score is not None else 0.9)
        self.model = QComboBox(self)
        self.model.addItem(self.tr("every model"), None)
        for name in models:
            self.model.addItem(name, name)
        if current.model is not None:
            self.model.setCurrentIndex(max(self.model.findData(current.model), 0))
        self.this_document = QRadioButton(self.tr("this document"), self)
        self.whole_project = QRadioButton(self.tr("every document of the project"), self)
        scope = QButtonGroup(self)
        scope.addButton(self.this_document)
        scope.addButton(self.whole_project)
        self.this_document.setEnabled(has_document)
        (self.this_document if has_document else self.whole_project).setChecked(True)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.this_document)
        scope_box.addWidget(self.whole_project)
        note = QLabel(self.tr("Suggestions that would overlap a label stay to be reviewed. "
                              "One undo takes the whole step back."), self)
        note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Lowest score:"), self.score)
        form.addRow(self.tr("Model:"), self.model)
        form.addRow(self.tr("In:"), scope_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(_buttons(self))

    def choice(self) -> AcceptAboveChoice:
        model = self.model.currentData()
        return AcceptAboveChoice(min_score=round(self.score.value(), 2),
                                 model=str(model) if model is not None else None,
                                 whole_project=self.whole_project.isChecked())


class ImportSuggestionsDialog(QDialog):
    """Asks for the files of a model's output and the model's name."""

    FILTER = "*.jsonl *.json *.conll *.conllu *.tsv *.bio *.iob"

    def __init__(self, parent: QWidget | None, models: Sequence[str],
                 start_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSuggestionsDialog")
        self.setWindowTitle(self.tr("Import Suggestions"))
        self._start = start_dir or Path.home()
        self._paths: list[Path] = []
        self.files = QLineEdit(self)
        self.files.setReadOnly(True)
        self.files.setPlaceholderText(self.tr("JSONL, Label Studio or CoNLL output of a model"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addWidget(browse)
        self.model = QComboBox(self)
        self.model.setEditable(True)
        self.model.addItems(list(models))
        self.model.setCurrentIndex(-1)
        self.model.setEditText("")
        line = self.model.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("the model's name, e.g. parsbert-ner-v2"))
        note = QLabel(self.tr("Documents are matched by id, else by their text. The "
                              "suggestions come in to be reviewed; nothing is added when a "
                              "file has an error."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Files:"), row)
        form.addRow(self.tr("Model:"), self.model)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        self.buttons = _buttons(self)
        layout.addWidget(self.buttons)
        self.model.editTextChanged.connect(self._update)
        self._update()

    def set_paths(self, paths: Sequence[Path]) -> None:
        self._paths = [Path(p) for p in paths]
        self.files.setText(", ".join(p.name for p in self._paths))
        self.files.setToolTip("\n".join(str(p) for p in self._paths))
        if self._paths and not self.model.currentText().strip():
            self.model.setEditText(self._paths[0].stem)
        self._update()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Suggestions of a model"), str(self._start),
            self.tr("Model output ({patterns});;All files (*)").format(patterns=self.FILTER))
        if chosen:
            self.set_paths([Path(p) for p in chosen])

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self._paths) and bool(self.model.currentText().strip()))

    def choice(self) -> tuple[list[Path], str]:
        return list(self._paths), self.model.currentText().strip()


def percent(value: float | None, locale: QLocale | None = None) -> str:
    """0.6667 -> ``66.7%`` (Persian: ``۶۶٫۷٪``); None -> an em dash."""
    if value is None:
        return "—"
    shown = locale or QLocale()
    return f"{shown.toString(value * 100, 'g', 3)}{shown.percent()}"


class ModelReportDialog(QDialog):
    """Per model, and per label under it: accepted, corrected, rejected, pending, precision
    and recall (``Project.model_report``, the same figures as ``annotator stats``)."""

    COUNTS = ("accepted", "corrected", "rejected", "pending")
    RATES = ("precision", "recall")

    def __init__(self, report: Mapping[str, Mapping[str, Any]],
                 parent: QWidget | None = None,
                 curves: Mapping[str, Sequence[CurvePoint]] | None = None,
                 trained: Mapping[str, ModelInfo] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelReportDialog")
        self.setWindowTitle(self.tr("Model Report"))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("modelReport")
        headers = [self.tr("Model / label"), self.tr("Accepted"), self.tr("Corrected"),
                   self.tr("Rejected"), self.tr("Pending"), self.tr("Precision"),
                   self.tr("Recall")]
        self.tree.setColumnCount(len(headers))
        self.tree.setHeaderLabels(headers)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        locale = QLocale()
        for model in sorted(report):
            entry = report[model]
            item = self._row(self.tree, model, entry, locale)
            font = item.font(0)
            font.setBold(True)
            for column in range(len(headers)):
                item.setFont(column, font)
            for label in sorted(entry.get("labels", {})):
                self._row(item, shown_label(label), entry["labels"][label], locale)
            item.setExpanded(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        empty = QLabel(self.tr("No model has suggestions in this project yet: File → Import "
                               "Suggestions adds them."), self)
        empty.setVisible(not report and not trained)
        note = QLabel(self.tr("Corrected: accepted with another label or other boundaries. "
                              "Precision: accepted as they were, out of all reviewed. Recall: "
                              "the analysts' labels the model had proposed exactly, on "
                              "documents done with nothing of the model pending."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        self.curve: LearningCurve | None = None
        self.held_out: QTreeWidget | None = None
        if trained:
            self.held_out = self._held_out_table(trained, locale)
            self.curve = LearningCurve(curves or {}, self)
            layout.addWidget(QLabel(self.tr("Built-in models, scored on the documents held out "
                                            "from their training:"), self))
            layout.addWidget(self.held_out, 1)
            layout.addWidget(self.curve, 2)
        layout.addWidget(buttons)
        self.resize(760, 720 if trained else 420)

    def _held_out_table(self, trained: Mapping[str, ModelInfo], locale: QLocale
                        ) -> QTreeWidget:
        """Per trained model (and per label under it): the documents it learnt from and its
        held-out precision, recall, F1 and spans."""
        table = QTreeWidget(self)
        table.setObjectName("heldOutScores")
        headers = [self.tr("Model / label"), self.tr("Documents"), self.tr("Precision"),
                   self.tr("Recall"), "F1", self.tr("Spans")]
        table.setColumnCount(len(headers))
        table.setHeaderLabels(headers)
        table.setUniformRowHeights(True)
        table.setAlternatingRowColors(True)
        for name, info in sorted(trained.items()):
            rows = [(name, info.held_out_total, info.documents),
                    *((label, counts, None) for label, counts in sorted(info.held_out.items()))]
            parent: QTreeWidget | QTreeWidgetItem = table
            for n, (shown, counts, documents) in enumerate(rows):
                item = QTreeWidgetItem(parent)
                item.setText(0, shown)
                if documents is not None:
                    item.setText(1, locale.toString(documents))
                if info.held_out:
                    values = (counts.precision, counts.recall, counts.f1)
                    for column, value in enumerate(values, 2):  # 74.0%, as 66.7% beside it
                        item.setText(column, f"{locale.toString(value * 100, 'f', 1)}"
                                             f"{locale.percent()}")
                        item.setData(column, VALUE_ROLE, value)
                    item.setText(5, locale.toString(counts.support))
                for column in range(1, len(headers)):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignCenter)
                if n == 0:
                    font = item.font(0)
                    font.setBold(True)
                    for column in range(len(headers)):
                        item.setFont(column, font)
                    parent = item
            if isinstance(parent, QTreeWidgetItem):
                parent.setExpanded(True)
        header = table.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        return table

    def _row(self, parent: QTreeWidget | QTreeWidgetItem, name: str,
             figures: Mapping[str, Any], locale: QLocale) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent)
        item.setText(0, name)
        for column, key in enumerate(self.COUNTS, 1):
            value = int(figures.get(key, 0))
            item.setText(column, locale.toString(value))
            item.setData(column, VALUE_ROLE, value)
        for column, key in enumerate(self.RATES, 1 + len(self.COUNTS)):
            rate = figures.get(key)
            item.setText(column, percent(rate, locale))
            item.setData(column, VALUE_ROLE, rate)
        for column in range(1, 1 + len(self.COUNTS) + len(self.RATES)):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignCenter)
        return item

    def figures(self) -> dict[str, dict[str, Any]]:
        """What the dialog shows, read back: {model: {figure: value, "labels": {...}}}."""
        keys = (*self.COUNTS, *self.RATES)
        out: dict[str, dict[str, Any]] = {}
        def values(item: QTreeWidgetItem) -> dict[str, Any]:
            return {k: item.data(c, VALUE_ROLE) for c, k in enumerate(keys, 1)}

        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            assert item is not None
            entry = values(item)
            children = [item.child(j) for j in range(item.childCount())]
            entry["labels"] = {c.text(0): values(c) for c in children if c is not None}
            out[item.text(0)] = entry
        return out
