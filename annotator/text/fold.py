"""One Persian fold: text reduced to what stays when writers' spelling varies.

Persian is written with Arabic ي/ى or Persian ی, Arabic ك or Persian ک, with or without
kashida (ســلام), diacritics (مُحَمَّد), hamza and madda (رئیس/رییس, آمریکا/امریکا), with
Persian, Arabic-Indic or Latin digits, and with a ZWNJ, a space or nothing between the parts
of a word (می‌رود, می رود, میرود). Folding both sides makes them compare equal. Every
comparison of text against text that should be blind to these uses this module: the string
matcher (:mod:`annotator.suggest.strings`) and full-text search.

What a character folds to (the same for both ways of treating joins below):

- Arabic presentation forms: their compatibility form (ﻙ → ک, ﻻ → لا);
- letters with hamza or madda: the letter without it, as their canonical decomposition
  reads (آ أ إ ٱ → ا, ؤ → و, ئ → ی, ۀ → ه);
- ي ى → ی, ك → ک, ة ە → ه;
- Persian and Arabic-Indic digits → ASCII digits, ٫ → ``.``, ٬ → ``,``;
- Latin, Greek and Cyrillic letters: lower case, Latin without accents (António → antonio);
- dropped: combining marks (harakat U+064B–U+065F, superscript alef U+0670, Quranic marks,
  Latin accents), kashida (U+0640), format characters (bidi marks and isolates, ZWJ, BOM,
  soft hyphen);
- white space of any kind and ZWNJ: see :class:`Joins`.

Nothing else changes: punctuation, other letters and emoji stay as they are.

Two ways of treating joins, for two uses:

- ``Joins.SPACE`` (search): a run of white space and ZWNJ becomes one space, so ``می‌رود``
  and ``می رود`` fold alike but ``میرود`` does not;
- ``Joins.NOTHING`` (string matcher): white space and ZWNJ are dropped, so all three fold to
  ``میرود``. The matcher compares whole tokens, which keeps this from matching across the
  middle of words.

The functions:

- :func:`fold` folds a text (one ``str.translate`` and, for ``SPACE``, one substitution);
  fold a query with it, stripped;
- :func:`fold_with_offsets` also says where each folded character came from, so that a match
  found in folded text is shown on the original (``Folded.original(start, end)``): search's
  matching lines;
- :func:`fold_in_place` folds one character for one (what the fold drops or joins becomes a
  space), so positions stay the text's: for scanning a whole document fast;
- :func:`fold_words` folds many short strings (a document's tokens) with joins as nothing,
  remembering the words it has seen.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

ZWNJ = "\u200c"
KASHIDA = "\u0640"


class Joins(StrEnum):
    """What white space and ZWNJ between the parts of a word fold to."""

    SPACE = "space"  # one space for a run of them: search
    NOTHING = "nothing"  # dropped: the string matcher


# Code points the tables cover: Latin, Greek and Cyrillic with the combining diacritics, the
# Arabic blocks, the general punctuation block (spaces, format marks), the Arabic
# presentation forms and the variation selectors and half marks between them.
_BLOCKS = (range(0x0000, 0x0530), range(0x0600, 0x0780), range(0x08A0, 0x0900),
           range(0x1680, 0x1681), range(0x2000, 0x2070), range(0x3000, 0x3001),
           range(0xFB50, 0xFE30), range(0xFE70, 0xFF00))
# Letters written one for another in Persian text (after decomposition).
_LETTERS = {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ە": "ه", "ہ": "ه", "ٱ": "ا",
            "٫": ".", "٬": ","}
_LETTERS.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits
_LETTERS.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits


def _fold_letter(ch: str) -> str:
    """What one character (not white space, not a dropped mark) folds to."""
    code = ord(ch)
    if 0xFB50 <= code < 0xFE00 or 0xFE70 <= code < 0xFF00:
        ch = unicodedata.normalize("NFKC", ch)
    out: list[str] = []
    for part in ch:
        for piece in unicodedata.normalize("NFD", part):
            if _dropped(piece) or piece.isspace():  # isolated harakat: ﹰ is " ً"
                continue
            letter = _LETTERS.get(piece, piece)
            lower = letter.lower()
            out.append(lower if len(lower) == 1 else letter)
    return "".join(out)


def _dropped(ch: str) -> bool:
    """A combining mark, kashida or a format character (ZWNJ aside): folds to nothing."""
    category = unicodedata.category(ch)
    return category == "Mn" or ch == KASHIDA or (category == "Cf" and ch != ZWNJ)


def _join(ch: str) -> bool:
    return ch == ZWNJ or ch.isspace()


# What each character is, for the fold with offsets.
_LETTER, _MARK, _JOIN = 0, 1, 2


@cache
def _tables() -> tuple[dict[int, str | None], dict[int, str | None], dict[int, int]]:
    """The translate tables for SPACE and NOTHING, and which characters are marks or joins.

    Characters a table does not name stay as they are (and are letters).
    """
    space: dict[int, str | None] = {}
    nothing: dict[int, str | None] = {}
    kinds: dict[int, int] = {}
    for block in _BLOCKS:
        for code in block:
            ch = chr(code)
            if _join(ch):
                space[code], nothing[code], kinds[code] = " ", None, _JOIN
            elif _dropped(ch):
                space[code] = nothing[code] = None
                kinds[code] = _MARK
            else:
                folded = _fold_letter(ch)
                if folded != ch:
                    space[code] = nothing[code] = folded or None
                    if not folded:
                        kinds[code] = _MARK
    return space, nothing, kinds


_SPACES = re.compile(" {2,}")


def fold(text: str, joins: Joins = Joins.SPACE) -> str:
    """``text`` folded (see the module's docstring). Leading and trailing white space is kept
    (as one space with ``SPACE``); strip a query before folding it."""
    space, nothing, _ = _tables()
    if joins is Joins.NOTHING:
        return text.translate(nothing)
    folded = text.translate(space)
    return _SPACES.sub(" ", folded) if "  " in folded else folded


def match_key(text: str) -> str:
    """How the string matcher and the frame suggestions match a text: folded, joins (and
    outer white space) as nothing."""
    return fold(text, Joins.NOTHING)


def folding_table(joins: Joins = Joins.NOTHING) -> dict[int, str | None]:
    """The ``str.translate`` table of :func:`fold`; with ``SPACE`` it does not merge runs of
    spaces."""
    space, nothing, _ = _tables()
    return nothing if joins is Joins.NOTHING else space


@cache
def _in_place() -> tuple[dict[int, str], re.Pattern[str], re.Pattern[str]]:
    """For :func:`fold_in_place`: its table, the characters it changes, and the characters
    whose fold is longer than one."""
    space, _, kinds = _tables()
    table: dict[int, str] = {}
    longer: list[str] = []
    for code, folded in space.items():
        if kinds.get(code) in (_MARK, _JOIN) or folded is None:
            table[code] = " "
        elif len(folded) == 1:
            table[code] = folded
        else:
            longer.append(chr(code))
    del table[ord(" ")]
    return table, _char_class(map(chr, table)), _char_class(longer)


def _char_class(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]")


def fold_in_place(text: str) -> str | None:
    """The fold one character for one, so that positions in it are the text's: what the fold
    drops (marks, kashida, format characters) and white space and ZWNJ become a space each.

    Removing the spaces gives ``fold(text, Joins.NOTHING)``; a search that skips spaces
    (an Aho-Corasick automaton's ``ignore_white_space``) finds folded text at the text's own
    positions. None when the text holds a character whose fold is longer than one (an
    Arabic presentation ligature such as ﻻ, which full normalisation at import removes).
    Each character that changes is replaced by one ``str.replace``: a text holds few
    distinct ones, and this is twenty times faster than ``str.translate`` on Persian text.
    """
    table, changes, longer = _in_place()
    if longer.search(text):
        return None
    for ch in set(changes.findall(text)):
        text = text.replace(ch, table[ord(ch)])
    return text


# Words folded with joins as nothing, by their text: a corpus repeats its words, and
# ``str.translate`` with a table costs about 0.2 µs a character.
_WORDS: dict[str, str] = {}
_WORDS_KEPT = 200_000


def fold_words(words: list[str]) -> list[str]:
    """``[fold(w, Joins.NOTHING) for w in words]``, remembering the words it has folded (a
    document's tokens: five times faster than folding them again)."""
    folded: list[str | None] = list(map(_WORDS.get, words))
    if None not in folded:
        return folded  # type: ignore[return-value]
    if len(_WORDS) > _WORDS_KEPT:
        _WORDS.clear()
    table = _tables()[1]
    for i, word in enumerate(words):
        if folded[i] is None:
            folded[i] = _WORDS[word] = word.translate(table)
    return folded  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text and, for each of its characters, the stretch of the original it came from.

    ``starts[i]..ends[i]`` is where folded character ``i`` came from: one character, with
    the marks, kashida and format characters right after it (they belong to it), or a whole
    run of white space and ZWNJ.
    A character that folds to two (ﻻ → لا) gives both the same stretch.
    """

    text: str
    starts: array[int]
    ends: array[int]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original stretch of folded ``start..end`` (end exclusive, ``start < end``)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"{start}..{end} is not a stretch of the folded text")
        return self.starts[start], self.ends[end - 1]


def fold_with_offsets(text: str, joins: Joins = Joins.SPACE) -> Folded:
    """``fold(text, joins)`` with where each folded character came from."""
    table = folding_table(joins)
    kinds = _tables()[2]
    out: list[str] = []
    starts: array[int] = array("I")
    ends: array[int] = array("I")
    for i, ch in enumerate(text):
        code = ord(ch)
        kind = kinds.get(code, _LETTER)
        if kind == _MARK:
            # a mark belongs to the character before it (to every piece of its fold)
            k = len(ends) - 1
            while k >= 0 and ends[k] == i:
                ends[k] = i + 1
                k -= 1
            continue
        if kind == _JOIN:
            if joins is Joins.NOTHING:
                continue
            if out and out[-1] == " " and ends[-1] == i:
                ends[-1] = i + 1
                continue
        folded = table.get(code, ch)
        if folded is None:  # pragma: no cover - every dropped character is a mark or a join
            continue
        for piece in folded:
            out.append(piece)
            starts.append(i)
            ends.append(i + 1)
    return Folded("".join(out), starts, ends)
