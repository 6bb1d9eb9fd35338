"""The editing session: the open document, the undo stack and the edits an analyst makes.

Widgets ask it to label, delete, mark done or move; it builds the core command, pushes it on
the undo stack (which applies it to the project file, committing it) and announces what
changed. Undoing an edit of another document opens that document; a bulk accept over the
whole project changes several documents at once and opens none.

Review decisions (accept, accept as another label or with other boundaries, reject) are
core commands too (:mod:`annotator.core.review`). The session works as one analyst: it shows
that analyst's labels, decisions and statuses (others' stay hidden: blind labelling, unless
the project shows them, as ``others``), and records every edit and decision as theirs.

Events are edited the same way (:mod:`annotator.core.event_commands`), and every span edit goes
with what it does to the document's events (:func:`~annotator.core.event_commands.with_events`):
a span deleted or relabelled leaves the events it no longer fits, in the same undo step.

An edit the project file cannot take (full disk, read-only file, busy) is not shown as made:
the file was left as it was, and the edit goes out with ``saveFailed`` to be kept and saved
later. A project file opened read-only takes no edits at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.core import review
from annotator.core.analysts import curated_of, events_in_view
from annotator.core.commands import SetStatus, label_command
from annotator.core.curation import Curation
from annotator.core.errors import AnnotatorError, StorageError
from annotator.core.event_commands import (
    EventCommand,
    EventCompound,
    Reverted,
    add_argument_command,
    add_arguments_command,
    add_event_command,
    delete_event_command,
    delete_span_command,
    rebased,
    remove_argument_command,
    set_type_command,
    with_events,
)
from annotator.core.events import Event, EventType, FrameCounts, Role, on_spans
from annotator.core.model import Document, Label, Span, Status
from annotator.gui.undo import EditCommand
from annotator.services.analysts import others_labels
from annotator.services.team import begin_curation, curation_found, labelled_by
from annotator.storage import EVERYONE, Project
from annotator.suggest.frames import (
    ArgumentSuggestion,
    FrameMemory,
    TypeSuggestion,
    counted_events,
)

DONE_STATUSES = (Status.DONE, Status.REVIEWED)
# A bulk edit of more documents than this reloads the document list instead of refreshing
# each row with a query of its own.
ROWS_REFRESHED = 50


class Session(QObject):
    """The open document of one project file and the edits made to it."""

    documentOpened = Signal(object)  # Document | None
    spansChanged = Signal(object)  # Document (the open one)
    # A document whose spans or status changed: its id, and whether a status did.
    documentEdited = Signal(int, bool)
    documentsEdited = Signal()  # many documents changed at once: reload the list
    message = Signal(str)
    # An edit the project file refused: the command as it was before it was tried, whether
    # it was to be applied (False: an undo), and the StorageError.
    saveFailed = Signal(object, bool, object)

    def __init__(self, project: Project, analyst: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.document: Document | None = None
        self.labels: list[Label] = project.labels()
        self.event_types: tuple[EventType, ...] = project.event_types()
        self.analyst = analyst
        # Curating: the open document shows its curated labels, and edits make them; what the
        # analysts labelled (their versions) is in ``curation``.
        self.curating = False
        self.curation: Curation | None = None
        # The other analysts' labels of the open document, when the project shows them
        # (see :func:`annotator.services.analysts.shows_others`).
        self.others: list[Span] = []
        self._failures = 0
        # The project's frames as the frame suggestions learn from them, and the events'
        # signature they were read at: checked again once for each document opened, read again
        # only when the events changed (a read costs a pass over every event's texts). The
        # open document's own edits are in its frames already. ``_frames_here``: the same for
        # the open document, without the other analysts' frames of it (blind labelling).
        self._frames: FrameMemory | None = None
        self._frames_read: tuple[int, int, str] | None = None
        self._frames_checked = False
        self._frames_here: tuple[int, FrameMemory] | None = None

    @property
    def annotator(self) -> str:
        """The analyst every edit is recorded as (the word spans keep it under)."""
        return self.analyst

    @property
    def document_id(self) -> int | None:
        return self.document.id if self.document is not None else None

    def reload_labels(self) -> list[Label]:
        self.labels = self.project.refresh_labels()  # labels may have come with an import
        self.event_types = self.project.event_types()  # or the list changed meanwhile
        return self.labels

    # -- moving between documents ----------------------------------------------------------

    def open(self, doc_id: int | None) -> None:
        """Show a document (None: nothing to show). Loading it is a query, not a scan."""
        self._frames_checked = False
        if doc_id is None:
            self.document, self.others = None, []
        else:
            try:
                self.document = self._load(doc_id)
                self.others = self._others(doc_id)
            except KeyError:
                self.message.emit(self.tr("That document is no longer in the project file."))
                return
            except AnnotatorError as exc:  # the project file is locked, gone, unreadable
                self.message.emit(str(exc))
                return
        self.documentOpened.emit(self.document)

    def stale(self) -> bool:
        """Whether the open document's spans or status differ in the file (another program
        changed them)."""
        doc = self.document
        if doc is None or doc.id is None:
            return False
        try:
            fresh = self._load(doc.id)
            others = self._others(doc.id)
        except (KeyError, AnnotatorError):
            return True
        return (fresh.spans != doc.spans or fresh.status != doc.status
                or fresh.events != doc.events or others != self.others)

    def _others(self, doc_id: int) -> list[Span]:
        return [] if self.curating else others_labels(self.project, doc_id, self.analyst)

    def _load(self, doc_id: int) -> Document:
        """A document as this session shows it: the analyst's own; curating, its curated
        labels (and the analysts' versions, in ``curation``)."""
        if not self.curating:
            return self.project.document(doc_id, self.analyst)
        doc = self.project.document(doc_id, EVERYONE)
        self.curation = curation_found(doc, labelled_by(doc.spans, self.project.work_of(doc_id)))
        doc.spans = curated_of(doc.spans)
        doc.events = events_in_view(doc.events, doc.spans)
        return doc

    def curate(self, doc_id: int | None = None) -> bool:
        """Curate a document (the open one by default): its curated labels shown and edited
        (events too), the analysts' versions beside them. The spans and the events every
        analyst made alike are taken at once when its curation begins. False when fewer than
        two analysts labelled it."""
        doc_id = self.document_id if doc_id is None else doc_id
        if doc_id is None:
            return False
        raw = self.project.document(doc_id, EVERYONE)
        found = curation_found(raw, labelled_by(raw.spans, self.project.work_of(doc_id)))
        if len(found.analysts) < 2:
            self.message.emit(self.tr("Curation is for a document two or more analysts "
                                      "labelled; this one has {n}.").format(
                                          n=len(found.analysts)))
            return False
        if self.project.curation_of(doc_id) is None and not self.project.read_only:
            begin_curation(self.project, doc_id, self.analyst, found)
        self.undo_stack.clear()  # the steps on it were the analyst's own labels
        self.curating = True
        self.open(doc_id)
        return True

    def stop_curating(self) -> None:
        """Back to the analyst's own labels."""
        if self.curating:
            self.curating = False
            self.curation = None
            self.undo_stack.clear()
            self.open(self.document_id)

    def finish_curation(self) -> None:
        """The open document's curation is finished: its curated labels are what a dataset
        takes; the next document waiting for curation opens."""
        doc = self.document
        if doc is None or doc.id is None:
            return
        self.project.set_curation(doc.id, self.analyst, finished=True)
        self.documentEdited.emit(doc.id, False)
        self.message.emit(self.tr("Curation finished."))

    def open_first(self) -> None:
        self.open(self.project.first_document(not_done=True, analyst=self.analyst))

    def next_not_done(self) -> int | None:
        """The next document that is not done, after this one, wrapping round to the start."""
        current = self.document_id
        if current is not None:
            found = self.project.neighbour(current, 1, not_done=True, analyst=self.analyst)
            if found is not None:
                return found
        counts = self.project.status_counts(self.analyst)
        if not any(counts.get(s.value) for s in (Status.NEW, Status.IN_PROGRESS)):
            return None
        first = self.project.first_document(not_done=True, analyst=self.analyst)
        return first if first != current else None

    # -- edits -----------------------------------------------------------------------------

    def push(self, command: EventCommand, text: str | None = None) -> bool:
        """Apply ``command`` through the undo stack; ``text`` overrides what Undo says.

        True when it is in the project file; a file opened read-only takes no edit.
        """
        if self.project.read_only:
            self.message.emit(self.tr(
                "This project file is read-only: nothing can be changed in it. To label, make "
                "it writable (or work on a copy) and open it again."))
            return False
        failures = self._failures
        self.undo_stack.push(EditCommand(command, self.project, self._changed, self._failed,
                                         text))
        return self._failures == failures

    def label(self, start: int, end: int, label: str) -> bool:
        """Label code points ``start..end``; an overlap is refused with a message."""
        doc = self.document
        if doc is None:
            return False
        try:
            command = with_events(doc, label_command(doc, start, end, label,
                                                     annotator=self.analyst,
                                                     curating=self.curating))
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return False
        return self.push(command)

    def delete(self, span: Span) -> None:
        """Delete ``span``, taking it out of its events (deleting the event it triggers)."""
        doc = self.document
        if doc is None or span.id is None:
            return
        self.push(delete_span_command(doc, span))

    # -- events ----------------------------------------------------------------------------

    def rebased(self, command: EventCommand) -> EventCommand:
        """A kept edit made again on the events its document has now (others may have been
        saved since it was made: :func:`~annotator.core.event_commands.rebased`); as it is
        when the project cannot be read."""
        try:
            events = self._load(command.document_id).events
        except (KeyError, AnnotatorError):
            return command
        if isinstance(command, Reverted):
            return Reverted(rebased(command.command, events, applied=False))
        return rebased(command, events)

    def _push_built(self, build: Callable[[Document], EventCommand]) -> bool:
        """Build an edit of the open document and push it; a rule it breaks is a message."""
        doc = self.document
        if doc is None:
            return False
        try:
            command = build(doc)
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return False
        return self.push(command)

    def add_event(self, trigger: Span, type_name: str) -> bool:
        """Make the EVENT label ``trigger`` the trigger of a new event of that type."""
        return self._push_built(lambda doc: add_event_command(
            doc, trigger, type_name, self.event_types, annotator=self.annotator))

    def set_event_type(self, event: Event, type_name: str) -> bool:
        return self._push_built(lambda doc: set_type_command(doc, event, type_name,
                                                             self.event_types))

    def add_argument(self, event: Event, role: Role, span: Span) -> bool:
        return self._push_built(lambda doc: add_argument_command(doc, event, role, span))

    def add_arguments(self, event: Event, added: Sequence[tuple[Role, Span]]) -> bool:
        """Add several arguments to ``event`` as one step (its suggested arguments)."""
        return self._push_built(lambda doc: add_arguments_command(doc, event, added))

    # -- frame suggestions -----------------------------------------------------------------

    def frame_memory(self) -> FrameMemory:
        """The project's frames, to suggest from in the open document: read again when a
        document has been opened since and the project's events changed; the other analysts'
        frames of the open document left out (they are not to be seen while labelling)."""
        doc = self.document
        try:
            if not self._frames_checked or self._frames is None:
                signature = self.project.events_signature()
                if self._frames is None or signature != self._frames_read:
                    self._frames = FrameMemory(self.project.frame_counts())
                    self._frames_read = signature
                    self._frames_here = None
                self._frames_checked = True
            if doc is None or doc.id is None:
                return self._frames
            if self._frames_here is None or self._frames_here[0] != doc.id:
                mine = {e.id for e in doc.events}
                stored = self.project.document(doc.id, EVERYONE)
                others = [e for e in stored.events if e.id not in mine
                          and e.trigger.agreed is None and e.trigger.is_label]
                self._frames_here = (doc.id, self._frames.without(
                    counted_events(others, stored.text)))
        except AnnotatorError:  # the project cannot be read now: what was read, or nothing
            return self._frames or FrameMemory(FrameCounts())
        return self._frames_here[1]

    def type_suggestions(self, trigger: Span) -> list[TypeSuggestion]:
        """The event types earlier frames gave ``trigger``'s text, the most given first."""
        doc = self.document
        if doc is None:
            return []
        return self.frame_memory().types_for(doc.text[trigger.start:trigger.end],
                                             [t.name for t in self.event_types])

    def argument_suggestions(self, event: Event) -> list[ArgumentSuggestion]:
        """The labels of ``event``'s sentence earlier frames had as arguments, each in its
        most frequent role."""
        doc = self.document
        return [] if doc is None else self.frame_memory().arguments_for(doc, event)

    def remove_argument(self, event: Event, span: Span) -> bool:
        return self._push_built(lambda doc: remove_argument_command(doc, event, span))

    def delete_event(self, event: Event) -> bool:
        return self._push_built(lambda doc: delete_event_command(doc, event))

    # -- review decisions ------------------------------------------------------------------

    def decide(self, suggestion: Span, label: str | None = None, start: int | None = None,
               end: int | None = None) -> bool:
        """Accept a pending suggestion of the open document, as it is or corrected (another
        label, other boundaries). One that would overlap a label is refused with a message."""
        doc = self.document
        if doc is None:
            return False
        try:
            command = with_events(doc, review.decide(doc, suggestion, label=label,
                                                     start=start, end=end,
                                                     annotator=self.annotator))
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return False
        return self.push(self._starting(doc, command))

    def reject(self, suggestion: Span) -> bool:
        doc = self.document
        if doc is None:
            return False
        try:
            command = with_events(doc, review.reject(doc, suggestion,
                                                     annotator=self.annotator))
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return False
        return self.push(self._starting(doc, command))

    def _starting(self, doc: Document, command: EventCommand) -> EventCommand:
        """A decision in a new document moves it to in progress, as a label does."""
        assert doc.id is not None
        if doc.status != Status.NEW:
            return command
        return EventCompound(doc.id, [command, SetStatus(doc.id, Status.NEW, Status.IN_PROGRESS,
                                                         self.analyst)], command.text)

    def set_status(self, status: Status) -> bool:
        doc = self.document
        if doc is None or doc.status == status:
            return True
        assert doc.id is not None
        return self.push(SetStatus(doc.id, doc.status, status, self.analyst))

    def mark_done_and_next(self) -> None:
        """Mark the open document done and open the next one that is not."""
        if self.document is None:
            return
        if self.document.status not in DONE_STATUSES and not self.set_status(Status.DONE):
            return  # not saved: the analyst stays on the document and is told why
        following = self.next_not_done()
        if following is None:
            self.message.emit(self.tr("Every document is done."))
            return
        self.open(following)

    def _changed(self, command: EventCommand, applied: bool) -> None:
        touched = command.documents()
        if len(touched) > 1:
            self._changed_many(touched)
            return
        doc_id = command.document_id
        doc = self.document
        status = command.status_after(applied)
        if doc is not None and doc.id == doc_id:
            doc.spans = command.spans_after(doc.spans, applied)
            doc.events = on_spans(command.events_after(doc.events, applied), doc.spans)
            if status is not None:
                doc.status = status
            self.spansChanged.emit(doc)
        else:
            self.open(doc_id)
        self.documentEdited.emit(doc_id, status is not None)

    def _changed_many(self, touched: list[int]) -> None:
        """A bulk edit of several documents: the open one is reloaded when it is among them;
        nothing else is opened."""
        doc = self.document
        if doc is not None and doc.id in touched:
            fresh = self._load(doc.id)
            doc.spans, doc.status, doc.events = fresh.spans, fresh.status, fresh.events
            self.spansChanged.emit(doc)
        if len(touched) > ROWS_REFRESHED:
            self.documentsEdited.emit()
        else:
            for doc_id in touched:
                self.documentEdited.emit(doc_id, True)

    def _failed(self, command: EventCommand, applied: bool, error: Exception) -> None:
        self._failures += 1
        if isinstance(error, StorageError):  # rolled back: the file is as it was
            self.saveFailed.emit(command, applied, error)
            return
        self.message.emit(self.tr("Not saved: {problem}").format(problem=error))
        self.open(self.document_id)
