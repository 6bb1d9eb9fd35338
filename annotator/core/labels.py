"""The rules of a project's label list: what a label's name, key and colour may be, and how a
name given from outside (a file, ``--labels``, ``--label-map``) finds the project's label.

A name is what files carry (``B-ACTOR`` in CoNLL, ``"label": "ACTOR"`` in JSONL), so it must
survive them: letters, digits, ``_``, ``-`` and ``.``, starting with a letter or digit (no
white space, which splits CoNLL's columns, nor ``,`` ``=`` ``|`` which split ``--labels``,
``--label-map`` and PEYMA's columns); not ``O``, CoNLL's tag outside every span. Names are
unique in any case, and a name given from outside matches the project's label in any case
(CoNLL reading upper-cases ``B-pers``), the project's own spelling winning.

A key is one digit or Latin letter (kept upper-case), unique in the project, and not one the
window keeps for reviewing suggestions (N, A, X). A colour is ``#rrggbb`` (kept lower-case).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotator.core.errors import LabelError
from annotator.core.model import EXTRA_COLORS, Label

NAME_CHARS = re.compile(r"[^\W_][\w.\-]*")
MAX_NAME = 50
# Keys the window uses for review: N (next suggestion), A (accept), X (reject).
RESERVED_KEYS = frozenset("NAX")
KEY_CHARS = re.compile(r"[0-9A-Z]")
COLOUR = re.compile(r"#[0-9a-f]{6}")


def checked_name(name: str) -> str:
    """``name`` stripped, or LabelError saying what a name may be."""
    name = name.strip()
    if not name:
        raise LabelError("a label needs a name")
    if len(name) > MAX_NAME:
        raise LabelError(f"label name {name[:20]!r}... is longer than {MAX_NAME} characters")
    if not NAME_CHARS.fullmatch(name):
        raise LabelError(f"label name {name!r}: use letters, digits, _ - and . (starting with "
                         "a letter or digit), without spaces")
    if name.casefold() == "o":
        raise LabelError("label name 'O' is CoNLL's tag for words outside every span; "
                         "choose another")
    return name


def checked_key(key: str, labels: Iterable[Label] = (), own: str | None = None) -> str:
    """``key`` as kept (one upper-case digit or Latin letter; ``""`` for none), or LabelError.
    ``labels`` are the project's; ``own`` is the name of the label whose key this is (its own
    key is not a clash)."""
    key = key.strip().upper()
    if not key:
        return ""
    if not KEY_CHARS.fullmatch(key):
        raise LabelError(f"key {key!r}: give one digit or one Latin letter, like 4 or Q")
    if key in RESERVED_KEYS:
        raise LabelError(f"key {key!r} is the window's for reviewing suggestions (N next, "
                         "A accept, X reject); choose another")
    for label in labels:
        if label.key.upper() == key and label.name != own:
            raise LabelError(f"key {key!r} is already {label.name}'s")
    return key


def checked_colour(colour: str) -> str:
    """``colour`` as kept (``#rrggbb``, lower-case), or LabelError."""
    kept = colour.strip().lower()
    if not COLOUR.fullmatch(kept):
        raise LabelError(f"colour {colour.strip()!r}: give it as #rrggbb, like #e76f51")
    return kept


def next_colour(labels: Iterable[Label]) -> str:
    """A colour for a new label: the first of the extra colours no label has yet."""
    taken = {label.color.lower() for label in labels}
    for colour in EXTRA_COLORS:
        if colour not in taken:
            return colour
    return EXTRA_COLORS[len(taken) % len(EXTRA_COLORS)]


def find_label(name: str, labels: Iterable[Label]) -> Label | None:
    """The project's label ``name`` names: written as the project writes it, else in any case
    (when only one label matches so)."""
    listed = list(labels)
    for label in listed:
        if label.name == name:
            return label
    folded = [label for label in listed if label.name.casefold() == name.casefold()]
    return folded[0] if len(folded) == 1 else None
