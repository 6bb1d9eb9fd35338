"""Import and export from the window: file choosers, the background run, the outcome.

The services do the work on the thread pool (see :mod:`annotator.gui.workers`); this module
turns the analyst's choice into their options and their results into one-line messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.core.model import Label
from annotator.gui.export_dialog import ExportChoice, ExportDialog, export_report
from annotator.gui.workers import TaskRunner, Work
from annotator.services.progress import CancelToken, Progress
from annotator.storage import Location, Project


def start_folder(location: Location) -> Path:
    """Where file dialogs start: the project file's folder, or home for a database."""
    return location.parent if isinstance(location, Path) else Path.home()


class Transfers(QObject):
    """Runs one import or export at a time for a window on the project at ``location``."""

    message = Signal(str)
    imported = Signal()

    def __init__(self, window: QWidget, location: Location) -> None:
        super().__init__(window)
        self._window = window
        self._location = location
        self.runner = TaskRunner(window)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._failed)
        self.report_box: QMessageBox | None = None
        self.question_box: QMessageBox | None = None

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def choose_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self._window, self.tr("Import articles"), str(Path.home()),
            self.tr("Articles (*.txt *.jsonl *.json *.conll *.conllu *.tsv);;All files (*)"))
        if paths:
            self.import_paths([Path(p) for p in paths])

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window, self.tr("Import a folder of articles"), str(Path.home()))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: Sequence[Path], add_labels: bool = False) -> bool:
        """Import files or folders off the GUI thread; ``imported`` tells when it is done.
        Files with labels the project does not have are not imported: the analyst is asked
        whether to add those labels and import them again (``add_labels``)."""
        from annotator.services.importing import ImportOptions, import_paths
        from annotator.services.labels import UnknownLabels

        chosen = list(paths)
        options = ImportOptions(parallel=True, add_labels=add_labels)

        def work(project: Project, progress: Progress, cancel: CancelToken) -> object:
            try:
                return import_paths(project, chosen, options, progress, cancel)
            except UnknownLabels as unknown:
                return chosen, unknown

        return self.start("import", self.tr("Importing articles…"), work)

    def _ask_to_add_labels(self, paths: list[Path], spans: dict[str, int]) -> None:
        """A window-modal question that does not block the event loop: add the labels the
        files bring and import them again?"""
        locale = QLocale()
        comma = "، " if locale.language() == QLocale.Language.Persian else ", "
        names = comma.join(self.tr("{label} ({n} spans)").format(label=name,
                                                                   n=locale.toString(n))
                           for name, n in spans.items())
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Labels not in the project"),
                          self.tr("These files have labels the project does not have: "
                                  "{labels}. Nothing was imported.\n\nAdd them to the "
                                  "project's labels and import the files?").format(
                                      labels=names),
                          QMessageBox.StandardButton.Cancel, self._window)
        box.setObjectName("unknownLabels")
        add = box.addButton(self.tr("Add Labels and Import"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered() -> None:
            if box.clickedButton() is add:
                self.import_paths(paths, add_labels=True)
            box.deleteLater()

        box.finished.connect(answered)
        self.question_box = box
        box.open()

    def choose_export(self, labels: Sequence[Label] = ()) -> None:
        dialog = ExportDialog(self._window, start_folder(self._location), labels)
        if dialog.exec() == ExportDialog.DialogCode.Accepted:
            self.export(dialog.choice())
        dialog.deleteLater()

    def export(self, choice: ExportChoice) -> bool:
        """Write a dataset off the GUI thread; a message box tells what was written."""
        from annotator.services.exporting import export

        def work(project: Project, progress: Progress, cancel: CancelToken) -> object:
            return (choice.destination, export(project, choice.destination, choice.options,
                                               progress, cancel))

        return self.start("export", self.tr("Exporting…"), work)

    def start(self, name: str, title: str, work: Work) -> bool:
        if self.runner.busy:
            self.message.emit(self.tr("Please wait: an import or export is running."))
            return False
        return self.runner.start(name, title, self._location, work)

    def _finished(self, name: str, result: Any) -> None:
        if name == "import" and isinstance(result, tuple):
            paths, unknown = result
            self.message.emit(self.tr("Nothing was imported: the files have labels the "
                                      "project does not have."))
            self._ask_to_add_labels(paths, unknown.spans)
        elif name == "import":
            text = self.tr("Imported {added} documents with {spans} spans.").format(
                added=result.added, spans=result.spans)
            if result.events:
                text += " " + self.tr("{n} events came with them.").format(n=result.events)
            if result.skipped:
                text += " " + self.tr("{n} already in the project.").format(
                    n=len(result.skipped))
            if result.problems:
                text += " " + self.tr("Not read as articles: {files}").format(
                    files="; ".join(result.problems[:3]))
            self.imported.emit()
            self.message.emit(text)
        elif name == "export":
            destination, outcome = result
            text = self.tr("Exported {documents} documents, {spans} spans to {path}.").format(
                documents=outcome.documents, spans=outcome.spans, path=destination)
            if outcome.widened:
                text += " " + self.tr("{n} spans widened to whole tokens.").format(
                    n=outcome.widened)
            self.message.emit(text)
            self._show_report(destination, outcome)

    def _show_report(self, destination: Path, outcome: Any) -> None:
        """The export's figures in a window-modal box that does not block the event loop."""
        if self.report_box is not None:
            self.report_box.close()
            self.report_box.deleteLater()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export finished"),
                          export_report(destination, outcome),
                          QMessageBox.StandardButton.Ok, self._window)
        box.setObjectName("exportReport")
        self.report_box = box
        box.open()

    def _failed(self, _name: str, message: str) -> None:
        self.message.emit(message)
