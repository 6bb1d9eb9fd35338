"""The project's analysts as storage keeps them: whoever the imported labels name is one of
them, with a colour of their own; what a document's viewer reads is theirs and the shared
suggestions, never another analyst's labels."""

from __future__ import annotations

from annotator.core.model import Document, Review, Span
from annotator.services.analysts import others_labels, set_shows_others, shows_others
from annotator.storage import EVERYONE, Project
from annotator.text.tokenize import tokenize

TEXT = "عباس عراقچی در تهران با همتای چینی خود دیدار کرد."


def document(key: str, spans: list[Span]) -> Document:
    tokens, sentences = tokenize(TEXT)
    return Document(TEXT, key=key, tokens=tokens, sentences=sentences, spans=spans)


def test_imported_labels_make_their_analysts_known(project: Project) -> None:
    project.add_documents([
        document("a", [Span(0, 11, "ACTOR", annotator="مریم"),
                       Span(15, 20, "LOCATION", annotator="reza"),
                       Span(15, 20, "LOCATION", origin="model:m", score=0.5,
                            review=Review.PENDING)]),
        document("b", [Span(0, 4, "ACTOR", annotator="sara")])])
    analysts = project.analysts()
    assert sorted(a.name for a in analysts) == ["reza", "sara", "مریم"]
    assert len({a.color for a in analysts}) == 3
    project.add_documents([document("c", [Span(0, 4, "ACTOR", annotator="reza")])])
    assert len(project.analysts()) == 3  # known already: not twice


def test_a_viewer_reads_their_labels_and_the_shared_suggestions(project: Project) -> None:
    project.add_documents([document("a", [
        Span(0, 11, "ACTOR", annotator="maryam"),
        Span(0, 11, "LOCATION", annotator="reza"),
        Span(15, 20, "LOCATION", origin="model:m", score=0.5, review=Review.PENDING)])])
    doc_id = project.keys_to_ids()["a"]
    assert [(s.label, s.annotator) for s in project.spans(doc_id, "maryam")] == [
        ("ACTOR", "maryam"), ("LOCATION", None)]
    assert [(s.label, s.annotator) for s in project.spans(doc_id, "reza")] == [
        ("LOCATION", "reza"), ("LOCATION", None)]
    assert [(s.label, s.annotator) for s in project.spans(doc_id, None)] == [
        ("LOCATION", None)]
    assert len(project.spans(doc_id, EVERYONE)) == 3

    # Blind by default; once the project shows them, each sees the others' labels apart.
    assert not shows_others(project) and others_labels(project, doc_id, "maryam") == []
    set_shows_others(project, True)
    assert [(s.label, s.annotator) for s in others_labels(project, doc_id, "maryam")] == [
        ("LOCATION", "reza")]
    set_shows_others(project, False)
    assert project.setting("show_others_labels") is None
