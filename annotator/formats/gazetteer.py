"""Gazetteer files: one ``TEXT<TAB>LABEL`` a line, texts the string matcher suggests.

A gazetteer lists names an analyst expects to label (``خبرگزاری مهر<TAB>ACTOR``). Blank lines
are skipped; every other line must hold exactly one tab, a text before it and a label after
it. A bad line is refused with the file, the line and what is wrong, and nothing of the file
is taken (all or nothing, like an import).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.source import read_lines
from annotator.text.fold import Joins, fold


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One line of a gazetteer: a text, the label it is given, and the line it is on."""

    text: str
    label: str
    line: int


def read_gazetteer(path: Path, labels: Collection[str] | None = None) -> list[GazetteerEntry]:
    """The entries of a gazetteer file (UTF-8, a BOM allowed).

    ``labels``, when given, are the ones an entry may have (the project's labels); an entry
    with another label is refused, naming the ones allowed.
    """
    return list(parse_gazetteer(read_lines(path), str(path), labels))


def parse_gazetteer(lines: Iterable[tuple[int, str]], path: str,
                    labels: Collection[str] | None = None) -> Iterator[GazetteerEntry]:
    """Entries from numbered lines (without their line ends); ``path`` names them in errors."""
    for number, line in lines:
        if not line.strip():
            continue
        yield _entry(line, number, path, labels)


def _entry(line: str, number: int, path: str, labels: Collection[str] | None) -> GazetteerEntry:
    def refuse(problem: str) -> InputError:
        return InputError(problem, path=path, line=number)

    tabs = line.count("\t")
    if tabs == 0:
        raise refuse("no tab between the text and its label (expected TEXT<TAB>LABEL)")
    if tabs > 1:
        raise refuse(f"{tabs} tabs (expected one: TEXT<TAB>LABEL)")
    raw_text, raw_label = line.split("\t")
    text, label = raw_text.strip(), raw_label.strip()
    if not text:
        raise refuse("empty text before the tab")
    if not label:
        raise refuse("empty label after the tab")
    if any(ch.isspace() for ch in label):
        raise refuse(f'label "{label}" holds white space')
    if not fold(text, Joins.NOTHING):
        raise refuse(f"text «{text}» is only marks, kashida or spacing")
    if labels is not None and label not in labels:
        raise refuse(f'label "{label}" is not one of the project\'s labels '
                     f"({', '.join(sorted(labels))})")
    return GazetteerEntry(text, label, number)
