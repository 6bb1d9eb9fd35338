"""Code points (ours, Python's) against UTF-16 units (Qt's, Label Studio's, doccano's)."""

from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    """Converts positions in one text between code points and UTF-16 code units.

    Only characters outside the Basic Multilingual Plane (emoji, some CJK) take two units,
    so the map stores just their positions and converts in O(log n).
    """

    __slots__ = ("_astral", "_astral_units", "length", "length_utf16")

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character: its code point index plus those before it.
        self._astral_units = [cp + n for n, cp in enumerate(self._astral)]
        self.length = len(text)
        self.length_utf16 = len(text) + len(self._astral)

    @property
    def trivial(self) -> bool:
        return not self._astral

    def to_utf16(self, cp: int) -> int:
        return cp + bisect_right(self._astral, cp - 1)

    def to_codepoint(self, unit: int) -> int:
        """The code point at a UTF-16 position; a position inside a surrogate pair rounds down."""
        # Every astral character starting before ``unit`` took one extra unit; one whose
        # second half is at ``unit`` counts too, which rounds a split pair down.
        return unit - bisect_right(self._astral_units, unit - 1)

    def is_inside_pair(self, unit: int) -> bool:
        n = bisect_right(self._astral_units, unit - 1)
        return bool(n) and self._astral_units[n - 1] == unit - 1
