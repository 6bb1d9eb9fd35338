"""Events: types and their Persian names, choosing a type by its first letters, the rules an
event keeps, and how files number spans and events."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError, EventError
from annotator.core.events import (
    DEFAULT_EVENT_TYPES,
    Argument,
    Event,
    EventType,
    Role,
    check_event,
    check_events,
    event_type,
    numbered,
    role_named,
    same_span,
    type_for_prefix,
    types_for_prefix,
)
from annotator.core.model import Document, Review, Span

# An emoji before the spans: offsets are code points.
TEXT = ("😀 دبیرکل حزب کمونیست روسیه روز دوشنبه با وزیر خارجه چین در سوچی دیدار کرد "
        "و هر دو از تحریم‌ها انتقاد کردند.")


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


SECRETARY = Span(*at("دبیرکل حزب کمونیست روسیه"), "ACTOR")
MINISTER = Span(*at("وزیر خارجه چین"), "ACTOR")
SOCHI = Span(*at("سوچی"), "LOCATION")
MEETING = Span(*at("دیدار"), "EVENT")
CRITICISM = Span(*at("انتقاد"), "EVENT")


def document(*events: Event) -> Document:
    return Document(TEXT, spans=[SECRETARY, MINISTER, SOCHI, MEETING, CRITICISM],
                    events=list(events))


def meeting(*arguments: Argument) -> Event:
    return Event(MEETING, "CONSULT", arguments)


def test_the_default_types_are_plovers_sixteen_with_persian_names() -> None:
    names = [t.name for t in DEFAULT_EVENT_TYPES]
    assert names == ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                     "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST",
                     "MOBILIZE", "COERCE", "ASSAULT"]
    persian = [t.persian for t in DEFAULT_EVENT_TYPES]
    assert event_type("CONSULT").persian == "رایزنی"
    assert len(set(persian)) == 16 and all(persian)
    assert {t.quad for t in DEFAULT_EVENT_TYPES} == {1, 2, 3, 4}


@pytest.mark.parametrize(("typed", "chosen"), [
    ("CONS", "CONSULT"), ("cons", "CONSULT"), ("conc", "CONCEDE"), ("COO", "COOPERATE"),
    ("ag", "AGREE"), ("ai", "AID"), ("as", "ASSAULT"), ("rej", "REJECT"), ("M", "MOBILIZE"),
    ("رای", "CONSULT"), ("ر", None), ("رد", "REJECT"), ("حما", "SUPPORT"), ("حمل", "ASSAULT"),
    ("ح", None), ("عقب", "RETREAT"), ("عقب‌ن", "RETREAT"), ("عقبن", "RETREAT"),
    ("كمك", "AID"), ("تهد", "THREATEN"), ("ت", None), ("x", None), ("", None),
])
def test_a_type_is_chosen_by_its_first_letters(typed: str, chosen: str | None) -> None:
    found = type_for_prefix(typed)
    assert (found.name if found else None) == chosen


def test_an_ambiguous_prefix_lists_the_candidates_and_a_full_name_wins() -> None:
    assert [t.name for t in types_for_prefix("ت")] == ["AGREE", "THREATEN", "SANCTION"]
    assert [t.name for t in types_for_prefix("RE")] == ["RETREAT", "REQUEST", "REJECT"]
    assert len(types_for_prefix("")) == 16
    own = (EventType("MEET", "دیدار"), EventType("MEETING", "نشست"))
    assert type_for_prefix("meet", own) == own[0]
    assert type_for_prefix("mee", own) is None


def test_roles_by_name() -> None:
    assert role_named("Actor") is Role.ACTOR
    assert role_named(" recipient ") is Role.RECIPIENT
    with pytest.raises(EventError, match=r"unknown role 'agent' \(the roles are actor, "
                                         r"recipient, location\)"):
        role_named("agent")


def test_a_good_event_passes() -> None:
    event = meeting(Argument(Role.ACTOR, SECRETARY), Argument(Role.RECIPIENT, MINISTER),
                    Argument(Role.LOCATION, SOCHI))
    check_events(document(event))
    assert event.in_role(Role.ACTOR) == [SECRETARY]
    assert event.uses(SOCHI) and not event.uses(CRITICISM)
    assert event.without(SOCHI).arguments == event.arguments[:2]


@pytest.mark.parametrize(("event", "message"), [
    (Event(MEETING, "MEET"), "unknown event type 'MEET' (the project's event types: AGREE, "),
    (Event(SOCHI, "CONSULT"), "an event's trigger is an EVENT span, not LOCATION «سوچی»"),
    (meeting(Argument(Role.LOCATION, MINISTER)),
     "the role location takes LOCATION spans, not ACTOR «وزیر خارجه چین»"),
    (meeting(Argument(Role.RECIPIENT, SOCHI)),
     "the role recipient takes ACTOR spans, not LOCATION «سوچی»"),
    (meeting(Argument(Role.ACTOR, CRITICISM)), "the role actor takes ACTOR spans, not EVENT"),
    (meeting(Argument(Role.ACTOR, MINISTER), Argument(Role.RECIPIENT, MINISTER)),
     "ACTOR «وزیر خارجه چین» (41..55) is already the actor of this event"),
    (meeting(Argument(Role.ACTOR, Span(0, 1, "ACTOR"))),
     "the actor ACTOR (0..1) is not a span of this document"),
    (Event(Span(0, 1, "EVENT"), "CONSULT"), "the trigger EVENT (0..1) is not a span of this"),
])
def test_an_event_breaking_a_rule_is_refused_with_a_message(event: Event, message: str) -> None:
    with pytest.raises(EventError) as caught:
        check_event(document(event), event)
    assert message in str(caught.value)
    assert isinstance(caught.value, AnnotatorError)


def test_one_event_a_trigger() -> None:
    first, second = meeting(), Event(MEETING, "AGREE")
    with pytest.raises(EventError, match=r"«دیدار» .* is already the trigger of an event"):
        check_events(document(first, second))


def test_a_suggestion_not_accepted_cannot_take_part() -> None:
    pending = Span(*at("سوچی"), "LOCATION", origin="model:m", review=Review.PENDING)
    doc = Document(TEXT, spans=[MEETING, pending])
    event = meeting(Argument(Role.LOCATION, pending))
    with pytest.raises(EventError, match="is a suggestion not accepted; accept it first"):
        check_event(doc, event)
    accepted = pending.with_(review=Review.ACCEPTED)
    doc.spans[1] = accepted
    check_event(doc, meeting(Argument(Role.LOCATION, accepted)))


def test_stored_spans_are_the_same_by_id_others_by_place_label_and_origin() -> None:
    assert same_span(SOCHI, Span(*at("سوچی"), "LOCATION"))
    assert not same_span(SOCHI, Span(*at("سوچی"), "ACTOR"))
    assert same_span(SOCHI.with_(id=7), Span(0, 1, "ACTOR", id=7))  # moved or relabelled
    assert not same_span(SOCHI.with_(id=7), SOCHI)


def test_files_number_spans_in_text_order_and_events_by_trigger() -> None:
    later = Event(CRITICISM, "ACCUSE", (Argument(Role.ACTOR, MINISTER),
                                        Argument(Role.ACTOR, SECRETARY)))
    first = meeting(Argument(Role.LOCATION, SOCHI), Argument(Role.ACTOR, SECRETARY))
    out = numbered([SOCHI, MEETING, SECRETARY, CRITICISM, MINISTER], [later, first])
    assert [out.id_of(s) for s in (SECRETARY, MINISTER, SOCHI, MEETING, CRITICISM)] == [
        "T1", "T2", "T3", "T4", "T5"]
    assert [(name, e.type) for name, e in out.events] == [("E1", "CONSULT"), ("E2", "ACCUSE")]
    # arguments by role, then in text order
    assert [(a.role, out.id_of(a.span)) for a in out.events[0][1].arguments] == [
        (Role.ACTOR, "T1"), (Role.LOCATION, "T3")]
    assert [out.id_of(a.span) for a in out.events[1][1].arguments] == ["T1", "T2"]
    assert (out.events_left_out, out.arguments_left_out) == (0, 0)


def test_a_file_without_a_trigger_leaves_its_event_out_and_without_an_argument_the_argument(
) -> None:
    event = meeting(Argument(Role.ACTOR, SECRETARY), Argument(Role.LOCATION, SOCHI))
    no_locations = numbered([SECRETARY, MEETING], [event])
    assert [a.span for a in no_locations.events[0][1].arguments] == [SECRETARY]
    assert no_locations.arguments_left_out == 1
    no_triggers = numbered([SECRETARY, SOCHI], [event])
    assert no_triggers.events == [] and no_triggers.events_left_out == 1
