"""The built-in model in the window: training in the background, suggestions as a document
opens, the status bar's line about the model, and Next Most Uncertain.

Nothing here makes the analyst wait. A training runs in a worker process
(:mod:`annotator.services.model_worker`) watched from a pool thread, and reports in the
status bar; the model in use stays the old one until the new one is stored. A document that
opens (new or in progress) is tagged by the model in use on a thread of its own, which holds
the model (a CRF is used from one thread only) and its own connection to the project; the
suggestions it stores are then shown without moving the caret. The documents' uncertainty is
computed in a worker process after each training and kept for Next Most Uncertain and the
list's "most uncertain first" order.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any

from PySide6.QtCore import QLocale, QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from annotator.core.errors import AnnotatorError
from annotator.gui.actions import keys, make_action
from annotator.gui.document_list import DocumentListPanel
from annotator.gui.review_dialogs import percent
from annotator.gui.session import DONE_STATUSES, Session
from annotator.gui.transfers import Transfers
from annotator.gui.workers import Task
from annotator.services.progress import CancelToken, Progress
from annotator.services.suggesting import (
    SUGGESTED,
    SuggestResult,
    load_trained,
    suggest,
    suggest_document,
    uncertainty,
)
from annotator.services.training import (
    RETRAIN_EVERY_DEFAULT,
    TrainOptions,
    model_in_use,
    retrain_due,
    retrain_every,
    set_retrain_every,
    train,
    trained_models,
)
from annotator.storage import DocumentFilter, Location, Project
from annotator.suggest.info import ModelInfo
from annotator.suggest.models import CRF
from annotator.text.dates import jalali, jalali_display

log = logging.getLogger(__name__)

# The documents' uncertainty is first computed this long after the window opens.
RANKING_DELAY_MS = 2_000


class Tagger(QObject):
    """A thread of its own that tags the documents the window opens and stores their
    suggestions; it holds the model (loaded again when a newer one is in use) and its own
    connection to the project. Only the latest request counts: documents passed over
    quickly are not tagged."""

    suggested = Signal(int, object)  # document id, SuggestResult | None
    failed = Signal(str)

    def __init__(self, location: Location, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._location = location
        self._queue: queue.Queue[tuple[int, str, str] | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def request(self, document_id: int, model: str, trained: str) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="annotator-tagger",
                                            daemon=True)
            self._thread.start()
        self._queue.put((document_id, model, trained))

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        project: Project | None = None
        model: Any = None
        loaded: tuple[str, str] | None = None
        try:
            while True:
                job = self._queue.get()
                while job is not None and not self._queue.empty():
                    job = self._queue.get()  # only the latest document matters
                if job is None:
                    return
                document_id, name, trained = job
                try:
                    if project is None:
                        project = Project(self._location, create=False)
                    if loaded != (name, trained):
                        model, loaded = load_trained(project, name), (name, trained)
                    result = suggest_document(project, model, document_id)
                except AnnotatorError as exc:
                    self.failed.emit(str(exc))
                    continue
                except Exception:
                    log.exception("suggestions for document %s failed", document_id)
                    continue
                self.suggested.emit(document_id, result)
        finally:
            if project is not None:
                project.close()


class ModelControls(QObject):
    """The window's actions about the built-in model, and what runs them."""

    message = Signal(str)
    suggestionsAdded = Signal()  # many documents got suggestions: reload what shows them
    rankingChanged = Signal()
    suggestionsShown = Signal()  # a document's suggestions came from the model as it opened

    def __init__(self, window: QMainWindow, session: Session, documents: DocumentListPanel,
                 transfers: Transfers) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._documents = documents
        self._transfers = transfers
        self.project = session.project
        self._location = self.project.location
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._training: tuple[Task, CancelToken] | None = None
        self._train_again = False
        self._ranking_task: tuple[Task, CancelToken] | None = None
        self.ranking: dict[int, float] | None = None
        self._ranked_for: str | None = None  # the training the ranking is of
        self.info: ModelInfo | None = None  # of the model in use
        self._announce: int | None = None  # the document Suggest for This Document asked for
        self.tagger = Tagger(self._location, self)
        self.tagger.suggested.connect(self._suggested)
        self.tagger.failed.connect(self.message)

        self.status = QLabel(window)
        self.status.setObjectName("modelStatus")
        self.status.setMargin(4)  # apart from the count of documents done beside it

        def make(text: str, tip: str, shortcuts: list[QKeySequence] | None = None) -> QAction:
            return make_action(window, text, shortcuts or (), tip)

        self.train_action = make(self.tr("&Train Model"), self.tr(
            "Train the built-in model on the documents done, in the background"))
        self.cancel_action = make(self.tr("Cancel &Training"), self.tr(
            "Stop the training; the model in use stays as it was"))
        self.cancel_action.setEnabled(False)
        self.suggest_action = make(self.tr("Suggest for &This Document"), self.tr(
            "Add the model's suggestions to the open document"))
        self.suggest_all_action = make(self.tr("Suggest for All Documents &Not Done"), self.tr(
            "Add the model's suggestions to every new and in-progress document"))
        self.retrain_action = make("", self.tr(
            "Train the model again in the background as documents are marked done"))
        self.retrain_action.setCheckable(True)
        self.uncertain_action = make(self.tr("Next Most &Uncertain"), self.tr(
            "Open the document not done that the model is least sure of"), keys("Ctrl+U"))

        self.train_action.triggered.connect(lambda _checked=False: self.train())
        self.cancel_action.triggered.connect(self.cancel_training)
        self.suggest_action.triggered.connect(self.suggest_open)
        self.suggest_all_action.triggered.connect(self.suggest_all)
        self.retrain_action.toggled.connect(self._retrain_toggled)
        self.uncertain_action.triggered.connect(self.next_most_uncertain)
        session.documentOpened.connect(self._opened)
        session.documentEdited.connect(self._edited)
        transfers.runner.finished.connect(self._task_finished)
        transfers.imported.connect(self._documents_added)
        if self.project.read_only:
            for action in (self.train_action, self.suggest_action, self.suggest_all_action,
                           self.retrain_action):
                action.setEnabled(False)
        self.refresh()
        QTimer.singleShot(RANKING_DELAY_MS, self._rank_if_needed)

    def add_to_menus(self, review: QMenu, document: QMenu) -> None:
        review.addSeparator()
        review.addActions([self.train_action, self.cancel_action, self.retrain_action])
        review.addSeparator()
        review.addActions([self.suggest_action, self.suggest_all_action])
        document.addAction(self.uncertain_action)

    # -- what the model is -----------------------------------------------------------------

    @property
    def model_name(self) -> str | None:
        return self.info.name if self.info is not None else None

    def refresh(self) -> None:
        """Read which model is in use (another program may have trained one)."""
        try:
            name = model_in_use(self.project)
            self.info = trained_models(self.project)[name] if name is not None else None
            every = retrain_every(self.project)
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return
        self.retrain_action.blockSignals(True)
        self.retrain_action.setChecked(every > 0)
        self.retrain_action.blockSignals(False)
        self.retrain_action.setText(self.tr("Train &Again Every {n} Documents Done").format(
            n=QLocale().toString(every if every > 0 else RETRAIN_EVERY_DEFAULT)))
        has_model = self.info is not None and not self.project.read_only
        self.suggest_action.setEnabled(has_model)
        self.suggest_all_action.setEnabled(has_model)
        if self._training is None:
            self._show_status()
        if self.ranking is not None:
            self._rank_if_needed()  # another program may have trained a newer model

    def _show_status(self, training: str = "") -> None:
        info = self.info
        parts = [training] if training else []
        if info is not None:
            persian = QLocale().language() == QLocale.Language.Persian
            when = (jalali_display(info.trained) + " " + jalali(info.trained)[-5:]
                    if persian else jalali(info.trained, "/"))
            text = self.tr("Model {name} trained {when}").format(
                name=info.name, when=f"\u2068{when}\u2069")
            if info.held_out:
                text += " · " + self.tr("held-out F1 {f1}").format(
                    f1=percent(info.held_out_total.f1))
            parts.append(text)
        self.status.setText("  ·  ".join(parts))
        self.status.setToolTip(self._tooltip(info) if info is not None else "")
        self.status.setVisible(bool(parts))

    def _tooltip(self, info: ModelInfo) -> str:
        locale = QLocale()
        lines = [self.tr("Trained on {documents} documents ({tokens} tokens); held-out scores "
                         "on {held} documents.").format(
            documents=locale.toString(info.documents), tokens=locale.toString(info.tokens),
            held=locale.toString(info.held_out_documents))]
        for label, counts in sorted(info.held_out.items()):
            lines.append(self.tr("{label}: precision {p}, recall {r}, F1 {f1}").format(
                label=label, p=percent(counts.precision), r=percent(counts.recall),
                f1=percent(counts.f1)))
        return "\n".join(lines)

    # -- training --------------------------------------------------------------------------

    @property
    def training(self) -> bool:
        return self._training is not None

    def train(self, automatic: bool = False) -> bool:
        """Train the model in the background (crf, on the documents done and reviewed)."""
        if self.project.read_only:
            return False
        if self._training is not None:
            if not automatic:
                self.message.emit(self.tr("The model is being trained already."))
            return False
        name = self.model_name or CRF

        def work(project: Project, progress: Progress, cancel: CancelToken) -> object:
            return train(project, TrainOptions(model=name, parallel=True), progress, cancel)

        task, token = self._start(work, self._trained, self._training_failed,
                                  self._training_progress)
        self._training = (task, token)
        self.cancel_action.setEnabled(True)
        self.train_action.setEnabled(False)
        self._show_status(self.tr("Training the model…"))
        return True

    def cancel_training(self) -> None:
        if self._training is not None:
            self._training[1].cancel()

    def _start(self, work: Any, finished: Any, failed: Any, progress: Any = None
               ) -> tuple[Task, CancelToken]:
        token = CancelToken()
        task = Task(self._location, work, token)
        task.setAutoDelete(False)
        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        task.signals.cancelled.connect(failed)
        if progress is not None:
            task.signals.progress.connect(progress)
        self._pool.start(task)
        return task, token

    @Slot(int, int, str)
    def _training_progress(self, done: int, total: int, _what: str) -> None:
        if self._training is None:
            return
        if total > 0:
            self._show_status(self.tr("Training the model… {percent}").format(
                percent=percent(min(done, total) / total)))
        else:
            self._show_status(self.tr("Training the model…"))

    def _training_over(self) -> None:
        self._training = None
        self.cancel_action.setEnabled(False)
        self.train_action.setEnabled(not self.project.read_only)

    def _trained(self, info: ModelInfo) -> None:
        self._training_over()
        self.refresh()
        f1 = (self.tr(", held-out F1 {f1}").format(f1=percent(info.held_out_total.f1))
              if info.held_out else "")
        self.message.emit(self.tr("The model {name} was trained on {n} documents{f1}.").format(
            name=info.name, n=QLocale().toString(info.documents), f1=f1))
        self.ranking, self._ranked_for = None, None
        self._rank_if_needed()
        self._opened(self._session.document)
        if self._train_again:
            self._train_again = False
            self._retrain_if_due()

    def _training_failed(self, text: str) -> None:
        self._training_over()
        self._train_again = False
        self._show_status()
        self.message.emit(self.tr("The model was not trained: {problem}").format(problem=text))

    def _edited(self, document_id: int, status_changed: bool) -> None:
        """After an edit: a document marked done may call for a new training (a label edit
        changes no count of documents done, and asks nothing of the project)."""
        document = self._session.document
        if not status_changed or self.project.read_only or document is None \
                or document.id != document_id or document.status not in DONE_STATUSES:
            return
        self._retrain_if_due()

    def _retrain_if_due(self) -> None:
        if self._training is not None:
            self._train_again = True  # looked at again once this training is done
            return
        try:
            due = retrain_due(self.project, self.model_name or CRF)
        except AnnotatorError:
            return
        if due:
            self.train(automatic=True)

    def _retrain_toggled(self, on: bool) -> None:
        try:
            set_retrain_every(self.project, RETRAIN_EVERY_DEFAULT if on else 0)
        except AnnotatorError as exc:
            self.message.emit(str(exc))
        self.refresh()

    # -- suggestions -----------------------------------------------------------------------

    def _opened(self, document: Any) -> None:
        """A document opened: the model in use tags it (new and in progress only)."""
        info = self.info
        if document is None or document.id is None or info is None \
                or document.status not in SUGGESTED or self.project.read_only:
            return
        self.tagger.request(document.id, info.name, info.trained.isoformat())

    def suggest_open(self) -> None:
        document = self._session.document
        if self.info is None:
            self.message.emit(self.tr("No model yet: Review → Train Model trains one."))
            return
        if document is None:
            return
        if document.status not in SUGGESTED:
            self.message.emit(self.tr("This document is done: the model suggests for new and "
                                      "in-progress documents."))
            return
        self._announce = document.id
        self._opened(document)

    def _suggested(self, document_id: int, result: SuggestResult | None) -> None:
        announce = self._announce == document_id
        self._announce = None
        if result is None:
            return
        changed = result.added or result.removed
        if announce:
            self.message.emit(self.tr("{added} suggestions of {model} added ({kept} were "
                                      "there already).").format(
                added=QLocale().toString(result.added), model=result.model,
                kept=QLocale().toString(result.kept)))
        if not changed:
            return
        document = self._session.document
        if document is not None and document.id == document_id:
            if self._session.curating:  # curated labels: no suggestion among them
                return
            try:
                document.spans = self.project.spans(document_id, self._session.analyst)
            except AnnotatorError:
                return
            self._session.spansChanged.emit(document)
        self._documents.refresh_document(document_id)
        self.suggestionsShown.emit()

    def suggest_all(self) -> bool:
        """Every new and in-progress document, in the background with a progress dialog."""
        def work(project: Project, progress: Progress, cancel: CancelToken) -> object:
            return suggest(project, None, SUGGESTED, 0.0, progress, cancel, parallel=True)

        return self._transfers.start("model-suggest", self.tr("Adding the model's "
                                                               "suggestions…"), work)

    def _task_finished(self, name: str, result: Any) -> None:
        if name != "model-suggest":
            return
        locale = QLocale()
        self.message.emit(self.tr("Added {added} suggestions of {model} to {documents} "
                                  "documents.").format(
            added=locale.toString(result.added), model=result.model,
            documents=locale.toString(result.documents)))
        self.suggestionsAdded.emit()

    # -- uncertainty -----------------------------------------------------------------------

    def _documents_added(self) -> None:
        self.ranking, self._ranked_for = None, None
        self._rank_if_needed()

    def _rank_if_needed(self) -> None:
        info = self.info
        if info is None or info.name != CRF or self._ranking_task is not None:
            return
        stamp = info.trained.isoformat()
        if self._ranked_for == stamp:
            return

        def work(project: Project, progress: Progress, cancel: CancelToken) -> object:
            return stamp, uncertainty(project, progress, cancel, parallel=True)

        self._ranking_task = self._start(work, self._ranked, self._ranking_failed)

    def _ranked(self, result: tuple[str, dict[int, float]]) -> None:
        self._ranking_task = None
        stamp, ranking = result
        self.ranking, self._ranked_for = ranking, stamp
        self.rankingChanged.emit()
        if self.info is not None and self.info.trained.isoformat() != stamp:
            self._rank_if_needed()  # a newer model came meanwhile

    def _ranking_failed(self, text: str) -> None:
        self._ranking_task = None
        log.warning("uncertainty not computed: %s", text)

    def ranked_ids(self) -> list[int] | None:
        """The documents the ranking holds, the least sure first (None: no ranking yet)."""
        if self.ranking is None:
            return None
        return sorted(self.ranking, key=lambda i: (-self.ranking[i], i))  # type: ignore[index]

    def next_most_uncertain(self) -> int | None:
        """Open the document not done that the model is least sure of."""
        if self.info is None or self.info.name != CRF:
            self.message.emit(self.tr("Next Most Uncertain needs the crf model: Review → "
                                      "Train Model trains it."))
            return None
        ranked = self.ranked_ids()
        if ranked is None:
            self._rank_if_needed()
            self.message.emit(self.tr("The model is still weighing the documents; try again "
                                      "in a moment."))
            return None
        current = self._session.document_id
        not_done = DocumentFilter(statuses=SUGGESTED, analyst=self._session.analyst)
        candidates = [i for i in self.project.filter_ids(ranked, not_done) if i != current]
        if not candidates:
            self.message.emit(self.tr("Every document is done."))
            return None
        chosen = candidates[0]
        self._session.open(chosen)
        assert self.ranking is not None
        self.message.emit(self.tr("The model is least sure of this document (uncertainty "
                                  "{value}).").format(
            value=QLocale().toString(self.ranking[chosen], "f", 2)))
        return chosen

    # -- closing ---------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop what runs: a training is cancelled (the model in use stays)."""
        for running in (self._training, self._ranking_task):
            if running is not None:
                running[1].cancel()
        self.tagger.stop()
        self._pool.waitForDone(10_000)
