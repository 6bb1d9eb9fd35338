"""Training, suggesting and evaluating through the project, on a file and on PostgreSQL:
hand-written Persian documents, suggestions on whole tokens with scores, the same data giving
the same model, cancelling, the worker process and its fall-back, moving a project."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import Cancelled, InputError
from annotator.core.model import Document, Review, Status
from annotator.services.evaluating import evaluate_file
from annotator.services.gazetteers import add_gazetteer, remove_gazetteer
from annotator.services.model_worker import run_job
from annotator.services.progress import CancelToken
from annotator.services.suggesting import load_trained, suggest, uncertainty
from annotator.services.training import (
    RETRAIN_EVERY,
    TrainOptions,
    learning_curve,
    model_in_use,
    retrain_due,
    train,
)
from annotator.storage import Project
from annotator.suggest import info as stored
from annotator.suggest.info import TrainingError
from tests.services import model_jobs
from tests.suggest.persian import corpus


def unlabelled(docs: list[Document], prefix: str = "new") -> list[Document]:
    return [Document(d.text, key=f"{prefix}-{d.key}", status=Status.NEW, tokens=d.tokens,
                     sentences=d.sentences) for d in docs]


@pytest.fixture
def labelled(project: Project) -> Project:
    """30 labelled documents done, 10 new ones to suggest for."""
    project.add_documents(corpus(30))
    project.add_documents(unlabelled(corpus(10, seed=7)))
    return project


def test_train_keeps_the_model_and_its_held_out_scores(labelled: Project) -> None:
    info = train(labelled, TrainOptions(model="crf"))
    assert (info.name, info.documents, info.held_out_documents) == ("crf", 30, 6)
    assert set(info.held_out) == {"ACTOR", "EVENT", "LOCATION"}
    assert info.held_out_total.f1 > 0.8
    assert model_in_use(labelled) == "crf"
    assert load_trained(labelled).info == info
    [point] = learning_curve(labelled)["crf"]
    assert (point.documents, point.f1) == (30, pytest.approx(info.held_out_total.f1, abs=1e-4))


def test_suggestions_land_on_whole_tokens_with_scores_and_never_twice(labelled: Project) -> None:
    train(labelled, TrainOptions(model="crf"))
    first = suggest(labelled)
    assert first.documents == 10 and first.added > 30
    ids = labelled.keys_to_ids()
    for key in ids:
        if not key.startswith("new-"):
            continue
        doc = labelled.document(ids[key])
        starts, ends = set(doc.tokens[0::2]), set(doc.tokens[1::2])
        for span in doc.spans:
            assert span.origin == "model:crf" and span.review == Review.PENDING
            assert span.start in starts and span.end in ends
            assert span.score is not None and 0.0 < span.score <= 1.0
    again = suggest(labelled)
    assert (again.added, again.kept) == (0, first.added)
    # Done documents get none: their labels are the analyst's.
    done = labelled.document(ids["news-000"])
    assert all(not s.is_suggestion for s in done.spans)


def test_never_over_labels(labelled: Project) -> None:
    train(labelled, TrainOptions(model="strings"))
    doc_id = labelled.keys_to_ids()["new-news-000"]
    text = labelled.document(doc_id).text
    first = next(s for s in corpus(10, seed=7)[0].spans)
    labelled.insert_span(doc_id, first)
    suggest(labelled, "strings")
    spans = labelled.document(doc_id).spans
    suggested = [s for s in spans if s.is_suggestion]
    assert suggested
    assert not any(s.overlaps(first.start, first.end) for s in suggested), text


def test_the_same_data_gives_the_same_model(location: Path | str, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    blobs = []
    for where in (location, other):
        with Project(where) as project:
            project.add_documents(corpus(20))
            train(project, TrainOptions(model="crf"))
            blobs.append(project.model_data("crf"))
    (info_a, data_a, crf_a), (info_b, data_b, crf_b) = (stored.unpack(b) for b in blobs if b)
    assert crf_a == crf_b and data_a == data_b
    assert info_a.held_out == info_b.held_out and info_a.tokens == info_b.tokens


def test_labels_and_statuses_choose_what_is_learnt(labelled: Project) -> None:
    info = train(labelled, TrainOptions(model="strings", labels=frozenset({"LOCATION"})))
    assert info.labels == ("LOCATION",)
    with pytest.raises(InputError, match="PLACE not among the project's labels"):
        train(labelled, TrainOptions(labels=frozenset({"PLACE"})))
    with pytest.raises(TrainingError, match="no documents reviewed"):
        train(labelled, TrainOptions(statuses=frozenset({Status.REVIEWED})))


def test_a_cancelled_training_leaves_the_model_in_use(labelled: Project) -> None:
    train(labelled, TrainOptions(model="crf"))
    before = labelled.model_data("crf")
    token = CancelToken()

    def progress(done: int, total: int | None, message: str) -> None:
        if "training on 30" in message:
            token.cancel()

    with pytest.raises(Cancelled):
        train(labelled, TrainOptions(model="crf"), progress, token)
    assert labelled.model_data("crf") == before
    assert len(labelled.trainings("crf")) == 1


def test_training_in_a_worker_process_gives_the_same_model(labelled: Project) -> None:
    messages: list[str] = []
    info = train(labelled, TrainOptions(model="crf", parallel=True),
                 lambda done, total, message: messages.append(message))
    assert any("training on 30 documents" in m for m in messages)
    here = load_trained(labelled).to_bytes()
    train(labelled, TrainOptions(model="crf"))
    assert stored.unpack(here)[2] == stored.unpack(labelled.model_data("crf") or b"")[2]
    assert info.documents == 30
    done = suggest(labelled, parallel=True)
    assert done.added > 0


def test_a_worker_cancelled_ends_and_leaves_the_model(labelled: Project) -> None:
    train(labelled, TrainOptions(model="strings"))
    token = CancelToken()

    def progress(done: int, total: int | None, message: str) -> None:
        token.cancel()  # at the worker's first word

    with pytest.raises(Cancelled):
        train(labelled, TrainOptions(model="crf", parallel=True), progress, token)
    assert labelled.model_data("crf") is None
    assert model_in_use(labelled) == "strings"
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_or_cannot_start_leaves_the_work_here(
        labelled: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_job(labelled, model_jobs.dies_in_a_worker, {"value": 7}) == ("here", 7)
    context = multiprocessing.get_context("spawn")

    def refuse(self: Any) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(type(context.Process(target=print)), "start", refuse)
    assert run_job(labelled, model_jobs.dies_in_a_worker, {"value": 8}) == ("here", 8)


def test_errors_in_the_worker_come_back_as_one_line(labelled: Project) -> None:
    with pytest.raises(TrainingError, match="no documents reviewed"):
        train(labelled, TrainOptions(statuses=frozenset({Status.REVIEWED})))
    with pytest.raises(Exception, match="nothing to learn from: no documents reviewed"):
        train(labelled, TrainOptions(statuses=frozenset({Status.REVIEWED}), parallel=True))


def test_uncertainty_of_the_documents_not_done(labelled: Project) -> None:
    train(labelled, TrainOptions(model="crf"))
    ranked = uncertainty(labelled)
    ids = labelled.keys_to_ids()
    assert set(ranked) == {ids[k] for k in ids if k.startswith("new-")}
    assert all(0.0 <= u <= 1.0 for u in ranked.values())


def test_gazetteers_reach_the_string_matcher(project: Project, tmp_path: Path) -> None:
    project.add_documents(corpus(5))
    text = "نمایندگان پارلمان اروپا در استراسبورگ جمع شدند."
    project.add_documents(unlabelled([Document(text, key="x")]))
    gazetteer = tmp_path / "places.tsv"
    gazetteer.write_text("استراسبورگ\tLOCATION\nپارلمان اروپا\tACTOR\n"
                         "استراسبورگ\tLOCATION\n", encoding="utf-8")
    added = add_gazetteer(project, gazetteer)
    assert (added.added, added.skipped) == (2, 1)
    train(project, TrainOptions(model="strings"))
    suggest(project, "strings")
    doc = project.document(project.keys_to_ids()["new-x"])
    found = {text[s.start:s.end]: (s.label, s.score) for s in doc.spans}
    assert found == {"استراسبورگ": ("LOCATION", 0.5), "پارلمان اروپا": ("ACTOR", 0.5)}
    bad = tmp_path / "bad.tsv"
    bad.write_text("تهران\tLOCATION\nکابل LOCATION\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.tsv, line 2: no tab"):
        add_gazetteer(project, bad)
    wrong = tmp_path / "wrong.tsv"
    wrong.write_text("تهران\tPLACE\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"wrong.tsv, line 1: label \"PLACE\" is not one"):
        add_gazetteer(project, wrong)
    assert len(project.gazetteer()) == 2  # nothing of either file
    assert remove_gazetteer(project, str(gazetteer)) == 2
    with pytest.raises(InputError, match=r"no gazetteer entries came from 'places\.tsv'"):
        remove_gazetteer(project, "places.tsv")


def test_evaluate_a_labelled_file(labelled: Project, tmp_path: Path) -> None:
    train(labelled, TrainOptions(model="crf"))
    gold = tmp_path / "gold.jsonl"
    docs = corpus(8, seed=99)
    gold.write_text("".join(json.dumps({"id": d.key, "text": d.text, "spans": [
        {"start": s.start, "end": s.end, "label": s.label.lower()} for s in d.spans]},
        ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    mapping = {"actor": "ACTOR", "event": "EVENT", "location": "LOCATION"}
    result = evaluate_file(labelled, [gold], label_map=mapping, normalize="none")
    assert result.documents == 8
    assert sum(c.support for c in result.counts.values()) == sum(len(d.spans) for d in docs)
    out = result.as_json()
    assert set(out) >= {"precision", "recall", "f1", "labels"}
    assert set(out["labels"]["ACTOR"]) == {"precision", "recall", "f1", "support"}
    assert out["f1"] > 0.8
    assert labelled.count_documents() == 40  # nothing of the file was stored
    # Labels the model was not trained on are not scored, and said.
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "n", "text": "ایرانی‌ها در تهران", "spans": [
        {"start": 0, "end": 8, "label": "NAT"}, {"start": 12, "end": 17, "label": "LOCATION"}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    result = evaluate_file(labelled, [other], normalize="none")
    assert result.left_out == {"NAT": 1}
    assert result.overall.support == 1


def test_retraining_is_due_every_n_documents_done(labelled: Project) -> None:
    assert retrain_due(labelled)  # 30 done, no model
    train(labelled, TrainOptions(model="crf"))
    assert not retrain_due(labelled)
    labelled.set_setting(RETRAIN_EVERY, 2)
    ids = sorted(labelled.keys_to_ids()[k] for k in labelled.keys_to_ids() if k.startswith("new-"))
    labelled.set_status(ids[0], Status.DONE)
    assert not retrain_due(labelled)
    labelled.set_status(ids[1], Status.DONE)
    assert retrain_due(labelled)
    labelled.set_setting(RETRAIN_EVERY, 0)
    assert not retrain_due(labelled)


def test_a_project_copied_elsewhere_keeps_its_model(postgres: Any, tmp_path: Path) -> None:
    """A file with a trained model, its history and a gazetteer, restored into PostgreSQL and
    backed up from there into a file again: the model is the same bytes and still works."""
    from annotator.cli.main import run

    original = tmp_path / "team.sqlite"
    with Project(original) as project:
        project.add_documents(corpus(20))
        project.add_documents(unlabelled(corpus(3, seed=7)))
        project.add_gazetteer([("استراسبورگ", "LOCATION", 1)], "places.tsv")
        train(project, TrainOptions(model="strings"))
        train(project, TrainOptions(model="crf"))
        kept = (project.model_data("crf"), project.model_data("strings"),
                project.trainings(), project.gazetteer())
    copy = tmp_path / "copy.sqlite"
    url = postgres.new_schema()
    back = tmp_path / "back.sqlite"
    assert run(["backup", "--db", str(original), "-o", str(copy)]) == 0
    assert run(["restore", str(original), "--db", url]) == 0
    assert run(["backup", "--db", url, "-o", str(back)]) == 0
    for where in (copy, url, back):
        with Project(where) as project:
            assert (project.model_data("crf"), project.model_data("strings"),
                    project.trainings(), project.gazetteer()) == kept
            assert model_in_use(project) == "crf"
            assert suggest(project).added > 0
