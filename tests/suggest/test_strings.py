"""The string matcher: what was labelled is found again, in every spelling, on whole tokens."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Review, Span, model_origin
from annotator.suggest.info import ModelError
from annotator.suggest.models import load_model
from annotator.suggest.strings import StringMatcher, StringsModel, train_strings
from tests.suggest.persian import Z, corpus, document

LEARNT = document(
    "به گزارش خبرگزاری مهر، وزیر امور خارجه ایران امروز به ژنو رفت و رئیس‌جمهور گفت‌وگو کرد.",
    [("خبرگزاری مهر", "ACTOR"), ("ایران", "LOCATION"), ("ژنو", "LOCATION"),
     ("گفت‌وگو", "EVENT")])
NOW = dt.datetime(2025, 11, 17, 10, 49, tzinfo=dt.UTC)


def found(matcher: StringMatcher, text: str) -> list[tuple[str, str]]:
    doc = document(text)
    return [(text[s.start:s.end], s.label) for s in matcher.suggest(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("او در ايران است.", "ايران"),  # Arabic yeh
        ("او در ایـــران است.", "ایـــران"),  # kashida
        ("او در اِیران است.", "اِیران"),  # a diacritic
        ("او در \u200fایران\u200f است.", "ایران"),  # bidi marks around it (not in its token)
        ("خبر از خبرگزاری‌مهر رسید.", "خبرگزاری‌مهر"),  # ZWNJ between the parts
        ("خبر از خبرگزاریمهر رسید.", "خبرگزاریمهر"),  # nothing between them
        ("خبر از خبرگزاری  مهر رسید.", "خبرگزاری  مهر"),  # two spaces
        ("خبر از خبرگزاري مهر رسید.", "خبرگزاري مهر"),  # and an Arabic yeh
        ("آنها گفت وگو کردند.", "گفت وگو"),  # a space for the ZWNJ
        ("آنها گفتوگو کردند.", "گفتوگو"),  # nothing for it
    ],
)
def test_every_spelling_is_found(text: str, expected: str) -> None:
    matcher = StringMatcher.learn([LEARNT])
    assert expected in [words for words, _ in found(matcher, text)]


def test_arabic_kaf_in_a_learnt_text() -> None:
    matcher = StringMatcher.learn([document("سفر به كرمان.", [("كرمان", "LOCATION")])])
    assert found(matcher, "او از کرمان آمد.") == [("کرمان", "LOCATION")]


def test_only_whole_tokens() -> None:
    matcher = StringMatcher.learn([LEARNT])
    # ایرانی, ایران‌خودرو, ژنوم and مهرداد hold a learnt text but are other words
    assert found(matcher, f"ایرانی و ایران{Z}خودرو و ژنوم و خبرگزاری مهرداد.") == []


def test_longest_match_first_and_no_overlaps() -> None:
    learnt = document("خبرگزاری مهر گزارش داد. مهر ماه آمد. خبرگزاری بزرگ است.",
                      [("خبرگزاری مهر", "ACTOR"), ("مهر", "EVENT"), ("خبرگزاری", "ACTOR")])
    matcher = StringMatcher.learn([learnt])
    text = "خبرگزاری مهر و مهر و خبرگزاری"
    assert found(matcher, text) == [("خبرگزاری مهر", "ACTOR"), ("مهر", "EVENT"),
                                    ("خبرگزاری", "ACTOR")]


def test_never_over_a_label_nor_where_rejected() -> None:
    matcher = StringMatcher.learn([LEARNT])
    doc = document("ایران و ژنو و ایران و ژنو.", [("ایران", "ACTOR")])
    first_geneva = doc.text.index("ژنو")
    doc.spans.append(Span(first_geneva, first_geneva + 3, "LOCATION", model_origin("strings"),
                          0.9, Review.REJECTED))
    second = doc.text.index("ایران", 1)
    # a pending suggestion of another model does not count as a label
    doc.spans.append(Span(second, second + 5, "EVENT", model_origin("other"), 0.5,
                          Review.PENDING))
    suggested = matcher.suggest(doc)
    assert [(s.start, doc.text[s.start:s.end]) for s in suggested] == [
        (second, "ایران"), (doc.text.index("ژنو", second), "ژنو")]
    assert all(s.origin == "model:strings" and s.review == Review.PENDING for s in suggested)
    # a label that covers part of a token keeps a suggestion off the whole token
    doc.spans.append(Span(second + 1, second + 3, "ACTOR"))
    assert second not in [s.start for s in matcher.suggest(doc)]


def test_score_is_how_often_the_text_was_given_the_label() -> None:
    docs = [document("مهر رسید.", [("مهر", "ACTOR")]),
            document("مهر رسید.", [("مهر", "ACTOR")]),
            document("مهر رسید.", [("مهر", "ACTOR")]),
            document("مهر آمد.", [("مهر", "EVENT")])]
    matcher = StringMatcher.learn(docs)
    [span] = matcher.suggest(document("و مهر"))
    assert (span.label, span.score) == ("ACTOR", 3 / 4)
    # where it stood unlabelled in the documents learnt from counts against it
    matcher = StringMatcher.learn([*docs, document("مهر و مهر آمد.")])
    assert matcher.suggest(document("و مهر"))[0].score == pytest.approx(3 / 6)


def test_gazetteer_entries_score_half_until_the_project_says_more() -> None:
    matcher = StringMatcher.learn([], [("تهران", "LOCATION"), ("سازمان ملل", "ACTOR")])
    assert [(s.label, s.score) for s in matcher.suggest(document("تهران و سازمان ملل"))] == [
        ("LOCATION", 0.5), ("ACTOR", 0.5)]
    matcher = StringMatcher.learn([document("تهران زیباست.", [("تهران", "LOCATION")])],
                                  [("تهران", "LOCATION")])
    assert matcher.suggest(document("در تهران"))[0].score == pytest.approx(2 / 3)


def test_scores_are_in_zero_one_and_on_whole_tokens() -> None:
    docs = corpus(30)
    matcher = StringMatcher.learn(docs[:20])
    for doc in docs[20:]:
        bounds = set(doc.tokens)
        for span in matcher.suggest(doc, ()):
            assert 0 < span.score <= 1
            assert span.start in doc.tokens[0::2] and span.end in doc.tokens[1::2]
            assert span.start in bounds and span.end in bounds


def test_a_ligature_in_the_text_is_read_through() -> None:
    matcher = StringMatcher.learn([document("سفر به بالا.", [("بالا", "LOCATION")])])
    # ﻻ is lam-alef as one character: the text cannot be folded in place
    assert found(matcher, "سفر به باﻻ.") == [("باﻻ", "LOCATION")]


# -- the fast way and the plain way agree ------------------------------------------------------

WORDS = ("ایران", "ايران", "ایـران", "خبرگزاری", "مهر", f"خبرگزاری{Z}مهر", "خبرگزاريمهر",
         "ژنو", "ژنوم", "رفت", "و", "،", ".", "مُهر", "تهران", "Reuters", "REUTERS", "۱۴۰۴")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25),
       st.lists(st.tuples(st.sampled_from(WORDS[:-4]), st.sampled_from(["A", "L"])),
                min_size=1, max_size=6),
       st.sampled_from([" ", "  ", f" {Z}", "\n"]))
def test_folding_in_place_finds_what_folding_token_by_token_finds(
        words: list[str], entries: list[tuple[str, str]], gap: str) -> None:
    matcher = StringMatcher.learn([], entries)
    doc = document(gap.join(words))
    tokens = doc.tokens
    fast = matcher._on_tokens(tokens, _in_place(doc.text))
    plain = matcher._on_pieces(tokens, doc.text)
    assert sorted(fast) == sorted(plain)


def _in_place(text: str) -> str:
    from annotator.text.fold import fold_in_place

    folded = fold_in_place(text)
    assert folded is not None
    return folded


# -- kept as bytes ------------------------------------------------------------------------------


def test_the_model_round_trips_through_bytes() -> None:
    docs = corpus(25)
    model = train_strings(docs[:20], [("کرمان", "LOCATION")], now=NOW)
    blob = model.to_bytes()
    again = load_model(blob)
    assert isinstance(again, StringsModel)
    assert again.info == model.info
    assert again.to_bytes() == blob
    for doc in docs[20:]:
        assert again.suggest(doc, ()) == model.suggest(doc, ())
    assert model.info.held_out_documents == 4
    assert model.info.documents == 20
    assert set(model.info.labels) == {"ACTOR", "EVENT", "LOCATION"}
    assert 0 < model.info.held_out_total.f1 <= 1


def test_same_documents_same_bytes() -> None:
    docs = corpus(12)
    assert train_strings(docs, now=NOW).to_bytes() == train_strings(docs, now=NOW).to_bytes()
    assert train_strings(docs, now=NOW).to_bytes() != train_strings(docs[1:], now=NOW).to_bytes()


@pytest.mark.parametrize("blob", [b"", b"not a model", b"annotator model\n\x05\x00\x00\x00junk"])
def test_damaged_bytes_are_refused(blob: bytes) -> None:
    with pytest.raises(ModelError):
        load_model(blob)
