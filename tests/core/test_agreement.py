"""Agreement of two and three analysts on hand-labelled Persian documents: every figure is
checked against a fraction worked out by hand (in the comments) and against a plain
computation from the hand-written tags (a confusion matrix and Fleiss' formula, as textbooks
write them)."""

from __future__ import annotations

import io
import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import (
    DocumentLabels,
    Triple,
    agreement,
    as_triples,
    overlap_matches,
)
from annotator.core.model import Document, Review, Span
from annotator.core.scores import Counts
from annotator.formats.conll_writer import write_document
from tests.core.agreement_corpus import (
    BEIJING,
    LABELS,
    MOSCOW,
    RALLY,
    TAGS,
    TEXTS,
    VISITS,
    documents,
    visits,
)


def naive_cohen(first: list[str], second: list[str]) -> float:
    """Cohen's kappa as the textbook writes it: a table of both analysts' categories."""
    n = len(first)
    categories = sorted(set(first) | set(second))
    table = {(a, b): 0 for a in categories for b in categories}
    for a, b in zip(first, second, strict=True):
        table[a, b] += 1
    p_o = sum(table[c, c] for c in categories) / n
    rows = {c: sum(table[c, b] for b in categories) for c in categories}
    columns = {c: sum(table[a, c] for a in categories) for c in categories}
    p_e = sum((rows[c] / n) * (columns[c] / n) for c in categories)
    return 1.0 if p_e == 1 else (p_o - p_e) / (1 - p_e)


def naive_fleiss(rows: list[list[str]]) -> float:
    """Fleiss' kappa from its formula: rows are items, each the analysts' categories."""
    n_items, m = len(rows), len(rows[0])
    categories = sorted({c for row in rows for c in row})
    n_ij = [[row.count(c) for c in categories] for row in rows]
    p_i = [(sum(x * x for x in counts) - m) / (m * (m - 1)) for counts in n_ij]
    p_bar = sum(p_i) / n_items
    p_j = [sum(counts[j] for counts in n_ij) / (n_items * m) for j in range(len(categories))]
    p_e = sum(p * p for p in p_j)
    return (p_bar - p_e) / (1 - p_e)


def tags_of(analyst: str, keys: list[str], label: str | None = None) -> list[str]:
    """The hand-written tags of ``analyst`` over ``keys``; with ``label``, others read as O."""
    out = [t for key in keys for t in TAGS[analyst][key]]
    return out if label is None else [t if t.endswith(f"-{label}") else "O" for t in out]


def test_the_corpus_tokens_are_the_words_and_the_hand_tags_are_what_conll_writes() -> None:
    assert _words("geneva") == [
        "عباس", "عراقچی", "در", "ژنو", "با", "رافائل", "گروسی", "دیدار", "کرد", "."]
    assert _words("strike") == ["اعتراض", "کارگران", "در", "تهران", "ادامه", "یافت", "."]
    assert _words("weather") == ["هوا", "امروز", "آفتابی", "است", "."]
    for analyst, labels in LABELS.items():
        for key, spans in labels.items():
            text, tokens = TEXTS[key]
            out = io.StringIO()
            write_document(Document(text, tokens=tokens, sentences=[0],
                                    spans=[Span(s, e, label) for s, e, label in spans]), out)
            written = [line.split("\t")[1] for line in out.getvalue().splitlines()[2:] if line]
            assert written == TAGS[analyst][key], (analyst, key)


def _words(key: str) -> list[str]:
    text, tokens = TEXTS[key]
    return [text[a:b] for a, b in zip(tokens[0::2], tokens[1::2], strict=True)]


# Two analysts, Maryam and Reza, on the three documents (10 + 7 + 5 = 22 tokens).
#
# Token tags (Maryam / Reza) that differ: geneva «رافائل» B-ACTOR / O, «گروسی» I-ACTOR /
# B-ACTOR, «کرد» O / I-EVENT; strike «کارگران» B-ACTOR / I-EVENT. The other 18 agree:
#   p_o = 18/22.
# Tags given, Maryam: B-ACTOR 3, I-ACTOR 2, B-LOCATION 2, B-EVENT 2, O 13;
#               Reza: B-ACTOR 2, I-ACTOR 1, B-LOCATION 2, B-EVENT 2, I-EVENT 2, O 13.
#   p_e = (3*2 + 2*1 + 2*2 + 2*2 + 0*2 + 13*13) / 22^2 = 185/484
#   kappa = (396/484 - 185/484) / (1 - 185/484) = 211/299
# Spans: Maryam 7, Reza 6; the same exactly: «عباس عراقچی» ACTOR, «ژنو» LOCATION (tp 2, fn 5,
# fp 4): span F1 = 2*2 / (2*2 + 5 + 4) = 4/13.
# Overlapping with the same label, one to one: also «رافائل گروسی»~«گروسی», «دیدار»~«دیدار
# کرد», «اعتراض»~«اعتراض کارگران», «تهران»~«تهران » (tp 6, fn 1, fp 0): overlap F1 = 12/13.
# Per label:
#   ACTOR: tokens (B,B) (I,I) (B,O) (I,B) (B,O) and 17 (O,O): p_o = 19/22;
#          Maryam B 3 I 2 O 17, Reza B 2 I 1 O 19: p_e = (6 + 2 + 323)/484 = 331/484;
#          kappa = (418 - 331) / (484 - 331) = 87/153.
#          spans 3 and 2, exact tp 1: F1 = 2/5; overlap tp 2: F1 = 4/5.
#   EVENT: (B,B) (B,B) (O,I) (O,I) and 18 (O,O): p_o = 20/22; Maryam B 2 O 20, Reza B 2 I 2
#          O 18: p_e = (4 + 360)/484 = 364/484; kappa = (440 - 364) / (484 - 364) = 76/120.
#          spans 2 and 2, exact tp 0: F1 = 0; overlap tp 2: F1 = 1.
#   LOCATION: the same tags: kappa 1; spans 2 and 2, exact tp 1: F1 = 1/2; overlap tp 2: 1.
def test_two_analysts_by_hand() -> None:
    result = agreement(documents("maryam", "reza"))
    assert result.analysts == ("maryam", "reza")
    assert result.labels == ("ACTOR", "EVENT", "LOCATION")
    assert result.fleiss is None
    (pair,) = result.pairs
    assert (pair.analysts, pair.documents, pair.tokens, pair.spans) == (
        ("maryam", "reza"), 3, 22, (7, 6))
    assert pair.combined.kappa == pytest.approx(211 / 299)
    assert pair.combined.exact == Counts(tp=2, fp=4, fn=5)
    assert pair.combined.span_f1 == pytest.approx(4 / 13)
    assert pair.combined.overlap == Counts(tp=6, fp=0, fn=1)
    assert pair.combined.overlap_f1 == pytest.approx(12 / 13)
    by = pair.by_label
    assert by["ACTOR"].kappa == pytest.approx(87 / 153)
    assert (by["ACTOR"].span_f1, by["ACTOR"].overlap_f1) == pytest.approx((2 / 5, 4 / 5))
    assert by["EVENT"].kappa == pytest.approx(76 / 120)
    assert (by["EVENT"].span_f1, by["EVENT"].overlap_f1) == pytest.approx((0.0, 1.0))
    assert by["LOCATION"].kappa == pytest.approx(1.0)
    assert (by["LOCATION"].span_f1, by["LOCATION"].overlap_f1) == pytest.approx((0.5, 1.0))
    # Two analysts: overall is their pair.
    assert result.overall.combined == pair.combined
    assert (result.overall.documents, result.overall.tokens) == (3, 22)


def test_two_analysts_against_a_plain_confusion_matrix() -> None:
    result = agreement(documents("maryam", "reza"))
    keys = ["geneva", "strike", "weather"]
    assert result.pairs[0].combined.kappa == pytest.approx(
        naive_cohen(tags_of("maryam", keys), tags_of("reza", keys)))
    for label in ("ACTOR", "EVENT", "LOCATION"):
        assert result.pairs[0].by_label[label].kappa == pytest.approx(
            naive_cohen(tags_of("maryam", keys, label), tags_of("reza", keys, label)))


# Documents ranked by disagreement (two analysts): geneva 3 of 10 tokens differ (0.3), strike
# 1 of 7 (1/7), weather none.
def test_documents_ranked_by_disagreement() -> None:
    ranked = agreement(documents("maryam", "reza")).documents
    assert [(d.key, d.tokens, d.disagreeing) for d in ranked] == [
        ("geneva", 10, 3), ("strike", 7, 1), ("weather", 5, 0)]
    assert [d.disagreement for d in ranked] == pytest.approx([0.3, 1 / 7, 0.0])


# Three analysts: Sara labelled geneva as Maryam did, and weather (nothing); not strike.
# maryam-reza: as above (3 documents, 22 tokens).
# maryam-sara: geneva and weather, identical: kappa 1, F1 1 (15 tokens).
# reza-sara over geneva + weather (15 tokens): tags differ on «رافائل» (O / B-ACTOR), «گروسی»
#   (B-ACTOR / I-ACTOR), «کرد» (I-EVENT / O): p_o = 12/15.
#   Reza: B-ACTOR 2, I-ACTOR 1, B-LOCATION 1, B-EVENT 1, I-EVENT 1, O 9; Sara: B-ACTOR 2,
#   I-ACTOR 2, B-LOCATION 1, B-EVENT 1, O 9: p_e = (4 + 2 + 1 + 1 + 81)/225 = 89/225;
#   kappa = (180 - 89)/(225 - 89) = 91/136. Spans 4 and 4, exact tp 2: F1 = 1/2; overlap 1.
# Overall: kappa = mean(211/299, 1, 91/136) (Light's); span F1 over the pairs' counts:
#   tp 2 + 4 + 2 = 8, fp + fn = 9 + 0 + 4 = 13: 16/29; overlap: tp 6 + 4 + 4 = 14, 1 left: 28/29.
# Fleiss over the documents all three labelled (geneva, weather: 15 tokens): 12 tokens on
#   which all agree (P_i = 1), 3 on which two of three do (P_i = (4 + 1 - 3)/6 = 1/3):
#   P = (12 + 1)/15 = 13/15. Tags given: B-ACTOR 6, I-ACTOR 5, B-LOCATION 3, B-EVENT 3,
#   I-EVENT 1, O 27 (of 45): P_e = (36 + 25 + 9 + 9 + 1 + 729)/2025 = 809/2025;
#   kappa = (1755 - 809)/(2025 - 809) = 946/1216.
def test_three_analysts_by_hand() -> None:
    result = agreement(documents("maryam", "reza", "sara"))
    assert [p.analysts for p in result.pairs] == [
        ("maryam", "reza"), ("maryam", "sara"), ("reza", "sara")]
    mr, ms, rs = result.pairs
    assert (mr.documents, mr.tokens, mr.combined.kappa) == (3, 22, pytest.approx(211 / 299))
    assert (ms.documents, ms.tokens, ms.combined.kappa) == (2, 15, pytest.approx(1.0))
    assert (ms.combined.span_f1, ms.combined.overlap_f1) == (1.0, 1.0)
    assert (rs.documents, rs.tokens, rs.combined.kappa) == (2, 15, pytest.approx(91 / 136))
    assert (rs.combined.span_f1, rs.combined.overlap_f1) == pytest.approx((0.5, 1.0))
    overall = result.overall
    assert (overall.documents, overall.tokens) == (3, 22)
    assert overall.combined.kappa == pytest.approx((211 / 299 + 1 + 91 / 136) / 3)
    assert overall.combined.span_f1 == pytest.approx(16 / 29)
    assert overall.combined.overlap_f1 == pytest.approx(28 / 29)
    assert overall.by_label["LOCATION"].kappa == pytest.approx(1.0)
    fleiss = result.fleiss
    assert fleiss is not None
    assert (fleiss.analysts, fleiss.documents, fleiss.tokens) == (
        ("maryam", "reza", "sara"), 2, 15)
    assert fleiss.kappa == pytest.approx(946 / 1216)
    # geneva: pairs differ on 3 + 0 + 3 of 30 (token, pair): 0.2; strike (two of them): 1/7.
    assert [(d.key, d.analysts, d.disagreeing) for d in result.documents] == [
        ("geneva", ("maryam", "reza", "sara"), 3), ("strike", ("maryam", "reza"), 1),
        ("weather", ("maryam", "reza", "sara"), 0)]
    assert [d.disagreement for d in result.documents] == pytest.approx([0.2, 1 / 7, 0.0])


def test_three_analysts_against_plain_formulas() -> None:
    result = agreement(documents("maryam", "reza", "sara"))
    both = ["geneva", "weather"]
    assert result.pair("sara", "reza").combined.kappa == pytest.approx(
        naive_cohen(tags_of("reza", both), tags_of("sara", both)))
    for label in (None, "ACTOR", "EVENT", "LOCATION"):
        rows = [list(r) for r in zip(*(tags_of(a, both, label)
                                       for a in ("maryam", "reza", "sara")), strict=True)]
        fleiss = result.fleiss
        assert fleiss is not None
        got = fleiss.kappa if label is None else fleiss.by_label[label]
        assert got == pytest.approx(naive_fleiss(rows)), label
    assert Fraction(946, 1216) == Fraction(473, 608)  # the hand figure, reduced


def test_json_shape() -> None:
    out = agreement(documents("maryam", "reza", "sara")).to_json(documents=2)
    assert set(out) == {"analysts", "labels", "pairs", "overall", "fleiss_kappa", "documents"}
    pair = out["pairs"][0]
    assert pair == {
        "analysts": ["maryam", "reza"], "documents": 3, "tokens": 22, "spans": [7, 6],
        "kappa": round(211 / 299, 4), "span_f1": round(4 / 13, 4),
        "overlap_f1": round(12 / 13, 4),
        "by_label": {
            "ACTOR": {"spans": [3, 2], "kappa": round(87 / 153, 4), "span_f1": 0.4,
                      "overlap_f1": 0.8},
            "EVENT": {"spans": [2, 2], "kappa": round(76 / 120, 4), "span_f1": 0.0,
                      "overlap_f1": 1.0},
            "LOCATION": {"spans": [2, 2], "kappa": 1.0, "span_f1": 0.5, "overlap_f1": 1.0}},
        # no events in these documents: agreement that there are none
        "events": {"made": [0, 0], "f1": 1.0, "tp": 0, "fp": 0, "fn": 0, "by_type": {}}}
    assert out["fleiss_kappa"]["kappa"] == round(946 / 1216, 4)
    assert out["fleiss_kappa"]["by_label"]["LOCATION"] == {"kappa": 1.0}
    assert [d["key"] for d in out["documents"]] == ["geneva", "strike"]
    assert out["overall"]["span_f1"] == round(16 / 29, 4)
    assert out["overall"]["events"] == {"f1": 1.0, "tp": 0, "fp": 0, "fn": 0, "by_type": {}}


# Events on VISITS (three analysts, ten labels alike; events compared whole):
# maryam-reza: «دیدار» and «تجمع» alike (tp 2); «گفتگو» without its location in Reza's (fn 1,
#   fp 1): F1 = 2*2 / (2*2 + 1 + 1) = 2/3. CONSULT: tp 1, fn 1, fp 1: 1/2; PROTEST: tp 1: 1.
# maryam-sara: «تجمع» alike (tp 1); Maryam's «دیدار» (CONSULT) and «گفتگو» only hers (fn 2);
#   Sara's «دیدار» is AGREE (fp 1): F1 = 2 / (2 + 3) = 2/5. CONSULT: fn 2: 0; AGREE: fp 1: 0;
#   PROTEST: 1.
# reza-sara: the same as maryam-sara (Reza's «گفتگو» is only his too): 2/5.
# Overall: tp 2 + 1 + 1 = 4, fp 1 + 1 + 1 = 3, fn 1 + 2 + 2 = 5: F1 = 8 / 16 = 1/2.
#   CONSULT: tp 1, fp 1, fn 5: 2/8 = 1/4; AGREE: fp 2: 0; PROTEST: tp 3: 1.
def test_events_by_hand() -> None:
    result = agreement([visits("maryam", "reza", "sara")])
    mr, ms, rs = result.pairs
    assert (mr.events.counts, mr.events.made, mr.events.f1) == (
        Counts(tp=2, fp=1, fn=1), (3, 3), pytest.approx(2 / 3))
    assert mr.events.by_type == {"CONSULT": Counts(tp=1, fp=1, fn=1),
                                 "PROTEST": Counts(tp=1)}
    assert (ms.events.counts, ms.events.made, ms.events.f1) == (
        Counts(tp=1, fp=1, fn=2), (3, 2), pytest.approx(2 / 5))
    assert ms.events.by_type == {"AGREE": Counts(fp=1), "CONSULT": Counts(fn=2),
                                 "PROTEST": Counts(tp=1)}
    assert (rs.events.counts, rs.events.f1) == (Counts(tp=1, fp=1, fn=2), pytest.approx(2 / 5))
    overall = result.overall.events
    assert (overall.counts, overall.f1) == (Counts(tp=4, fp=3, fn=5), pytest.approx(1 / 2))
    assert overall.by_type == {"AGREE": Counts(fp=2), "CONSULT": Counts(tp=1, fp=1, fn=5),
                               "PROTEST": Counts(tp=3)}
    # The spans are the same ten for all: the events alone differ.
    assert (mr.combined.kappa, mr.combined.span_f1) == (1.0, 1.0)
    out = result.to_json()
    assert out["pairs"][1]["events"] == {
        "made": [3, 2], "f1": 0.4, "tp": 1, "fp": 1, "fn": 2,
        "by_type": {"AGREE": {"made": [0, 1], "f1": 0.0, "tp": 0, "fp": 1, "fn": 0},
                    "CONSULT": {"made": [2, 0], "f1": 0.0, "tp": 0, "fp": 0, "fn": 2},
                    "PROTEST": {"made": [1, 1], "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}}}
    assert out["overall"]["events"]["f1"] == 0.5
    assert "made" not in out["overall"]["events"]


def test_an_event_matches_only_when_trigger_type_and_every_argument_do() -> None:
    # Two analysts, one event each on «دیدار»: alike, then differing in one thing at a time.
    def pair_with(other: tuple[int, int, str, tuple[tuple[str, int, int], ...]]) -> Counts:
        doc = visits("maryam", "reza")
        doc = DocumentLabels(doc.key, doc.tokens, doc.labels,
                             {"maryam": [MOSCOW], "reza": [other]})
        return agreement([doc]).pairs[0].events.counts

    start, end, kind, arguments = MOSCOW
    assert pair_with(MOSCOW) == Counts(tp=1)
    moved = VISITS.index("دیدار کرد")
    assert pair_with((moved, moved + len("دیدار کرد"), kind, arguments)) == Counts(fp=1, fn=1)
    assert pair_with((start, end, "AGREE", arguments)) == Counts(fp=1, fn=1)
    assert pair_with((start, end, kind, arguments[:2])) == Counts(fp=1, fn=1)
    swapped_roles = tuple(("recipient" if r == "actor" else "actor" if r == "recipient" else r,
                           s, e) for r, s, e in arguments)
    assert pair_with((start, end, kind, tuple(sorted(swapped_roles)))) == Counts(fp=1, fn=1)
    # Symmetric: the other way round, fp and fn trade places and F1 stays.
    doc = visits("maryam", "reza")
    there = agreement([doc]).pairs[0].events
    back = agreement([DocumentLabels(doc.key, doc.tokens, doc.labels,
                                     {"maryam": doc.events["reza"],
                                      "reza": doc.events["maryam"]})]).pairs[0].events
    assert (back.counts.fp, back.counts.fn) == (there.counts.fn, there.counts.fp)
    assert back.f1 == there.f1


def test_events_of_analysts_who_made_none() -> None:
    # Both labelled VISITS and made no event: they agree (F1 1). One made three, the other
    # none: F1 0. A pair that shares no document: no figure.
    doc = visits("maryam", "reza")
    none = DocumentLabels(doc.key, doc.tokens, doc.labels)
    (pair,) = agreement([none]).pairs
    assert (pair.events.counts, pair.events.f1, pair.events.made) == (Counts(), 1.0, (0, 0))
    one_sided = DocumentLabels(doc.key, doc.tokens, doc.labels,
                               {"maryam": [MOSCOW, BEIJING, RALLY]})
    (pair,) = agreement([one_sided]).pairs
    assert (pair.events.counts, pair.events.f1) == (Counts(fn=3), 0.0)
    apart = [DocumentLabels("a", doc.tokens, {"maryam": [], "reza": []}),
             DocumentLabels("b", doc.tokens, {"sara": [], "omid": []})]
    lonely = agreement(apart).pair("maryam", "sara")
    assert lonely.to_json()["events"] == {"made": [0, 0], "f1": None, "tp": 0, "fp": 0,
                                          "fn": 0, "by_type": {}}


def test_the_labels_filter_leaves_events_whole() -> None:
    result = agreement([visits("maryam", "reza")], labels=["ACTOR"])
    assert result.pairs[0].events.counts == Counts(tp=2, fp=1, fn=1)


def test_nothing_labelled_by_either_is_complete_agreement() -> None:
    # weather: every token O for both: p_o = 1 and p_e = 1; kappa taken as 1, F1 as 1.
    result = agreement([d for d in documents("maryam", "reza") if d.key == "weather"])
    (pair,) = result.pairs
    assert (pair.documents, pair.tokens, pair.spans) == (1, 5, (0, 0))
    assert (pair.combined.kappa, pair.combined.span_f1, pair.combined.overlap_f1) == (1, 1, 1)
    assert result.labels == ()
    assert result.to_json()["pairs"][0]["kappa"] == 1.0


def test_one_analyst_labelled_nothing() -> None:
    # strike: Maryam tags 3 of 7 tokens, Reza none. p_o = 4/7; Reza is all O, so
    # p_e = (4/7)(7/7) = 4/7 and kappa = 0. Spans 3 against 0: F1 0.
    _, tokens = TEXTS["strike"]
    doc = DocumentLabels("strike", tokens, {"maryam": LABELS["maryam"]["strike"], "reza": []})
    (pair,) = agreement([doc]).pairs
    assert pair.combined.kappa == pytest.approx(0.0)
    assert pair.spans == (3, 0)
    assert (pair.combined.span_f1, pair.combined.overlap_f1) == (0.0, 0.0)
    assert pair.by_label["LOCATION"].kappa == pytest.approx(0.0)


def test_pairs_that_share_no_document() -> None:
    # Maryam and Reza labelled geneva; Sara and Omid strike. Maryam and Sara share nothing.
    _, g_tokens = TEXTS["geneva"]
    _, s_tokens = TEXTS["strike"]
    docs = [DocumentLabels("geneva", g_tokens, {"maryam": LABELS["maryam"]["geneva"],
                                                "reza": LABELS["reza"]["geneva"]}),
            DocumentLabels("strike", s_tokens, {"sara": LABELS["maryam"]["strike"],
                                                "omid": LABELS["maryam"]["strike"]}),
            DocumentLabels("weather", [0, 3], {"omid": []})]  # one analyst: not compared
    result = agreement(docs)
    assert result.analysts == ("maryam", "omid", "reza", "sara")
    shared = {p.analysts: p for p in result.pairs if p.documents}
    assert set(shared) == {("maryam", "reza"), ("omid", "sara")}
    lonely = result.pair("maryam", "sara")
    assert (lonely.documents, lonely.tokens, lonely.combined.kappa) == (0, 0, None)
    assert lonely.to_json()["span_f1"] is None
    assert lonely.to_json()["by_label"]["ACTOR"] == {
        "spans": [0, 0], "kappa": None, "span_f1": None, "overlap_f1": None}
    # Overall over the two pairs that share a document; Fleiss over documents all four
    # labelled: none.
    assert result.overall.combined.kappa == pytest.approx(
        (shared["maryam", "reza"].combined.kappa + 1.0) / 2)  # type: ignore[operator]
    assert (result.overall.documents, result.overall.tokens) == (2, 17)
    assert result.fleiss is not None
    assert (result.fleiss.documents, result.fleiss.kappa) == (0, None)
    assert [d.key for d in result.documents] == ["geneva", "strike"]


def test_labels_filter_reads_other_labels_as_never_made() -> None:
    # ACTOR only: the tags are the ACTOR view above (kappa 87/153), spans 3 and 2, F1 2/5.
    result = agreement(documents("maryam", "reza"), labels=["ACTOR"])
    (pair,) = result.pairs
    assert result.labels == ("ACTOR",)
    assert pair.combined.kappa == pytest.approx(87 / 153)
    assert pair.spans == (3, 2)
    assert pair.combined.span_f1 == pytest.approx(2 / 5)
    assert list(pair.by_label) == ["ACTOR"]
    # A label nobody used: nothing to disagree on.
    unused = agreement(documents("maryam", "reza"), labels=["ACTOR", "DATE"]).pairs[0]
    assert unused.by_label["DATE"].kappa == 1.0
    assert unused.by_label["DATE"].span_f1 == 1.0
    assert unused.combined.kappa == pytest.approx(87 / 153)


def test_analysts_filter() -> None:
    result = agreement(documents("maryam", "reza", "sara"), analysts=["sara", "maryam"])
    assert result.analysts == ("maryam", "sara")
    assert result.fleiss is None
    (pair,) = result.pairs
    assert (pair.documents, pair.combined.kappa, pair.combined.span_f1) == (2, 1.0, 1.0)
    # strike: only Maryam of the two labelled it.
    assert [d.key for d in result.documents] == ["geneva", "weather"]


# Properties over random documents: tokens of random lengths, each analyst's spans on whole
# tokens (so that the plain tags below are exact), labels from three.
@st.composite
def labelled_documents(draw: st.DrawFn, analysts: int = 2) -> list[DocumentLabels]:
    docs = []
    for n in range(draw(st.integers(1, 4))):
        lengths = draw(st.lists(st.integers(1, 5), min_size=1, max_size=12))
        tokens: list[int] = []
        pos = 0
        for length in lengths:
            tokens += [pos, pos + length]
            pos += length + 1
        labels = {}
        for a in range(analysts):
            cuts = sorted(draw(st.sets(st.integers(0, len(lengths)), max_size=6)))
            spans: list[Triple] = []
            for first, stop in itertools.pairwise(cuts):
                if draw(st.booleans()):
                    label = draw(st.sampled_from(["ACTOR", "EVENT", "LOCATION"]))
                    spans.append((tokens[2 * first], tokens[2 * stop - 1], label))
            labels[f"analyst{a}"] = spans
        docs.append(DocumentLabels(f"doc{n}", tokens, labels))
    return docs


def plain_tags(doc: DocumentLabels, analyst: str) -> list[str]:
    starts, ends = doc.tokens[0::2], doc.tokens[1::2]
    tags = ["O"] * len(starts)
    for start, end, label in doc.labels[analyst]:
        inside = [i for i in range(len(starts)) if start <= starts[i] and ends[i] <= end]
        for k, i in enumerate(inside):
            tags[i] = f"{'I' if k else 'B'}-{label}"
    return tags


def swapped(docs: list[DocumentLabels]) -> list[DocumentLabels]:
    names = {"analyst0": "analyst1", "analyst1": "analyst0"}
    return [DocumentLabels(d.key, d.tokens, {names[a]: s for a, s in d.labels.items()})
            for d in docs]


@settings(max_examples=150, deadline=None)
@given(labelled_documents())
def test_kappa_and_f1_are_symmetric_bounded_and_match_a_plain_count(
        docs: list[DocumentLabels]) -> None:
    (pair,) = agreement(docs).pairs
    (other,) = agreement(swapped(docs)).pairs
    assert other.combined.kappa == pytest.approx(pair.combined.kappa)
    assert other.combined.span_f1 == pytest.approx(pair.combined.span_f1)
    assert other.combined.overlap_f1 == pytest.approx(pair.combined.overlap_f1)
    assert other.spans == pair.spans[::-1]
    for label, figures in pair.by_label.items():
        assert other.by_label[label].kappa == pytest.approx(figures.kappa)
    kappa = pair.combined.kappa
    assert kappa is not None
    assert -1.0 <= kappa <= 1.0 + 1e-9
    assert 0.0 <= pair.combined.span_f1 <= pair.combined.overlap_f1 <= 1.0
    first = [t for d in docs for t in plain_tags(d, "analyst0")]
    second = [t for d in docs for t in plain_tags(d, "analyst1")]
    assert kappa == pytest.approx(naive_cohen(first, second))
    assert pair.tokens == len(first)


@settings(max_examples=100, deadline=None)
@given(labelled_documents(analysts=1))
def test_identical_labels_agree_completely(docs: list[DocumentLabels]) -> None:
    twice = [DocumentLabels(d.key, d.tokens, {"a": d.labels["analyst0"],
                                              "b": list(d.labels["analyst0"])}) for d in docs]
    result = agreement(twice)
    (pair,) = result.pairs
    assert (pair.combined.kappa, pair.combined.span_f1, pair.combined.overlap_f1) == (1, 1, 1)
    assert all(f.kappa == 1.0 and f.span_f1 == 1.0 for f in pair.by_label.values())
    assert all(d.disagreement == 0 for d in result.documents)


@settings(max_examples=100, deadline=None)
@given(labelled_documents(analysts=3))
def test_fleiss_matches_its_formula(docs: list[DocumentLabels]) -> None:
    fleiss = agreement(docs).fleiss
    assert fleiss is not None
    rows = [list(r) for d in docs
            for r in zip(*(plain_tags(d, a) for a in sorted(d.labels)), strict=True)]
    if len({c for row in rows for c in row}) == 1:
        assert fleiss.kappa == 1.0
    else:
        assert fleiss.kappa == pytest.approx(naive_fleiss(rows))


def brute_force_matches(first: list[Triple], second: list[Triple]) -> int:
    """The largest one-to-one matching of overlapping same-label spans, by trying them all."""
    edges = [(i, j) for i, a in enumerate(first) for j, b in enumerate(second)
             if a[2] == b[2] and a[0] < b[1] and b[0] < a[1]]
    for size in range(min(len(first), len(second)), 0, -1):
        for chosen in itertools.combinations(edges, size):
            if len({i for i, _ in chosen}) == size == len({j for _, j in chosen}):
                return size
    return 0


@st.composite
def side(draw: st.DrawFn) -> list[Triple]:
    """Spans that do not overlap one another, as one analyst's labels."""
    cuts = sorted(draw(st.sets(st.integers(0, 30), max_size=8)))
    return [(a, b, draw(st.sampled_from("AB"))) for a, b in itertools.pairwise(cuts)
            if draw(st.booleans())]


@settings(max_examples=300, deadline=None)
@given(side(), side())
def test_overlap_matching_is_maximum(first: list[Triple], second: list[Triple]) -> None:
    found = overlap_matches(first, second)
    assert sum(found.values()) == brute_force_matches(first, second)
    assert found == overlap_matches(second, first)


def test_labels_of_stored_spans_as_triples() -> None:
    spans = [Span(15, 18, "LOCATION", annotator="reza"),
             Span(0, 11, "ACTOR", origin="model:crf", review=Review.ACCEPTED),
             Span(22, 34, "ACTOR", origin="model:crf", review=Review.REJECTED),
             Span(35, 40, "EVENT", origin="model:crf", review=Review.PENDING)]
    assert as_triples(spans) == [(0, 11, "ACTOR"), (15, 18, "LOCATION")]
