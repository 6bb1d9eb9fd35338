"""Several analysts on one corpus: assigning documents, measuring their agreement, curating
what they labelled (see CONTEXT.md: assignment, agreement, curation). The rules are in
:mod:`annotator.core.assignment`, :mod:`annotator.core.agreement` and
:mod:`annotator.core.curation`; these are the use cases over a project."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.core.agreement import (
    Agreement,
    DocumentLabels,
    EventTuple,
    Triple,
    agreement,
    as_event_tuples,
    as_triples,
)
from annotator.core.analysts import analysts_of, events_in_view, labels_of
from annotator.core.assignment import assign
from annotator.core.curation import Curation, curate
from annotator.core.errors import AnnotatorError
from annotator.core.events import Event
from annotator.core.model import Document, Span, Status
from annotator.services.progress import (
    CancelToken,
    Progress,
    collector_paused,
    counted,
    no_progress,
)
from annotator.storage import EVERYONE, DocumentFilter, Project
from annotator.storage.analysts import WorkRow


@dataclass(frozen=True)
class AssignResult:
    documents: int
    added: int  # (document, analyst) assignments that are new
    per_analyst: dict[str, int]  # documents assigned to each, in all


def assign_documents(project: Project, analysts: list[str], per_document: int,
                     statuses: Collection[Status] = (), seed: int = 13) -> AssignResult:
    """Give each document (of ``statuses``: the documents' own) to ``per_document`` analysts,
    balanced and the same for the same documents, analysts and seed; assignments made before
    stay (:func:`annotator.core.assignment.assign` with ``keep``)."""
    keys = project.document_keys(DocumentFilter(statuses=frozenset(statuses)))
    if not keys:
        raise AnnotatorError("no documents to assign" + (
            f" (none is {' or '.join(s.value for s in statuses)})" if statuses else ""))
    before = project.assignments()
    chosen = assign(keys, analysts, per_document, seed, keep=before)
    added = project.assign(chosen)
    per: dict[str, int] = dict.fromkeys(analysts, 0)
    for names in project.assignments().values():
        for name in names:
            per[name] = per.get(name, 0) + 1
    return AssignResult(len(keys), added, per)


def labelled_by(spans: Sequence[Span], statuses: Mapping[str, Status | WorkRow]
                ) -> dict[str, list[Span]]:
    """Each named analyst who labelled a document (made a label or a decision there, or has
    a status of it past new: an analyst who found nothing to label has labelled it too), with
    their labels; from every span stored of it and its analysts' statuses."""
    names = {a for a in analysts_of(spans) if a is not None}
    names |= {a for a, status in statuses.items()
              if (status.status if isinstance(status, WorkRow) else status) != Status.NEW}
    return {name: labels_of(spans, name) for name in sorted(names)}


def curation_found(doc: Document, labelled: Mapping[str, Sequence[Span]],
                   min_agree: int | None = None) -> Curation:
    """What curation finds in ``doc`` (loaded with every span and event stored,
    :data:`~annotator.storage.EVERYONE`): the labels of each analyst who labelled it
    (``labelled``, from :func:`labelled_by`) and their events on them."""
    return curate({a: as_triples(s) for a, s in labelled.items()}, min_agree,
                  {a: as_event_tuples(events_in_view(doc.events, s))
                   for a, s in labelled.items()})


def begin_curation(project: Project, doc_id: int, curator: str,
                   curation: Curation) -> tuple[list[Span], list[Event]]:
    """A document's curation begins: what ``curation`` takes at once (the spans and the
    events the analysts made alike) becomes its curated labels, finished when nothing is left
    to decide. Returns what was taken."""
    spans, events = curation.taken()
    project.set_curated(doc_id, curator, spans, curation.settled, events)
    return spans, events


Labelled = tuple[Document, dict[str, list[Span]]]


def documents_labelled(project: Project, progress: Progress = no_progress,
                       cancel: CancelToken | None = None,
                       with_tokens: bool = True) -> Iterator[Labelled]:
    """Each document two or more analysts labelled, with each one's labels."""
    work = project.work_statuses()
    total = project.count_documents()
    for n, doc in enumerate(project.iter_documents(viewer=EVERYONE, with_tokens=with_tokens)):
        if cancel is not None:
            cancel.check()
        if n % 500 == 0:
            progress(n, total, f"{n} of {counted(total, 'document')}")
        labelled = labelled_by(doc.spans, work.get(doc.id or 0, {}))
        if len(labelled) >= 2:
            yield doc, labelled
    progress(total, total, counted(total, "document"))


def measure_agreement(project: Project, analysts: Collection[str] | None = None,
                      labels: Collection[str] | None = None, progress: Progress = no_progress,
                      cancel: CancelToken | None = None) -> Agreement:
    """``annotator agreement``: over the documents two or more analysts labelled (as
    :func:`labelled_by` counts them), their labels and events, read the fast way
    (:meth:`Project.analysts_labels`)."""
    work = project.work_statuses()
    total = project.count_documents()

    def documents() -> Iterator[DocumentLabels]:
        for n, found in enumerate(project.analysts_labels()):
            if cancel is not None:
                cancel.check()
            if n % 500 == 0:
                progress(n, total, f"{n} of {counted(total, 'document')}")
            by: dict[str, list[Triple]] = {}
            for start, end, label, analyst in found.labels:
                by.setdefault(analyst, []).append((start, end, label))
            for analyst, status in work.get(found.doc_id, {}).items():
                if status != Status.NEW:
                    by.setdefault(analyst, [])
            if len(by) >= 2:
                events: dict[str, list[EventTuple]] = {}
                for analyst, event in found.events:
                    events.setdefault(analyst, []).append(event)
                yield DocumentLabels(found.key, found.tokens, by, events)
        progress(total, total, counted(total, "document"))

    with collector_paused():
        return agreement(documents(), analysts, labels)


@dataclass
class CurateResult:
    documents: int = 0  # documents curated now
    spans: int = 0  # spans taken at once
    events: int = 0  # events taken at once
    finished: int = 0  # of the documents curated now, those with nothing left to decide
    disagreements: int = 0  # left for the window
    event_disagreements: int = 0  # triggers whose events differ, left for the window
    already: int = 0  # documents a curation had begun on before: left as they are
    waiting: list[str] = field(default_factory=list)  # keys with disagreements left


def curate_project(project: Project, curator: str, min_agree: int | None = None,
                   progress: Progress = no_progress,
                   cancel: CancelToken | None = None) -> CurateResult:
    """``annotator curate``: in every document several analysts labelled and nobody has
    begun to curate, take the spans and the events at least ``min_agree`` of them made alike
    (default: all who labelled it) as its curated labels, recording the curator and who
    agreed; the rest is left for the window (the document's curation is then not finished:
    a span disagreement or an event disagreement keeps it open)."""
    result = CurateResult()
    begun = project.curations()
    for doc, labelled in documents_labelled(project, progress, cancel, with_tokens=False):
        assert doc.id is not None
        if doc.id in begun:
            result.already += 1
            continue
        curation = curation_found(doc, labelled, min_agree)
        spans, events = begin_curation(project, doc.id, curator, curation)
        finished = curation.settled
        result.documents += 1
        result.spans += len(spans)
        result.events += len(events)
        result.finished += finished
        result.disagreements += len(curation.disagreements)
        result.event_disagreements += len(curation.event_disagreements)
        if not finished:
            result.waiting.append(doc.key)
    return result
