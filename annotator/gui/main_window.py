"""The main window: it composes the list, the article, the palette and the span list.

Everything it shows lives in its own module; this one wires them together and to the session
(the open document and the undo stack), the actions and the background runner.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Label, Span, Status
from annotator.core.review import key_target
from annotator.gui.actions import Actions
from annotator.gui.agreement_dialog import AgreementDialog
from annotator.gui.article_view import ArticleView
from annotator.gui.curation import CurationPanel, Curator
from annotator.gui.dialogs import show_about, show_keys
from annotator.gui.document_list import DocumentListPanel, first_strong_is_rtl
from annotator.gui.event_panel import EventPanel
from annotator.gui.events import EventEditor
from annotator.gui.label_names import shown_label
from annotator.gui.models import ModelControls
from annotator.gui.palette import LabelPalette
from annotator.gui.project_file import FileWatch, UnsavedEdits, show_read_only
from annotator.gui.review import Reviewer
from annotator.gui.session import Session
from annotator.gui.settings import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE, Settings
from annotator.gui.span_list import SpanListView
from annotator.gui.text_index import TextIndexer
from annotator.gui.transfers import Transfers
from annotator.gui.undo import status_name
from annotator.services.analysts import (
    checked_name,
    current_analyst,
    set_shows_others,
    shows_others,
    start_work,
)
from annotator.services.progress import CancelToken, Progress
from annotator.storage import Project
from annotator.text.dates import jalali, jalali_display
from annotator.text.search import matches, phrase

MESSAGE_MS = 10_000


class MainWindow(QMainWindow):
    def __init__(self, project: Project, settings: Settings | None = None,
                 parent: QWidget | None = None, analyst: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.project = project
        self.settings = settings if settings is not None else Settings()
        analyst = current_analyst(analyst, self.settings.analyst)
        start_work(project, analyst)
        self.session = Session(project, analyst, self)
        self.unsaved = UnsavedEdits(self, self.session)
        self.transfers = Transfers(self, project.location)
        self.indexer = TextIndexer(project.location, self)
        self.article_hits: list[tuple[int, int]] = []
        self.menu_actions = Actions(self)
        self.menu_actions.set_labels(self, self.session.labels)

        self.documents = DocumentListPanel(project, self, analyst)
        self.article = ArticleView(self)
        self.label_palette = LabelPalette(self)
        self.span_list = SpanListView(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("documentHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QLabel(self)
        self.details.setObjectName("documentDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QLabel(self)
        self.progress.setObjectName("doneProgress")

        centre = QWidget(self)
        column = QVBoxLayout(centre)
        column.setContentsMargins(6, 0, 6, 0)
        column.addWidget(self.heading)
        column.addWidget(self.details)
        column.addWidget(self.label_palette)
        column.addWidget(self.unsaved.bar)
        column.addWidget(self.article, 1)
        self.review = Reviewer(self, self.session, self.article, self.span_list, self.transfers)
        spans = QWidget(self)
        spans_column = QVBoxLayout(spans)
        spans_column.setContentsMargins(0, 0, 0, 0)
        spans_column.setSpacing(2)
        spans_column.addWidget(self.review.filter_bar)
        self.curation_panel = CurationPanel(self)
        spans_column.addWidget(self.curation_panel, 2)
        self.event_panel = EventPanel(self)
        self.events = EventEditor(self, self.session, self.article, self.event_panel)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.setObjectName("spansSplitter")
        side.addWidget(self.span_list)
        side.addWidget(self.event_panel)
        side.setSizes([460, 300])
        spans_column.addWidget(side, 1)
        self.curator = Curator(self, self.session, self.curation_panel,
                               self.article.select_range)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.documents)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(spans)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([380, 600, 420])
        self.setCentralWidget(self.splitter)
        self.toolbar = self.menu_actions.build_menus(self)
        menus = self.menu_actions.menus
        self.review_menu = self.review.actions.build_menu(
            self, menus["file"], self.menu_actions.export, menus["view"])
        self.events_menu = self.events.actions.build_menu(self, menus["view"])
        self.unsaved.add_to(menus["edit"])
        self.curator.build_menu(menus["document"])
        self.agreement_action = self.review_menu.addAction(self.tr("Analysts' &Agreement…"))
        self.agreement_action.setObjectName("agreement")
        self.agreement_action.setStatusTip(self.tr(
            "How far the analysts agree, pair by pair; the documents they disagree on most"))
        self.agreement_action.triggered.connect(self.show_agreement)
        self.analyst_action = menus["view"].addAction(self.tr("&Analyst…"))
        self.analyst_action.setObjectName("analyst")
        self.analyst_action.setStatusTip(self.tr("The name you work under"))
        self.analyst_action.triggered.connect(self.ask_analyst)
        self.others_action = menus["view"].addAction(self.tr("&Other Analysts' Labels"))
        self.others_action.setObjectName("otherAnalysts")
        self.others_action.setCheckable(True)
        self.others_action.setChecked(shows_others(project))
        self.others_action.setEnabled(not project.read_only)
        self.others_action.setStatusTip(self.tr(
            "Show every analyst the others' labels, underlined in the labels' colours (a "
            "setting of the project; off, each labels blind)"))
        self.others_action.toggled.connect(self.show_others)
        self.models = ModelControls(self, self.session, self.documents, self.transfers)
        self.models.add_to_menus(self.review_menu, menus["document"])
        self.statusBar().addPermanentWidget(self.models.status)
        self.statusBar().addPermanentWidget(self.progress)
        self.setAcceptDrops(True)
        self._show_title()
        show_read_only(self, project)

        self._apply_labels(self.session.labels)
        self._connect()
        self._restore()
        self._data_version = project.data_version()
        self._connection_lost = False
        self.watch = FileWatch(self.refresh_if_changed, self)
        self._update_progress()
        self.session.open_first()
        self.article.setFocus()
        QTimer.singleShot(0, self.index_text)

    # -- wiring ----------------------------------------------------------------------------

    def _connect(self) -> None:
        # After an edit the article repaints at once; the span list follows on the next turn
        # of the event loop, so a key press is not kept waiting for the list, and a burst of
        # them refreshes it once.
        self._span_list_due = QTimer(self)
        self._span_list_due.setSingleShot(True)
        self._span_list_due.setInterval(0)
        self._span_list_due.timeout.connect(self._sync_span_list)
        # So do the document list's row and the progress: a label key costs neither a query
        # of the list nor a count of the analyst's documents (only a new status changes it).
        self._rows_edited: set[int] = set()
        self._progress_stale = False
        self._list_due = QTimer(self)
        self._list_due.setSingleShot(True)
        self._list_due.setInterval(0)
        self._list_due.timeout.connect(self._sync_list)
        session, actions = self.session, self.menu_actions
        session.documentOpened.connect(self._show_document)
        session.spansChanged.connect(self._show_spans)
        session.documentEdited.connect(self._document_edited)
        session.documentsEdited.connect(self._documents_edited)
        session.message.connect(self.show_message)
        self.unsaved.message.connect(self.show_message)
        self.article.selectedSpanChanged.connect(self.span_list.show_selected)
        self.article.fontSizeChanged.connect(self._font_size_changed)
        self.span_list.spanActivated.connect(self._jump_to_span)
        self.documents.documentActivated.connect(session.open)
        self.documents.filterApplied.connect(
            lambda: self._show_search_hits(self.session.document))
        self.documents.table.stepRequested.connect(self.go)

        stack = session.undo_stack
        stack.canUndoChanged.connect(actions.undo.setEnabled)
        stack.canRedoChanged.connect(actions.redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_text)
        stack.redoTextChanged.connect(self._redo_text)
        actions.undo.triggered.connect(stack.undo)
        actions.redo.triggered.connect(stack.redo)
        actions.delete.triggered.connect(self.delete_selected_span)
        actions.mark_done.triggered.connect(self.mark_done_and_next)
        actions.previous.triggered.connect(lambda: self.go(-1))
        actions.next.triggered.connect(lambda: self.go(1))
        actions.zoom_in.triggered.connect(lambda: self.zoom(1))
        actions.zoom_out.triggered.connect(lambda: self.zoom(-1))
        actions.zoom_reset.triggered.connect(lambda: self.zoom(0))
        actions.import_.triggered.connect(self.transfers.choose_import)
        actions.import_folder.triggered.connect(self.transfers.choose_import_folder)
        actions.export.triggered.connect(
            lambda: self.transfers.choose_export(self.session.labels))
        actions.quit.triggered.connect(self.close)
        actions.about.triggered.connect(lambda: show_about(self))
        actions.shortcuts_help.triggered.connect(lambda: show_keys(self))
        actions.languages.triggered.connect(self._language_chosen)
        self.transfers.message.connect(self.show_message)
        self.transfers.imported.connect(self._after_import)
        self.review.message.connect(self.show_message)
        self.events.message.connect(self.show_message)
        self.curator.message.connect(self.show_message)
        self.transfers.runner.finished.connect(self._task_finished)
        self.review.suggestionsImported.connect(self._after_suggestions)
        self.models.message.connect(self.show_message)
        self.models.suggestionsAdded.connect(self._after_suggestions)
        self.models.suggestionsShown.connect(self.review.refresh_models)
        self.models.rankingChanged.connect(
            lambda: self.documents.set_ranking(self.models.ranked_ids()))
        self.indexer.finished.connect(lambda _: self.documents.text_indexed())
        self._undo_text("")
        self._redo_text("")

    def _apply_labels(self, labels: Sequence[Label]) -> None:
        self._labels_shown = list(labels)
        actions = self.menu_actions.set_labels(self, labels)
        for name, action in actions.items():
            action.triggered.connect(lambda _=False, name=name: self.label_selection(name))
        self.label_palette.set_labels(list(labels), actions)
        self.article.set_labels(labels)
        self.span_list.span_model.set_labels(list(labels))
        self.span_list.set_column_widths([shown_label(lab.name) for lab in labels])
        self.documents.set_labels(list(labels))
        self.article.set_context_actions([*actions.values(), self.menu_actions.delete])

    # -- showing ---------------------------------------------------------------------------

    def _show_document(self, doc: Document | None) -> None:
        list_has_focus = self.documents.table.hasFocus()
        self._span_list_due.stop()
        self.article.show_document(doc)
        self.article.set_others(self.session.others)
        if self._show_search_hits(doc):  # the caret on the first, in the middle of the screen
            self.article.place_caret(self.article_hits[0][0])
            self.article.centerCursor()
        self.span_list.set_document(doc)
        self.documents.select_document(doc.id if doc is not None else None)
        self._show_heading(doc)
        if not list_has_focus:
            self.article.setFocus()


    def show_others(self, shown: bool) -> None:
        """View → Other Analysts' Labels: the project's analysts see each other's labels (or,
        off, label blind). A setting of the project, so every analyst's window follows it."""
        if self.project.read_only or shown == shows_others(self.project):
            return
        set_shows_others(self.project, shown)
        self._reopen()
    def _show_search_hits(self, doc: Document | None) -> bool:
        """Mark in the article where the list's text filter found its words; whether any."""
        asked = phrase(self.documents.search.text()) if doc is not None else None
        self.article_hits = ([hit for line in matches(asked, doc.text) for hit in line.matches]
                             if asked is not None and doc is not None else [])
        self.article.set_search_hits(self.article_hits)
        return bool(self.article_hits)

    def _show_spans(self, doc: Document) -> None:
        self.article.set_spans(doc.spans)
        self._span_list_due.start()
        self._show_heading(doc)

    def _sync_span_list(self) -> None:
        self.span_list.set_document(self.session.document)
        self.span_list.show_selected(self.article.selected_span)

    def _show_heading(self, doc: Document | None) -> None:
        """The title in the article's font, and under it the Jalali date and the status."""
        if doc is None:
            self.heading.setText(self.tr("No documents yet: import articles from the File menu "
                                         "or drop files here."))
            self.details.clear()
            return
        title = doc.title or doc.key
        self.heading.setText(title)
        direction = (Qt.LayoutDirection.RightToLeft if first_strong_is_rtl(title)
                     else Qt.LayoutDirection.LeftToRight)
        side = (Qt.AlignmentFlag.AlignRight if direction == Qt.LayoutDirection.RightToLeft
                else Qt.AlignmentFlag.AlignLeft)
        for label in (self.heading, self.details):
            label.setLayoutDirection(direction)
            label.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute
                               | Qt.AlignmentFlag.AlignVCenter)
        font = QFont(self.article.font())
        font.setBold(True)
        font.setPointSize(max(MIN_FONT_SIZE, self.article.font_size + 1))
        self.heading.setFont(font)
        details = []
        if doc.date is not None:
            persian = QLocale().language() == QLocale.Language.Persian
            shown = jalali_display(doc.date) if persian else jalali(doc.date)
            details.append(f"\u2068{shown}\u2069")  # isolated: digits keep their order
        details.append(status_name(doc.status).capitalize())
        self.details.setText("  —  ".join(details))

    def _document_edited(self, doc_id: int, status_changed: bool) -> None:
        self._rows_edited.add(doc_id)
        self._progress_stale |= status_changed
        self._list_due.start()

    def _sync_list(self) -> None:
        edited, self._rows_edited = sorted(self._rows_edited), set()
        for doc_id in edited:
            self.documents.refresh_document(doc_id)
        if self._progress_stale:
            self._progress_stale = False
            self._update_progress()

    def _documents_edited(self) -> None:
        self.documents.reload()
        self._update_progress()

    def _update_progress(self) -> None:
        """``12 of 40 done``: the analyst's own; of the documents assigned to them when some
        are (``3 of 10 of mine done``)."""
        locale = QLocale()
        analyst = self.session.analyst
        mine = self.project.statuses_by_analyst(analyst).get(analyst, {})
        if mine.get("assigned"):
            self.progress.setText(self.tr("{done} of {total} of mine done").format(
                done=locale.toString(mine["assigned_done"]),
                total=locale.toString(mine["assigned"])))
            return
        counts = self.project.status_counts(analyst)
        total = sum(counts.values())
        done = counts.get(Status.DONE.value, 0) + counts.get(Status.REVIEWED.value, 0)
        self.progress.setText(self.tr("{done} of {total} done").format(
            done=locale.toString(done), total=locale.toString(total)))

    def _show_title(self) -> None:
        """``Annotator — news.sqlite — maryam``: the project and whom the window works as (a
        read-only project says that instead: nobody works on it here)."""
        if self.project.read_only:
            return
        self.setWindowTitle(self.tr("Annotator — {file} — {analyst}").format(
            file=self.project.location.name, analyst=self.session.analyst))

    def switch_analyst(self, analyst: str) -> None:
        """Work as ``analyst`` from now on: their labels, statuses and list; remembered."""
        analyst = checked_name(analyst)
        self.settings.analyst = analyst
        if analyst == self.session.analyst:
            return
        start_work(self.project, analyst)
        self.session.analyst = analyst
        self.session.undo_stack.clear()  # the edits on it were another analyst's
        self.documents.set_analyst(analyst)
        self._show_title()
        self._update_progress()
        self._reopen()
        self.show_message(self.tr("Working as {analyst}.").format(analyst=analyst))

    def ask_analyst(self) -> QInputDialog:
        """View → Analyst (and once, at the first start): the name to work under, the current
        one offered. The dialog does not block the window; accepted, it switches."""
        dialog = QInputDialog(self)
        dialog.setObjectName("analystDialog")
        dialog.setWindowTitle(self.tr("Analyst"))
        dialog.setLabelText(self.tr("Your name as an analyst (your edits are recorded under it; "
                                    "other analysts' labels stay hidden):"))
        dialog.setTextValue(self.session.analyst)
        dialog.textValueSelected.connect(self._analyst_chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _analyst_chosen(self, name: str) -> None:
        try:
            self.switch_analyst(name)
        except AnnotatorError as exc:
            self.show_message(str(exc))

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, MESSAGE_MS)

    def _undo_text(self, text: str) -> None:
        self.menu_actions.undo.setText(self.tr("Undo: {edit}").format(edit=text) if text
                                  else self.tr("Undo"))

    def _redo_text(self, text: str) -> None:
        self.menu_actions.redo.setText(self.tr("Redo: {edit}").format(edit=text) if text
                                  else self.tr("Redo"))

    # -- editing ---------------------------------------------------------------------------

    def label_selection(self, label: str) -> None:
        """A label key: what it acts on is :func:`annotator.core.review.key_target`'s to say
        (the selection snapped to tokens, the span at the caret, or its token; a suggestion
        is accepted under that label)."""
        view = self.article
        if self.session.document is None:
            return
        snapped = view.target() if view.selection() is not None else None
        target = None if view.selection() is not None and snapped is None else key_target(
            snapped, view.selected_span, view.token_at(view.caret()), view.suggestions_in)
        if target is None:
            self.show_message(self.tr("Nothing to label: select words or put the caret on one."))
            return
        suggestion = target.suggestion
        if suggestion is not None and (suggestion.start, suggestion.end) == (target.start,
                                                                             target.end):
            self.session.decide(suggestion, label=label)  # the caret stays on it
            return
        if suggestion is None:
            done = self.session.label(target.start, target.end, label)
        else:  # a correction: the selection's boundaries
            done = self.session.decide(suggestion, label=label, start=target.start,
                                       end=target.end)
        if done:
            view.place_caret(target.start)

    def delete_selected_span(self) -> None:
        span = self.article.selected_span
        if span is None:
            self.show_message(self.tr("No span selected: click a span or put the caret in one."))
            return
        self.session.delete(span)

    def _jump_to_span(self, span: Span) -> None:
        self.article.select_span(span)
        self.article.setFocus()

    def show_agreement(self) -> None:
        """Review → Analysts' Agreement: measured off the GUI thread, then shown."""
        from annotator.services.team import measure_agreement

        def work(project: Project, progress: Progress, cancel: CancelToken) -> object:
            return measure_agreement(project, progress=progress, cancel=cancel)

        self.transfers.start("agreement", self.tr("Comparing the analysts…"), work)

    def _task_finished(self, name: str, result: object) -> None:
        if name != "agreement":
            return
        if not result.pairs:  # type: ignore[attr-defined]
            self.show_message(self.tr("No document was labelled by two analysts or more."))
            return
        dialog = AgreementDialog(result, self)  # type: ignore[arg-type]
        dialog.curate.connect(self.curate_document)
        dialog.finished.connect(dialog.deleteLater)
        self.agreement_dialog = dialog
        dialog.open()

    def curate_document(self, key: str) -> None:
        """Open a document (by key) for curation."""
        doc_id = self.project.keys_to_ids().get(key)
        if doc_id is not None and self.curator.start(doc_id):
            self.documents.select_document(doc_id)
            self.article.setFocus()

    def mark_done_and_next(self) -> None:
        if self.session.curating:
            self.curator.finish()
            self._update_progress()
            return
        self.session.mark_done_and_next()
        self.article.setFocus()

    def go(self, step: int) -> None:
        current = self.session.document_id
        if current is None:
            return
        target = self.documents.neighbour(step)
        if target is None:
            target = self.project.neighbour(current, step, analyst=self.session.analyst)
        if target is None:
            self.show_message(self.tr("This is the last document.") if step > 0
                              else self.tr("This is the first document."))
            return
        focus_list = self.documents.table.hasFocus()
        self.session.open(target)
        if focus_list:
            self.documents.table.setFocus()
        else:
            self.article.setFocus()

    def zoom(self, step: int) -> None:
        size = self.article.font_size + step if step else DEFAULT_FONT_SIZE
        self.article.set_font_size(max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size)))

    def _font_size_changed(self, size: int) -> None:
        self.settings.font_size = size
        self._show_heading(self.session.document)

    def _language_chosen(self, action: Any) -> None:
        self.settings.language = str(action.data())
        self.show_message(self.tr("The interface language changes when Annotator next starts."))

    # -- import and export -----------------------------------------------------------------

    def _after_import(self) -> None:
        self._data_version = self.project.data_version()
        labels = self.session.reload_labels()
        if labels != self._labels_shown:  # added, renamed, removed, another key or colour
            self._apply_labels(labels)
        self.review.refresh_models()
        self.models.refresh()
        self.documents.reload()
        self._update_progress()
        if self.session.document is None:
            self.session.open_first()
        self.index_text()

    def index_text(self) -> None:
        """Index, in the background, the documents' text that is not indexed yet."""
        if not self.project.read_only and self.project.text_index_state()[1]:
            self.indexer.start()

    def _after_suggestions(self) -> None:
        """A model's suggestions came in: show those of the open document too."""
        self._after_import()
        self._reopen()

    def _reopen(self) -> None:
        """Show the open document again as the file has it, the caret and selection kept."""
        doc_id = self.session.document_id
        if doc_id is not None:
            caret, selected = self.article.caret(), self.article.selection()
            self.session.open(doc_id)
            if self.session.document is None:
                return
            if selected is not None:
                self.article.select_range(*selected, reverse=caret == selected[0])
            else:
                self.article.place_caret(min(caret, len(self.session.document.text)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.transfers.import_paths(paths)

    # -- other programs writing the project file -------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh_if_changed()

    def refresh_if_changed(self) -> None:
        """Show what another program (``annotator import`` in a terminal) changed in the
        project: checked every two seconds (:class:`FileWatch`) and on activation. A project
        whose server is out of reach is tried again at the next tick; once it answers, the
        edits kept meanwhile are saved."""
        if self.transfers.busy:
            return
        try:
            version = self.project.data_version()
            if self._connection_lost:
                self._connection_lost = False
                self.show_message(self.tr("Connected to the project database again."))
            if self.unsaved.waiting_for_server:
                self.unsaved.retry()
            if version == self._data_version:
                return
            self._data_version = version
            self._after_import()
            self.others_action.setChecked(shows_others(self.project))
            if self.session.stale():
                self._reopen()
        except AnnotatorError as exc:
            if not self._connection_lost:
                self._connection_lost = True
                self.show_message(self.tr(
                    "The project database cannot be reached ({problem}). Edits are kept in "
                    "this window and saved when it is back.").format(problem=exc))

    # -- settings --------------------------------------------------------------------------

    def _restore(self) -> None:
        self.article.set_font_size(self.settings.font_size)
        geometry = self.settings.state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1320, 820)
        state = self.settings.state("state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.state("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        language = self.settings.language
        self.menu_actions.language[language].setChecked(True)

    def save_settings(self) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("state", self.saveState())
        self.settings.set_state("splitter", self.splitter.saveState())
        self.settings.font_size = self.article.font_size
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.unsaved.may_close():
            event.ignore()
            return
        self.watch.stop()
        self.models.shutdown()
        self.indexer.stop()
        if self.transfers.busy:
            self.transfers.runner.cancel()
            self.transfers.runner.wait(10_000)
        self.save_settings()
        super().closeEvent(event)
