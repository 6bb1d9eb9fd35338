"""CoNLL files: one token per line, the first column the token, the last its tag.

Columns are tab-separated; on lines without a tab, space-separated; and on lines whose last
space-separated column is not a tag, ``TOKEN|TAG`` (PEYMA), cut at the last pipe so that a
token may hold pipes. A blank line ends a sentence. ``-DOCSTART-`` lines separate documents;
a file that does not start with one has one document per blank-line-separated block, as the
contract says. Tags are ``O`` or a prefix ``B``/``I``/``E``/``S`` (BIO, IOB1 or BIOES;
``L``/``U`` of BILOU too), ``-`` or ``_`` (PEYMA's ``B_ORG``), and a label in any case
(Arman's ``B-pers``): labels are upper-cased as they are read, so ``pers``, ``Pers`` and
``PERS`` are one label, ``PERS`` (``--label-map`` matches names in any case).

A document's text is its tokens joined by single spaces, its sentences by line breaks; the
record carries those tokens and sentences, so the file's own tokenization is kept. Keys are
``<file stem>-<n>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.base import RawSpan, Record
from annotator.formats.source import read_lines

DOCSTART = "-DOCSTART-"
OUTSIDE = "O"
# What each prefix means: B begins, I continues, E ends, S is a whole span (L, U in BILOU).
_PREFIXES = {"B": "B", "I": "I", "E": "E", "S": "S", "L": "E", "U": "S"}


@lru_cache(maxsize=4096)  # a file holds few distinct tags, each read on many lines
def parse_tag(tag: str) -> tuple[str, str] | None:
    """``B-ACTOR`` as ``("B", "ACTOR")``, ``B_pers`` as ``("B", "PERS")``, ``O`` as None;
    ValueError for anything else."""
    if tag == OUTSIDE:
        return None
    prefix, separator, label = tag[:1], tag[1:2], tag[2:]
    if separator not in ("-", "_") or prefix not in _PREFIXES or not label.strip():
        raise ValueError(f'tag "{tag}" is not O or B-, I-, E-, S- (or B_ ...) and a label')
    return _PREFIXES[prefix], label.upper()


def is_tag(text: str) -> bool:
    try:
        parse_tag(text)
    except ValueError:
        return False
    return True


def split_columns(line: str) -> list[str]:
    """The columns of a line, stripped: tab-separated; else space-separated; else, when the
    last space-separated column is not a tag, ``TOKEN|TAG`` cut at the last pipe."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    columns = line.split()
    if "|" in line and (len(columns) < 2 or not is_tag(columns[-1])):
        token, _, tag = line.strip().rpartition("|")
        tag = tag.strip()
        if is_tag(tag) or (len(columns) < 2 and tag):
            return [token.strip(), tag]
    return columns


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
            header=False,  # sentences of a corpus: a date in them is not the document's
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
        columns = split_columns(line)
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
            raise InputError("no tag column (expected TOKEN<TAB>TAG or TOKEN|TAG)",
                             path=str(path), line=number)
        if not columns[0]:
            raise InputError("no token before the tag", path=str(path), line=number)
        try:
            parse_tag(columns[-1])
        except ValueError as error:
            raise InputError(str(error), path=str(path), line=number) from None
        doc.add(number, columns[0], columns[-1])
    if doc.line:
        yield doc
