"""Curation rules on the hand-labelled Persian documents: spans taken at once, disagreements
with every analyst's version, and the curated labels a curator's decisions give."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import Triple
from annotator.core.curation import CuratedSpan, EventVersion, Version, curate
from annotator.core.errors import AnnotatorError, OverlapError
from annotator.core.events import Role
from tests.core.agreement_corpus import (
    BEIJING,
    BEIJING_NOWHERE,
    MARYAM,
    MOSCOW,
    MOSCOW_AGREED,
    RALLY,
    REZA,
    SARA,
    VISITS,
    VISITS_EVENTS,
    VISITS_LABELS,
)

ACTOR, EVENT, LOCATION = "ACTOR", "EVENT", "LOCATION"


def test_two_analysts_agreed_spans_taken_and_the_rest_in_disagreements() -> None:
    # geneva: both take «عباس عراقچی» and «ژنو»; Maryam «رافائل گروسی» where Reza «گروسی»,
    # Maryam «دیدار» where Reza «دیدار کرد» (22..34 and 35..44 do not overlap: two clusters).
    curation = curate({"maryam": MARYAM["geneva"], "reza": REZA["geneva"]})
    assert curation.min_agree == 2
    assert curation.agreed == (CuratedSpan(0, 11, ACTOR, ("maryam", "reza")),
                               CuratedSpan(15, 18, LOCATION, ("maryam", "reza")))
    first, second = curation.disagreements
    assert (first.start, first.end) == (22, 34)
    assert first.versions == (Version("maryam", ((22, 34, ACTOR),)),
                              Version("reza", ((29, 34, ACTOR),)))
    assert (second.start, second.end) == (35, 44)
    assert second.version("reza").spans == ((35, 44, EVENT),)
    # Sara curates: Maryam's version of the first, Reza's of the second.
    curated = curation.labels("sara", {0: first.version("maryam").spans,
                                       1: second.version("reza").spans})
    assert curated.curator == "sara"
    assert curated.complete
    assert curated.spans == (CuratedSpan(0, 11, ACTOR, ("maryam", "reza")),
                             CuratedSpan(15, 18, LOCATION, ("maryam", "reza")),
                             CuratedSpan(22, 34, ACTOR, ("maryam",)),
                             CuratedSpan(35, 44, EVENT, ("reza",)))


def test_without_decisions_the_agreed_spans_wait_with_the_disagreements() -> None:
    curation = curate({"maryam": MARYAM["geneva"], "reza": REZA["geneva"]})
    waiting = curation.labels("sara")
    assert [c.triple for c in waiting.spans] == [(0, 11, ACTOR), (15, 18, LOCATION)]
    assert waiting.undecided == (0, 1)
    assert not waiting.complete
    # Rejecting every version of the first, labelling the second anew.
    curated = curation.labels("sara", {0: [], 1: [(35, 40, "EVENT"), (41, 44, "EVENT")]})
    assert curated.spans[2:] == (CuratedSpan(35, 40, EVENT, ("maryam",)),
                                 CuratedSpan(41, 44, EVENT, ()))
    assert curated.complete


def test_three_analysts_all_must_agree_by_default() -> None:
    labels = {"maryam": MARYAM["geneva"], "reza": REZA["geneva"], "sara": SARA["geneva"]}
    curation = curate(labels)
    assert curation.min_agree == 3
    assert [c.triple for c in curation.agreed] == [(0, 11, ACTOR), (15, 18, LOCATION)]
    assert curation.agreed[0].analysts == ("maryam", "reza", "sara")
    first, _ = curation.disagreements
    assert first.distinct_versions() == ((((22, 34, ACTOR),), ("maryam", "sara")),
                                         (((29, 34, ACTOR),), ("reza",)))


def test_a_majority_outvotes_the_other_version() -> None:
    # --min-agree 2: Maryam and Sara agree on everything; Reza's «گروسی» and «دیدار کرد»
    # overlap spans taken at once and are left out.
    labels = {"maryam": MARYAM["geneva"], "reza": REZA["geneva"], "sara": SARA["geneva"]}
    curation = curate(labels, min_agree=2)
    assert curation.disagreements == ()
    assert curation.agreed == (CuratedSpan(0, 11, ACTOR, ("maryam", "reza", "sara")),
                               CuratedSpan(15, 18, LOCATION, ("maryam", "reza", "sara")),
                               CuratedSpan(22, 34, ACTOR, ("maryam", "sara")),
                               CuratedSpan(35, 40, EVENT, ("maryam", "sara")))
    assert curation.labels("omid").complete


def test_an_analyst_who_labelled_nothing_has_a_version_too() -> None:
    # strike: Reza labelled it and found nothing; nothing is taken, and each of Maryam's
    # three spans is a disagreement of its own, Reza's version being nothing.
    curation = curate({"maryam": MARYAM["strike"], "reza": []})
    assert curation.agreed == ()
    assert [(d.start, d.end) for d in curation.disagreements] == [(0, 6), (7, 14), (18, 23)]
    assert all(d.version("reza").nothing for d in curation.disagreements)
    assert curation.disagreements[1].version("maryam").spans == ((7, 14, ACTOR),)


def test_two_equally_supported_spans_that_overlap_are_a_disagreement() -> None:
    # Four analysts, --min-agree 2: two take «اعتراض» as the event, two «اعتراض کارگران»;
    # all four «تهران».
    short = [(0, 6, EVENT), (18, 23, LOCATION)]
    long = [(0, 14, EVENT), (18, 23, LOCATION)]
    curation = curate({"a": short, "b": short, "c": long, "d": long}, min_agree=2)
    assert curation.agreed == (CuratedSpan(18, 23, LOCATION, ("a", "b", "c", "d")),)
    (both,) = curation.disagreements
    assert [v.spans for v in both.versions] == [((0, 6, EVENT),)] * 2 + [((0, 14, EVENT),)] * 2


def test_fewer_analysts_than_asked_take_nothing_at_once() -> None:
    curation = curate({"maryam": MARYAM["geneva"], "sara": SARA["geneva"]}, min_agree=3)
    assert curation.agreed == ()
    assert len(curation.disagreements) == 4
    assert all(len(d.distinct_versions()) == 1 for d in curation.disagreements)


def test_decisions_that_overlap_or_name_no_disagreement_are_refused() -> None:
    curation = curate({"maryam": MARYAM["geneva"], "reza": REZA["geneva"]})
    with pytest.raises(OverlapError, match=r"overlaps span ACTOR \(0..11\)"):
        curation.labels("sara", {0: [(5, 30, ACTOR)]})
    with pytest.raises(AnnotatorError, match="no disagreement 2"):
        curation.labels("sara", {2: []})
    with pytest.raises(AnnotatorError, match="not 0"):
        curate({"maryam": []}, min_agree=0)


@st.composite
def analysts_labels(draw: st.DrawFn) -> dict[str, list[Triple]]:
    out = {}
    for name in draw(st.sets(st.sampled_from("abcd"), min_size=1)):
        cuts = sorted(draw(st.sets(st.integers(0, 20), max_size=8)))
        out[name] = [(a, b, draw(st.sampled_from([ACTOR, EVENT])))
                     for a, b in itertools.pairwise(cuts) if draw(st.booleans())]
    return out


@settings(max_examples=300, deadline=None)
@given(analysts_labels(), st.integers(1, 4))
def test_every_span_is_taken_outvoted_or_in_one_disagreement(
        labels: dict[str, list[Triple]], min_agree: int) -> None:
    curation = curate(labels, min_agree)
    made = {s for spans in labels.values() for s in spans}
    agreed = {c.triple for c in curation.agreed}
    in_disagreements = [s for d in curation.disagreements
                        for s in {t for v in d.versions for t in v.spans}]
    assert len(in_disagreements) == len(set(in_disagreements))  # in one disagreement at most
    assert not agreed & set(in_disagreements)
    for span in made - agreed - set(in_disagreements):  # outvoted: overlaps a span taken
        assert any(a[0] < span[1] and span[0] < a[1] for a in agreed)
    for c in curation.agreed:
        assert len(c.analysts) >= min_agree
        assert c.analysts == tuple(sorted(a for a, s in labels.items() if c.triple in s))
    # Any one analyst's version of every disagreement makes complete, non-overlapping labels.
    for analyst in labels:
        curated = curation.labels("z", {i: d.version(analyst).spans
                                        for i, d in enumerate(curation.disagreements)})
        assert curated.complete
    # Analysts who all labelled alike leave nothing to decide.
    first = next(iter(labels.values()))
    assert not curate(dict.fromkeys(labels, first)).disagreements


# Events on VISITS (see agreement_corpus): all three analysts labelled the same ten spans.
# By default (all three must agree) only «تجمع» (PROTEST) is taken: Sara calls «دیدار» AGREE
# where the others say CONSULT, and «گفتگو» is framed by Maryam and Reza differently and by
# Sara not at all: two event disagreements.
def test_events_all_agree_on_are_taken_and_the_rest_are_event_disagreements() -> None:
    labels = dict.fromkeys(("maryam", "reza", "sara"), VISITS_LABELS)
    curation = curate(labels, events=VISITS_EVENTS)
    assert len(curation.agreed) == 10 and curation.disagreements == ()
    assert curation.agreed_events == (RALLY,)
    moscow, beijing = curation.event_disagreements
    assert (VISITS[moscow.start:moscow.end], VISITS[beijing.start:beijing.end]) == (
        "دیدار", "گفتگو")
    assert moscow.versions == (EventVersion("maryam", MOSCOW), EventVersion("reza", MOSCOW),
                               EventVersion("sara", MOSCOW_AGREED))
    assert moscow.distinct_versions() == ((MOSCOW, ("maryam", "reza")),
                                          (MOSCOW_AGREED, ("sara",)))
    assert [v.event for v in beijing.versions] == [BEIJING, BEIJING_NOWHERE, None]
    assert beijing.versions[2].nothing
    # As stored when the curation begins: the spans, and the event naming those very spans.
    spans, events = curation.taken()
    assert [(s.start, s.end, s.label, s.agreed) for s in spans] == [
        (*t, ("maryam", "reza", "sara")) for t in sorted(VISITS_LABELS)]
    (rally,) = events
    assert rally.type == "PROTEST" and VISITS[rally.trigger.start:rally.trigger.end] == "تجمع"
    assert all(any(s is used for s in spans) for used in rally.spans())
    assert [(a.role, VISITS[a.span.start:a.span.end]) for a in rally.ordered_arguments()] == [
        (Role.ACTOR, "معترضان"), (Role.LOCATION, "تهران")]


def test_events_two_of_three_agree_on_are_taken_with_min_agree() -> None:
    # --min-agree 2: Maryam's and Reza's «دیدار» is taken (Sara's AGREE is outvoted); their
    # «گفتگو» differ (one each): still a disagreement.
    labels = dict.fromkeys(("maryam", "reza", "sara"), VISITS_LABELS)
    curation = curate(labels, min_agree=2, events=VISITS_EVENTS)
    assert curation.agreed_events == (MOSCOW, RALLY)
    (beijing,) = curation.event_disagreements
    assert VISITS[beijing.start:beijing.end] == "گفتگو"


def test_an_event_whose_spans_are_not_all_taken_waits_for_the_curator() -> None:
    # Both frame «تجمع» alike, but Reza labelled «تهران» with a trailing space: the location
    # is not a span taken at once, so neither is the event.
    tehran = VISITS.index("تهران")
    reza = [t for t in VISITS_LABELS if t[0] != tehran] + [(tehran, tehran + 6, "LOCATION")]
    curation = curate({"maryam": VISITS_LABELS, "reza": reza},
                      events={"maryam": [RALLY], "reza": [RALLY]})
    assert len(curation.disagreements) == 1
    assert curation.agreed_events == ()
    (rally,) = curation.event_disagreements
    assert rally.distinct_versions() == ((RALLY, ("maryam", "reza")),)


def test_two_events_equally_supported_on_one_trigger_are_a_disagreement() -> None:
    # Four analysts, --min-agree 2: two say CONSULT, two AGREE on «دیدار».
    labels = dict.fromkeys("abcd", VISITS_LABELS)
    events = {"a": [MOSCOW], "b": [MOSCOW], "c": [MOSCOW_AGREED], "d": [MOSCOW_AGREED]}
    curation = curate(labels, min_agree=2, events=events)
    assert curation.agreed_events == ()
    (both,) = curation.event_disagreements
    assert [v.event for v in both.versions] == [MOSCOW, MOSCOW, MOSCOW_AGREED, MOSCOW_AGREED]
    # Without events nothing is found about them.
    assert curate(labels).event_disagreements == ()
