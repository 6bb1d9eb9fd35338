"""Token-classification lines: the CoNLL writer's tokens and tags, one sentence a line."""

from __future__ import annotations

import io
import json

from annotator.core.model import Document, Span
from annotator.formats.conll_writer import ConllReport, tag_names
from annotator.formats.tokens import write_document, write_tag_names
from annotator.text.tokenize import tokenize

TEXT = "سازمان ملل. متحد در ژنو نشست داشت.\nپایان خبر"


def doc(*spans: tuple[str, str]) -> Document:
    tokens, firsts = tokenize(TEXT)
    out = []
    for words, label in spans:
        at = TEXT.index(words)
        out.append(Span(at, at + len(words), label))
    return Document(TEXT, key="irna-7", tokens=tokens, sentences=firsts, spans=out)


def test_a_span_across_sentences_joins_them_into_one_line_and_is_counted() -> None:
    out = io.StringIO()
    report = write_document(doc(("سازمان ملل. متحد", "ACTOR"), ("ژن", "LOCATION")), out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == [
        {"id": "irna-7-1",
         "tokens": ["سازمان", "ملل", ".", "متحد", "در", "ژنو", "نشست", "داشت", "."],
         "tags": ["B-ACTOR", "I-ACTOR", "I-ACTOR", "I-ACTOR", "O", "B-LOCATION", "O", "O",
                      "O"]},
        {"id": "irna-7-2", "tokens": ["پایان", "خبر"], "tags": ["O", "O"]},
    ]  # fmt: skip
    assert (report.documents, report.sentences, report.merged, report.widened) == (1, 2, 1, 1)


def test_a_document_without_tokens_writes_nothing() -> None:
    out = io.StringIO()
    report = write_document(Document("", key="empty"), out, report=ConllReport())
    assert out.getvalue() == ""
    assert report.sentences == 0


def test_tag_names_o_first_then_each_labels_prefixes() -> None:
    assert tag_names(["ACTOR", "EVENT"]) == ["O", "B-ACTOR", "I-ACTOR", "B-EVENT", "I-EVENT"]
    out = io.StringIO()
    write_tag_names(["LOCATION"], out, "bioes")
    assert out.getvalue() == "O\nB-LOCATION\nI-LOCATION\nE-LOCATION\nS-LOCATION\n"
