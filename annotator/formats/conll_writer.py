"""CoNLL out: one ``TOKEN<TAB>TAG`` line per stored token, BIO or BIOES, streamed.

A span is written on the tokens it touches; one that does not fall on token boundaries is
widened and counted. A span that crosses a sentence boundary keeps the sentences together:
they are written as one sentence, and counted. A span that would share a token with an
earlier one after widening cannot be encoded and is left out, and counted.
"""

from __future__ import annotations

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


def _entities(index: TokenIndex, spans: Sequence[Span],
              report: ConllReport) -> list[tuple[int, int, str]]:
    entities: list[tuple[int, int, str]] = []
    taken = 0  # first token not yet used by an earlier span
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        covered = index.tokens_in(span.start, span.end)
        if not covered or covered.start < taken:
            report.dropped += 1
            continue
        first_start, _ = index.token(covered.start)
        _, last_end = index.token(covered.stop - 1)
        if (first_start, last_end) != (span.start, span.end):
            report.widened += 1
        entities.append((covered.start, covered.stop, span.label))
        taken = covered.stop
        report.spans += 1
    return entities


def _sentence_groups(index: TokenIndex,
                     entities: Sequence[tuple[int, int, str]]) -> list[range]:
    """Sentences as token ranges, joining those that a span crosses."""
    groups = list(index.sentence_ranges())
    if not entities:
        return groups
    merged: list[range] = []
    spans = iter(entities)
    current = next(spans, None)
    for sentence in groups:
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
    entities = _entities(index, doc.spans, report)
    tags = encode(len(index), entities, scheme)
    groups = _sentence_groups(index, entities)
    report.merged = sum(1 for _ in index.sentence_ranges()) - len(groups)
    text = doc.text
    lines = [DOCSTART]
    for group in groups:
        for i in group:
            start, end = index.token(i)
            lines.append(f"{text[start:end]}\t{tags[i]}\n")
        lines.append("\n")
        report.sentences += 1
    report.tokens = len(index)
    fh.write("".join(lines))
    return report


def write_conll(docs: Iterable[Document], fh: TextIO, scheme: str = "bio") -> ConllReport:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tagging scheme {scheme!r}")
    total = ConllReport()
    for doc in docs:
        total.add(write_document(doc, fh, scheme))
    return total
