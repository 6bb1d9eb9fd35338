"""CoNLL out: BIO and BIOES on the stored tokens, read back by conlleval's rules."""

from __future__ import annotations

import io

import pytest

from annotator.core.model import Document, Span
from annotator.formats.conll_writer import encode, write_conll
from annotator.text.tokenize import tokenize
from tests.formats.conlleval import chunks, sentences

TEXT = "عباس عراقچی در تهران با وزیر خارجه دیدار کرد. نشست بعدی در ژنو برگزار می‌شود.\nپایان خبر"


def doc(*spans: tuple[str, str], text: str = TEXT) -> Document:
    tokens, firsts = tokenize(text)
    out = []
    for word, label in spans:
        at = text.index(word)
        out.append(Span(at, at + len(word), label))
    return Document(text, key="d", tokens=tokens, sentences=firsts, spans=out)


def entities(written: str) -> list[tuple[str, str]]:
    found = []
    for sentence in sentences(written):
        tags = [tag for _, tag in sentence]
        for label, first, last in chunks(tags):
            found.append((label, " ".join(tok for tok, _ in sentence[first:last])))
    return found


@pytest.mark.parametrize("scheme", ["bio", "bioes"])
def test_conlleval_reads_the_same_entities(scheme: str) -> None:
    spans = [("عباس عراقچی", "ACTOR"), ("تهران", "LOCATION"), ("دیدار", "EVENT"),
             ("ژنو", "LOCATION")]
    out = io.StringIO()
    report = write_conll([doc(*spans)], out, scheme)
    assert entities(out.getvalue()) == [(label, word) for word, label in spans]
    assert (report.spans, report.widened, report.merged, report.dropped) == (4, 0, 0, 0)
    assert out.getvalue().startswith("-DOCSTART-\tO\n\n")


def test_bioes_edge_cases() -> None:
    # a one-token span, two adjacent spans of one label, spans at a sentence's start and end
    assert encode(5, [(0, 1, "A"), (1, 3, "A"), (3, 5, "B")], "bioes") == [
        "S-A", "B-A", "E-A", "B-B", "E-B"]
    assert encode(5, [(0, 1, "A"), (1, 3, "A"), (3, 5, "B")], "bio") == [
        "B-A", "B-A", "I-A", "B-B", "I-B"]
    assert chunks(["S-A", "B-A", "E-A", "B-B", "E-B"]) == [("A", 0, 1), ("A", 1, 3),
                                                           ("B", 3, 5)]
    assert chunks(["B-A", "B-A", "I-A", "B-B", "I-B"]) == [("A", 0, 1), ("A", 1, 3),
                                                           ("B", 3, 5)]


def test_adjacent_same_label_and_sentence_edges_in_a_document() -> None:
    text = "تهران مشهد شیراز. اصفهان"
    out = io.StringIO()
    write_conll([doc(("تهران", "LOCATION"), ("مشهد شیراز", "LOCATION"), ("اصفهان", "LOCATION"),
                     text=text)], out, "bioes")
    written = sentences(out.getvalue())
    assert written == [
        [("تهران", "S-LOCATION"), ("مشهد", "B-LOCATION"), ("شیراز", "E-LOCATION"), (".", "O")],
        [("اصفهان", "S-LOCATION")],
    ]


def test_a_span_off_token_boundaries_is_widened_and_counted() -> None:
    d = doc()
    at = TEXT.index("عراقچی")
    d.spans = [Span(at + 2, at + 4, "ACTOR")]  # inside one word
    out = io.StringIO()
    report = write_conll([d], out)
    assert report.widened == 1
    assert entities(out.getvalue()) == [("ACTOR", "عراقچی")]


def test_a_span_across_sentences_keeps_them_together() -> None:
    d = doc(("کرد. نشست", "EVENT"))
    out = io.StringIO()
    report = write_conll([d], out)
    assert report.merged == 1
    written = sentences(out.getvalue())
    assert len(written) == 2  # three sentences, the first two joined
    assert entities(out.getvalue()) == [("EVENT", "کرد . نشست")]


def test_a_span_across_three_sentences_joins_all_three() -> None:
    d = doc(("ژنو برگزار می‌شود.\nپایان", "EVENT"), ("عباس عراقچی", "ACTOR"))
    d.spans.append(Span(TEXT.index("کرد."), TEXT.index("بعدی") + 4, "EVENT"))
    out = io.StringIO()
    report = write_conll([d], out, "bioes")
    assert (report.merged, report.sentences, report.spans) == (2, 1, 3)
    assert [len(s) for s in sentences(out.getvalue())] == [len(d.tokens) // 2]
    assert entities(out.getvalue()) == [
        ("ACTOR", "عباس عراقچی"), ("EVENT", "کرد . نشست بعدی"),
        ("EVENT", "ژنو برگزار می‌شود . پایان")]


def test_tokens_round_trip_token_for_token() -> None:
    d = doc()
    out = io.StringIO()
    write_conll([d], out)
    written = [tok for sentence in sentences(out.getvalue()) for tok, _ in sentence]
    assert written == [TEXT[d.tokens[i]:d.tokens[i + 1]] for i in range(0, len(d.tokens), 2)]
