"""Events in the project, on a file and on a PostgreSQL server: stored, loaded with their
documents naming the documents' own spans, edited and undone through the core commands, brought
in by imports all or nothing, taken along when their spans go, and the project's event types."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from annotator.core.commands import ChangeSpan
from annotator.core.errors import EventError, InputError
from annotator.core.event_commands import (
    EventCommand,
    add_argument_command,
    add_event_command,
    delete_span_command,
    remove_argument_command,
    set_type_command,
    with_events,
)
from annotator.core.events import DEFAULT_EVENT_TYPES, Argument, Event, EventType, Role
from annotator.core.model import Document, Review, Span, Status
from annotator.storage import Project
from annotator.text.tokenize import tokenize

TEXT = ("😀 دبیرکل حزب کمونیست روسیه و نماینده ویژه کره شمالی روز دوشنبه با وزیر خارجه چین "
        "در سوچی دیدار کردند.")
OTHER = "نشست بین‌المللی آب در مشهد آغاز شد."
WORDS = {"دبیرکل حزب کمونیست روسیه": "ACTOR", "نماینده ویژه کره شمالی": "ACTOR",
         "وزیر خارجه چین": "ACTOR", "سوچی": "LOCATION", "دیدار": "EVENT"}


def at(word: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def document(key: str, text: str, words: dict[str, str], events: Sequence[Event] = (),
             status: Status = Status.IN_PROGRESS) -> Document:
    tokens, sentences = tokenize(text)
    return Document(text, key=key, title=key, status=status, tokens=tokens,
                    sentences=sentences, events=list(events),
                    spans=[Span(*at(w, text), label) for w, label in words.items()])


def read_frame(doc: Document) -> list[Event]:
    """The frame the hand-written article holds, naming ``doc``'s spans (not stored yet)."""
    spans = {doc.text[s.start:s.end]: s for s in doc.spans}
    return [Event(spans["دیدار"], "CONSULT", (
        Argument(Role.ACTOR, spans["دبیرکل حزب کمونیست روسیه"]),
        Argument(Role.ACTOR, spans["نماینده ویژه کره شمالی"]),
        Argument(Role.RECIPIENT, spans["وزیر خارجه چین"]),
        Argument(Role.LOCATION, spans["سوچی"])), annotator="مریم")]


def frames(doc: Document) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """A document's events as an analyst reads them."""
    return [(e.type, doc.text[e.trigger.start:e.trigger.end],
             [(a.role.value, doc.text[a.span.start:a.span.end]) for a in e.arguments])
            for e in doc.events]


FRAME = [("CONSULT", "دیدار", [("actor", "دبیرکل حزب کمونیست روسیه"),
                               ("actor", "نماینده ویژه کره شمالی"),
                               ("recipient", "وزیر خارجه چین"), ("location", "سوچی")])]


@pytest.fixture
def stored(project: Project) -> Document:
    """The article stored with its spans and no events."""
    project.add_documents([document("mehr", TEXT, WORDS),
                           document("irna", OTHER, {"مشهد": "LOCATION", "نشست": "EVENT"})])
    return project.document(project.keys_to_ids()["mehr"])


def span(doc: Document, word: str) -> Span:
    return next(s for s in doc.spans if doc.text[s.start:s.end] == word)


def run(project: Project, command: EventCommand) -> EventCommand:
    """Apply ``command`` as the window does: a compound one in one transaction."""
    with project.transaction():
        command.apply(project)
    return command


# -- stored and loaded -----------------------------------------------------------------------


def test_an_import_stores_the_documents_events_with_them(project: Project) -> None:
    doc = document("mehr", TEXT, WORDS)
    doc.events = read_frame(doc)
    summary = project.add_documents([doc, document("irna", OTHER, {"مشهد": "LOCATION"})])
    assert (summary.added, summary.spans, summary.events) == (2, 6, 1)
    loaded = project.document(project.keys_to_ids()["mehr"])
    assert frames(loaded) == FRAME
    [event] = loaded.events
    assert event.id is not None and event.annotator == "مریم"
    assert event.created is not None and event.updated is not None
    # The event names the document's own span objects, as core expects.
    assert event.trigger is span(loaded, "دیدار")
    assert all(any(a.span is s for s in loaded.spans) for a in event.arguments)
    irna = project.document(project.keys_to_ids()["irna"])
    assert irna.events == []


def test_exports_stream_the_events_with_their_documents(project: Project) -> None:
    docs = []
    for n in range(450):  # more than one batch of the stream
        doc = document(f"mehr-{n:03}", TEXT, WORDS)
        if n % 3 == 0:
            doc.events = read_frame(doc)
        docs.append(doc)
    project.add_documents(docs)
    streamed = list(project.iter_documents(batch=200))
    assert len(streamed) == 450
    assert [bool(d.events) for d in streamed] == [n % 3 == 0 for n in range(450)]
    for doc in streamed:
        assert frames(doc) == (FRAME if doc.events else [])
        for event in doc.events:
            assert all(any(s is own for own in doc.spans) for s in event.spans())
    one = project.document(project.keys_to_ids()["mehr-003"])
    assert ids(one.events) == ids(streamed[3].events)


def ids(events: Sequence[Event]) -> list[tuple[object, ...]]:
    return [(e.id, e.type, e.trigger.id, [(a.role, a.span.id) for a in e.arguments])
            for e in events]


def test_an_import_that_fails_stores_no_event(project: Project) -> None:
    first = document("mehr", TEXT, WORDS)
    first.events = read_frame(first)

    def failing(doc: Document) -> None:
        if doc.key == "irna":
            raise InputError("stop here", path="in.jsonl", line=2)

    with pytest.raises(InputError):
        project.add_documents([first, document("irna", OTHER, {})], on_document=failing)
    assert project.count_documents() == 0
    assert project.events_by_type() == {}


def test_an_event_naming_a_span_the_document_lacks_is_refused(project: Project) -> None:
    doc = document("mehr", TEXT, WORDS)
    doc.events = [Event(Span(0, 1, "EVENT"), "CONSULT")]
    with pytest.raises(InputError, match="names a span that is not one of the document's"):
        project.add_documents([doc])
    assert project.count_documents() == 0


def test_a_document_imported_again_is_skipped_with_its_events(project: Project) -> None:
    doc = document("mehr", TEXT, WORDS)
    doc.events = read_frame(doc)
    project.add_documents([doc])
    again = document("mehr", TEXT, WORDS)
    again.events = read_frame(again)
    summary = project.add_documents([again])
    assert (summary.added, summary.events, summary.skipped) == (0, 0, ["mehr"])
    assert project.events_by_type() == {"CONSULT": 1}


# -- edits and undo ----------------------------------------------------------------------------


def test_a_frame_built_undone_and_redone_step_by_step(project: Project, stored: Document) -> None:
    assert stored.id is not None
    doc_id = stored.id
    steps: list[EventCommand] = []

    def step(build: object) -> None:
        doc = project.document(doc_id)
        command = build(doc)  # type: ignore[operator]
        steps.append(run(project, command))

    step(lambda d: add_event_command(d, span(d, "دیدار"), "CONSULT", annotator="مریم"))
    step(lambda d: add_argument_command(d, d.events[0], Role.ACTOR,
                                        span(d, "دبیرکل حزب کمونیست روسیه")))
    step(lambda d: add_argument_command(d, d.events[0], Role.ACTOR,
                                        span(d, "نماینده ویژه کره شمالی")))
    step(lambda d: add_argument_command(d, d.events[0], Role.RECIPIENT,
                                        span(d, "وزیر خارجه چین")))
    step(lambda d: add_argument_command(d, d.events[0], Role.LOCATION, span(d, "سوچی")))
    built = project.document(doc_id)
    assert frames(built) == FRAME
    assert built.events[0].annotator == "مریم"
    step(lambda d: set_type_command(d, d.events[0], "AGREE"))
    step(lambda d: remove_argument_command(d, d.events[0], span(d, "سوچی")))
    assert frames(project.document(doc_id)) == [("AGREE", "دیدار", FRAME[0][2][:3])]
    for command in reversed(steps):
        command.revert(project)
    assert project.document(doc_id).events == []
    for command in steps:
        command.apply(project)
    again = project.document(doc_id)
    assert frames(again) == [("AGREE", "دیدار", FRAME[0][2][:3])]
    assert again.events[0].id == built.events[0].id  # redo keeps the event's id


def frame_of(project: Project, doc_id: int) -> Document:
    doc = project.document(doc_id)
    run(project, add_event_command(doc, span(doc, "دیدار"), "CONSULT"))
    for role, word in ((Role.ACTOR, "دبیرکل حزب کمونیست روسیه"),
                       (Role.ACTOR, "نماینده ویژه کره شمالی"),
                       (Role.RECIPIENT, "وزیر خارجه چین"), (Role.LOCATION, "سوچی")):
        doc = project.document(doc_id)
        run(project, add_argument_command(doc, doc.events[0], role, span(doc, word)))
    return project.document(doc_id)


def test_deleting_an_argument_span_takes_it_out_and_undo_puts_both_back(
        project: Project, stored: Document) -> None:
    assert stored.id is not None
    doc = frame_of(project, stored.id)
    command = run(project, delete_span_command(doc, span(doc, "وزیر خارجه چین")))
    after = project.document(stored.id)
    assert "وزیر خارجه چین" not in [after.text[s.start:s.end] for s in after.spans]
    assert frames(after) == [("CONSULT", "دیدار", [FRAME[0][2][i] for i in (0, 1, 3)])]
    command.revert(project)
    restored = project.document(stored.id)
    assert frames(restored) == FRAME
    assert restored.events == doc.events  # the same ids, spans and order
    assert restored.spans == doc.spans


def test_deleting_the_trigger_deletes_the_event_and_undo_brings_it_back(
        project: Project, stored: Document) -> None:
    assert stored.id is not None
    doc = frame_of(project, stored.id)
    command = run(project, delete_span_command(doc, span(doc, "دیدار")))
    assert project.document(stored.id).events == []
    assert project.events_by_type() == {}
    command.revert(project)
    assert project.document(stored.id).events == doc.events


def test_relabelling_an_argument_takes_it_out_of_its_event(project: Project,
                                                           stored: Document) -> None:
    assert stored.id is not None
    doc = frame_of(project, stored.id)
    sochi = span(doc, "سوچی")
    command = run(project, with_events(doc, ChangeSpan(stored.id, sochi,
                                                       sochi.with_(label="ACTOR"))))
    assert frames(project.document(stored.id))[0][2] == FRAME[0][2][:3]
    command.revert(project)
    assert frames(project.document(stored.id)) == FRAME


def test_a_span_deleted_without_its_events_leaves_no_dangling_rows(project: Project,
                                                                   stored: Document) -> None:
    """What another program may do: the database takes the span out of its events itself."""
    assert stored.id is not None
    doc = frame_of(project, stored.id)
    recipient = span(doc, "وزیر خارجه چین")
    assert recipient.id is not None
    project.delete_span(recipient.id)
    assert frames(project.document(stored.id)) == [
        ("CONSULT", "دیدار", [FRAME[0][2][i] for i in (0, 1, 3)])]
    trigger = span(doc, "دیدار")
    assert trigger.id is not None
    project.delete_span(trigger.id)
    assert project.document(stored.id).events == []
    table = project.models.EventArgument
    assert table.select().count() == 0


def test_the_storage_refuses_what_another_window_made_wrong_meanwhile(
        project: Project, stored: Document) -> None:
    assert stored.id is not None
    doc_id = stored.id
    doc = project.document(doc_id)
    add = add_event_command(doc, span(doc, "دیدار"), "CONSULT")
    run(project, add_event_command(doc, span(doc, "دیدار"), "AGREE"))  # the other window
    with pytest.raises(EventError, match="is the trigger of another event"):
        run(project, add)
    doc = project.document(doc_id)
    actor = span(doc, "وزیر خارجه چین")
    assert actor.id is not None
    command = add_argument_command(doc, doc.events[0], Role.RECIPIENT, actor)
    project.update_span(actor.with_(label="LOCATION"))  # the other window relabels it
    with pytest.raises(EventError, match="no longer labelled ACTOR"):
        run(project, command)
    other = project.document(project.keys_to_ids()["irna"])
    mashhad = span(other, "مشهد")
    event = project.document(doc_id).events[0]
    with pytest.raises(EventError, match="no longer a span of this document"):
        project.update_event(event.with_(arguments=(Argument(Role.LOCATION, mashhad),)))
    assert frames(project.document(doc_id)) == [("AGREE", "دیدار", [])]


def test_a_suggestion_not_accepted_cannot_be_an_argument(project: Project,
                                                         stored: Document) -> None:
    assert stored.id is not None
    doc = frame_of(project, stored.id)
    sochi = span(doc, "سوچی")
    project.update_span(sochi.with_(origin="model:m1", review=Review.PENDING))
    event = project.document(stored.id).events[0]
    with pytest.raises(EventError, match="no longer labelled LOCATION"):
        project.update_event(event.with_(type="AGREE"))


# -- the project's event types -----------------------------------------------------------------


def test_event_types_are_plovers_until_the_project_changes_them(project: Project,
                                                                stored: Document) -> None:
    assert project.event_types() == DEFAULT_EVENT_TYPES
    own = (*DEFAULT_EVENT_TYPES[:2], EventType("VISIT", "بازدید"))
    project.set_event_types(own)
    assert project.event_types() == own
    assert stored.id is not None
    frame_of(project, stored.id)  # a CONSULT
    with pytest.raises(EventError, match=r"CONSULT \(1\)"):
        project.set_event_types([EventType("VISIT", "بازدید")])
    assert project.event_types() == own


def test_a_document_another_program_added_meanwhile_is_left_out_with_its_events(
        project_path: Path) -> None:
    """A project file stages an import apart: a document another program adds while this
    import reads is left out at the copy, its spans and events with it, and the rest keep
    theirs."""
    with Project(project_path) as project:
        first, second = document("mehr", TEXT, WORDS), document("other", TEXT, WORDS)
        first.events, second.events = read_frame(first), read_frame(second)

        def documents() -> Iterator[Document]:
            yield first
            yield second
            with Project(project_path) as other:  # another program, meanwhile
                other.add_documents([document("mehr", TEXT, WORDS)])

        summary = project.add_documents(documents())
        assert (summary.added, summary.events, summary.skipped) == (1, 1, ["mehr"])
        ids = project.keys_to_ids()
        assert project.document(ids["mehr"]).events == []
        assert frames(project.document(ids["other"])) == FRAME
        assert project.events_by_type() == {"CONSULT": 1}
        assert project.models.EventArgument.select().count() == 4


def test_an_analysts_accepted_suggestion_in_their_event_and_not_in_anothers_view(
        project: Project) -> None:
    """With several analysts: a shared suggestion one analyst accepted stands, under its id,
    for her decision, and can be an argument of her event; the other analyst sees neither;
    her deleting her decision takes it out of the event, and undo brings both back."""
    from annotator.core import review

    doc = document("mehr", TEXT, {w: lab for w, lab in WORDS.items() if w != "سوچی"})
    doc.spans = [s.with_(annotator="مریم") for s in doc.spans]
    project.add_documents([doc])
    doc_id = project.keys_to_ids()["mehr"]
    project.add_suggestions([(doc_id, Span(*at("سوچی"), "LOCATION", origin="model:m1",
                                           score=0.9, review=Review.PENDING))])
    mine = project.document(doc_id, "مریم")
    suggestion = span(mine, "سوچی")
    run(project, review.decide(mine, suggestion, annotator="مریم"))
    mine = project.document(doc_id, "مریم")
    run(project, add_event_command(mine, span(mine, "دیدار"), "CONSULT", annotator="مریم"))
    mine = project.document(doc_id, "مریم")
    accepted = span(mine, "سوچی")
    assert accepted.id == suggestion.id and accepted.is_label
    run(project, add_argument_command(mine, mine.events[0], Role.LOCATION, accepted))
    mine = project.document(doc_id, "مریم")
    assert frames(mine) == [("CONSULT", "دیدار", [("location", "سوچی")])]
    assert mine.events[0].arguments[0].span is span(mine, "سوچی")
    assert project.document(doc_id, "علی").events == []
    undecide = run(project, delete_span_command(mine, span(mine, "سوچی")))
    assert frames(project.document(doc_id, "مریم")) == [("CONSULT", "دیدار", [])]
    undecide.revert(project)
    assert frames(project.document(doc_id, "مریم")) == [
        ("CONSULT", "دیدار", [("location", "سوچی")])]


def test_frame_counts_give_the_events_texts_counted_for_the_suggestions(
        project: Project, stored: Document) -> None:
    # The article begins with an emoji: the texts are cut in code points on both databases.
    run(project, add_event_command(stored, span(stored, "دیدار"), "CONSULT"))
    for role, word in [(Role.ACTOR, "دبیرکل حزب کمونیست روسیه"), (Role.LOCATION, "سوچی")]:
        doc = project.document(stored.id or 0)
        run(project, add_argument_command(doc, doc.events[0], role, span(doc, word)))
    irna = project.document(project.keys_to_ids()["irna"])
    run(project, add_event_command(irna, span(irna, "نشست"), "AGREE"))
    # a third article, imported with its frame: the same trigger text and location
    again = document("isna", "دیدار در سوچی", {"دیدار": "EVENT", "سوچی": "LOCATION"})
    trigger, place = again.spans
    again.events = [Event(trigger, "CONSULT", (Argument(Role.LOCATION, place),))]
    project.add_documents([again])
    counts = project.frame_counts()
    assert sorted(counts.types) == [("دیدار", "CONSULT", 2), ("نشست", "AGREE", 1)]
    assert sorted(counts.roles) == [("دبیرکل حزب کمونیست روسیه", "actor", 1),
                                    ("سوچی", "location", 2)]
