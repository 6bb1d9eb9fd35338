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
from collections.abc import Callable
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
    tag: str  # same (a piece the normaliser kept letter for letter), equal, replace, delete
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
# What the normaliser writes one for another (quotes, ellipsis, decimal separator) is
# compared as one character.
_FOLDED = {"«": '"', "»": '"', "…": ".", "٫": "."}
_QUOTES = str.maketrans({"«": '"', "»": '"'})  # paired in context, maybe not on its own


@cache
def _dropped() -> frozenset[str]:
    """Marks the normaliser deletes inside words: diacritics, Quranic marks, kashida."""
    from hazm.constants import DIACRITICS_PATTERNS, SPECIAL_CHARS_PATTERNS

    marks = re.compile("|".join(p for p, _ in (*DIACRITICS_PATTERNS, *SPECIAL_CHARS_PATTERNS)))
    return frozenset(chr(c) for c in range(0x600, 0x10000) if marks.fullmatch(chr(c))) | {"ـ"}


class _Side:
    """One text as the alignment sees it: runs of one letter, without marks and spacing.

    ``units[u]`` holds the content indices (spacing left out) of the ``u``th run; a content
    index maps back to the text through ``pos``.
    """

    def __init__(self, text: str, pieces: list[str]) -> None:
        dropped = _dropped()
        self.pos = [m.start() for m in _CONTENT.finditer(text)]
        self.units: list[list[int]] = []
        self.unit_of: list[int] = []  # content index -> unit, -1 for a dropped mark
        self.skeletons: list[str] = []  # one string per piece, a character per unit
        self.ends: list[int] = []  # units up to the end of each piece
        i = 0
        for piece in pieces:
            # A run goes on across spacing: the normaliser joins ``عرصههای`` as ``عرصه‌های``
            # and ``خانه ها`` as ``خانه‌ها``; an edge inside a run is placed by its length.
            chars: list[str] = []
            for ch in _SPACING.sub("", piece):
                if ch in dropped:
                    self.unit_of.append(-1)
                else:
                    folded = _FOLDED.get(ch, ch)
                    if not chars or chars[-1] != folded:
                        chars.append(folded)
                        self.units.append([])
                    self.units[-1].append(i)
                    self.unit_of.append(len(self.units) - 1)
                i += 1
            self.skeletons.append("".join(chars))
            self.ends.append(len(self.units))


class OffsetMap:
    """Maps code point offsets of the original text onto the normalised text.

    Built the first time a span is mapped (most articles come without spans). Both texts are
    reduced to runs of letters without spacing, marks the normaliser deletes, and with quotes
    and ellipses folded; line by line, that usually leaves them equal, and then every word
    is known for certain. Where it does not, difflib aligns the rest, and a span found there
    must read as what the normaliser makes of the span's own text, or it is not carried.
    """

    def __init__(self, before: str | None = None, after: str | None = None,
                 again: Callable[[str], str] | None = None) -> None:
        # None (or equal texts) means identity. ``again`` is the normaliser.
        self._texts = None if before is None or after is None or before == after \
            else (before, after)
        self._again = again
        self._sides: tuple[_Side, _Side] | None = None
        self._blocks: list[_Block] = []
        self._starts: list[int] = []

    @property
    def identity(self) -> bool:
        return self._texts is None

    def _align(self, before: str, after: str) -> tuple[_Side, _Side]:
        old_lines, new_lines = before.split("\n"), after.split("\n")
        if len(old_lines) != len(new_lines):
            old_lines, new_lines = [before], [after]
        old, new = _Side(before, old_lines), _Side(after, new_lines)
        i = j = 0
        for a, b, i2, j2 in zip(old.skeletons, new.skeletons, old.ends, new.ends, strict=True):
            if a == b:
                self._blocks.append(_Block("same", i, i2, j, j2))
            else:
                matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
                self._blocks.extend(
                    _Block(tag, i + a1, i + a2, j + b1, j + b2)
                    for tag, a1, a2, b1, b2 in matcher.get_opcodes()
                )
            i, j = i2, j2
        # Blocks covering at least one original unit, in order.
        self._blocks = [b for b in self._blocks if b.i2 > b.i1]
        self._starts = [b.i1 for b in self._blocks]
        return old, new

    def _block(self, u: int) -> _Block:
        return self._blocks[bisect_right(self._starts, u) - 1]

    def _land(self, u: int, offset: int, first: bool) -> int:
        """The content index in the normalised text of member ``offset`` of old unit ``u``.

        ``first``: it is the span's first character (else its last). A run the normaliser
        shortened (``سلاااام``) is only entered or left at its ends.
        """
        assert self._sides is not None
        old, new = self._sides
        run = len(old.units[u])
        b = self._block(u)
        if b.tag in ("same", "equal") or (b.i2 - b.i1) == (b.j2 - b.j1):
            target = new.units[b.j1 + (u - b.i1)]
        elif b.tag == "replace" and u == (b.i1 if first else b.i2 - 1):
            target, run = new.units[b.j1 if first else b.j2 - 1], -1
        else:
            raise SpanNotCarried(
                f"its {'start' if first else 'end'} falls inside text the normaliser rewrote")
        if len(target) == run:
            return target[offset]
        if offset == (0 if first else len(old.units[u]) - 1):
            return target[0 if first else -1]
        raise SpanNotCarried("its edge falls inside a run of one character the normaliser "
                             "shortened")

    def span(self, start: int, end: int) -> tuple[int, int]:
        """New ``(start, end)`` for a span; raises SpanNotCarried when it cannot be exact."""
        if self._texts is None:
            return start, end
        before, after = self._texts
        if self._sides is None:
            self._sides = self._align(before, after)
        old, new = self._sides
        first, stop = bisect_left(old.pos, start), bisect_left(old.pos, end)
        kept = [k for k in range(first, stop) if old.unit_of[k] >= 0]
        # Units the normaliser deleted whole at the span's edges are left out of it.
        while kept and self._block(old.unit_of[kept[0]]).tag == "delete":
            kept = [k for k in kept if old.unit_of[k] != old.unit_of[kept[0]]]
        while kept and self._block(old.unit_of[kept[-1]]).tag == "delete":
            kept = [k for k in kept if old.unit_of[k] != old.unit_of[kept[-1]]]
        if not kept:
            raise SpanNotCarried("the normaliser removed all of its text")
        (a, z), units = (kept[0], kept[-1]), old.units
        ua, uz = old.unit_of[a], old.unit_of[z]
        ca = self._land(ua, units[ua].index(a), True)
        cz = self._land(uz, units[uz].index(z), False)
        if cz < ca:  # pragma: no cover - blocks are monotonic
            raise SpanNotCarried("the normaliser removed all of its text")
        # marks the normaliser kept after the last letter stay with it
        while cz + 1 < len(new.pos) and new.unit_of[cz + 1] < 0 \
                and new.pos[cz + 1] == new.pos[cz] + 1:
            cz += 1
        carried = new.pos[ca], new.pos[cz] + 1
        for k, n in ((start, carried[0]), (end, carried[1])):
            if _cuts_word(after, n) and not _cuts_word(before, k):
                raise SpanNotCarried("it would end up inside a longer word")
        certain = self._block(ua).tag == "same" and self._block(uz).tag == "same"
        if not certain and self._again is not None:
            # The alignment there is difflib's guess: it must have found just what the
            # normaliser makes of the span's own text (spacing and the quotes' shapes aside).
            expected = _SPACING.sub("", self._again(before[start:end])).translate(_QUOTES)
            if _SPACING.sub("", after[carried[0]:carried[1]]).translate(_QUOTES) != expected:
                raise SpanNotCarried("the normaliser rewrote it differently in its context")
        return carried


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch == "ـ" or unicodedata.category(ch).startswith("M")


def _cuts_word(text: str, k: int) -> bool:
    """Whether position ``k`` falls between two characters of one word."""
    return 0 < k < len(text) and _wordish(text[k - 1]) and _wordish(text[k])


def normalize(text: str, level: Level | str = Level.FULL) -> tuple[str, OffsetMap]:
    """The normalised text and the map that carries offsets of ``text`` into it."""
    level = Level(level)
    if level is Level.NONE:
        return text, OffsetMap()
    lettered = text.translate(letters_table())
    if level is Level.LETTERS:
        return lettered, OffsetMap()
    # The character table is one for one, so aligning after it loses nothing and matches more.
    again = _hazm_normalizer().normalize
    full = again(lettered)
    return full, OffsetMap(lettered, full, again)
