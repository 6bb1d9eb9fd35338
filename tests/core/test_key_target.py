"""What a label key acts on (one place decides it: core.review.key_target), and what an edit
does to its document, said by the command itself."""

from __future__ import annotations

from annotator.core.commands import AddSpan, ChangeSpan, Compound, DeleteSpan, SetStatus
from annotator.core.event_commands import Reverted
from annotator.core.model import Review, Span, Status
from annotator.core.review import KeyTarget, key_target

LABEL = Span(0, 4, "ACTOR", id=1)
GUESS = Span(10, 15, "LOCATION", origin="model:m", score=0.6, review=Review.PENDING, id=2)
STRONGER = Span(12, 20, "ACTOR", origin="model:m", score=0.9, review=Review.PENDING, id=3)


def shown(*spans: Span):  # type: ignore[no-untyped-def]
    return lambda start, end: [s for s in spans if s.start < end and start < s.end]


def test_without_a_selection_the_chosen_span_else_the_token_at_the_caret() -> None:
    assert key_target(None, GUESS, (10, 15), shown(GUESS)) == KeyTarget(10, 15, GUESS)
    assert key_target(None, LABEL, (0, 4), shown()) == KeyTarget(0, 4)  # relabelled
    assert key_target(None, None, (5, 9), shown()) == KeyTarget(5, 9)
    assert key_target(None, None, None, shown()) is None


def test_a_selection_accepts_the_suggestion_it_is_else_corrects_the_one_it_covers_most() -> None:
    assert key_target((10, 15), GUESS, None, shown(GUESS)) == KeyTarget(10, 15, GUESS)
    # Over two: the one it covers most, the stronger on a tie; with its boundaries.
    assert key_target((10, 14), None, None, shown(GUESS, STRONGER)) == KeyTarget(10, 14, GUESS)
    assert key_target((12, 15), None, None, shown(GUESS, STRONGER)) == KeyTarget(12, 15,
                                                                                   STRONGER)
    assert key_target((30, 35), None, None, shown(GUESS)) == KeyTarget(30, 35)


def test_commands_say_what_they_do_to_their_document() -> None:
    added = Span(5, 9, "EVENT", id=7)
    label = AddSpan(1, added)
    assert label.spans_after([LABEL, GUESS], True) == [LABEL, added, GUESS]
    assert label.spans_after([LABEL, added, GUESS], False) == [LABEL, GUESS]
    assert DeleteSpan(1, LABEL).spans_after([LABEL, GUESS], True) == [GUESS]
    accepted = GUESS.with_(review=Review.ACCEPTED, label="ACTOR")
    change = ChangeSpan(1, GUESS, accepted, verb="accept as")
    assert change.spans_after([LABEL, GUESS], True) == [LABEL, accepted]
    start = SetStatus(1, Status.NEW, Status.IN_PROGRESS, "maryam")
    both = Compound(1, [label, start], "label")
    assert both.status_after(True) == Status.IN_PROGRESS
    assert both.status_after(False) == Status.NEW
    assert both.spans_after([LABEL], True) == [LABEL, added]
    undo = Reverted(both)  # an undo made an edit of its own: the other way round
    assert undo.status_after(True) == Status.NEW and undo.spans_after([LABEL, added],
                                                                      True) == [LABEL]
    project_wide = Compound(1, [ChangeSpan(1, GUESS, accepted), ChangeSpan(4, GUESS, accepted)],
                            "accept")
    assert project_wide.documents() == [1, 4] and label.documents() == [1]
