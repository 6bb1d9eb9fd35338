"""An independent consumer: conlleval's chunk rules (start/end of chunk), ported as written.

Used by the tests to check that what we write is read as the same entities by the scoring
script everyone uses, not only by our own reader.
"""

from __future__ import annotations


def _split(tag: str) -> tuple[str, str]:
    if tag == "O":
        return "O", ""
    prefix, _, label = tag.partition("-")
    return prefix, label


def _end_of_chunk(prev_tag: str, tag: str, prev_type: str, type_: str) -> bool:
    return (
        (prev_tag == "E") or (prev_tag == "S")
        or (prev_tag == "B" and tag in ("B", "S", "O"))
        or (prev_tag == "I" and tag in ("B", "S", "O"))
        or (prev_tag != "O" and prev_tag != "." and prev_type != type_)
    )


def _start_of_chunk(prev_tag: str, tag: str, prev_type: str, type_: str) -> bool:
    return (
        tag in ("B", "S")
        or (prev_tag == "E" and tag in ("E", "I"))
        or (prev_tag == "S" and tag in ("E", "I"))
        or (prev_tag == "O" and tag in ("E", "I"))
        or (tag != "O" and tag != "." and prev_type != type_)
    )


def chunks(tags: list[str]) -> list[tuple[str, int, int]]:
    """``(label, first, last_exclusive)`` for each entity in a tag sequence."""
    out: list[tuple[str, int, int]] = []
    prev_tag, prev_type, start = "O", "", None
    for i, full in enumerate([*tags, "O"]):
        tag, type_ = _split(full)
        if start is not None and _end_of_chunk(prev_tag, tag, prev_type, type_):
            out.append((prev_type, start, i))
            start = None
        if _start_of_chunk(prev_tag, tag, prev_type, type_):
            start = i
        prev_tag, prev_type = tag, type_
    return out


def sentences(text: str) -> list[list[tuple[str, str]]]:
    """A CoNLL file's sentences as (token, tag) pairs, as conlleval reads them: a blank line
    ends a sentence, ``-DOCSTART-`` lines are left out."""
    out, current = [], []
    for line in text.splitlines():
        if not line.strip():
            if current:
                out.append(current)
            current = []
            continue
        token, tag = line.split("\t")
        if token != "-DOCSTART-":
            current.append((token, tag))
    if current:
        out.append(current)
    return out
