"""Small dialogs: export options, the list of keys, About."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator import __version__ as VERSION
from annotator.core.model import Status
from annotator.gui.undo import status_name


@dataclass(frozen=True)
class ExportChoice:
    """What the export dialog asked for; the window turns it into services' ExportOptions."""

    destination: Path
    format: str
    scheme: str
    statuses: frozenset[Status]
    include_pending: bool


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, start_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.format = QComboBox(self)
        self.format.addItem(self.tr("JSONL (one document per line)"), "jsonl")
        self.format.addItem(self.tr("CoNLL (one token per line)"), "conll")
        self.scheme = QComboBox(self)
        self.scheme.addItem("BIO", "bio")
        self.scheme.addItem("BIOES", "bioes")
        self.statuses: dict[Status, QCheckBox] = {}
        status_row = QHBoxLayout()
        for status in Status:
            box = QCheckBox(status_name(status), self)
            status_row.addWidget(box)
            self.statuses[status] = box
        self.include_pending = QCheckBox(self.tr("Include suggestions not yet reviewed"), self)
        self.path = QLineEdit(self)
        self.path.setText(str((start_dir or Path.home()) / "annotations.jsonl"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Tagging scheme:"), self.scheme)
        form.addRow(self.tr("Only documents that are (none: all):"), status_row)
        form.addRow("", self.include_pending)
        form.addRow(self.tr("Write to:"), path_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _format_changed(self) -> None:
        conll = self.format.currentData() == "conll"
        self.scheme.setEnabled(conll)
        path = Path(self.path.text())
        self.path.setText(str(path.with_suffix(".conll" if conll else ".jsonl")))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text())
        if chosen:
            self.path.setText(chosen)

    def choice(self) -> ExportChoice:
        return ExportChoice(
            destination=Path(self.path.text()).expanduser(),
            format=str(self.format.currentData()),
            scheme=str(self.scheme.currentData()),
            statuses=frozenset(s for s, box in self.statuses.items() if box.isChecked()),
            include_pending=self.include_pending.isChecked(),
        )


def show_keys(parent: QWidget) -> None:
    translate = QCoreApplication.translate
    rows = [
        ("1  2  3", translate("Dialogs", "label the selection, or the word at the caret, "
                                         "as ACTOR, EVENT, LOCATION")),
        (translate("Dialogs", "Delete"), translate("Dialogs", "remove the selected span")),
        ("Ctrl+Z  /  Ctrl+Shift+Z", translate("Dialogs", "undo / redo, also across documents")),
        ("Ctrl+Enter", translate("Dialogs", "mark the document done and open the next one")),
        ("Alt+Left  /  Alt+Right",
         translate("Dialogs", "previous / next document (PgUp / PgDn in the list)")),
        ("Ctrl+=  /  Ctrl+-", translate("Dialogs", "larger / smaller text")),
        ("Ctrl+Q", translate("Dialogs", "quit")),
    ]
    body = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    note = translate("Dialogs", "Selections snap outward to whole words.")
    box = QMessageBox(parent)
    box.setObjectName("keysDialog")
    box.setWindowTitle(translate("Dialogs", "Keyboard Shortcuts"))
    box.setText(f"<table>{body}</table><p>{note}</p>")
    box.exec()


def show_about(parent: QWidget) -> None:
    translate = QCoreApplication.translate
    QMessageBox.about(parent, translate("Dialogs", "About Annotator"), translate(
        "Dialogs", "<b>Annotator</b> {version}<br>Label actors, events and locations in "
        "Persian news.<br>Font: Vazirmatn (SIL Open Font License).").format(version=VERSION))
