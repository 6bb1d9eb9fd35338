"""Several analysts on one document: whose spans are whose (see CONTEXT.md: analyst, curated
labels).

A document's stored spans are of four kinds:

- an analyst's **own labels**: human spans with ``annotator`` the analyst;
- **shared suggestions**: a model's suggestions as it made them, pending, with no analyst
  (:attr:`Span.is_shared`); every analyst reviews them;
- an analyst's **decisions** about shared suggestions: spans of the model's origin, accepted
  (perhaps corrected) or rejected, with ``annotator`` the analyst and ``source`` the
  suggestion's id. (A project of an older version decided suggestions in place: such a span
  is a decision without ``source``.)
- **curated labels**: spans with ``agreed`` (the analysts who had made exactly that span),
  ``annotator`` their curator.

An analyst sees (:func:`view_of`) their own labels and decisions, each decision in the place
of its suggestion and under its id, and the suggestions they have not decided: so a
suggestion's id stands for "this suggestion, as this analyst has it" in every edit and undo,
and the storage turns an edit of it into the analyst's decision. ``None`` is an analyst too:
whoever labelled a project before it had analysts, until an analyst adopts its labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.core.events import Argument, Event
from annotator.core.model import (
    BUILT_IN_ORIGINS,
    Review,
    Span,
    Status,
    in_text_order,
    overlaps_any,
)


class NoAnalyst:
    """No analyst named (None names the analyst of a project from before analysts)."""


NO_ANALYST = NoAnalyst()
STATUS_ORDER = (Status.NEW, Status.IN_PROGRESS, Status.DONE, Status.REVIEWED)
_RANK = {status: n for n, status in enumerate(STATUS_ORDER)}


def view_of(spans: Iterable[Span], analyst: str | None) -> list[Span]:
    """What ``analyst`` sees of a document's spans, in text order (see the module)."""
    seen = _view(spans, analyst)
    assert seen is not None
    return seen


_WHOEVER = object()  # _view's analyst: the one who labelled the document, whoever it is


def _view(spans: Iterable[Span], analyst: object) -> list[Span] | None:
    """:func:`view_of` ``analyst``, or with ``_WHOEVER`` the view of the document's one
    analyst (None when it has several): one pass, as an export makes it over every span."""
    pending = Review.PENDING
    whoever = analyst is _WHOEVER
    decided: dict[int, Span] = {}
    seen: list[Span] = []
    built_in = False  # a built-in model's shared suggestion among them
    for span in spans:
        if span.agreed is not None:
            continue
        who = span.annotator
        if who is None and span.review == pending and span.source is None:
            seen.append(span)  # a shared suggestion
            built_in = built_in or span.origin in BUILT_IN_ORIGINS
            continue
        if who != analyst:
            if not whoever:
                continue  # another analyst's
            if analyst is not _WHOEVER:
                return None  # a second analyst: the document waits for curation
            analyst = who
        if span.source is not None:
            decided[span.source] = span
        else:
            seen.append(span)
    if decided:  # their decisions, in their suggestions' place and under their ids
        seen = [decided[s.id].with_(id=s.id, source=None)
                if s.id in decided and s.annotator is None and s.review == pending else s
                for s in seen]
    seen.sort(key=in_text_order)
    return _built_in_beside_labels(seen) if built_in else seen


def _built_in_beside_labels(seen: list[Span]) -> list[Span]:
    """``seen`` (in text order) without the built-in models' shared suggestions that overlap
    one of its labels: a built-in model never suggests over the labels of the analyst who
    sees it (it is stored whatever other analysts labelled, so that their labels do not show
    through its absence). Imported suggestions may lie over labels: they stay."""
    labels = [s for s in seen if s.is_label]  # in text order, overlapping none another
    if not labels:
        return seen
    starts, ends = [s.start for s in labels], [s.end for s in labels]
    return [s for s in seen if not (s.is_shared and s.origin in BUILT_IN_ORIGINS
                                    and overlaps_any(starts, ends, s.start, s.end))]


def labels_of(spans: Iterable[Span], analyst: str | None) -> list[Span]:
    """The labels ``analyst`` gave a document: their human spans and accepted decisions."""
    return [s for s in view_of(spans, analyst) if s.is_label]


def curated_of(spans: Iterable[Span]) -> list[Span]:
    """A document's curated labels, in text order."""
    return sorted((s for s in spans if s.agreed is not None), key=in_text_order)


def analysts_of(spans: Iterable[Span]) -> list[str | None]:
    """The analysts who labelled or decided something in a document (curators aside), in
    order of name (the unattributed, None, first)."""
    found = {s.annotator for s in spans if s.agreed is None and not s.is_shared}
    return sorted(found, key=lambda name: (name is not None, name or ""))


def chosen_view(spans: Sequence[Span], *, curated: bool,
                analyst: str | NoAnalyst | None = NO_ANALYST) -> list[Span] | None:
    """The spans a dataset takes from a document: one ``analyst``'s view when one is named;
    else its curated labels when its curation is finished; else, when one analyst (or none)
    labelled it, that analyst's view; None when several did and it waits for curation."""
    if not isinstance(analyst, NoAnalyst):
        return view_of(spans, analyst)
    if curated:
        return curated_of(spans)
    return _view(spans, _WHOEVER)


def combined_status(statuses: Iterable[Status]) -> Status | None:
    """A document's status from its analysts' own: the least advanced of them (done when
    every analyst is done); None when there is none."""
    ranked = [_RANK[s] for s in statuses]
    return STATUS_ORDER[min(ranked)] if ranked else None


def events_in_view(events: Iterable[Event], view: Sequence[Span]) -> list[Event]:
    """``events`` (naming a document's stored spans) as they are in ``view`` (what one analyst
    sees, :func:`view_of`, or a dataset's :func:`chosen_view`), naming its spans: a span by
    its id, an analyst's decision by its suggestion's id where the view shows that decision in
    its place. An event whose trigger the view does not hold is not in it (another analyst's);
    an argument it does not hold is left out."""
    by_id = {s.id: s for s in view if s.id is not None}

    def seen(span: Span) -> Span | None:
        found = by_id.get(span.id) if span.id is not None else None
        if found is not None:
            return found
        if span.source is not None:
            shown = by_id.get(span.source)
            if shown is not None and not shown.is_shared and shown.annotator == span.annotator:
                return shown
        return None

    found_events: list[Event] = []
    for event in events:
        trigger = seen(event.trigger)
        if trigger is None:
            continue
        arguments = []
        for argument in event.arguments:
            span = seen(argument.span)
            if span is not None:
                arguments.append(Argument(argument.role, span))
        found_events.append(event.with_(trigger=trigger, arguments=tuple(arguments)))
    return found_events
