"""``annotator merge OTHER``: the work done on another copy of a project brought in (an
analyst who worked offline hands in their file).

Documents are matched by key and text; OTHER's documents this project lacks are added. For
each document, each analyst's work (their labels and decisions, and their status) comes from
whichever copy changed it last; the model's suggestions are joined (an analyst's decision
names its suggestion in this project); a curation comes from whichever copy changed it last.
Merging the same copy twice changes nothing. An analyst's events come with their labels (an
event edit counts as work on the document, as a label's does), and a curation's events with
its curated labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.agreement import as_event_tuples
from annotator.core.analysts import analysts_of, curated_of, events_in_view
from annotator.core.errors import InputError
from annotator.core.events import Event
from annotator.core.model import Document, Review, Span, in_text_order
from annotator.services.progress import CancelToken, Progress, counted, no_progress
from annotator.storage import EVERYONE, Project, parse_location


@dataclass
class MergeResult:
    added: int = 0  # documents OTHER had and this project lacked
    layers: int = 0  # (document, analyst) labels brought in
    spans: int = 0
    events: int = 0  # analysts' events brought in with their labels
    statuses: int = 0
    curations: int = 0
    unchanged: int = 0  # documents nothing was brought into


def _shape(span: Span) -> tuple[object, ...]:
    """What makes two spans of one document the same work (ids and times aside)."""
    return (span.start, span.end, span.label, span.origin, span.review, span.score,
            span.source, span.agreed)


def _newest(spans: list[Span], also: str | None = None, events: Sequence[Event] = ()) -> str:
    times = [s.updated.isoformat() for s in spans if s.updated is not None]
    times += [e.updated.isoformat() for e in events if e.updated is not None]
    if also:
        times.append(also)
    return max(times, default="")


def merge_projects(project: Project, other: str, progress: Progress = no_progress,
                   cancel: CancelToken | None = None) -> MergeResult:
    """Bring OTHER's work into ``project`` (see the module)."""
    location = parse_location(other)
    if str(location) == str(project.location):
        raise InputError("is this project itself", path=str(other))
    result = MergeResult()
    with Project(location, create=False) as theirs:
        their_ids = theirs.keys_to_ids()
        ours = project.keys_to_ids()
        common = sorted(their_ids.keys() & ours.keys())
        their_texts, our_texts = _texts(theirs, their_ids, common), _texts(project, ours, common)
        for key in common:  # nothing changes if any key clashes
            if their_texts[key] != our_texts[key]:
                raise InputError(f"id {key!r} is in both projects with different texts; "
                                 "nothing was merged", path=str(other))
        missing = [theirs.document(their_ids[k], EVERYONE) for k in their_ids if k not in ours]
        if missing:
            project.add_documents([Document(d.text, key=d.key, title=d.title, status=d.status,
                                            meta=d.meta, date=d.date, tokens=d.tokens,
                                            sentences=d.sentences) for d in missing])
            result.added = len(missing)
            ours = project.keys_to_ids()
        for n, key in enumerate(sorted(their_ids, key=their_ids.__getitem__)):
            if cancel is not None:
                cancel.check()
            progress(n, len(their_ids), f"{n} of {counted(len(their_ids), 'document')}")
            if not _merge_document(project, ours[key], theirs, their_ids[key], result):
                result.unchanged += 1
    return result


def _texts(project: Project, ids: dict[str, int], keys: Sequence[str]) -> dict[str, str]:
    """The texts of the documents ``keys`` (their text alone, not their spans and events)."""
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        for _, key, _, text in project.texts_of([ids[k] for k in keys[start:start + 500]]):
            found[key] = text
    return found


def _merge_document(project: Project, doc_id: int, theirs: Project, their_id: int,
                    result: MergeResult) -> bool:
    """Bring one document's work in; True when something changed."""
    changed = False
    there = theirs.document(their_id, EVERYONE)
    here = project.document(doc_id, EVERYONE)
    # The suggestions both copies were given, matched by what they propose.
    proposal = {(s.origin, s.start, s.end, s.label): s.id for s in here.spans if s.is_shared}
    new = [s for s in there.spans if s.is_shared
           and (s.origin, s.start, s.end, s.label) not in proposal]
    if new:
        project.add_suggestions([(doc_id, s.with_(id=None)) for s in new])
        here = project.document(doc_id, EVERYONE)
        proposal = {(s.origin, s.start, s.end, s.label): s.id for s in here.spans if s.is_shared}
        changed = True
    theirs_shared = {s.id: (s.origin, s.start, s.end, s.label) for s in there.spans
                     if s.is_shared}
    their_work, our_work = theirs.work_of(their_id), project.work_of(doc_id)
    for analyst in {*analysts_of(there.spans), *their_work}:
        their_layer = [_renamed(s, theirs_shared, proposal) for s in _layer(there, analyst)]
        our_layer = _layer(here, analyst)
        their_events, our_events = _on(there, their_layer), _on(here, our_layer)
        work = their_work.get(analyst) if analyst is not None else None
        mine = our_work.get(analyst) if analyst is not None else None
        if _newest(their_layer, work.updated if work else None, their_events) <= _newest(
                our_layer, mine.updated if mine else None, our_events):
            continue  # this copy's is as new, or newer
        if (sorted(map(_shape, their_layer)) != sorted(map(_shape, our_layer))
                or as_event_tuples(their_events) != as_event_tuples(our_events)):
            project.replace_layer(doc_id, analyst, their_layer, their_events)
            result.layers += 1
            result.spans += len(their_layer)
            result.events += len(their_events)
            changed = True
        if analyst is not None and work is not None and work != mine:
            project.put_work(doc_id, analyst, work)
            result.statuses += 1
            changed = True
    their_curation = theirs.curation_of(their_id)
    if their_curation is not None and (theirs.curation_updated(their_id) or "") > (
            project.curation_updated(doc_id) or ""):
        curated = curated_of(there.spans)
        project.set_curated(doc_id, their_curation.curator, curated,
                            their_curation.finished, events_in_view(there.events, curated))
        result.curations += 1
        changed = True
    return changed


def _on(doc: Document, layer: list[Span]) -> list[Event]:
    """``doc``'s events whose trigger is in ``layer`` (an analyst's: their events)."""
    ids = {s.id for s in layer}
    return [e for e in doc.events if e.trigger.id in ids]


def _layer(doc: Document, analyst: str | None) -> list[Span]:
    """``analyst``'s own work in ``doc``: labels and decisions (curated labels aside)."""
    return sorted((s for s in doc.spans if s.annotator == analyst and s.agreed is None
                   and (not s.is_suggestion or s.review != Review.PENDING)),
                  key=in_text_order)


Proposal = tuple[str, int, int, str]


def _renamed(span: Span, theirs: dict[int | None, Proposal],
             ours: dict[Proposal, int | None]) -> Span:
    """A decision naming OTHER's suggestion, naming the same suggestion here instead."""
    if span.source is None:
        return span
    proposal = theirs.get(span.source)
    return span.with_(source=ours.get(proposal) if proposal is not None else None)
