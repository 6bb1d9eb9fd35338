"""Spans, labels and documents: what a span may be, which spans count, and overlaps."""

from __future__ import annotations

import dataclasses

import pytest

from annotator.core.errors import OverlapError
from annotator.core.model import (
    DEFAULT_LABELS,
    HUMAN,
    Document,
    Review,
    Span,
    Status,
    check_no_overlap,
    describe,
    find_overlap,
    model_origin,
)

TEXT = "عباس عراقچی وزیر امور خارجه ایران در تهران گفت."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_default_labels() -> None:
    assert [(lab.name, lab.key) for lab in DEFAULT_LABELS] == [
        ("ACTOR", "1"), ("EVENT", "2"), ("LOCATION", "3")]
    colours = [lab.color for lab in DEFAULT_LABELS]
    assert len(set(colours)) == 3
    assert all(c.startswith("#") and len(c) == 7 for c in colours)


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2)])
def test_a_span_needs_0_le_start_lt_end(start: int, end: int) -> None:
    with pytest.raises(ValueError, match=f"{start}..{end}"):
        Span(start, end, "ACTOR")


def test_a_human_span() -> None:
    span = Span(*at("عباس عراقچی"), "ACTOR")
    assert (span.start, span.end) == (0, 11)
    assert span.origin == HUMAN
    assert not span.is_suggestion and span.model is None
    assert span.is_label
    assert span.review is None and span.score is None and span.id is None


def test_a_suggestion_and_its_review_states() -> None:
    pending = Span(*at("تهران"), "LOCATION", origin=model_origin("parsbert"), score=0.93,
                   review=Review.PENDING)
    assert pending.origin == "model:parsbert"
    assert pending.is_suggestion and pending.model == "parsbert"
    assert not pending.is_label
    assert pending.with_(review=Review.ACCEPTED).is_label
    assert not pending.with_(review=Review.REJECTED).is_label


def test_with_changes_one_field_and_keeps_the_rest() -> None:
    span = Span(0, 4, "ACTOR", annotator="ana", id=7)
    moved = span.with_(end=11)
    assert (moved.start, moved.end, moved.label, moved.annotator, moved.id) == (
        0, 11, "ACTOR", "ana", 7)
    assert span.end == 4  # frozen: the original is unchanged
    with pytest.raises(ValueError, match="need 0 <= start < end"):
        span.with_(end=0)


def test_a_span_cannot_be_changed_in_place_and_equal_spans_are_one() -> None:
    span = Span(0, 4, "ACTOR", HUMAN, None, None, "ana", 7)
    for name, value in (("start", 1), ("label", "EVENT"), ("review", Review.ACCEPTED)):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(span, name, value)
    same = Span(0, 4, "ACTOR", annotator="ana", id=7)
    assert span == same and len({span, same}) == 1
    assert [getattr(span, f.name) for f in dataclasses.fields(Span)] == [
        0, 4, "ACTOR", HUMAN, None, None, "ana", 7, None, None, None, None]


def test_overlaps_is_strict_at_the_edges() -> None:
    span = Span(5, 11, "ACTOR")
    assert span.overlaps(0, 6) and span.overlaps(10, 20) and span.overlaps(6, 7)
    assert span.overlaps(0, 20)
    assert not span.overlaps(0, 5)  # touching before
    assert not span.overlaps(11, 15)  # touching after


def test_describe_names_label_text_and_offsets() -> None:
    span = Span(*at("عباس عراقچی"), "ACTOR")
    assert describe(span, TEXT) == "ACTOR «عباس عراقچی» (0..11)"
    assert describe(span) == "ACTOR (0..11)"


def test_document_labels_are_human_and_accepted_spans_in_text_order() -> None:
    spans = [
        Span(*at("تهران"), "LOCATION", id=1),
        Span(*at("ایران"), "LOCATION", origin="model:m", review=Review.ACCEPTED, id=2),
        Span(*at("گفت"), "EVENT", origin="model:m", review=Review.PENDING, id=3),
        Span(*at("عباس عراقچی"), "ACTOR", id=4),
        Span(*at("وزیر"), "ACTOR", origin="model:m", review=Review.REJECTED, id=5),
    ]
    doc = Document(TEXT, key="k", spans=spans)
    assert [s.id for s in doc.labels()] == [4, 2, 1]
    assert doc.status == Status.NEW


def test_check_no_overlap_names_both_spans() -> None:
    first = Span(*at("عباس عراقچی"), "ACTOR")
    second = Span(*at("عراقچی وزیر"), "ACTOR")
    with pytest.raises(OverlapError) as caught:
        check_no_overlap([second, first], TEXT)
    message = str(caught.value)
    assert "ACTOR «عراقچی وزیر» (5..16)" in message
    assert "ACTOR «عباس عراقچی» (0..11)" in message


def test_check_no_overlap_accepts_touching_spans_and_overlapping_pending_ones() -> None:
    check_no_overlap([
        Span(0, 4, "ACTOR"), Span(4, 11, "ACTOR"),  # touching, not overlapping
        Span(2, 8, "ACTOR", origin="model:m", review=Review.PENDING),
        Span(0, 11, "ACTOR", origin="model:m", review=Review.REJECTED),
    ], TEXT)
    check_no_overlap([])


def test_check_no_overlap_counts_accepted_suggestions() -> None:
    with pytest.raises(OverlapError):
        check_no_overlap([Span(0, 4, "ACTOR"),
                          Span(2, 8, "ACTOR", origin="model:m", review=Review.ACCEPTED)])


def test_find_overlap() -> None:
    spans = [
        Span(*at("عباس عراقچی"), "ACTOR", id=1),
        Span(*at("تهران"), "LOCATION", origin="model:m", review=Review.PENDING, id=2),
        Span(*at("ایران"), "LOCATION", id=3),
    ]
    assert find_overlap(spans, *at("عراقچی")) is spans[0]
    assert find_overlap(spans, *at("وزیر")) is None
    assert find_overlap(spans, *at("تهران")) is None  # a pending suggestion is not a label
    assert find_overlap(spans, *at("ایران")) is spans[2]
    assert find_overlap(spans, *at("ایران"), ignore_id=3) is None  # the span being edited
    assert find_overlap(spans, 11, 12) is None  # the space after عراقچی
