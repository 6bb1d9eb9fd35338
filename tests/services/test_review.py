"""Reviewing suggestions: predictions in, decisions as undoable commands, the model report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.commands import SetStatus, label_command
from annotator.core.errors import InputError, OverlapError
from annotator.core.model import Document, Review, Status
from annotator.core.review import accept_above, decide, next_pending, pending, reject
from annotator.services.importing import ImportOptions, import_paths
from annotator.services.predictions import import_predictions
from annotator.services.stats import project_stats
from annotator.storage import Project

TEXT_A = "علی رضایی در تهران با سازمان ملل دیدار کرد و سپس به مشهد و شیراز رفت."
TEXT_B = "نشست وزیران در ژنو برگزار شد."
TEXT_C = "مریم احمدی از اصفهان گزارش داد."


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def write(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def suggestion(text: str, word: str, label: str, score: float) -> dict[str, object]:
    start, end = at(text, word)
    return {"start": start, "end": end, "label": label, "score": score}


@pytest.fixture
def reviewed(project: Project, tmp_path: Path) -> Project:
    """Three documents, a model's suggestions, and hand-made decisions (see the report test)."""
    import_paths(project, [write(tmp_path / "docs.jsonl",
                                 {"id": "a", "text": TEXT_A}, {"id": "b", "text": TEXT_B},
                                 {"id": "c", "text": TEXT_C})], ImportOptions(normalize="none"))
    import_predictions(project, [write(
        tmp_path / "m1.jsonl",
        {"id": "a", "text": TEXT_A, "spans": [
            suggestion(TEXT_A, "علی رضایی", "ACTOR", 0.95),
            suggestion(TEXT_A, "سازمان ملل", "LOCATION", 0.6),
            suggestion(TEXT_A, "تهران", "EVENT", 0.3),
            suggestion(TEXT_A, "مشهد", "LOCATION", 0.9)]},
        # matched by identical text, not by id
        {"text": TEXT_B, "spans": [suggestion(TEXT_B, "ژنو", "LOCATION", 0.8)]},
        {"id": "c", "text": TEXT_C, "spans": [suggestion(TEXT_C, "اصفهان", "LOCATION", 0.7)]},
    )], "m1")
    ids = project.keys_to_ids()
    doc = project.document(ids["a"])
    by_text = {doc.text[s.start:s.end]: s for s in doc.spans}
    for command in (
        decide(doc, by_text["علی رضایی"]),
        decide(doc, by_text["سازمان ملل"], label="ACTOR"),
        reject(doc, by_text["تهران"]),
        decide(doc, by_text["مشهد"]),
    ):
        command.apply(project)
    doc = project.document(ids["a"])
    for word, label in (("دیدار", "EVENT"), ("شیراز", "LOCATION")):
        label_command(doc, *at(TEXT_A, word), label).apply(project)
        doc = project.document(ids["a"])
    SetStatus(ids["a"], doc.status, Status.DONE).apply(project)
    c = project.document(ids["c"])
    label_command(c, *at(TEXT_C, "مریم احمدی"), "ACTOR").apply(project)
    SetStatus(ids["c"], Status.IN_PROGRESS, Status.DONE).apply(project)
    return project


def test_the_report_matches_figures_computed_by_hand(reviewed: Project) -> None:
    # Document a (done, nothing pending): the model proposed 4 spans; 2 accepted as they were,
    # 1 relabelled (a correction), 1 rejected -> precision 2 / 4. Final labels there: ACTOR
    # علی رضایی (hit) and سازمان ملل (corrected, no hit); LOCATION مشهد (hit) and شیراز;
    # EVENT دیدار -> recall 2 / 5; per label ACTOR 1/2, LOCATION 1/2, EVENT 0/1.
    # Documents b and c each keep one pending suggestion, so they count for neither.
    report = project_stats(reviewed)["models"]["m1"]
    assert (report["accepted"], report["corrected"], report["rejected"],
            report["pending"]) == (2, 1, 1, 2)
    assert report["precision"] == 0.5
    assert report["recall"] == 0.4
    labels = report["labels"]
    assert labels["ACTOR"]["precision"] == 1.0
    assert labels["LOCATION"]["precision"] == 0.5  # مشهد accepted, سازمان ملل corrected
    assert labels["EVENT"]["precision"] == 0.0
    assert (labels["ACTOR"]["recall"], labels["LOCATION"]["recall"],
            labels["EVENT"]["recall"]) == (0.5, 0.5, 0.0)
    assert project_stats(reviewed)["pending"] == 2


def test_decisions_keep_what_the_model_said(reviewed: Project) -> None:
    doc = reviewed.document(reviewed.keys_to_ids()["a"])
    kept = {doc.text[s.start:s.end]: s for s in doc.spans if s.is_suggestion}
    assert kept["سازمان ملل"].label == "ACTOR"
    assert kept["سازمان ملل"].review == Review.ACCEPTED
    assert kept["تهران"].review == Review.REJECTED
    assert not kept["تهران"].is_label  # rejected suggestions are never labels
    assert kept["علی رضایی"].score == 0.95


def test_undo_of_a_decision_makes_it_pending_again(reviewed: Project) -> None:
    doc = reviewed.document(reviewed.keys_to_ids()["b"])
    (geneva,) = pending(doc)
    command = decide(doc, geneva, label="ACTOR")
    command.apply(reviewed)
    assert project_stats(reviewed)["models"]["m1"]["corrected"] == 2
    command.revert(reviewed)
    (again,) = pending(reviewed.document(doc.id or 0))
    assert (again.label, again.review, again.id) == ("LOCATION", Review.PENDING, geneva.id)


def test_accepting_an_overlapping_suggestion_is_refused(project: Project) -> None:
    doc = _with_spans(project)
    (suggested,) = pending(doc)
    with pytest.raises(OverlapError, match="would overlap ACTOR «علی رضایی»"):
        decide(doc, suggested)


def _with_spans(project: Project) -> Document:
    from annotator.core.model import Span
    from annotator.text.tokenize import tokenize

    tokens, sentences = tokenize(TEXT_A)
    project.add_documents([Document(TEXT_A, key="x", tokens=tokens, sentences=sentences, spans=[
        Span(*at(TEXT_A, "علی رضایی"), "ACTOR"),
        Span(*at(TEXT_A, "رضایی در"), "ACTOR", origin="model:m", score=0.9,
             review=Review.PENDING),
    ])])
    return project.document(project.keys_to_ids()["x"])


def test_bulk_accept_above_a_score_is_one_undoable_command(project: Project,
                                                           tmp_path: Path) -> None:
    import_paths(project, [write(tmp_path / "d.jsonl", {"id": "a", "text": TEXT_A})],
                 ImportOptions(normalize="none"))
    import_predictions(project, [write(tmp_path / "p.jsonl", {"id": "a", "text": TEXT_A, "spans": [
        suggestion(TEXT_A, "علی رضایی", "ACTOR", 0.95),
        suggestion(TEXT_A, "علی", "ACTOR", 0.91),  # overlaps the first: left pending
        suggestion(TEXT_A, "تهران", "LOCATION", 0.85),
        suggestion(TEXT_A, "مشهد", "LOCATION", 0.4)]})], "m2")
    doc = project.document(1)
    command, accepted, left = accept_above([doc], 0.8)
    assert command is not None
    assert (accepted, left) == (2, 1)
    assert command.text == "accept 2 suggestions scoring 0.8 or more"
    command.apply(project)
    labels = [(TEXT_A[s.start:s.end]) for s in project.document(1).labels()]
    assert labels == ["علی رضایی", "تهران"]
    command.revert(project)
    assert project.document(1).labels() == []
    assert len(pending(project.document(1))) == 4


def test_next_pending_wraps_around(reviewed: Project) -> None:
    doc = reviewed.document(reviewed.keys_to_ids()["b"])
    (only,) = pending(doc)
    assert next_pending(doc, after=only.start) == only


def test_predictions_that_match_nothing_add_nothing(project: Project, tmp_path: Path) -> None:
    import_paths(project, [write(tmp_path / "d.jsonl", {"id": "a", "text": TEXT_A})])
    bad = write(tmp_path / "p.jsonl",
                {"id": "a", "text": TEXT_A, "spans": [suggestion(TEXT_A, "تهران", "LOC", 0.5)]},
                {"id": "zz", "text": "متنی دیگر", "spans": []})
    with pytest.raises(InputError, match=r"p\.jsonl, line 2: matches no document"):
        import_predictions(project, [bad], "m")
    assert project_stats(project)["pending"] == 0


def test_predictions_are_not_added_twice(project: Project, tmp_path: Path) -> None:
    import_paths(project, [write(tmp_path / "d.jsonl", {"id": "a", "text": TEXT_A})],
                 ImportOptions(normalize="none"))
    source = write(tmp_path / "p.jsonl", {"id": "a", "text": TEXT_A, "spans": [
        suggestion(TEXT_A, "تهران", "LOCATION", 0.5)]})
    first = import_predictions(project, [source], "m")
    second = import_predictions(project, [source], "m")
    assert (first.added, second.added, second.skipped) == (1, 0, 1)


def test_accept_above_over_the_project_is_one_analysts(project: Project, tmp_path: Path) -> None:
    """Accepting above a score in every document, as maryam: her decisions, her status (a
    new document moves to in progress for her alone), and reza's view left as it was."""
    from annotator.core.model import Status
    from annotator.services.reviewing import accept_above_in_project

    import_paths(project, [write(tmp_path / "d.jsonl", {"id": "a", "text": TEXT_A},
                                 {"id": "b", "text": TEXT_A + " "})],
                 ImportOptions(normalize="none"))
    import_predictions(project, [write(tmp_path / "p.jsonl", {"id": "a", "text": TEXT_A, "spans": [
        suggestion(TEXT_A, "علی رضایی", "ACTOR", 0.95),
        suggestion(TEXT_A, "مشهد", "LOCATION", 0.4)]})], "m2")
    ids = project.keys_to_ids()
    command, accepted, left = accept_above_in_project(project, 0.8, None, "maryam")
    assert command is not None and (accepted, left) == (1, 0)
    command.apply(project)
    mine = project.document(ids["a"], "maryam")
    assert [(TEXT_A[s.start:s.end], s.review, s.annotator) for s in mine.spans] == [
        ("علی رضایی", Review.ACCEPTED, "maryam"), ("مشهد", Review.PENDING, None)]
    assert mine.status == Status.IN_PROGRESS
    theirs = project.document(ids["a"], "reza")
    assert [s.review for s in theirs.spans] == [Review.PENDING, Review.PENDING]
    assert theirs.status == Status.NEW
    # Decided already: asked again, nothing is left for her above 0.8.
    assert accept_above_in_project(project, 0.8, None, "maryam")[0] is None
