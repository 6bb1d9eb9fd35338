"""CoNLL files: one token per line, the first column the token, the last its tag.

Columns are tab-separated (or, on lines without a tab, space-separated); a blank line ends a
sentence. ``-DOCSTART-`` lines separate documents; a file that does not start with one has
one document per blank-line-separated block, as the contract says. Tags are ``O`` or
``B-``/``I-``/``E-``/``S-`` (BIO, IOB1 or BIOES; ``L-``/``U-`` of BILOU too) with a label.

A document's text is its tokens joined by single spaces, its sentences by line breaks; the
record carries those tokens and sentences, so the file's own tokenization is kept. Keys are
``<file stem>-<n>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.base import RawSpan, Record
from annotator.formats.source import read_lines

DOCSTART = "-DOCSTART-"
OUTSIDE = "O"
# What each prefix means: B begins, I continues, E ends, S is a whole span (L, U in BILOU).
_PREFIXES = {"B": "B", "I": "I", "E": "E", "S": "S", "L": "E", "U": "S"}


def parse_tag(tag: str) -> tuple[str, str] | None:
    """``B-ACTOR`` as ``("B", "ACTOR")``, ``O`` as None; ValueError for anything else."""
    if tag == OUTSIDE:
        return None
    prefix, dash, label = tag.partition("-")
    if not dash or prefix not in _PREFIXES or not label.strip():
        raise ValueError(f'tag "{tag}" is not O or B-, I-, E-, S- and a label')
    return _PREFIXES[prefix], label


def spans_from_tags(tags: list[str]) -> list[tuple[int, int, str]]:
    """The spans a sentence's tags encode, as (first token, end token exclusive, label).

    Reads BIO, BIOES and IOB1: an ``I-`` (or ``E-``) that does not continue a span of its
    label starts one. Raises ValueError for a tag that is not a tag.
    """
    spans: list[tuple[int, int, str]] = []
    open_at: int | None = None
    open_label = ""

    def close(end: int) -> None:
        nonlocal open_at
        if open_at is not None:
            spans.append((open_at, end, open_label))
            open_at = None

    for i, tag in enumerate(tags):
        parsed = parse_tag(tag)
        if parsed is None:
            close(i)
            continue
        prefix, label = parsed
        continues = open_at is not None and open_label == label and prefix in ("I", "E")
        if not continues:
            close(i)
            open_at, open_label = i, label
        if prefix in ("E", "S"):
            close(i + 1)
    close(len(tags))
    return spans


@dataclass
class _Document:
    """A document being read: its sentences of (token, tag) and the line of its first token."""

    line: int = 0
    sentences: list[list[tuple[str, str]]] = field(default_factory=lambda: [[]])

    def add(self, line: int, token: str, tag: str) -> None:
        self.line = self.line or line
        self.sentences[-1].append((token, tag))

    def end_sentence(self) -> None:
        if self.sentences[-1]:
            self.sentences.append([])

    def record(self, path: Path, n: int) -> Record:
        """The document as the ``n``th record of the file."""
        sentences = [s for s in self.sentences if s]
        parts: list[str] = []
        tokens: list[int] = []
        firsts: list[int] = []
        spans: list[RawSpan] = []
        at = 0
        for sentence in sentences:
            if parts:
                parts.append("\n")
                at += 1
            firsts.append(len(tokens) // 2)
            offsets: list[tuple[int, int]] = []
            for i, (token, _) in enumerate(sentence):
                if i:
                    parts.append(" ")
                    at += 1
                parts.append(token)
                offsets.append((at, at + len(token)))
                at += len(token)
            tokens.extend(x for pair in offsets for x in pair)
            for first, end, label in spans_from_tags([tag for _, tag in sentence]):
                spans.append(RawSpan(offsets[first][0], offsets[end - 1][1], label))
        return Record(
            text="".join(parts),
            path=str(path),
            line=self.line,
            key=f"{path.stem}-{n}",
            spans=spans,
            tokens=tokens,
            sentences=firsts,
        )


def read_conll(path: Path) -> Iterator[Record]:
    """The documents of a CoNLL file."""
    n = 0
    for doc in _documents(path):
        n += 1
        yield doc.record(path, n)
    if n == 0:
        raise InputError("no tokens in the file", path=str(path))


def _documents(path: Path) -> Iterator[_Document]:
    """The file's documents with tokens, each yielded when it is complete."""
    doc = _Document()
    by_docstart: bool | None = None  # decided by the file's first non-blank line
    for number, line in read_lines(path):
        columns = [c.strip() for c in (line.split("\t") if "\t" in line else line.split())]
        if not any(columns):
            if by_docstart is None:
                continue
            if by_docstart:
                doc.end_sentence()
                continue
            columns = [DOCSTART]  # without -DOCSTART- lines, a blank line ends a document
        if by_docstart is None:
            by_docstart = columns[0] == DOCSTART
        if columns[0] == DOCSTART:
            if doc.line:
                yield doc
            doc = _Document()
            continue
        if len(columns) < 2 or not columns[-1]:
            raise InputError("no tag column (expected TOKEN<TAB>TAG)", path=str(path), line=number)
        if not columns[0]:
            raise InputError("no token before the tag", path=str(path), line=number)
        try:
            parse_tag(columns[-1])
        except ValueError as error:
            raise InputError(str(error), path=str(path), line=number) from None
        doc.add(number, columns[0], columns[-1])
    if doc.line:
        yield doc
