"""What a text search looks for, and where it is found in a document: blind to the Persian
fold (:mod:`annotator.text.fold`: ي/ی, ك/ک, kashida, diacritics, hamza and madda, digits,
and a ZWNJ or white space between the parts of a word as one space).

A document is searched as its **words**: its text folded, cut at everything that is not a
letter or digit (white space, ZWNJ, punctuation). A query is a **phrase**: its words, in that
order, one right after the other (punctuation between them in the text does not matter); the
last word is the beginning of a word once it has two characters or more (``عراق`` finds
«عراقچی»), so a search can be typed as it grows. So «وزیر امور خارجه» finds «وزير امورِ
خارجه», «خبرگزاری‌مهر» finds «خبرگزاری مهر», but «میرود» does not find «می‌رود» (a ZWNJ
separates words, as a space does).

The databases index the words (:mod:`annotator.storage.search`); :func:`matches` finds the
phrase in a document's text itself, for the lines shown with a result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.text.fold import fold, fold_with_offsets, fold_words

WORD = re.compile(r"[^\W_]+")
_JOINS = re.compile(r"[\s\u200c]+")
# A word of one character is a whole word: as the beginning of a word it would stand for
# most of the index.
PREFIX_MIN = 2


def folded_words(text: str) -> list[str]:
    """The words of ``text`` as the index holds them: folded, in order."""
    return WORD.findall(" ".join(fold_words(_JOINS.split(text))))


@dataclass(frozen=True, slots=True)
class Phrase:
    """A query: ``words`` in a row, the last one the beginning of a word when ``prefix``."""

    words: tuple[str, ...]
    prefix: bool

    @property
    def pattern(self) -> re.Pattern[str]:
        """The phrase in folded text."""
        body = r"[\W_]+".join(re.escape(w) for w in self.words)
        end = "" if self.prefix else r"(?![^\W_])"
        return re.compile(r"(?<![^\W_])" + body + end)

    def __str__(self) -> str:
        return " ".join(self.words) + ("…" if self.prefix else "")


def phrase(query: str) -> Phrase | None:
    """The phrase a query asks for; None when it has no word (only punctuation)."""
    words = tuple(WORD.findall(fold(query.strip())))
    if not words:
        return None
    return Phrase(words, len(words[-1]) >= PREFIX_MIN)


def holds(found: Phrase, text: str) -> bool:
    """Whether ``text`` holds the phrase."""
    return found.pattern.search(fold(text)) is not None


@dataclass(frozen=True, slots=True)
class Line:
    """A line of a document that holds the phrase: its number (from 1), where it starts in
    the text, its text, and where the phrase is in it (offsets in the document's text)."""

    number: int
    start: int
    text: str
    matches: tuple[tuple[int, int], ...]


def lines(text: str) -> Iterator[tuple[int, int, str]]:
    """``(number, start, line)`` for every line of ``text`` (``\\n`` ends a line)."""
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        yield number, start, line
        start += len(line) + 1


def matches(found: Phrase, text: str) -> list[Line]:
    """The lines of ``text`` that hold the phrase, with where it is in each (a phrase is found
    within a line: one that runs over a line break is the line it starts in)."""
    pattern = found.pattern
    if pattern.search(fold(text)) is None:
        return []
    hits: list[Line] = []
    for number, start, line in lines(text):
        if pattern.search(fold(line)) is None:
            continue
        folded = fold_with_offsets(line)
        spans = tuple((start + a, start + b) for a, b in (
            folded.original(m.start(), m.end()) for m in pattern.finditer(folded.text)))
        if spans:
            hits.append(Line(number, start, line, spans))
    if not hits:  # the phrase runs over line breaks: the lines it starts in
        folded = fold_with_offsets(text)
        found_in: dict[int, Line] = {}
        for m in pattern.finditer(folded.text):
            a, b = folded.original(m.start(), m.end())
            number = text.count("\n", 0, a) + 1
            begin = text.rfind("\n", 0, a) + 1
            end = text.find("\n", a)
            line = text[begin:] if end < 0 else text[begin:end]
            seen = found_in.get(number)
            found_in[number] = Line(number, begin, line,
                                    (*(seen.matches if seen else ()), (a, b)))
        hits = list(found_in.values())
    return hits
