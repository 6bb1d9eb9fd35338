"""Frame suggestions: the types and arguments earlier frames gave, offered again; blind to the
ways Persian writers vary a word; arguments only from the trigger's sentence, in a role their
label may take, and never one the frame already has."""

from __future__ import annotations

from annotator.core.events import Argument, Event, Role
from annotator.core.model import Review, Span, model_origin
from annotator.suggest.frames import Frame, FrameMemory, counted, frame_key
from tests.suggest.persian import Z, document

MEMORY = FrameMemory(counted([
    Frame("دیدار", "CONSULT", (("actor", "عباس عراقچی"), ("recipient", "هاکان فیدان"),
                               ("location", "تهران"))),
    Frame("دیدار", "CONSULT", (("actor", "هاکان فیدان"),)),
    Frame("دیدار", "COOPERATE", (("recipient", "هاکان فیدان"),)),
    Frame("تظاهرات", "PROTEST", (("location", "تهران"),)),
]))


def test_types_are_offered_most_given_first_with_their_share() -> None:
    offered = MEMORY.types_for("دیدار")
    assert [(t.type, t.count, t.of) for t in offered] == [("CONSULT", 2, 3),
                                                         ("COOPERATE", 1, 3)]
    assert offered[0].score == 2 / 3
    assert MEMORY.types_for("اجلاس") == []
    # only the project's types
    assert [t.type for t in MEMORY.types_for("دیدار", known=["COOPERATE", "AGREE"])] == [
        "COOPERATE"]


def test_a_trigger_is_found_whatever_way_it_is_written() -> None:
    memory = FrameMemory(counted([Frame(f"گفت{Z}وگو", "CONSULT"), Frame("كمك", "AID")]))
    for written in ("گفت وگو", "گفتوگو", f"گفت{Z}وگو", "گفتـــوگو", " گفت‌وگو "):
        assert [t.type for t in memory.types_for(written)] == ["CONSULT"], written
    assert [t.type for t in memory.types_for("کمک")] == ["AID"]  # Arabic ك and Persian ک
    assert frame_key("كمك") == frame_key("کمک")


def test_arguments_come_from_the_triggers_sentence_in_their_usual_role() -> None:
    text = ("هاکان فیدان امروز با عباس عراقچی در تهران دیدار کرد. "
            "عباس عراقچی سپس به مشهد رفت.")
    doc = document(text, [("هاکان فیدان", "ACTOR"), ("عباس عراقچی", "ACTOR"),
                          ("تهران", "LOCATION"), ("دیدار", "EVENT"), ("عباس عراقچی", "ACTOR")])
    trigger = next(s for s in doc.spans if s.label == "EVENT")
    offered = MEMORY.arguments_for(doc, Event(trigger, "CONSULT"))
    # فیدان: recipient twice, actor once; عراقچی: actor; تهران as location (its PROTEST
    # frame counts too); the second sentence's عراقچی is not offered.
    assert [(a.role, text[a.span.start:a.span.end], a.span.start, a.count, a.of)
            for a in offered] == [
        (Role.RECIPIENT, "هاکان فیدان", 0, 2, 3),
        (Role.ACTOR, "عباس عراقچی", text.index("عباس"), 1, 1),
        (Role.LOCATION, "تهران", text.index("تهران"), 2, 2)]

    # one already in the frame is not offered again
    fidan = doc.spans[0]
    assert [a.role for a in MEMORY.arguments_for(
        doc, Event(trigger, "CONSULT", (Argument(Role.ACTOR, fidan),)))] == [
        Role.ACTOR, Role.LOCATION]


def test_only_labels_in_a_role_their_label_may_take() -> None:
    # تهران labelled ACTOR (its government) is no location; a pending suggestion is no label
    text = "هاکان فیدان با دولت در تهران دیدار کرد."
    doc = document(text, [("تهران", "ACTOR"), ("دیدار", "EVENT")])
    start = text.index("هاکان")
    doc.spans.append(Span(start, start + len("هاکان فیدان"), "ACTOR",
                          origin=model_origin("strings"), score=0.9, review=Review.PENDING))
    trigger = next(s for s in doc.spans if s.label == "EVENT")
    assert MEMORY.arguments_for(doc, Event(trigger, "CONSULT")) == []


def test_no_frames_suggest_nothing() -> None:
    doc = document("عباس عراقچی در تهران دیدار کرد.",
                   [("عباس عراقچی", "ACTOR"), ("تهران", "LOCATION"), ("دیدار", "EVENT")])
    empty = FrameMemory(counted([]))
    assert empty.types_for("دیدار") == []
    assert empty.arguments_for(doc, Event(doc.spans[2], "CONSULT")) == []


def test_a_memory_without_some_frames_forgets_only_them() -> None:
    others = counted([Frame("دیدار", "CONSULT", (("recipient", "هاکان فیدان"),))])
    blind = MEMORY.without(others)
    assert [(t.type, t.count, t.of) for t in blind.types_for("دیدار")] == [
        ("CONSULT", 1, 2), ("COOPERATE", 1, 2)]
    assert [(t.type, t.count) for t in MEMORY.types_for("دیدار")] == [("CONSULT", 2),
                                                                     ("COOPERATE", 1)]
    assert MEMORY.without(counted([Frame("تظاهرات", "PROTEST")])).types_for("تظاهرات") == []
