"""Normalisation at import, with an offset map that carries spans through it.

Three levels: ``full`` is hazm's Normalizer (it changes the length: spacing and ZWNJ fixes,
kashida, diacritics, ``...``); ``letters`` maps characters one for one (Arabic ي/ك, digits,
presentation forms) and never changes the length; ``none`` keeps the text as given.
"""

from __future__ import annotations

import difflib
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any


class Level(StrEnum):
    FULL = "full"
    LETTERS = "letters"
    NONE = "none"


class SpanNotCarried(ValueError):
    """A span's edge falls inside text the normaliser rewrote, so it cannot be carried exactly."""


@cache
def letters_table() -> dict[int, str]:
    """One-for-one character map: hazm's own table, its digits, and Arabic presentation forms."""
    from hazm.constants import NUMBERS_DST, NUMBERS_SRC, TRANSLATION_DST, TRANSLATION_SRC

    table: dict[int, str] = {}
    for block in (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00)):
        for code in block:
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    for src, dst in ((TRANSLATION_SRC, TRANSLATION_DST), (NUMBERS_SRC, NUMBERS_DST)):
        for a, b in zip(src, dst, strict=True):
            table[ord(a)] = b
    # hazm maps the no-break space to a space; keep it, it is not a letter.
    table.pop(0xA0, None)
    return table


@cache
def _hazm_normalizer() -> Any:
    from hazm import Normalizer

    return Normalizer()


@dataclass(frozen=True, slots=True)
class _Block:
    tag: str  # equal, replace, delete, insert
    i1: int
    i2: int
    j1: int
    j2: int


class OffsetMap:
    """Maps code point offsets of the original text onto the normalised text."""

    def __init__(self, blocks: list[_Block] | None = None, length: int = 0) -> None:
        # Blocks covering at least one original character, in order; None means identity.
        self._blocks = [b for b in blocks if b.i2 > b.i1] if blocks is not None else None
        self._starts = [b.i1 for b in self._blocks] if self._blocks is not None else []
        self._length = length

    @property
    def identity(self) -> bool:
        return self._blocks is None

    def _block(self, i: int) -> _Block:
        assert self._blocks is not None
        return self._blocks[bisect_right(self._starts, i) - 1]

    def _start(self, s: int, e: int) -> int:
        """Where the first surviving character of ``s..e`` lands."""
        i = s
        while i < e:
            b = self._block(i)
            if b.tag == "delete":
                i = b.i2
                continue
            if b.tag == "equal" or (b.i2 - b.i1) == (b.j2 - b.j1):
                return b.j1 + (i - b.i1)
            if i != b.i1:
                raise SpanNotCarried("its start falls inside text the normaliser rewrote")
            return b.j1
        raise SpanNotCarried("the normaliser removed all of its text")

    def _end(self, s: int, e: int) -> int:
        """Where the last surviving character of ``s..e`` ends."""
        i = e - 1
        while i >= s:
            b = self._block(i)
            if b.tag == "delete":
                i = b.i1 - 1
                continue
            if b.tag == "equal" or (b.i2 - b.i1) == (b.j2 - b.j1):
                return b.j1 + (i - b.i1) + 1
            if i != b.i2 - 1:
                raise SpanNotCarried("its end falls inside text the normaliser rewrote")
            return b.j2
        raise SpanNotCarried("the normaliser removed all of its text")

    def span(self, start: int, end: int) -> tuple[int, int]:
        """New ``(start, end)`` for a span; raises SpanNotCarried when it cannot be exact."""
        if self._blocks is None:
            return start, end
        new_start, new_end = self._start(start, end), self._end(start, end)
        if new_end <= new_start:  # pragma: no cover - blocks are monotonic
            raise SpanNotCarried("the normaliser removed all of its text")
        return new_start, new_end


def _align(before: str, after: str) -> OffsetMap:
    if before == after:
        return OffsetMap()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    blocks = [_Block(tag, i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    return OffsetMap(blocks, len(before))


def _align_lines(before: str, after: str) -> OffsetMap:
    """Align line by line when the normaliser kept the lines (it usually does): fast and exact."""
    old_lines = before.split("\n")
    new_lines = after.split("\n")
    if len(old_lines) != len(new_lines):
        return _align(before, after)
    blocks: list[_Block] = []
    i = j = 0
    for k, (old, new) in enumerate(zip(old_lines, new_lines, strict=True)):
        if old == new:
            blocks.append(_Block("equal", i, i + len(old), j, j + len(new)))
        else:
            matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
            blocks.extend(
                _Block(tag, i + i1, i + i2, j + j1, j + j2)
                for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            )
        i += len(old)
        j += len(new)
        if k < len(old_lines) - 1:
            blocks.append(_Block("equal", i, i + 1, j, j + 1))
            i += 1
            j += 1
    return OffsetMap(blocks, len(before))


def normalize(text: str, level: Level | str = Level.FULL) -> tuple[str, OffsetMap]:
    """The normalised text and the map that carries offsets of ``text`` into it."""
    level = Level(level)
    if level is Level.NONE:
        return text, OffsetMap()
    lettered = text.translate(letters_table())
    if level is Level.LETTERS:
        return lettered, OffsetMap()
    # The character table is one for one, so aligning after it loses nothing and matches more.
    full = _hazm_normalizer().normalize(lettered)
    return full, _align_lines(lettered, full)
