"""Tokens and sentences with code point offsets, fixed at import.

Tokens are hazm's WordTokenizer's (verb parts not joined): that tokenizer puts spaces around
the matches of its punctuation pattern and splits on spaces, tabs and line breaks, so every
token is a substring of the text. We run the same rule as one regular expression built from
hazm's own pattern: splitting the text by it gives separators and tokens in turn, whose
lengths add up to the offsets without searching for each token (the tests check that both
give the same tokens). Sentences end where hazm's SentenceTokenizer ends them (a run of
``. ! ? ؟`` followed by white space) and at every line break.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from itertools import accumulate

# Marks that are not part of a word at its edges: ZWNJ/ZWJ joining nothing, bidi controls.
EDGE_MARKS = frozenset(
    "\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff"
)
# hazm splits on space, tab and newline; we also split on the other line breaks.
_SEPARATORS = " \t\n\r\u2028\u2029"

# Every character that can start a match of hazm's pattern (its three alternatives:
# [؟!?]+, [\d.:]+ and one of :.،؛»])}"«[({/\) stops a word; anything else runs on.
_STOPS = r"؟!?\d.:،؛»\])}\"«\[({/\\" + _SEPARATORS
_MARKS = "".join(sorted(EDGE_MARKS))


Patterns = tuple[re.Pattern[str], re.Pattern[str]]
_PATTERNS: list[Patterns] = []  # built once, or handed over


def patterns() -> Patterns:
    """The token splitter and the sentence end, built from hazm's own patterns once.

    Loading hazm takes half a second; a worker process is handed these instead
    (:func:`use_patterns`) and never loads it.
    """
    if not _PATTERNS:
        _PATTERNS.append((_splitter(), _sentence_end()))
    return _PATTERNS[0]


def use_patterns(given: Patterns) -> None:
    _PATTERNS[:] = [given]


def _splitter() -> re.Pattern[str]:
    """Splits a text into separators and tokens in turn: ``[sep, token, sep, ..., sep]``.

    Words come first (they are most tokens); hazm's punctuation alternatives follow in its
    order. The two never start with the same character, so the order changes no token.
    """
    from hazm import WordTokenizer

    punctuation = WordTokenizer(join_verb_parts=False).pattern.pattern
    inner = punctuation[1:-1]  # hazm's pattern is one group: (a|b|c)
    if not (punctuation.startswith("(") and punctuation.endswith(")")
            and re.compile(inner).groups == 0):
        raise RuntimeError(f"hazm's word pattern has changed: {punctuation}")
    return re.compile(f"([^{_STOPS}]++|{inner})")


def _sentence_end() -> re.Pattern[str]:
    from hazm import SentenceTokenizer

    # hazm: r"([!.?⸮؟]+)[ \n]+" -- a sentence ends after the punctuation run. The lookahead
    # lets the regex engine skip to the characters that can begin either alternative.
    hazm = SentenceTokenizer().pattern.pattern
    return re.compile(f"(?=[!.?⸮؟\n\r\u2028\u2029])(?:{hazm}|[\n\r\u2028\u2029])")


# A mark at a token's edge: at either end of the text or beside a character that stops a
# word (not followed by a word character, or not preceded by one). A ZWNJ inside a word (the
# usual case) is not one. Beginning with the marks lets the engine skip to them.
_LOOSE_MARK = re.compile(f"[{_MARKS}](?:(?![^{_STOPS}])|(?<![^{_STOPS}][{_MARKS}]))")


def token_spans(text: str) -> array[int]:
    """Flat ``[start, end, ...]`` of the tokens, bidi marks and loose ZWNJ trimmed off."""
    bounds = array("I", accumulate(map(len, patterns()[0].split(text))))
    del bounds[-1:]  # the end of the separators after the last token
    if _LOOSE_MARK.search(text) is None:
        return bounds
    trimmed: array[int] = array("I")
    for i in range(0, len(bounds), 2):
        start, end = bounds[i], bounds[i + 1]
        while start < end and text[start] in EDGE_MARKS:
            start += 1
        while end > start and text[end - 1] in EDGE_MARKS:
            end -= 1
        if end > start:
            trimmed.append(start)
            trimmed.append(end)
    return trimmed


def tokenize(text: str) -> tuple[array[int], array[int]]:
    """``(tokens, sentences)``: flat token boundaries and the first token of each sentence."""
    tokens = token_spans(text)
    starts = tokens[0::2]
    firsts: array[int] = array("I", [0] if starts else [])
    for end in map(re.Match.end, patterns()[1].finditer(text)):
        first = bisect_left(starts, end)
        if first < len(starts) and first > firsts[-1]:
            firsts.append(first)
    return tokens, firsts
