"""Reviewing a model's suggestions in the window: the keys, the filter, bulk accept, imports.

N selects the next pending suggestion (after the caret, wrapping round), A or Enter accepts
it, X rejects it, and 1 2 3 accept it under that label (a correction, as is a selection that
changes its boundaries). Every decision is a core command (:mod:`annotator.core.review`)
pushed through the session's undo stack, so it undoes like any edit; a bulk accept is one
step. The filter bar above the span list narrows the review to one model and a lowest score:
what it hides is neither drawn, nor listed, nor reached by N.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QWidget,
)

from annotator.core import review
from annotator.core.commands import Command
from annotator.core.model import Review, Span
from annotator.gui.actions import keys, make_action
from annotator.gui.article_view import ArticleView
from annotator.gui.review_dialogs import (
    AcceptAboveDialog,
    ImportSuggestionsDialog,
    ModelReportDialog,
)
from annotator.gui.session import Session
from annotator.gui.span_list import SpanListView
from annotator.gui.suggestions import SuggestionFilter, score_text
from annotator.gui.transfers import Transfers, start_folder
from annotator.services.progress import CancelToken, Progress
from annotator.services.reviewing import accept_above_in_project
from annotator.services.stats import model_report
from annotator.services.training import learning_curve, trained_models
from annotator.storage import Project

# The review keys, and the letter the same key gives on a Persian (and Arabic) layout.
NEXT_KEYS = ("N", "د", "ى")
ACCEPT_KEYS = ("A", "ش")
REJECT_KEYS = ("X", "ط", "ء")


class FilterBar(QWidget):
    """``Suggestions: [all models] score ≥ [any]  3 to review`` over the span list."""

    changed = Signal(object)  # SuggestionFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionFilter")
        self.model = QComboBox(self)
        self.model.setObjectName("modelFilter")
        self.model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model.setToolTip(self.tr("Show the suggestions of one model only"))
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setObjectName("scoreThreshold")
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setSpecialValueText(self.tr("any"))
        self.threshold.setToolTip(self.tr("Hide suggestions scoring less than this"))
        self.count = QLabel(self)
        self.count.setObjectName("pendingCount")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        caption = QLabel(self.tr("Suggestions:"), self)
        layout.addWidget(caption)
        layout.addWidget(self.model)
        layout.addWidget(QLabel(self.tr("score ≥"), self))
        layout.addWidget(self.threshold)
        layout.addStretch(1)
        layout.addWidget(self.count)
        self.set_models([])
        self.model.currentIndexChanged.connect(self._changed)
        self.threshold.valueChanged.connect(self._changed)

    def set_models(self, models: Sequence[str]) -> None:
        """The project's models; the chosen one stays chosen while it is among them."""
        chosen = self.model.currentData()
        self.model.blockSignals(True)
        try:
            self.model.clear()
            self.model.addItem(self.tr("all models"), None)
            for name in models:
                self.model.addItem(name, name)
            found = self.model.findData(chosen) if chosen is not None else 0
            self.model.setCurrentIndex(max(found, 0))
        finally:
            self.model.blockSignals(False)
        if chosen is not None and self.model.currentData() != chosen:
            self._changed()

    def current(self) -> SuggestionFilter:
        model = self.model.currentData()
        score = round(self.threshold.value(), 2)
        return SuggestionFilter(model=str(model) if model is not None else None,
                                min_score=score if score > 0 else None)

    def set_current(self, flt: SuggestionFilter) -> None:
        self.model.setCurrentIndex(max(self.model.findData(flt.model), 0)
                                   if flt.model is not None else 0)
        self.threshold.setValue(flt.min_score or 0.0)

    def show_count(self, pending: int, hidden: int) -> None:
        locale = QLocale()
        text = self.tr("{n} to review").format(n=locale.toString(pending)) if pending else ""
        if hidden:
            text = (text + " " if text else "") + self.tr("({n} hidden)").format(
                n=locale.toString(hidden))
        self.count.setText(text)

    def _changed(self) -> None:
        self.changed.emit(self.current())


class ReviewActions(QObject):
    """The review commands as actions, with their keys (the SPEC's N, A or Enter, X)."""

    def __init__(self, window: QMainWindow, article: QWidget) -> None:
        super().__init__(window)

        def make(text: str, shortcuts: Iterable[QKeySequence] = (), tip: str = "") -> QAction:
            return make_action(window, text, shortcuts, tip)

        self.next = make(self.tr("&Next Suggestion"), keys(*NEXT_KEYS),
                         self.tr("Select the next suggestion to review"))
        self.accept = make(self.tr("&Accept Suggestion"), keys(*ACCEPT_KEYS),
                           self.tr("Accept the selected suggestion as it is"))
        # Enter accepts too, but only in the article: elsewhere it keeps its own meaning.
        self.accept_enter = QAction(self.accept.text(), article)
        self.accept_enter.setShortcuts(keys("Return", "Enter"))
        self.accept_enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        article.addAction(self.accept_enter)
        self.accept.setToolTip(self.tr("Accept the selected suggestion as it is (A or Enter)"))
        self.reject = make(self.tr("&Reject Suggestion"), keys(*REJECT_KEYS),
                           self.tr("Reject the selected suggestion"))
        self.accept_above = make(self.tr("Accept All &Above Score…"), (),
                                 self.tr("Accept every suggestion scoring at least a given "
                                         "score, in this document or the whole project"))
        self.model_report = make(self.tr("Model &Report…"), (),
                                 self.tr("How each model's suggestions fared: precision "
                                         "and recall, per label"))
        self.import_suggestions = make(self.tr("Import &Suggestions…"), (),
                                       self.tr("Add a model's pre-annotations to review"))

    def build_menu(self, window: QMainWindow, file_menu: QMenu, file_anchor: QAction,
                   before: QMenu) -> QMenu:
        """``Import Suggestions…`` in the File menu (before ``file_anchor``), and the Review
        menu before the menu ``before``."""
        file_menu.insertAction(file_anchor, self.import_suggestions)
        menu = QMenu(self.tr("&Review"), window)
        menu.addActions([self.next, self.accept, self.reject])
        menu.addSeparator()
        menu.addAction(self.accept_above)
        menu.addSeparator()
        menu.addAction(self.model_report)
        window.menuBar().insertMenu(before.menuAction(), menu)
        return menu


class Reviewer(QObject):
    """Carries out the review actions on the open document through the session."""

    message = Signal(str)
    suggestionsImported = Signal()

    def __init__(self, window: QMainWindow, session: Session, article: ArticleView,
                 span_list: SpanListView, transfers: Transfers) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._article = article
        self._span_list = span_list
        self._transfers = transfers
        self.actions = ReviewActions(window, article)
        self.filter_bar = FilterBar(window)
        self.report_dialog: ModelReportDialog | None = None
        self._models: list[str] = []

        actions = self.actions
        actions.next.triggered.connect(self.next_suggestion)
        actions.accept.triggered.connect(self.accept)
        actions.accept_enter.triggered.connect(self.accept)
        actions.reject.triggered.connect(self.reject)
        actions.accept_above.triggered.connect(self.choose_accept_above)
        actions.model_report.triggered.connect(self.show_report)
        actions.import_suggestions.triggered.connect(self.choose_suggestions)
        self.filter_bar.changed.connect(self.set_filter)
        transfers.runner.finished.connect(self._task_finished)
        session.documentOpened.connect(self._update_count)
        session.spansChanged.connect(self._update_count)
        self.refresh_models()

    # -- the filter ------------------------------------------------------------------------

    @property
    def filter(self) -> SuggestionFilter:
        return self._article.suggestion_filter

    def set_filter(self, flt: SuggestionFilter) -> None:
        """Review only ``flt``'s suggestions (the article, the span list, N)."""
        if self.filter_bar.current() != flt:
            self.filter_bar.set_current(flt)  # announces it again, through here
            return
        self._article.set_suggestion_filter(flt)
        self._span_list.set_suggestion_filter(flt, self._session.document)
        self._span_list.show_selected(self._article.selected_span)
        self._update_count()

    def refresh_models(self) -> None:
        self._models = self._session.project.model_names()
        self.filter_bar.set_models(self._models)
        self._span_list.set_models(self._models)

    def _update_count(self, *_: Any) -> None:
        doc = self._session.document
        if doc is None:
            self.filter_bar.show_count(0, 0)
            return
        everything = review.pending(doc)
        shown = review.pending(doc, self.filter.model, self.filter.min_score)
        self.filter_bar.show_count(len(shown), len(everything) - len(shown))

    # -- one suggestion at a time ----------------------------------------------------------

    def _selected_suggestion(self) -> Span | None:
        span = self._article.selected_span
        return span if span is not None and span.review == Review.PENDING else None

    def next_suggestion(self) -> Span | None:
        """Select the next pending suggestion the filter shows, wrapping round: the one after
        the suggestion N chose last, else the first starting at the caret or after it."""
        doc = self._session.document
        if doc is None:
            return None
        flt = self.filter
        candidates = review.pending(doc, flt.model, flt.min_score)
        if not candidates:
            hidden = len(review.pending(doc))
            self.message.emit(
                self.tr("No suggestions to review in this document ({n} hidden by the "
                        "filter).").format(n=QLocale().toString(hidden)) if hidden
                else self.tr("No suggestions to review in this document."))
            return None
        current = self._article.selected_span
        ids = [s.id for s in candidates]
        if current is not None and current.id in ids and self._article.chosen:
            chosen = candidates[(ids.index(current.id) + 1) % len(candidates)]
        else:  # the first starting at the caret or after it
            caret = self._article.caret()
            chosen = next((s for s in candidates if s.start >= caret), candidates[0])
        self._article.select_span(chosen)
        self._article.setFocus()
        self._show_suggestion(chosen)
        return chosen

    def _show_suggestion(self, span: Span) -> None:
        model = span.model or ""
        digits = " ".join(self._label_keys())  # in a Persian sentence, read right to left
        if span.score is not None:
            text = self.tr("Suggestion of {model}, score {score}: A or Enter accepts, X "
                           "rejects, {keys} accept under another label.").format(
                model=model, score=score_text(span.score), keys=digits)
        else:
            text = self.tr("Suggestion of {model}: A or Enter accepts, X rejects, {keys} "
                           "accept under another label.").format(model=model, keys=digits)
        self.message.emit(text)

    def _label_keys(self) -> list[str]:
        return [lab.key for lab in self._session.labels if lab.key] or ["1", "2", "3"]

    def _nothing_selected(self) -> None:
        self.message.emit(self.tr("No suggestion selected: N selects the next one."))

    def accept(self) -> bool:
        suggestion = self._selected_suggestion()
        if suggestion is None:
            self._nothing_selected()
            return False
        return self._session.decide(suggestion)

    def reject(self) -> bool:
        suggestion = self._selected_suggestion()
        if suggestion is None:
            self._nothing_selected()
            return False
        return self._session.reject(suggestion)

    # -- in bulk ---------------------------------------------------------------------------

    def choose_accept_above(self) -> None:
        dialog = AcceptAboveDialog(self._window, self._models, self.filter,
                                   has_document=self._session.document is not None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            choice = dialog.choice()
            self.accept_above(choice.min_score, choice.model, choice.whole_project)
        dialog.deleteLater()

    def accept_above(self, min_score: float, model: str | None = None,
                     whole_project: bool = False) -> bool:
        """Accept every pending suggestion scoring at least ``min_score``: one undo step.

        The open document is done here; the whole project is read off the GUI thread (the
        command is then applied here, in one transaction)."""
        analyst = self._session.analyst
        if not whole_project:
            doc = self._session.document
            if doc is None:
                return False
            self._push_bulk(review.accept_above([doc], min_score, model, analyst), min_score)
            return True

        def work(project: Project, progress: Progress, cancel: CancelToken) -> object:
            return min_score, accept_above_in_project(project, min_score, model, analyst,
                                                      progress, cancel)

        return self._transfers.start("accept-above", self.tr("Accepting suggestions…"), work)

    def _push_bulk(self, outcome: tuple[Command | None, int, int], min_score: float) -> None:
        command, accepted, left = outcome
        locale = QLocale()
        if command is None:
            text = self.tr("No suggestion scores {score} or more.").format(
                score=score_text(min_score)) if not left else ""
        else:
            if not self._session.push(command, self.tr(
                    "accept {n} suggestions scoring {score} or more").format(
                    n=locale.toString(accepted), score=score_text(min_score))):
                return  # not saved: the session and the window said why
            text = self.tr("Accepted {n} suggestions scoring {score} or more.").format(
                n=locale.toString(accepted), score=score_text(min_score))
        if left:
            text = (text + " " if text else "") + self.tr(
                "{n} left to review: they overlap a label or a stronger suggestion.").format(
                n=locale.toString(left))
        self.message.emit(text)

    # -- importing suggestions, the report -------------------------------------------------

    def choose_suggestions(self) -> None:
        dialog = ImportSuggestionsDialog(self._window, self._models,
                                         start_folder(self._session.project.location))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            paths, model = dialog.choice()
            self.import_suggestions(paths, model)
        dialog.deleteLater()

    def import_suggestions(self, paths: Sequence[Path], model: str) -> bool:
        """Add ``model``'s suggestions from files, off the GUI thread (cancellable)."""
        from annotator.services.predictions import import_predictions

        chosen = list(paths)

        def work(project: Project, progress: Progress, cancel: CancelToken) -> object:
            return model, import_predictions(project, chosen, model, "auto", None,
                                             progress, cancel)

        return self._transfers.start("suggestions", self.tr("Importing suggestions…"), work)

    def _task_finished(self, name: str, result: Any) -> None:
        if name == "suggestions":
            model, outcome = result
            locale = QLocale()
            text = self.tr("Added {added} suggestions of {model} in {documents} "
                           "documents.").format(added=locale.toString(outcome.added),
                                                model=model,
                                                documents=locale.toString(outcome.documents))
            if outcome.skipped:
                text += " " + self.tr("{n} were already in the project.").format(
                    n=locale.toString(outcome.skipped))
            self.suggestionsImported.emit()
            self.message.emit(text)
        elif name == "accept-above":
            min_score, outcome = result
            self._push_bulk(outcome, min_score)

    def show_report(self) -> ModelReportDialog:
        if self.report_dialog is not None:
            self.report_dialog.close()
            self.report_dialog.deleteLater()
        project = self._session.project
        self.report_dialog = ModelReportDialog(model_report(project), self._window,
                                               learning_curve(project), trained_models(project))
        self.report_dialog.open()
        return self.report_dialog
