"""Assignment: K distinct analysts per document, loads within one, the same for the same input,
earlier assignments kept; progress per analyst."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.assignment import Progress, assign, assigned_to, progress
from annotator.core.errors import AnnotatorError
from annotator.core.model import Status

KEYS = [f"mehr-1404-08-{day:02d}-01" for day in range(1, 31)]
ANALYSTS = ["maryam", "reza", "sara", "omid"]


def loads(assignment: dict[str, tuple[str, ...]], analysts: list[str]) -> Counter[str]:
    counted = Counter(dict.fromkeys(analysts, 0))
    counted.update(a for names in assignment.values() for a in names)
    return counted


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 80), st.integers(1, 7), st.data(), st.integers(0, 10**6))
def test_each_document_gets_k_distinct_analysts_and_loads_differ_by_one_at_most(
        documents: int, analysts: int, data: st.DataObject, seed: int) -> None:
    names = [f"analyst{i}" for i in range(analysts)]
    k = data.draw(st.integers(1, analysts))
    keys = [f"doc{i}" for i in range(documents)]
    result = assign(keys, names, k, seed=seed)
    assert list(result) == keys
    assert all(len(set(v)) == len(v) == k and set(v) <= set(names) for v in result.values())
    counted = loads(result, names)
    assert max(counted.values()) - min(counted.values()) <= 1
    assert sum(counted.values()) == documents * k


def test_hand_sized_cases() -> None:
    # 30 documents to 2 of 4 analysts: 60 assignments, 15 each.
    result = assign(KEYS, ANALYSTS, 2, seed=13)
    assert set(loads(result, ANALYSTS).values()) == {15}
    # 3 documents to 2 of 3: 6 assignments, 2 each; every pair of analysts once.
    three = assign(KEYS[:3], ANALYSTS[:3], 2)
    assert set(loads(three, ANALYSTS[:3]).values()) == {2}
    # Every analyst on every document.
    assert set(assign(KEYS[:5], ANALYSTS, 4).values()) == {tuple(sorted(ANALYSTS))}


def test_the_same_input_gives_the_same_assignment_in_any_order() -> None:
    result = assign(KEYS, ANALYSTS, 2, seed=13)
    shuffled = KEYS[:]
    random.Random(5).shuffle(shuffled)
    assert assign(shuffled, ANALYSTS, 2, seed=13) == result
    assert assign(KEYS, ANALYSTS, 2, seed=13) == result
    assert assign(KEYS, ANALYSTS, 2, seed=14) != result


def test_earlier_assignments_are_kept_when_documents_are_added() -> None:
    before = assign(KEYS[:20], ANALYSTS, 2, seed=13)
    after = assign(KEYS, ANALYSTS, 2, seed=13, keep=before)
    assert {k: after[k] for k in KEYS[:20]} == before
    counted = loads(after, ANALYSTS)
    assert max(counted.values()) - min(counted.values()) <= 1


def test_kept_assignments_of_an_analyst_who_left_are_topped_up() -> None:
    before = assign(KEYS, ANALYSTS, 2, seed=13)
    staying = ANALYSTS[:3]
    after = assign(KEYS, staying, 2, seed=13, keep=before)
    for key in KEYS:
        assert len(after[key]) == 2
        assert set(before[key]) - {"omid"} <= set(after[key])  # the others stay
    # omid's 15 documents go to the least loaded: 60 assignments over 3 analysts.
    assert set(loads(after, staying).values()) == {20}


def test_refusals() -> None:
    with pytest.raises(AnnotatorError, match="to 5 different analysts: 4 given"):
        assign(KEYS, ANALYSTS, 5)
    with pytest.raises(AnnotatorError, match="at least 1 analyst, not 0"):
        assign(KEYS, ANALYSTS, 0)
    with pytest.raises(AnnotatorError, match="'reza' is named twice"):
        assign(KEYS, ["reza", "sara", "reza"], 1)
    with pytest.raises(AnnotatorError, match="document 'a' is named twice"):
        assign(["a", "b", "a"], ANALYSTS, 1)
    with pytest.raises(AnnotatorError, match="0 given \\(none\\)"):
        assign(KEYS, [], 1)


def test_progress_counts_each_analysts_own_status() -> None:
    assignments = {"d1": ("maryam", "reza"), "d2": ("maryam", "sara"), "d3": ("reza", "sara")}
    statuses = {("d1", "maryam"): Status.DONE, ("d1", "reza"): Status.IN_PROGRESS,
                ("d2", "maryam"): Status.REVIEWED, ("d3", "sara"): Status.DONE,
                ("d2", "omid"): Status.DONE}  # not assigned to omid: not counted
    # maryam: d1 done, d2 reviewed: 2 of 2; reza: d1 in progress, d3 new: 0 of 2;
    # sara: d2 new, d3 done: 1 of 2.
    assert progress(assignments, statuses) == {
        "maryam": Progress(2, 2), "reza": Progress(0, 2), "sara": Progress(1, 2)}
    assert str(progress(assignments, statuses)["sara"]) == "1 of 2"
    assert assigned_to(assignments, "sara") == ["d2", "d3"]
