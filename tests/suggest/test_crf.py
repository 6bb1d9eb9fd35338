"""The CRF: trained on hand-written Persian news, its suggestions land on whole tokens."""

from __future__ import annotations

import datetime as dt

import pytest

from annotator.core.errors import Cancelled
from annotator.core.model import Review, Span, model_origin
from annotator.core.scores import total
from annotator.suggest.crf import CrfModel, CrfSettings, train_crf
from annotator.suggest.evaluation import evaluate
from annotator.suggest.info import ModelError, TrainingError
from annotator.suggest.models import load_model, train_model
from tests.suggest.persian import PLACES, corpus, document

NOW = dt.datetime(2025, 11, 17, 10, 49, tzinfo=dt.UTC)
QUICK = CrfSettings(max_iterations=40)


@pytest.fixture(scope="module")
def trained() -> CrfModel:
    return train_crf(corpus(40), [("کرمان", "LOCATION")], QUICK, now=NOW)


def test_suggestions_land_on_whole_tokens_with_scores(trained: CrfModel) -> None:
    unseen = corpus(10, seed=7)
    suggested = 0
    for doc in unseen:
        starts, ends = set(doc.tokens[0::2]), set(doc.tokens[1::2])
        for span in trained.suggest(doc, ()):
            assert span.start in starts and span.end in ends
            assert 0 < span.score <= 1  # type: ignore[operator]
            assert span.label in {"ACTOR", "EVENT", "LOCATION"}
            assert span.origin == model_origin("crf") and span.review == Review.PENDING
            suggested += 1
    assert suggested
    # it learnt something: most labels of documents it never saw are found
    assert total(evaluate(trained, unseen)).f1 > 0.6


def test_a_gazetteer_entry_it_never_saw_in_a_document() -> None:
    gazetteer = [(place, "LOCATION") for place in PLACES] + [("کرمان", "LOCATION")]
    model = train_crf(corpus(40), gazetteer, QUICK, now=NOW)
    without = train_crf(corpus(40), (), QUICK, now=NOW)
    doc = document("در پی سیل در کرمان، هلال احمر کمک‌های خود را به منطقه فرستاد.")
    where = doc.text.index("کرمان")

    def score(model: CrfModel) -> float:
        found = {(s.start, s.label): s.score for s in model.suggest(doc)}
        return found.get((where, "LOCATION")) or 0.0

    # the gazetteer's hits weigh for the label: more than the context alone
    assert score(model) > max(0.5, score(without))


def test_never_over_labels_nor_where_rejected(trained: CrfModel) -> None:
    doc = corpus(1, seed=11)[0]
    free = trained.suggest(doc, ())
    assert free
    first, *rest = free
    rejected = first.with_(review=Review.REJECTED)
    label = Span(rest[0].start, rest[0].end, "ACTOR") if rest else None
    spans = [rejected, *([label] if label else [])]
    again = trained.suggest(doc, spans)
    assert (first.start, first.end, first.label) not in {(s.start, s.end, s.label) for s in again}
    if label is not None:
        assert not any(s.overlaps(label.start, label.end) for s in again)
    assert all(s.score is not None and s.score >= 0.5 for s in trained.suggest(doc, (), 0.5))


def test_uncertainty_ranks_documents(trained: CrfModel) -> None:
    familiar = corpus(1, seed=21)[0]
    strange = document("گلابتون در ورزنه گفت که فرداسپاری با هوروش آغاز می‌شود.")
    assert 0 <= trained.uncertainty(familiar) < trained.uncertainty(strange) <= 1
    assert trained.uncertainty(document("")) == 0


def test_info_says_what_it_was_trained_on(trained: CrfModel) -> None:
    info = trained.info
    assert info.name == "crf"
    assert info.trained == NOW
    assert info.labels == ("ACTOR", "EVENT", "LOCATION")
    assert info.documents == 40
    assert info.tokens == sum(len(d.tokens) // 2 for d in corpus(40))
    assert info.held_out_documents == 8
    assert set(info.held_out) <= {"ACTOR", "EVENT", "LOCATION"}
    assert info.held_out_total.support == sum(
        len(d.spans) for i, d in enumerate(corpus(40)) if i % 5 == 4)
    assert 0 < info.held_out_total.f1 <= 1


def test_the_model_round_trips_through_bytes(trained: CrfModel) -> None:
    blob = trained.to_bytes()
    again = load_model(blob)
    assert isinstance(again, CrfModel)
    assert again.info == trained.info
    assert again.to_bytes() == blob
    for doc in corpus(5, seed=3):
        assert again.suggest(doc, ()) == trained.suggest(doc, ())


def test_same_data_same_model() -> None:
    docs = corpus(15)
    one = train_model("crf", docs, now=NOW, settings=QUICK)
    two = train_model("crf", docs, now=NOW, settings=QUICK)
    assert one.to_bytes() == two.to_bytes()
    other = train_model("crf", docs[1:], now=NOW, settings=QUICK)
    assert other.to_bytes() != one.to_bytes()


def test_spans_off_token_boundaries_are_learnt_on_the_tokens_they_touch() -> None:
    docs = corpus(15)
    for doc in docs:  # every label cut short by a letter: widened back to its tokens
        doc.spans = [s.with_(end=s.end - 1) if s.end - s.start > 2 else s for s in doc.spans]
    model = train_crf(docs, settings=QUICK, now=NOW)
    doc = corpus(3, seed=5)[2]
    for span in model.suggest(doc, ()):
        assert span.start in doc.tokens[0::2] and span.end in doc.tokens[1::2]


def test_training_reports_progress_and_stops_when_cancelled() -> None:
    heard: list[tuple[int, int | None, str]] = []
    train_crf(corpus(10), settings=CrfSettings(max_iterations=5, held_out_every=0),
              progress=lambda done, total_, what: heard.append((done, total_, what)))
    assert any(total_ == 5 and done >= 1 for done, total_, _ in heard)  # iterations
    assert any("features" in what for _, _, what in heard)

    calls = 0

    def check() -> None:
        nonlocal calls
        calls += 1
        if calls > 30:
            raise Cancelled("cancelled; nothing was written")

    with pytest.raises(Cancelled):
        train_crf(corpus(10), settings=CrfSettings(max_iterations=200, held_out_every=0),
                  check=check)
    assert calls == 31


def test_nothing_to_learn_from_is_refused() -> None:
    docs = corpus(3)
    for doc in docs:
        doc.spans = []
    with pytest.raises(TrainingError, match="no labels"):
        train_crf(docs, settings=QUICK)
    with pytest.raises(TrainingError):
        train_crf([], settings=QUICK)
    with pytest.raises(ValueError, match="no built-in model"):
        train_model("bert", docs)


def test_damaged_payload_is_refused(trained: CrfModel) -> None:
    blob = trained.to_bytes()
    with pytest.raises(ModelError):
        load_model(blob[:-len(trained.crf) // 2])
