"""CoNLL out: one ``TOKEN<TAB>TAG`` line per stored token, BIO or BIOES, streamed.

A span is written on the tokens it touches; one that does not fall on token boundaries is
widened and counted. A span that crosses a sentence boundary keeps the sentences together:
they are written as one sentence, and counted. A span that would share a token with an
earlier one after widening cannot be encoded and is left out, and counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TextIO

from annotator.core.model import Document, Span, in_text_order
from annotator.core.tokens import token_ranges

SCHEMES = ("bio", "bioes")
DOCSTART = "-DOCSTART-\tO\n\n"


@dataclass
class ConllReport:
    documents: int = 0
    sentences: int = 0
    tokens: int = 0
    spans: int = 0
    widened: int = 0  # spans written on the tokens they touch, wider than the span itself
    merged: int = 0  # sentence boundaries dropped because a span crossed them
    dropped: int = 0  # spans that could not be encoded (no token, or a token already taken)


def encode(count: int, entities: Iterable[tuple[int, int, str]], scheme: str = "bio") -> list[str]:
    """Tags for ``count`` tokens from ``(first, last_exclusive, label)`` token ranges."""
    return _tags(count, entities, scheme, line_ends=False)


def _tags(count: int, entities: Iterable[tuple[int, int, str]], scheme: str,
          line_ends: bool) -> list[str]:
    """:func:`encode`; with ``line_ends``, each tag as the end of its line: ``\tB-ACTOR\n``
    (one string per tag and label, made once)."""
    tags = [_written("O", line_ends)] * count
    bioes = scheme == "bioes"
    for first, last, label in entities:
        begin, inside, end, single = _forms(label, line_ends)
        if bioes and last - first == 1:
            tags[first] = single
            continue
        tags[first] = begin
        for i in range(first + 1, last):
            tags[i] = inside
        if bioes:
            tags[last - 1] = end
    return tags


@cache
def _written(tag: str, line_end: bool) -> str:
    return f"\t{tag}\n" if line_end else tag


@cache
def _forms(label: str, line_end: bool) -> tuple[str, str, str, str]:
    """The B, I, E and S tags of a label."""
    begin, inside, end, single = (_written(f"{p}-{label}", line_end) for p in "BIES")
    return begin, inside, end, single


def _entities(starts: Sequence[int], ends: Sequence[int], spans: Sequence[Span],
              report: ConllReport) -> list[tuple[int, int, str]]:
    """``(first, last_exclusive, label)`` token ranges of the spans, in text order."""
    entities, widened, dropped = token_ranges(
        starts, ends, [(s.start, s.end, s.label) for s in sorted(spans, key=in_text_order)])
    report.dropped += dropped
    report.widened += widened
    report.spans += len(entities)
    return entities


def _sentence_groups(bounds: Sequence[int],
                     entities: Sequence[tuple[int, int, str]]) -> list[int]:
    """Where sentences end (token indices, strictly increasing, the last is the token count),
    leaving out the ends that a span crosses."""
    ends = set(bounds)
    crossed: set[int] = set()
    for first, last, _ in entities:
        if last - first > 1:
            crossed |= ends.intersection(range(first + 1, last))
    return [b for b in bounds if b not in crossed] if crossed else list(bounds)


@dataclass
class Layout:
    """A document as CoNLL writes it: its tokens' offsets, a tag for each token, and where
    each written sentence ends (token indices; sentences a span crosses are joined)."""

    starts: Sequence[int]
    ends: Sequence[int]
    tags: list[str]
    sentence_ends: list[int]


def layout(doc: Document, scheme: str, report: ConllReport, line_ends: bool = False) -> Layout:
    """The tags and sentences of ``doc``, its counts added to ``report``: the one place
    where spans are widened to tokens, left out, and sentences joined (CoNLL and tokens
    exports share it). With ``line_ends``, tags are CoNLL line ends (``\tB-ACTOR\n``)."""
    report.documents += 1
    starts, ends = doc.tokens[0::2], doc.tokens[1::2]
    count = len(starts)
    # Each sentence ends where the next begins, the last with the document.
    bounds = sorted({b for b in doc.sentences if 0 < b < count} | {count}) if count else []
    entities = _entities(starts, ends, doc.spans, report)
    groups = _sentence_groups(bounds, entities)
    report.merged += len(bounds) - len(groups)
    report.sentences += len(groups)
    report.tokens += count
    return Layout(starts, ends, _tags(count, entities, scheme, line_ends), groups)


def tagged_sentences(doc: Document, scheme: str,
                     report: ConllReport) -> Iterator[tuple[list[str], list[str]]]:
    """The tokens and tags of each sentence of ``doc`` as CoNLL would write them."""
    parts = layout(doc, scheme, report)
    text = doc.text
    first = 0
    for end in parts.sentence_ends:
        tokens = [text[a:b] for a, b in zip(parts.starts[first:end], parts.ends[first:end],
                                            strict=True)]
        yield tokens, parts.tags[first:end]
        first = end


def write_document(doc: Document, fh: TextIO, scheme: str = "bio",
                   report: ConllReport | None = None) -> ConllReport:
    """Writes one document; its counts are added to ``report`` (a new one by default)."""
    report = ConllReport() if report is None else report
    parts = layout(doc, scheme, report, line_ends=True)
    # One line per token: the token, then its tag's line end (one string per tag, made
    # once); a blank line after each sentence. The document is written with one join.
    tails = parts.tags
    for end in parts.sentence_ends:
        tails[end - 1] += "\n"
    text = doc.text
    fh.write(DOCSTART + "".join([text[a:b] + tail
                                 for a, b, tail in zip(parts.starts, parts.ends, tails,
                                                       strict=True)]))
    return report


def tag_names(labels: Iterable[str], scheme: str = "bio") -> list[str]:
    """Every tag the scheme can write for ``labels``: ``O``, then each label's ``B-``, ``I-``
    (and for BIOES ``E-``, ``S-``), in the order of the labels."""
    prefixes = "BIES" if scheme == "bioes" else "BI"
    return ["O", *(f"{prefix}-{label}" for label in labels for prefix in prefixes)]


def write_conll(docs: Iterable[Document], fh: TextIO, scheme: str = "bio") -> ConllReport:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tagging scheme {scheme!r}")
    total = ConllReport()
    for doc in docs:
        write_document(doc, fh, scheme, total)
    return total
