"""A document as the models see it: its stored tokens and sentences, labels as BIO tags.

Labels become tags on the tokens they touch (a span off token boundaries, imported so, is
widened to whole tokens, as CoNLL export does); of two labels touching one token, the first
in text order keeps it and the other is left out. Tags are read back into spans as conlleval
reads them: an ``I-`` that does not continue a span of its label starts one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from annotator.core.model import Document, Span, in_text_order
from annotator.core.tokens import TokenIndex

OUTSIDE = "O"


def tokens_of(document: Document) -> tuple[Sequence[int], Sequence[int]]:
    """The document's stored tokens (flat offset pairs) and sentences; a document stored
    without tokens (none should be) is tokenized as import would."""
    if document.tokens or not document.text.strip():
        return document.tokens, document.sentences or (0,)
    from annotator.text.tokenize import tokenize

    return tokenize(document.text)


def token_index(document: Document) -> TokenIndex:
    """:func:`tokens_of` ready for look-ups."""
    tokens, sentences = tokens_of(document)
    return TokenIndex(tokens, sentences or (0,))


def words(document: Document, index: TokenIndex) -> list[str]:
    """The text of each token."""
    text = document.text
    return [text[start:end] for start, end in index]


def bio_tags(index: TokenIndex, labels: Iterable[Span]) -> list[str]:
    """``B-LABEL``/``I-LABEL``/``O`` for each token from the labels of a document."""
    tags = [OUTSIDE] * len(index)
    for span in sorted(labels, key=in_text_order):
        touched = index.tokens_in(span.start, span.end)
        if not touched or any(tags[i] != OUTSIDE for i in touched):
            continue
        tags[touched[0]] = f"B-{span.label}"
        for i in touched[1:]:
            tags[i] = f"I-{span.label}"
    return tags


def tagged_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(first token, stop token, label)`` of each span the tags encode."""
    spans: list[tuple[int, int, str]] = []
    first, label = -1, ""
    for i, tag in enumerate(tags):
        continues = tag.startswith("I-") and first >= 0 and tag[2:] == label
        if continues:
            continue
        if first >= 0:
            spans.append((first, i, label))
            first = -1
        if tag != OUTSIDE:
            first, label = i, tag[2:]
    if first >= 0:
        spans.append((first, len(tags), label))
    return spans


def covered(tokens: Sequence[int], spans: Iterable[Span]) -> bytearray:
    """One byte per (flat) token, 1 where a label of the document touches it: no suggestion
    there."""
    taken = bytearray(len(tokens) // 2)
    labels = [span for span in spans if span.is_label]
    if labels:
        starts, ends = tokens[0::2], tokens[1::2]
        for span in labels:
            first = bisect_right(ends, span.start)  # the first token ending after its start
            stop = bisect_left(starts, span.end)  # past the last token starting before its end
            taken[first:stop] = b"\x01" * max(0, stop - first)
    return taken
