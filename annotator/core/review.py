"""Reviewing a model's suggestions: accept, correct, reject, one by one or in bulk.

A decision changes the suggestion itself (its review state, and for a correction its label or
boundaries); what the model proposed stays in the project file, so every decision is evidence
about the model. All of them are commands, so they undo like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from annotator.core.commands import ChangeSpan, Command, Compound, SetStatus
from annotator.core.errors import OverlapError
from annotator.core.model import (
    Document,
    Review,
    Span,
    Status,
    describe,
    find_overlap,
    in_text_order,
)


def pending(doc: Document, model: str | None = None,
            min_score: float | None = None) -> list[Span]:
    """Pending suggestions of ``doc`` in text order, optionally of one model above a score."""
    return sorted(
        (s for s in doc.spans
         if s.review == Review.PENDING
         and (model is None or s.model == model)
         and (min_score is None or (s.score is not None and s.score >= min_score))),
        key=in_text_order,
    )


def next_pending(doc: Document, after: int = -1, model: str | None = None,
                 min_score: float | None = None) -> Span | None:
    """The first pending suggestion starting after offset ``after``, wrapping around."""
    candidates = pending(doc, model, min_score)
    for span in candidates:
        if span.start > after:
            return span
    return candidates[0] if candidates else None


def decide(doc: Document, suggestion: Span, *, label: str | None = None,
           start: int | None = None, end: int | None = None,
           annotator: str | None = None) -> Command:
    """Accept ``suggestion``: as it is, or corrected to another label or other boundaries.

    Refused with OverlapError when the result would overlap a label of the document.
    """
    assert doc.id is not None
    if suggestion.review != Review.PENDING:
        raise OverlapError(f"{describe(suggestion, doc.text)} is not a pending suggestion")
    after = suggestion.with_(review=Review.ACCEPTED, label=label or suggestion.label,
                             start=suggestion.start if start is None else start,
                             end=suggestion.end if end is None else end, annotator=annotator)
    clash = find_overlap(doc.spans, after.start, after.end, ignore_id=suggestion.id)
    if clash is not None:
        raise OverlapError(
            f"accepting {describe(after, doc.text)} would overlap {describe(clash, doc.text)}"
        )
    if after.label != suggestion.label:
        verb = "accept as"
    elif (after.start, after.end) != (suggestion.start, suggestion.end):
        verb = "accept with new boundaries"
    else:
        verb = "accept"
    # Undone, the suggestion is pending again for this analyst (for the others it always was).
    return ChangeSpan(doc.id, suggestion.with_(annotator=annotator), after, verb, doc.text)


def reject(doc: Document, suggestion: Span, annotator: str | None = None) -> Command:
    assert doc.id is not None
    if suggestion.review != Review.PENDING:
        raise OverlapError(f"{describe(suggestion, doc.text)} is not a pending suggestion")
    after = suggestion.with_(review=Review.REJECTED, annotator=annotator)
    return ChangeSpan(doc.id, suggestion.with_(annotator=annotator), after, "reject", doc.text)


def accept_above(docs: Iterable[Document], min_score: float, model: str | None = None,
                 annotator: str | None = None) -> tuple[Command | None, int, int]:
    """One command accepting, in every document, the pending suggestions scoring at least
    ``min_score``, as ``annotator``'s decisions; a new document it accepts in moves to in
    progress (``annotator``'s status), as a label would move it.

    Suggestions that would overlap a label (or a stronger accepted one) are left pending.
    Returns the command (None when nothing qualifies), how many it accepts and how many were
    left. Only the decisions are kept, not the documents: ``docs`` may stream a whole
    project.
    """
    decisions: list[Command] = []
    starts: list[Command] = []
    left = 0
    for doc in docs:
        accepted: list[Span] = []
        # The most confident first: of two overlapping suggestions, the stronger is taken.
        ranked = sorted(pending(doc, model, min_score), key=lambda s: -(s.score or 0.0))
        for suggestion in ranked:
            if (find_overlap(doc.spans, suggestion.start, suggestion.end) is not None
                    or any(a.overlaps(suggestion.start, suggestion.end) for a in accepted)):
                left += 1
                continue
            decisions.append(decide(doc, suggestion, annotator=annotator))
            accepted.append(suggestion)
        if accepted and doc.status == Status.NEW:
            assert doc.id is not None
            starts.append(SetStatus(doc.id, Status.NEW, Status.IN_PROGRESS, annotator))
    if not decisions:
        return None, 0, left
    return (Compound(decisions[0].document_id, [*decisions, *starts],
                     f"accept {len(decisions)} suggestions scoring {min_score:g} or more"),
            len(decisions), left)


@dataclass(frozen=True, slots=True)
class KeyTarget:
    """What a label key acts on: code points ``start..end``, to label (or relabel), or, with a
    ``suggestion``, to accept that suggestion under the key's label with these boundaries
    (its own, or the selection's: a correction)."""

    start: int
    end: int
    suggestion: Span | None = None


def key_target(selection: tuple[int, int] | None, selected: Span | None,
               token: tuple[int, int] | None,
               suggestions_in: Callable[[int, int], list[Span]]) -> KeyTarget | None:
    """The one place that decides what a label key does (``1``, ``2``, ``3``, or a label's
    own key), from what the article shows:

    - ``selection``: the selection snapped outward to tokens (None without one, or when it
      holds no token: then there is nothing to label);
    - ``selected``: the span chosen at the caret (by a click, N or the span list);
    - ``token``: the token at the caret;
    - ``suggestions_in(start, end)``: the pending suggestions shown over a stretch.

    Without a selection the key works on the chosen span (a pending suggestion is accepted
    under the key's label, a label relabelled), else on the token at the caret. A selection
    that is exactly the chosen suggestion accepts it; one over shown suggestions accepts the
    one it covers most (the more confident on a tie) with the selection's boundaries; any
    other selection is labelled. None: nothing to label.
    """
    pending = selected if selected is not None and selected.review == Review.PENDING else None
    if selection is None:
        if pending is not None:
            return KeyTarget(pending.start, pending.end, pending)
        if selected is not None:
            return KeyTarget(selected.start, selected.end)
        return KeyTarget(*token) if token is not None else None
    start, end = selection
    if pending is not None and (pending.start, pending.end) == selection:
        return KeyTarget(start, end, pending)
    overlapping = suggestions_in(start, end)
    if not overlapping:
        return KeyTarget(start, end)
    chosen = max(overlapping, key=lambda s: (min(s.end, end) - max(s.start, start),
                                             s.score or 0.0))
    return KeyTarget(start, end, chosen)
