"""Scoring a model on labelled documents: exact spans per label, and the held-out part."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.model import Document, Review, Span
from annotator.core.scores import Counts
from annotator.suggest.evaluation import evaluate, held_out


class Fixed:
    """A model that suggests the same spans for every document, and says what it was shown."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self.shown: list[Sequence[Span] | None] = []

    def suggest(self, document: Document, spans: Sequence[Span] | None = None,
                min_score: float = 0.0) -> list[Span]:
        self.shown.append(spans)
        return list(self.spans)


def test_suggestions_against_labels_on_exact_spans() -> None:
    labels = [Span(0, 5, "ACTOR"), Span(6, 10, "LOCATION"),
              Span(11, 15, "EVENT", "model:x", 0.9, Review.ACCEPTED),
              Span(16, 20, "EVENT", "model:x", 0.9, Review.REJECTED)]  # not a label
    docs = [Document("x" * 30, spans=labels), Document("y" * 30, spans=labels[:1])]
    model = Fixed([Span(0, 5, "ACTOR"), Span(6, 9, "LOCATION"), Span(11, 15, "ACTOR")])
    counts = evaluate(model, docs)
    assert counts == {"ACTOR": Counts(tp=2, fp=2, fn=0), "LOCATION": Counts(tp=0, fp=2, fn=1),
                      "EVENT": Counts(tp=0, fp=0, fn=1)}
    assert model.shown == [(), ()]  # tagged as if unlabelled


def test_every_fifth_document_is_held_out() -> None:
    assert held_out(list(range(12)), 5) == ([0, 1, 2, 3, 5, 6, 7, 8, 10, 11], [4, 9])
    assert held_out(list(range(4)), 5) == ([0, 1, 2, 3], [])
    assert held_out(list(range(12)), 0) == (list(range(12)), [])
