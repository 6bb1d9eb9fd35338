"""Normalisation at import, with an offset map that carries spans through it.

Three levels: ``full`` is hazm's Normalizer (it changes the length: spacing and ZWNJ fixes,
kashida, diacritics, ``...``); ``letters`` maps characters one for one (Arabic ي/ك, digits,
presentation forms) and never changes the length; ``none`` keeps the text as given.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_left, bisect_right
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


# Spacing: what the normaliser adds, removes, or turns into ZWNJ and back (``می گوید`` →
# ``می‌گوید``, ``« سلام`` → ``«سلام``, ``٪۳۰`` → ``٪ ۳۰``). It takes no part in the alignment,
# so a space that moved cannot pair a word's letters with its neighbour's; a span is carried
# by its first and last other character (spacing at its edges is dropped).
_SPACING = re.compile(r"[\s\u200c\u200d]+")
_CONTENT = re.compile(r"[^\s\u200c\u200d]")


class OffsetMap:
    """Maps code point offsets of the original text onto the normalised text.

    The alignment is computed the first time a span is mapped (most articles come without
    spans), on the characters other than spacing, line by line when the lines were kept.
    """

    def __init__(self, before: str | None = None, after: str | None = None) -> None:
        # None (or equal texts) means identity.
        self._texts = None if before is None or after is None or before == after \
            else (before, after)
        self._blocks: list[_Block] = []
        self._starts: list[int] = []
        self._old: list[int] = []  # text offset of each non-spacing character, before
        self._new: list[int] = []  # and after
        self._aligned = False

    @property
    def identity(self) -> bool:
        return self._texts is None

    def _align(self) -> None:
        assert self._texts is not None
        before, after = self._texts
        self._old = [m.start() for m in _CONTENT.finditer(before)]
        self._new = [m.start() for m in _CONTENT.finditer(after)]
        old, new = _SPACING.sub("", before), _SPACING.sub("", after)
        old_lines, new_lines = before.split("\n"), after.split("\n")
        pieces = (list(zip(_cuts(old_lines), _cuts(new_lines), strict=True))
                  if len(old_lines) == len(new_lines) else [(len(old), len(new))])
        i = j = 0
        for i2, j2 in pieces:
            a, b = old[i:i2], new[j:j2]
            if a == b:
                self._blocks.append(_Block("equal", i, i2, j, j2))
            else:
                matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
                self._blocks.extend(
                    _Block(tag, i + a1, i + a2, j + b1, j + b2)
                    for tag, a1, a2, b1, b2 in matcher.get_opcodes()
                )
            i, j = i2, j2
        # Blocks covering at least one original character, in order.
        self._blocks = [b for b in self._blocks if b.i2 > b.i1]
        self._starts = [b.i1 for b in self._blocks]
        self._aligned = True

    def _block(self, i: int) -> _Block:
        return self._blocks[bisect_right(self._starts, i) - 1]

    def _start(self, s: int, e: int) -> int:
        """Where the first surviving character of ``s..e`` lands (indices without spacing)."""
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
        """Where the last surviving character of ``s..e`` ends (indices without spacing)."""
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
        if self._texts is None:
            return start, end
        if not self._aligned:
            self._align()
        first, stop = bisect_left(self._old, start), bisect_left(self._old, end)
        if first >= stop:
            raise SpanNotCarried("it holds nothing but spacing")
        new_start, new_end = self._start(first, stop), self._end(first, stop)
        if new_end <= new_start:  # pragma: no cover - blocks are monotonic
            raise SpanNotCarried("the normaliser removed all of its text")
        return self._new[new_start], self._new[new_end - 1] + 1


def _cuts(lines: list[str]) -> list[int]:
    """Where each line ends, counted in characters other than spacing."""
    out: list[int] = []
    total = 0
    for line in lines:
        total += len(line) - sum(len(m) for m in _SPACING.findall(line))
        out.append(total)
    return out


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
    return full, OffsetMap(lettered, full)
