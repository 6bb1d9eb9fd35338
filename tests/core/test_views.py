"""What an analyst sees of a document's spans (core.analysts.view_of): their own labels and
decisions, the shared suggestions they have not decided, never another analyst's labels, and
never a built-in model's suggestion over one of their own labels."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.analysts import view_of
from annotator.core.model import Review, Span, model_origin

TEXT = "عباس عراقچی در تهران با وزیر خارجه چین دیدار کرد."


def at(words: str, label: str, **kw: object) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words), label, **kw)  # type: ignore[arg-type]


def suggested(words: str, label: str, model: str = "crf", n: int = 0) -> Span:
    return at(words, label, origin=model_origin(model), score=0.9, review=Review.PENDING,
              id=100 + n)


def test_an_analyst_sees_their_own_and_the_shared_suggestions_beside_them() -> None:
    spans = [at("تهران", "LOCATION", annotator="maryam", id=1),
             at("عباس عراقچی", "ACTOR", annotator="reza", id=2),
             suggested("تهران", "LOCATION", n=1),  # over Maryam's label
             suggested("در تهران", "LOCATION", "strings", n=2),  # overlaps it
             suggested("عباس عراقچی", "ACTOR", n=3),  # over Reza's
             suggested("تهران", "ACTOR", "parsbert", n=4),  # imported: may lie over labels
             suggested("چین", "LOCATION", n=5)]

    def seen(analyst: str) -> list[int | None]:
        return [s.id for s in view_of(spans, analyst)]

    assert seen("maryam") == [103, 1, 104, 105]
    assert seen("reza") == [2, 102, 101, 104, 105]
    assert seen("sara") == [103, 102, 101, 104, 105]


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6), st.booleans()), max_size=12))
def test_no_built_in_suggestion_is_seen_over_a_label(drawn: list[tuple[int, int, bool]]
                                                       ) -> None:
    # Labels that do not overlap one another, and suggestions anywhere.
    spans, taken, n = [], [False] * 50, 0
    for start, length, is_label in drawn:
        end = start + length
        n += 1
        if is_label:
            if any(taken[start:end]):
                continue
            taken[start:end] = [True] * length
            spans.append(Span(start, end, "ACTOR", annotator="maryam", id=n))
        else:
            spans.append(Span(start, end, "ACTOR", origin="model:crf", score=0.5,
                              review=Review.PENDING, id=n))
    seen = view_of(spans, "maryam")
    labels = [s for s in seen if s.is_label]
    for s in seen:
        if not s.is_label:
            assert not any(s.overlaps(lab.start, lab.end) for lab in labels)
    # and every suggestion that overlaps none is there
    kept = {s.id for s in seen}
    for s in spans:
        if not s.is_label and not any(s.overlaps(lab.start, lab.end) for lab in labels):
            assert s.id in kept
