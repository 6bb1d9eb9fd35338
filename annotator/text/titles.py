"""A document's title made from a line of its text: short, and cut only between words."""

from __future__ import annotations

TITLE_MAX = 120  # characters, the ellipsis included: a headline, not a paragraph
ELLIPSIS = "…"
# Left off the end of a cut title, before the ellipsis: spaces and the marks between words.
_TRAILING = " \t,،;؛:-–—|/«("


def title_from(line: str, limit: int = TITLE_MAX) -> str:
    """``line`` (stripped) as a title: whole when it has at most ``limit`` characters, else its
    words that fit with an ellipsis after them (``…``), never part of a word.

    A first word longer than the limit (a URL) is cut where the limit falls. ZWNJ belongs to
    its word, so a title never ends inside «می‌گوید».
    """
    line = line.strip()
    if len(line) <= limit:
        return line
    room = limit - len(ELLIPSIS)
    head = line[:room]
    if not line[room].isspace():  # the cut falls inside a word: end before that word
        words = head.rsplit(None, 1)
        if len(words) == 2:
            head = words[0]
    return head.rstrip(_TRAILING) + ELLIPSIS
