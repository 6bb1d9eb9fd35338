"""Undo as data: commands applied to and reverted on a real project file."""

from __future__ import annotations

import pytest

from annotator.core.commands import (
    AddSpan,
    ChangeSpan,
    Compound,
    DeleteSpan,
    SetStatus,
    label_command,
)
from annotator.core.errors import OverlapError
from annotator.core.model import Document, Review, Span, Status
from annotator.storage import EVERYONE, Project
from annotator.text.tokenize import tokenize

TEXT = "😀 عباس عراقچی وزیر امور خارجه ایران روز دوشنبه در تهران با هیئتی از چین دیدار کرد."
OTHER = "نشست بین‌المللی آب در مشهد آغاز شد."


def at(word: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def add(project: Project, key: str, text: str, status: Status = Status.NEW,
        spans: list[Span] | None = None) -> Document:
    tokens, sentences = tokenize(text)
    project.add_documents([Document(text, key=key, status=status, tokens=tokens,
                                    sentences=sentences, spans=spans or [])])
    return project.document(project.keys_to_ids()[key], EVERYONE)


def stored(project: Project, doc: Document) -> list[tuple[int | None, int, int, str]]:
    """Every span the project holds for ``doc``, whoever made it."""
    assert doc.id is not None
    return [(s.id, s.start, s.end, s.label) for s in project.spans(doc.id, EVERYONE)]


@pytest.fixture
def doc(project: Project) -> Document:
    return add(project, "a", TEXT)


def test_add_span_apply_revert_and_apply_again_keeps_the_id(project: Project,
                                                           doc: Document) -> None:
    assert doc.id is not None
    command = AddSpan(doc.id, Span(*at("عباس عراقچی"), "ACTOR"), TEXT)
    assert command.text == "label ACTOR «عباس عراقچی»"
    command.apply(project)
    [(span_id, start, end, label)] = stored(project, doc)
    assert span_id is not None
    assert (start, end, label) == (2, 13, "ACTOR")  # code points: the emoji counts one
    command.revert(project)
    assert stored(project, doc) == []
    command.apply(project)
    assert stored(project, doc) == [(span_id, 2, 13, "ACTOR")]


def test_delete_span_and_its_undo(project: Project) -> None:
    doc = add(project, "b", TEXT, spans=[Span(*at("تهران"), "LOCATION", annotator="ana")])
    [span] = doc.spans
    assert doc.id is not None and span.id is not None
    command = DeleteSpan(doc.id, span, TEXT)
    assert command.text == "delete LOCATION «تهران»"
    command.apply(project)
    assert stored(project, doc) == []
    command.revert(project)
    [back] = project.spans(doc.id, "ana")
    assert (back.id, back.start, back.end, back.label, back.annotator) == (
        span.id, span.start, span.end, "LOCATION", "ana")
    command.apply(project)  # redo
    assert stored(project, doc) == []


def test_change_span_relabels_and_moves_and_reverts(project: Project) -> None:
    doc = add(project, "c", TEXT, spans=[Span(*at("ایران"), "ACTOR")])
    [before] = doc.spans
    assert doc.id is not None
    relabel = ChangeSpan(doc.id, before, before.with_(label="LOCATION"), "relabel", TEXT)
    assert relabel.text == "relabel «ایران» ACTOR → LOCATION"
    relabel.apply(project)
    assert stored(project, doc) == [(before.id, *at("ایران"), "LOCATION")]
    relabel.revert(project)
    assert stored(project, doc) == [(before.id, *at("ایران"), "ACTOR")]
    wider = ChangeSpan(doc.id, before, before.with_(start=at("خارجه")[0]), "resize", TEXT)
    wider.apply(project)
    assert stored(project, doc) == [(before.id, at("خارجه")[0], at("ایران")[1], "ACTOR")]
    assert wider.text == "resize ACTOR «خارجه ایران»"
    wider.revert(project)
    assert stored(project, doc) == [(before.id, *at("ایران"), "ACTOR")]


def test_change_span_records_a_review_decision(project: Project) -> None:
    suggestion = Span(*at("چین"), "LOCATION", origin="model:m1", score=0.8,
                      review=Review.PENDING)
    doc = add(project, "d", TEXT, spans=[suggestion])
    [pending] = doc.spans
    assert doc.id is not None
    accept = ChangeSpan(doc.id, pending, pending.with_(review=Review.ACCEPTED), "accept", TEXT)
    accept.apply(project)
    assert [s.review for s in project.spans(doc.id)] == [Review.ACCEPTED]
    assert project.document(doc.id).labels()[0].model == "m1"
    accept.revert(project)
    assert [s.review for s in project.spans(doc.id)] == [Review.PENDING]


def test_set_status(project: Project, doc: Document) -> None:
    assert doc.id is not None
    command = SetStatus(doc.id, Status.IN_PROGRESS, Status.DONE)
    assert command.text == "mark done"
    assert SetStatus(doc.id, Status.NEW, Status.IN_PROGRESS).text == "mark in progress"
    command.apply(project)
    assert project.document(doc.id).status == Status.DONE
    command.revert(project)
    assert project.document(doc.id).status == Status.IN_PROGRESS


def test_compound_applies_in_order_and_reverts_in_reverse(project: Project,
                                                          doc: Document) -> None:
    assert doc.id is not None
    first = AddSpan(doc.id, Span(*at("عباس عراقچی"), "ACTOR"), TEXT)
    second = AddSpan(doc.id, Span(*at("تهران"), "LOCATION"), TEXT)
    compound = Compound(doc.id, [first, second, SetStatus(doc.id, Status.NEW, Status.DONE)],
                        "label 2 spans and mark done")
    assert compound.text == "label 2 spans and mark done"
    compound.apply(project)
    ids = [i for i, *_ in stored(project, doc)]
    assert [label for *_, label in stored(project, doc)] == ["ACTOR", "LOCATION"]
    assert project.document(doc.id).status == Status.DONE
    compound.revert(project)
    assert stored(project, doc) == []
    assert project.document(doc.id).status == Status.NEW
    compound.apply(project)
    assert [i for i, *_ in stored(project, doc)] == ids


def test_compound_of_dependent_steps_reverts_to_the_first_state(project: Project,
                                                                doc: Document) -> None:
    assert doc.id is not None
    steps = Compound(doc.id, [SetStatus(doc.id, Status.NEW, Status.IN_PROGRESS),
                              SetStatus(doc.id, Status.IN_PROGRESS, Status.DONE)], "finish")
    steps.apply(project)
    assert project.document(doc.id).status == Status.DONE
    steps.revert(project)
    assert project.document(doc.id).status == Status.NEW


def test_undo_and_redo_across_documents(project: Project, doc: Document) -> None:
    other = add(project, "other", OTHER, status=Status.IN_PROGRESS)
    assert doc.id is not None and other.id is not None
    history = [
        AddSpan(doc.id, Span(*at("ایران"), "LOCATION"), TEXT),
        AddSpan(other.id, Span(*at("مشهد", OTHER), "LOCATION"), OTHER),
        SetStatus(other.id, Status.IN_PROGRESS, Status.DONE),
    ]
    for command in history:
        command.apply(project)
    after = (stored(project, doc), stored(project, other))
    for command in reversed(history):
        command.revert(project)
    assert (stored(project, doc), stored(project, other)) == ([], [])
    assert project.document(other.id).status == Status.IN_PROGRESS
    for command in history:
        command.apply(project)
    assert (stored(project, doc), stored(project, other)) == after
    assert project.document(other.id).status == Status.DONE


# -- label_command: what the keys 1 2 3 do ----------------------------------------------------


def test_labelling_a_new_document_moves_it_to_in_progress(project: Project,
                                                          doc: Document) -> None:
    assert doc.id is not None
    command = label_command(doc, *at("عباس عراقچی"), "ACTOR", annotator="ana")
    assert command.text == "label ACTOR «عباس عراقچی»"
    command.apply(project)
    again = project.document(doc.id, "ana")
    assert again.status == Status.IN_PROGRESS  # hers
    assert project.document(doc.id).status == Status.IN_PROGRESS  # and so the document's
    [span] = again.spans
    assert (span.start, span.end, span.label, span.annotator) == (2, 13, "ACTOR", "ana")
    command.revert(project)
    again = project.document(doc.id, "ana")
    assert again.status == Status.NEW and again.spans == []


def test_labelling_a_document_in_progress_keeps_its_status(project: Project) -> None:
    doc = add(project, "e", TEXT, status=Status.DONE)
    command = label_command(doc, *at("تهران"), "LOCATION")
    assert isinstance(command, AddSpan)
    command.apply(project)
    assert doc.id is not None
    assert project.document(doc.id).status == Status.DONE


def test_an_overlapping_label_is_refused_naming_the_span_it_overlaps(project: Project) -> None:
    doc = add(project, "f", TEXT, spans=[Span(*at("عباس عراقچی"), "ACTOR")])
    start, end = at("عراقچی وزیر")
    with pytest.raises(OverlapError) as caught:
        label_command(doc, start, end, "ACTOR")
    message = str(caught.value)
    assert "ACTOR «عباس عراقچی»" in message
    assert "«عراقچی وزیر»" in message
    assert doc.id is not None
    assert stored(project, doc) == [(doc.spans[0].id, *at("عباس عراقچی"), "ACTOR")]


def test_a_selection_exactly_on_a_label_relabels_it(project: Project) -> None:
    doc = add(project, "g", TEXT, spans=[Span(*at("ایران"), "ACTOR")])
    [span] = doc.spans
    command = label_command(doc, *at("ایران"), "LOCATION")
    assert isinstance(command, ChangeSpan)
    assert command.text == "relabel «ایران» ACTOR → LOCATION"
    command.apply(project)
    assert stored(project, doc) == [(span.id, *at("ایران"), "LOCATION")]
    with pytest.raises(OverlapError, match="already labelled ACTOR «ایران»"):
        label_command(doc, *at("ایران"), "ACTOR")


def test_a_pending_suggestion_does_not_block_a_label(project: Project) -> None:
    doc = add(project, "h", TEXT, spans=[
        Span(*at("عباس عراقچی"), "ACTOR", origin="model:m", review=Review.PENDING)])
    command = label_command(doc, *at("عباس"), "ACTOR")
    command.apply(project)
    assert doc.id is not None
    assert len(project.spans(doc.id)) == 2


@pytest.mark.parametrize(("start", "end"), [(5, 5), (7, 3), (-1, 4), (0, len(TEXT) + 1)])
def test_nothing_to_label(doc: Document, start: int, end: int) -> None:
    with pytest.raises(OverlapError, match="nothing to label"):
        label_command(doc, start, end, "ACTOR")
