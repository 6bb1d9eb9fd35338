"""Undo as data for events: each command applied, reverted and applied again on a store that
holds spans and events by id, and span deletions that take their events along."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annotator.core.commands import ChangeSpan, Compound, DeleteSpan, SetStatus
from annotator.core.errors import EventError
from annotator.core.event_commands import (
    AddEvent,
    ChangeEvent,
    EventCompound,
    add_argument_command,
    add_event_command,
    delete_event_command,
    delete_span_command,
    remove_argument_command,
    set_type_command,
    with_events,
)
from annotator.core.events import Argument, Event, Role
from annotator.core.model import Document, Review, Span, Status
from tests.core.memory_store import MemoryStore

TEXT = ("😀 دبیرکل حزب کمونیست روسیه و نماینده ویژه کره شمالی روز دوشنبه با وزیر خارجه چین "
        "در سوچی دیدار کردند.")
OTHER = "نشست بین‌المللی آب در مشهد آغاز شد."


def at(word: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def doc(store: MemoryStore) -> Document:
    return store.add_document(TEXT, [
        Span(*at("دبیرکل حزب کمونیست روسیه"), "ACTOR"),
        Span(*at("نماینده ویژه کره شمالی"), "ACTOR"),
        Span(*at("وزیر خارجه چین"), "ACTOR"),
        Span(*at("سوچی"), "LOCATION"),
        Span(*at("دیدار"), "EVENT"),
    ])


def span(doc: Document, word: str) -> Span:
    return next(s for s in doc.spans if TEXT[s.start:s.end] == word)


def frame(store: MemoryStore, doc: Document) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The stored events of ``doc`` as an analyst reads them: type, trigger, arguments."""
    assert doc.id is not None
    return [(e.type, TEXT[e.trigger.start:e.trigger.end],
             [(a.role.value, TEXT[a.span.start:a.span.end]) for a in e.ordered_arguments()])
            for e in store.document(doc.id).events]


def build(store: MemoryStore, doc: Document) -> Document:
    """A CONSULT frame with two actors, a recipient and a location, one command at a time."""
    assert doc.id is not None
    add_event_command(doc, span(doc, "دیدار"), "CONSULT", annotator="ana").apply(store)
    for role, word in [(Role.ACTOR, "دبیرکل حزب کمونیست روسیه"),
                       (Role.ACTOR, "نماینده ویژه کره شمالی"),
                       (Role.RECIPIENT, "وزیر خارجه چین"), (Role.LOCATION, "سوچی")]:
        doc = store.document(doc.id)
        add_argument_command(doc, doc.events[0], role, span(doc, word)).apply(store)
    return store.document(doc.id)


FRAME = [("CONSULT", "دیدار", [("actor", "دبیرکل حزب کمونیست روسیه"),
                               ("actor", "نماینده ویژه کره شمالی"),
                               ("recipient", "وزیر خارجه چین"), ("location", "سوچی")])]


def test_add_event_apply_revert_and_apply_again_keeps_the_id(store: MemoryStore,
                                                             doc: Document) -> None:
    command = add_event_command(doc, span(doc, "دیدار"), "CONSULT", annotator="ana")
    assert isinstance(command, AddEvent)
    assert command.text == "add event CONSULT «دیدار»"
    command.apply(store)
    [event_id] = store.events
    assert frame(store, doc) == [("CONSULT", "دیدار", [])]
    assert store.events[event_id][1].annotator == "ana"
    command.revert(store)
    assert frame(store, doc) == []
    command.apply(store)
    assert list(store.events) == [event_id]


def test_a_frame_built_step_by_step_undoes_and_redoes(store: MemoryStore,
                                                      doc: Document) -> None:
    assert doc.id is not None
    first = add_event_command(doc, span(doc, "دیدار"), "CONSULT")
    history = [first]
    first.apply(store)
    for role, word in [(Role.ACTOR, "دبیرکل حزب کمونیست روسیه"),
                       (Role.ACTOR, "نماینده ویژه کره شمالی"),
                       (Role.RECIPIENT, "وزیر خارجه چین"), (Role.LOCATION, "سوچی")]:
        now = store.document(doc.id)
        command = add_argument_command(now, now.events[0], role, span(now, word))
        command.apply(store)
        history.append(command)
    assert history[-1].text == "location «سوچی» of CONSULT «دیدار»"
    assert frame(store, doc) == FRAME
    for command in reversed(history):
        command.revert(store)
    assert frame(store, doc) == [] and store.events == {}
    for command in history:
        command.apply(store)
    assert frame(store, doc) == FRAME


def test_change_type_and_remove_an_argument(store: MemoryStore, doc: Document) -> None:
    doc = build(store, doc)
    retype = set_type_command(doc, doc.events[0], "AGREE")
    assert retype.text == "event «دیدار» CONSULT → AGREE"
    retype.apply(store)
    assert frame(store, doc)[0][0] == "AGREE"
    retype.revert(store)
    assert frame(store, doc) == FRAME
    remove = remove_argument_command(doc, doc.events[0], span(doc, "سوچی"))
    assert remove.text == "remove location «سوچی» from CONSULT «دیدار»"
    remove.apply(store)
    assert frame(store, doc)[0][2][-1] == ("recipient", "وزیر خارجه چین")
    remove.revert(store)
    assert frame(store, doc) == FRAME


def test_delete_event_keeps_its_spans_and_undo_brings_it_back(store: MemoryStore,
                                                              doc: Document) -> None:
    doc = build(store, doc)
    [event_id] = store.events
    command = delete_event_command(doc, doc.events[0])
    assert command.text == "delete event CONSULT «دیدار»"
    command.apply(store)
    assert frame(store, doc) == [] and len(store.spans) == 5
    command.revert(store)
    assert frame(store, doc) == FRAME and list(store.events) == [event_id]


def test_deleting_an_argument_span_takes_it_out_of_the_event_in_one_step(
        store: MemoryStore, doc: Document) -> None:
    doc = build(store, doc)
    minister = span(doc, "وزیر خارجه چین")
    command = delete_span_command(doc, minister)
    assert isinstance(command, EventCompound)
    assert command.text == "delete ACTOR «وزیر خارجه چین»"
    command.apply(store)
    assert minister.id not in store.spans
    assert frame(store, doc) == [("CONSULT", "دیدار", [
        ("actor", "دبیرکل حزب کمونیست روسیه"), ("actor", "نماینده ویژه کره شمالی"),
        ("location", "سوچی")])]
    command.revert(store)
    assert frame(store, doc) == FRAME and minister.id in store.spans
    command.apply(store)  # redo
    assert len(frame(store, doc)[0][2]) == 3


def test_deleting_a_trigger_deletes_its_event_in_one_step(store: MemoryStore,
                                                          doc: Document) -> None:
    doc = build(store, doc)
    [event_id] = store.events
    command = delete_span_command(doc, span(doc, "دیدار"))
    command.apply(store)
    assert store.events == {} and len(store.spans) == 4
    command.revert(store)
    assert frame(store, doc) == FRAME and list(store.events) == [event_id]


def test_deleting_a_span_no_event_uses_is_the_plain_command(store: MemoryStore) -> None:
    doc = store.add_document(OTHER, [Span(*at("مشهد", OTHER), "LOCATION")])
    command = delete_span_command(doc, doc.spans[0])
    assert isinstance(command, DeleteSpan)


def test_relabelling_or_rejecting_a_span_keeps_the_events_true(store: MemoryStore,
                                                               doc: Document) -> None:
    doc = build(store, doc)
    assert doc.id is not None
    sochi = span(doc, "سوچی")
    relabel = with_events(doc, ChangeSpan(doc.id, sochi, sochi.with_(label="ACTOR"),
                                          "relabel", TEXT))
    relabel.apply(store)
    assert ("location", "سوچی") not in frame(store, doc)[0][2]
    relabel.revert(store)
    assert frame(store, doc) == FRAME
    trigger = span(doc, "دیدار")
    to_actor = with_events(doc, ChangeSpan(doc.id, trigger, trigger.with_(label="ACTOR")))
    to_actor.apply(store)
    assert store.events == {}
    to_actor.revert(store)
    assert frame(store, doc) == FRAME
    # moving a span's boundaries keeps it (events name it by id)
    minister = span(doc, "وزیر خارجه چین")
    moved = ChangeSpan(doc.id, minister, minister.with_(start=minister.start + 5), "resize")
    assert with_events(doc, moved) is moved


def test_rejecting_an_accepted_suggestion_takes_it_out_of_its_events(store: MemoryStore,
                                                                     ) -> None:
    doc = store.add_document(TEXT, [
        Span(*at("سوچی"), "LOCATION", origin="model:m", review=Review.ACCEPTED),
        Span(*at("دیدار"), "EVENT")])
    assert doc.id is not None
    add_event_command(doc, doc.spans[1], "CONSULT").apply(store)
    doc = store.document(doc.id)
    add_argument_command(doc, doc.events[0], Role.LOCATION, doc.spans[0]).apply(store)
    doc = store.document(doc.id)
    accepted = doc.spans[0]
    reject = with_events(doc, Compound(doc.id, [
        ChangeSpan(doc.id, accepted, accepted.with_(review=Review.REJECTED), "reject"),
        SetStatus(doc.id, Status.IN_PROGRESS, Status.IN_PROGRESS)], "reject"))
    reject.apply(store)
    assert frame(store, doc) == [("CONSULT", "دیدار", [])]
    reject.revert(store)
    assert frame(store, doc) == [("CONSULT", "دیدار", [("location", "سوچی")])]


@pytest.mark.parametrize(("make", "message"), [
    (lambda d: add_event_command(d, span(d, "سوچی"), "CONSULT"),
     "an event's trigger is an EVENT span, not LOCATION «سوچی»"),
    (lambda d: add_event_command(d, span(d, "دیدار"), "MEET"),
     "unknown event type 'MEET'"),
    (lambda d: add_argument_command(d, d.events[0], Role.LOCATION, span(d, "وزیر خارجه چین")),
     "the role location takes LOCATION spans, not ACTOR «وزیر خارجه چین»"),
    (lambda d: add_argument_command(d, d.events[0], Role.RECIPIENT, span(d, "سوچی")),
     "the role recipient takes ACTOR spans, not LOCATION «سوچی»"),
    (lambda d: add_argument_command(d, d.events[0], Role.ACTOR, Span(*at("مشهد", OTHER),
                                                                     "ACTOR", id=999)),
     "the actor ACTOR (22..26) is not a span of this document"),
    (lambda d: set_type_command(d, d.events[0], "CONSULT"), "the event is already CONSULT"),
    (lambda d: remove_argument_command(d, d.events[0], span(d, "وزیر خارجه چین")),
     "ACTOR «وزیر خارجه چین» (66..80) is not an argument of this event"),
    (lambda d: delete_event_command(d, Event(span(d, "دیدار"), "CONSULT", id=999)),
     "is not an event of this document"),
])
def test_the_builders_check_the_rules(store: MemoryStore, doc: Document,
                                      make: Callable[[Document], object],
                                      message: str) -> None:
    assert doc.id is not None
    add_event_command(doc, span(doc, "دیدار"), "CONSULT").apply(store)
    doc = store.document(doc.id)
    with pytest.raises(EventError) as caught:
        make(doc)
    assert message in str(caught.value)


def test_a_trigger_has_one_event_and_an_argument_one_role(store: MemoryStore,
                                                         doc: Document) -> None:
    doc = build(store, doc)
    with pytest.raises(EventError, match="already the trigger of an event"):
        add_event_command(doc, span(doc, "دیدار"), "AGREE")
    with pytest.raises(EventError, match="is already the actor of this event"):
        add_argument_command(doc, doc.events[0], Role.RECIPIENT,
                             span(doc, "دبیرکل حزب کمونیست روسیه"))


def test_events_name_the_documents_own_spans(store: MemoryStore, doc: Document) -> None:
    doc = build(store, doc)
    [event] = doc.events
    assert all(any(s is own for own in doc.spans) for s in event.spans())
    assert event.arguments[0] == Argument(Role.ACTOR, span(doc, "دبیرکل حزب کمونیست روسیه"))


def test_edits_kept_unsaved_are_made_again_on_the_events_as_they_are(store: MemoryStore,
                                                                     doc: Document) -> None:
    """Two argument edits built on the same event (the first could not be saved when the
    second was made) both hold once saved, and a deletion kept meanwhile takes the event as
    it is when it runs, so undoing it brings back everything."""
    from annotator.core.event_commands import rebased

    assert doc.id is not None
    add_event_command(doc, span(doc, "دیدار"), "CONSULT").apply(store)
    base = store.document(doc.id)
    event = base.events[0]
    first = add_argument_command(base, event, Role.ACTOR,
                                 span(base, "دبیرکل حزب کمونیست روسیه"))
    second = add_argument_command(base, event, Role.LOCATION, span(base, "سوچی"))
    retype = set_type_command(base, event, "AGREE")
    delete = delete_span_command(base, span(base, "دیدار"))
    for kept in (first, second, retype):
        rebased(kept, store.document(doc.id).events).apply(store)
    assert frame(store, doc) == [("AGREE", "دیدار", [("actor", "دبیرکل حزب کمونیست روسیه"),
                                                     ("location", "سوچی")])]
    as_built = frame(store, doc)
    # As built, the second writes the event without the actor: made again, it did not.
    assert isinstance(second, ChangeEvent)
    assert [a.role for a in second.after.arguments] == [Role.LOCATION]
    deletion = rebased(delete, store.document(doc.id).events)
    deletion.apply(store)
    assert frame(store, doc) == []
    deletion.revert(store)
    assert frame(store, doc) == as_built
    # An undo kept unsaved is made again the other way round: taking the location out again
    # leaves the actor and the type as they are now.
    undo_second = rebased(second, store.document(doc.id).events, applied=False)
    undo_second.revert(store)
    assert frame(store, doc) == [("AGREE", "دیدار", [("actor", "دبیرکل حزب کمونیست روسیه")])]


def test_events_on_spans_follow_the_spans_as_the_project_would() -> None:
    from annotator.core.events import on_spans

    trigger, actor, place = (Span(0, 5, "EVENT", id=1), Span(6, 9, "ACTOR", id=2),
                             Span(10, 12, "LOCATION", id=3))
    event = Event(trigger, "CONSULT", (Argument(Role.ACTOR, actor),
                                       Argument(Role.LOCATION, place)), id=7)
    renewed = [trigger.with_(annotator="ana"), actor, place]
    [moved] = on_spans([event], renewed)
    assert moved.trigger is renewed[0] and moved.arguments == event.arguments
    assert on_spans([event], [trigger, actor])[0].arguments == (Argument(Role.ACTOR, actor),)
    assert on_spans([event], [actor, place]) == []  # its trigger is gone
