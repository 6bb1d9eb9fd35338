"""Precision, recall and F1 of exact span matches, against figures counted by hand."""

from __future__ import annotations

import pytest

from annotator.core.scores import Counts, exact_counts, total


def test_counts_by_label_match_a_hand_count() -> None:
    gold = [("d1", 0, 5, "ACTOR"), ("d1", 10, 14, "EVENT"), ("d2", 3, 8, "ACTOR"),
            ("d2", 20, 30, "LOCATION")]
    predicted = [("d1", 0, 5, "ACTOR"),        # right
                 ("d1", 10, 14, "LOCATION"),   # wrong label: a false positive and a miss
                 ("d2", 3, 9, "ACTOR"),        # wrong boundary
                 ("d2", 20, 30, "LOCATION")]   # right
    per = exact_counts(gold, predicted)
    assert per == {"ACTOR": Counts(1, 1, 1), "EVENT": Counts(0, 0, 1),
                   "LOCATION": Counts(1, 1, 0)}
    overall = total(per)
    assert overall == Counts(2, 2, 2)
    assert (overall.precision, overall.recall, overall.f1) == (0.5, 0.5, 0.5)
    assert per["LOCATION"].f1 == pytest.approx(2 / 3)
    assert per["LOCATION"].as_dict() == {"precision": 0.5, "recall": 1.0, "f1": 0.6667,
                                         "support": 1}


def test_the_same_span_in_two_documents_is_two_spans() -> None:
    gold = [("a", 0, 3, "ACTOR"), ("b", 0, 3, "ACTOR")]
    assert exact_counts(gold, [("a", 0, 3, "ACTOR")]) == {"ACTOR": Counts(1, 0, 1)}


def test_a_span_given_twice_counts_twice() -> None:
    twice = [("a", 0, 3, "ACTOR"), ("a", 0, 3, "ACTOR"), ("a", 5, 9, "EVENT")]
    # gold holds the ACTOR span twice, predicted once: one match and one miss; predicted's
    # second EVENT span matches nothing.
    assert exact_counts(twice, [("a", 0, 3, "ACTOR"), ("a", 5, 9, "EVENT"),
                                ("a", 5, 9, "EVENT")]) == {"ACTOR": Counts(1, 0, 1),
                                                           "EVENT": Counts(1, 1, 0)}
    assert exact_counts(twice, twice) == {"ACTOR": Counts(2, 0, 0), "EVENT": Counts(1, 0, 0)}


def test_empty_sets_score_zero_not_a_division_error() -> None:
    assert exact_counts([], []) == {}
    assert total({}) == Counts()
    assert Counts().f1 == 0.0
    assert Counts().precision == 0.0
