"""CoNLL out: one ``TOKEN<TAB>TAG`` line per stored token, BIO or BIOES, streamed.

A span is written on the tokens it touches; one that does not fall on token boundaries is
widened and counted. A span that crosses a sentence boundary keeps the sentences together:
they are written as one sentence, and counted. A span that would share a token with an
earlier one after widening cannot be encoded and is left out, and counted.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from annotator.core.model import Document, Span
from annotator.core.tokens import TokenIndex

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

    def add(self, other: ConllReport) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def encode(count: int, entities: Iterable[tuple[int, int, str]], scheme: str = "bio") -> list[str]:
    """Tags for ``count`` tokens from ``(first, last_exclusive, label)`` token ranges."""
    tags = ["O"] * count
    for first, last, label in entities:
        if scheme == "bioes" and last - first == 1:
            tags[first] = f"S-{label}"
            continue
        tags[first] = f"B-{label}"
        for i in range(first + 1, last):
            tags[i] = f"I-{label}"
        if scheme == "bioes":
            tags[last - 1] = f"E-{label}"
    return tags


def _entities(starts: Sequence[int], ends: Sequence[int], spans: Sequence[Span],
              report: ConllReport) -> list[tuple[int, int, str]]:
    """``(first, last_exclusive, label)`` token ranges of the spans, in text order."""
    entities: list[tuple[int, int, str]] = []
    taken = 0  # first token not yet used by an earlier span
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        first = bisect_right(ends, span.start)  # first token ending after the start
        stop = bisect_left(starts, span.end)  # tokens starting before the end
        if first >= stop or first < taken:
            report.dropped += 1
            continue
        if starts[first] != span.start or ends[stop - 1] != span.end:
            report.widened += 1
        entities.append((first, stop, span.label))
        taken = stop
        report.spans += 1
    return entities


def _sentence_groups(sentences: list[range],
                     entities: Sequence[tuple[int, int, str]]) -> list[range]:
    """Sentences as token ranges, joining those that a span crosses."""
    if not entities:
        return sentences
    merged: list[range] = []
    spans = iter(entities)
    current = next(spans, None)
    for sentence in sentences:
        if merged and current is not None and current[0] < merged[-1].stop < current[1]:
            merged[-1] = range(merged[-1].start, sentence.stop)
        else:
            merged.append(sentence)
        while current is not None and current[1] <= merged[-1].stop:
            current = next(spans, None)
    return merged


def write_document(doc: Document, fh: TextIO, scheme: str = "bio") -> ConllReport:
    report = ConllReport(documents=1)
    index = TokenIndex(doc.tokens, doc.sentences)
    starts, ends = doc.tokens[0::2], doc.tokens[1::2]
    entities = _entities(starts, ends, doc.spans, report)
    tags = encode(len(starts), entities, scheme)
    sentences = list(index.sentence_ranges())
    groups = _sentence_groups(sentences, entities)
    report.merged = len(sentences) - len(groups)
    text = doc.text
    lines = [f"{text[a:b]}\t{tag}\n" for a, b, tag in zip(starts, ends, tags, strict=True)]
    fh.write(DOCSTART + "".join("".join(lines[g.start:g.stop]) + "\n" for g in groups))
    report.sentences = len(groups)
    report.tokens = len(starts)
    return report


def write_conll(docs: Iterable[Document], fh: TextIO, scheme: str = "bio") -> ConllReport:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tagging scheme {scheme!r}")
    total = ConllReport()
    for doc in docs:
        total.add(write_document(doc, fh, scheme))
    return total
