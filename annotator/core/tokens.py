"""Tokens and sentences of a document, stored compactly as arrays of boundaries.

``tokens`` is a flat sequence ``[s0, e0, s1, e1, ...]`` of code point offsets in text order;
``sentences`` holds the index of the first token of each sentence (the first is 0).
"""

from __future__ import annotations

import itertools
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence


def pack(values: Sequence[int]) -> bytes:
    """Bytes for the project file: unsigned 32-bit integers, little endian."""
    arr = array("I", values)
    if array("I", [1]).tobytes() != b"\x01\x00\x00\x00":  # pragma: no cover - big endian hosts
        arr.byteswap()
    return arr.tobytes()


def unpack(blob: bytes | None) -> array[int]:
    arr = array("I")
    if blob:
        arr.frombytes(blob)
        if array("I", [1]).tobytes() != b"\x01\x00\x00\x00":  # pragma: no cover
            arr.byteswap()
    return arr


class TokenIndex:
    """Looks up tokens by position: snapping selections outward, the token at the caret."""

    __slots__ = ("_ends", "_starts", "sentences")

    def __init__(self, tokens: Sequence[int], sentences: Sequence[int] = (0,)) -> None:
        self._starts = array("I", tokens[0::2])
        self._ends = array("I", tokens[1::2])
        self.sentences = array("I", sentences or (0,))

    def __len__(self) -> int:
        return len(self._starts)

    def token(self, i: int) -> tuple[int, int]:
        return self._starts[i], self._ends[i]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self._starts, self._ends, strict=True)

    def token_at(self, pos: int) -> int | None:
        """Index of the token containing ``pos`` or, at its end, the one just before it."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos <= self._ends[i]:
            return i
        return None

    def snap(self, start: int, end: int) -> tuple[int, int]:
        """Widen ``start..end`` outward to whole tokens; a stretch touching none stays as is.

        Whitespace and punctuation the selection dragged along at either edge are dropped
        when no token covers them.
        """
        first = bisect_right(self._ends, start)  # first token ending after start
        last = bisect_left(self._starts, end) - 1  # last token starting before end
        if first > last:
            return start, end
        return self._starts[first], self._ends[last]

    def tokens_in(self, start: int, end: int) -> range:
        """Indices of the tokens that overlap ``start..end``."""
        first = bisect_right(self._ends, start)
        last = bisect_left(self._starts, end)
        return range(first, max(first, last))

    def sentence_ranges(self) -> Iterator[range]:
        """Token index ranges, one per sentence."""
        bounds = [*self.sentences, len(self._starts)]
        for a, b in itertools.pairwise(bounds):
            if b > a:
                yield range(a, b)

    def sentence_of(self, token: int) -> int:
        return bisect_right(self.sentences, token) - 1


# A span as tokens: (first token, last token exclusive, label).
TokenRange = tuple[int, int, str]


def token_ranges(starts: Sequence[int], ends: Sequence[int],
                 spans: Iterable[tuple[int, int, str]]) -> tuple[list[TokenRange], int, int]:
    """The tokens each span is written on: ``(first, last_exclusive, label)`` token ranges.

    ``spans`` are ``(start, end, label)`` in text order. A span is put on the tokens it
    touches: one that does not fall on token boundaries is *widened* to them; one that touches
    no token, or that once widened would share a token with an earlier span, is *dropped*.
    Returns the ranges and how many spans were widened and dropped. CoNLL export and the
    agreement over tokens' tags both read spans as tokens this way.
    """
    ranges: list[TokenRange] = []
    taken = 0  # first token not yet used by an earlier span
    dropped = widened = 0
    for start, end, label in spans:
        first = bisect_right(ends, start)  # first token ending after the start
        stop = bisect_left(starts, end)  # tokens starting before the end
        if first >= stop or first < taken:
            dropped += 1
            continue
        if starts[first] != start or ends[stop - 1] != end:
            widened += 1
        ranges.append((first, stop, label))
        taken = stop
    return ranges, widened, dropped
