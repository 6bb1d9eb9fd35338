"""File → Export: the options of ``annotator export`` in a dialog, and the outcome read out.

Format (JSONL, CoNLL, brat standoff: a folder, or PLOVER events), tagging scheme (BIO or
BIOES, CoNLL only), which documents (by status; none ticked: all), which labels, whether
pending suggestions go too, and an optional deterministic train/dev/test split by document
(percentages and a seed; not for brat, which writes one folder). The dialog only
builds :class:`~annotator.services.exporting.ExportOptions`; the export runs off the GUI
thread (:mod:`annotator.gui.transfers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Label, Status
from annotator.gui.label_names import shown_label
from annotator.gui.undo import status_name
from annotator.services.exporting import ExportOptions, ExportResult, part_paths

DEFAULT_SPLIT = (80, 10, 10)
DEFAULT_SEED = 13


@dataclass(frozen=True)
class ExportChoice:
    """Where to write and what: the dialog's answer."""

    destination: Path
    options: ExportOptions


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, start_dir: Path | None = None,
                 labels: Sequence[Label] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.format = QComboBox(self)
        self.format.addItem(self.tr("JSONL (one document per line)"), "jsonl")
        self.format.addItem(self.tr("CoNLL (one token per line)"), "conll")
        self.format.addItem(self.tr("brat standoff (a folder of .txt and .ann files)"), "brat")
        self.format.addItem(self.tr("PLOVER events (one event per line)"), "plover")
        self.scheme = QComboBox(self)
        self.scheme.addItem("BIO", "bio")
        self.scheme.addItem("BIOES", "bioes")

        self.statuses: dict[Status, QCheckBox] = {}
        status_row = QHBoxLayout()
        for status in Status:
            box = QCheckBox(status_name(status), self)
            status_row.addWidget(box)
            self.statuses[status] = box
        status_row.addStretch(1)
        self.labels: dict[str, QCheckBox] = {}
        label_row = QHBoxLayout()
        for label in labels:
            box = QCheckBox(shown_label(label.name), self)
            box.setChecked(True)
            box.toggled.connect(self._update)
            label_row.addWidget(box)
            self.labels[label.name] = box
        label_row.addStretch(1)
        self.include_pending = QCheckBox(self.tr("Include suggestions not yet reviewed"), self)

        self.split = QCheckBox(self.tr("Split by document into train, dev and test"), self)
        self.parts: list[QSpinBox] = []
        split_grid = QGridLayout()
        split_grid.addWidget(self.split, 0, 0, 1, 8)
        for column, (name, share) in enumerate(zip(
                (self.tr("train"), self.tr("dev"), self.tr("test")), DEFAULT_SPLIT,
                strict=True)):
            part = QSpinBox(self)
            part.setRange(0, 100)
            part.setSuffix(" %")
            part.setValue(share)
            part.valueChanged.connect(self._update)
            split_grid.addWidget(QLabel(name, self), 1, column * 2)
            split_grid.addWidget(part, 1, column * 2 + 1)
            self.parts.append(part)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(DEFAULT_SEED)
        self.seed.setToolTip(self.tr("The same seed gives the same split"))
        split_grid.addWidget(QLabel(self.tr("seed"), self), 1, 6)
        split_grid.addWidget(self.seed, 1, 7)
        self.split.toggled.connect(self._update)

        self.path = QLineEdit(self)
        self.path.setText(str((start_dir or Path.home()) / "annotations.jsonl"))
        self.path.textChanged.connect(self._update)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self.files_note = QLabel(self)
        self.files_note.setObjectName("exportFiles")
        self.files_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Tagging scheme:"), self.scheme)
        form.addRow(self.tr("Only documents that are (none: all):"), status_row)
        form.addRow(self.tr("Labels:"), label_row)
        form.addRow("", self.include_pending)
        form.addRow("", split_grid)
        form.addRow(self.tr("Write to:"), path_row)
        form.addRow("", self.files_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    # -- what was asked --------------------------------------------------------------------

    def shares(self) -> tuple[int, ...]:
        """The split's percentages: (train, dev, test), or (train, test) without dev; () for
        no split."""
        if not self.split.isChecked():
            return ()
        train, dev, test = (box.value() for box in self.parts)
        return (train, test) if dev == 0 else (train, dev, test)

    def problem(self) -> str | None:
        """Why the options cannot be exported as they are, or None."""
        shares = self.shares()
        if shares and sum(shares) != 100:
            return self.tr("The parts add up to {total} %, not 100 %.").format(
                total=QLocale().toString(sum(shares)))
        if self.labels and not any(box.isChecked() for box in self.labels.values()):
            return self.tr("Tick at least one label.")
        if not self.path.text().strip():
            return self.tr("Choose a file to write.")
        return None

    def options(self) -> ExportOptions:
        chosen = frozenset(name for name, box in self.labels.items() if box.isChecked())
        return ExportOptions(
            format=str(self.format.currentData()),
            scheme=str(self.scheme.currentData()),
            statuses=frozenset(s for s, box in self.statuses.items() if box.isChecked()),
            include_pending=self.include_pending.isChecked(),
            labels=None if chosen == set(self.labels) else chosen,
            split=self.shares(),
            seed=self.seed.value(),
        )

    def destination(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def choice(self) -> ExportChoice:
        return ExportChoice(self.destination(), self.options())

    # -- keeping it consistent -------------------------------------------------------------

    def _format_changed(self) -> None:
        chosen = self.format.currentData()
        self.scheme.setEnabled(chosen == "conll")
        path = Path(self.path.text())
        suffix = {"conll": ".conll", "brat": ""}.get(chosen, ".jsonl")  # brat: a folder
        self.path.setText(str(path.with_suffix(suffix) if path.name else path))
        folder = chosen == "brat"
        if folder:
            self.split.setChecked(False)
        self.split.setEnabled(not folder)
        self._update()

    def _update(self) -> None:
        splitting = self.split.isChecked()
        for spin in [*self.parts, self.seed]:
            spin.setEnabled(splitting)
        problem = self.problem()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None)
        if problem is not None:
            self.files_note.setText(problem)
        elif self.shares():
            names = [p.name for p in part_paths(self.destination(), len(self.shares()))]
            self.files_note.setText(self.tr("Writes {files}.").format(files=", ".join(names)))
        elif self.format.currentData() == "brat":
            self.files_note.setText(self.tr(
                "Writes the folder {name}: a .txt and an .ann for each document, and "
                "annotation.conf (an earlier brat export there is replaced).").format(
                name=self.destination().name))
        else:
            self.files_note.setText("")

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text())
        if chosen:
            self.path.setText(chosen)


def export_report(destination: Path, result: ExportResult,
                  locale: QLocale | None = None) -> str:
    """What an export did, for a message box: documents, spans, widened, joined sentences,
    spans left out, and the files written (with their documents)."""
    translate = QCoreApplication.translate
    shown = locale or QLocale()

    def n(value: int) -> str:
        return shown.toString(value)

    lines = [translate("ExportDialog", "Exported {documents} documents with {spans} spans.")
             .format(documents=n(result.documents), spans=n(result.spans))]
    if result.widened:
        lines.append(translate("ExportDialog", "{n} spans widened to whole tokens.")
                     .format(n=n(result.widened)))
    if result.merged_sentences:
        lines.append(translate("ExportDialog", "{n} sentences joined to keep a span whole.")
                     .format(n=n(result.merged_sentences)))
    if result.dropped:
        lines.append(translate("ExportDialog", "{n} spans left out: they could not be "
                                               "written on the tokens.")
                     .format(n=n(result.dropped)))
    if result.format == "plover":
        lines = [translate("ExportDialog", "Exported {events} events from {documents} "
                                           "documents.")
                 .format(events=n(result.events), documents=n(result.documents))]
    elif result.events:
        lines.append(translate("ExportDialog", "{n} events with them.")
                     .format(n=n(result.events)))
    if result.events_left_out:
        lines.append(translate("ExportDialog", "{n} events left out: CoNLL cannot carry "
                                               "events.").format(n=n(result.events_left_out))
                     if result.format in ("conll", "tokens") else
                     translate("ExportDialog", "{n} events left out: their trigger was not "
                                               "exported.").format(n=n(result.events_left_out)))
    files = result.files or {str(destination): result.documents}
    lines.append(translate("ExportDialog", "Files written:"))
    lines.extend(translate("ExportDialog", "{file}: {documents} documents").format(
        file=name, documents=n(count)) for name, count in files.items())
    return "\n".join(lines)
