"""Tokens and sentences with code point offsets, fixed at import.

hazm's WordTokenizer (verb parts not joined) returns substrings of the text, so each token's
offsets are recovered by finding it after the previous one. Sentences are split on line
breaks first, then by hazm's SentenceTokenizer inside each line.
"""

from __future__ import annotations

import re
from array import array
from functools import cache
from typing import Any

# Marks that are not part of a word at its edges: ZWNJ/ZWJ joining nothing, bidi controls.
_EDGE_MARKS = (
    "\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff"
)
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")


@cache
def _word_tokenizer() -> Any:
    from hazm import WordTokenizer

    return WordTokenizer(join_verb_parts=False)


@cache
def _sentence_tokenizer() -> Any:
    from hazm import SentenceTokenizer

    return SentenceTokenizer()


def _find_in_order(text: str, pieces: list[str], offset: int, out: array[int]) -> None:
    pos = 0
    for piece in pieces:
        at = text.find(piece, pos)
        if at < 0:  # hazm rewrote this piece; skip it rather than misplace it
            continue
        start, end = at, at + len(piece)
        pos = end
        while start < end and text[start] in _EDGE_MARKS:
            start += 1
        while end > start and text[end - 1] in _EDGE_MARKS:
            end -= 1
        if end > start:
            out.append(offset + start)
            out.append(offset + end)


def tokenize(text: str) -> tuple[array[int], array[int]]:
    """``(tokens, sentences)``: flat token boundaries and the first token of each sentence."""
    words = _word_tokenizer()
    sentences_of = _sentence_tokenizer()
    tokens: array[int] = array("I")
    firsts: array[int] = array("I")
    for line in _LINE.finditer(text):
        chunk = line.group()
        if not chunk.strip():
            continue
        bounds: array[int] = array("I")
        _find_in_order(chunk, sentences_of.tokenize(chunk), line.start(), bounds)
        for k in range(0, len(bounds), 2):
            s, e = bounds[k], bounds[k + 1]
            before = len(tokens)
            _find_in_order(text[s:e], words.tokenize(text[s:e]), s, tokens)
            if len(tokens) > before:
                firsts.append(before // 2)
    return tokens, firsts


def sentences_from_tokens(token_count: int, firsts: list[int]) -> array[int]:
    """Sentence starts for tokens that came with the input (CoNLL)."""
    return array("I", [f for f in firsts if 0 <= f < token_count] or [0])
