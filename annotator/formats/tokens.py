"""Token-classification JSONL out: one sentence a line, ``{"tokens", "tags", "id"}``.

What Hugging Face token-classification scripts read as they are: ``run_ner.py`` takes the
``tokens`` column for words and, without a ``ner_tags`` column, the second column for labels:
``tags``, which is why the keys come in this order; tags given as names are turned into ids
through the sorted list of names it finds. The
tokens and tags are the ones CoNLL writes (:func:`annotator.formats.conll_writer.layout`):
the stored tokens, BIO or BIOES, spans widened to tokens, sentences a span crosses joined
into one, spans that cannot be encoded left out, all counted alike. ``id`` is the document's
key and the sentence's number in it (``mehr-1404-08-26-01-3``, from 1), unique in a project:
what comes before its last hyphen is the key, and keys are unique.

The tag names beside the data (:func:`write_tag_names`): one a line, ``O`` first, its line
number less one being the tag's id, for scripts that want a fixed ``id2label``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from annotator.core.model import Document
from annotator.formats.conll_writer import ConllReport, tag_names, tagged_sentences

TOKENS_KEY, TAGS_KEY = "tokens", "tags"


def write_document(doc: Document, fh: TextIO, scheme: str = "bio",
                   report: ConllReport | None = None) -> ConllReport:
    """Writes one line per sentence of ``doc``; its counts are added to ``report``."""
    report = ConllReport() if report is None else report
    key = doc.key
    lines = [json.dumps({TOKENS_KEY: tokens, TAGS_KEY: tags, "id": f"{key}-{n}"},
                        ensure_ascii=False)
             for n, (tokens, tags) in enumerate(tagged_sentences(doc, scheme, report), 1)]
    if lines:
        fh.write("\n".join(lines) + "\n")
    return report


def write_tag_names(labels: Iterable[str], fh: TextIO, scheme: str = "bio") -> None:
    """The tags ``labels`` can have under ``scheme``, one a line."""
    fh.write("".join(f"{tag}\n" for tag in tag_names(labels, scheme)))
