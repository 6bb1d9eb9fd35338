"""brat standoff out: one ``NAME.txt`` and ``NAME.ann`` per document, and an
``annotation.conf`` so that brat opens the folder as it is.

``NAME`` is the document's key made safe for file names (:func:`brat_name`). The ``.txt`` is
the text (line ends as LF, brat's way; offsets are moved to match when a text held CR). The
``.ann`` holds a T line per span in text order (``T1``, ``T2``, ...) and an E line per event
(``E1``, ... in their triggers' order). brat gives a trigger its event's type, so a trigger's
T line carries the event type (``T3<TAB>CONSULT 40 45<TAB>دیدار``) and other EVENT spans
``EVENT``; roles are written ``Actor``, ``Recipient``, ``Location``, a role's second span
numbered as brat does (``Actor2``). Reading the folder back gives the same spans and events.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.core.events import ROLE_LABELS, EventType, Role, numbered, span_key
from annotator.core.model import Document, Span
from annotator.formats.brat import ANN_SUFFIX, TEXT_SUFFIX, flat

ROLE_NAMES = {Role.ACTOR: "Actor", Role.RECIPIENT: "Recipient", Role.LOCATION: "Location"}
NAME_MAX = 100  # characters of a file name made from a key (Persian letters are 2 bytes)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_WINDOWS_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                            *(f"LPT{n}" for n in range(1, 10))})
_SPACES = re.compile(r"\s+")


@dataclass
class BratReport:
    documents: int = 0
    spans: int = 0
    events: int = 0
    events_left_out: int = 0  # their trigger was not written (a label filter)


def brat_name(key: str, taken: set[str]) -> str:
    """The file name (without suffix) for the document ``key``: the key with characters no
    file system takes (``/ \\ : * ? " < > |``, controls) as ``_``, no leading dot or space,
    at most ``NAME_MAX`` characters, not a reserved Windows name, and unique in the folder
    regardless of case (``-2``, ``-3`` added). ``taken`` holds the names given so far."""
    name = _UNSAFE.sub("_", key).strip().lstrip(".").rstrip(". ")[:NAME_MAX] or "document"
    if name.split(".")[0].upper() in _WINDOWS_NAMES:
        name = f"_{name}"
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate.casefold())
    return candidate


def brat_type(name: str) -> str:
    """A label or event type as a brat type: no spaces (they separate a line's fields)."""
    return _SPACES.sub("_", name.strip())


def _line_ends(text: str) -> tuple[str, Sequence[int]]:
    """The text with CRLF and CR as LF, and where each CRLF was (to move offsets after it)."""
    if "\r" not in text:
        return text, ()
    pairs = [m.start() for m in re.finditer("\r\n", text)]
    return re.sub("\r\n?", "\n", text), pairs


def ann_text(doc: Document, spans: Sequence[Span] | None = None,
             report: BratReport | None = None) -> tuple[str, str]:
    """The ``.txt`` and ``.ann`` of ``doc`` with ``spans`` (by default all of its spans)."""
    report = BratReport() if report is None else report
    text, pairs = _line_ends(doc.text)

    def at(offset: int) -> int:
        return offset - bisect_left(pairs, offset) if pairs else offset

    frames = numbered(doc.spans if spans is None else spans, doc.events)
    triggers = {span_key(e.trigger): e.type for _, e in frames.events}
    lines = []
    for span in frames.spans:
        start, end = at(span.start), at(span.end)
        kind = brat_type(triggers.get(span_key(span), span.label))
        lines.append(f"{frames.id_of(span)}\t{kind} {start} {end}\t{flat(text[start:end])}\n")
    for name, event in frames.events:
        seen: Counter[Role] = Counter()
        arguments = []
        for argument in event.arguments:
            seen[argument.role] += 1
            number = seen[argument.role]
            role = ROLE_NAMES[argument.role] + (str(number) if number > 1 else "")
            arguments.append(f" {role}:{frames.id_of(argument.span)}")
        lines.append(f"{name}\t{brat_type(event.type)}:{frames.id_of(event.trigger)}"
                     f"{''.join(arguments)}\n")
    report.documents += 1
    report.spans += len(frames.spans)
    report.events += len(frames.events)
    report.events_left_out += frames.events_left_out
    return text, "".join(lines)


def write_document(doc: Document, folder: Path, name: str, spans: Sequence[Span] | None = None,
                   report: BratReport | None = None) -> None:
    """Writes ``NAME.txt`` and ``NAME.ann`` of ``doc`` into ``folder``."""
    text, ann = ann_text(doc, spans, report)
    (folder / f"{name}{TEXT_SUFFIX}").write_text(text, encoding="utf-8", newline="\n")
    (folder / f"{name}{ANN_SUFFIX}").write_text(ann, encoding="utf-8", newline="\n")


def annotation_conf(labels: Iterable[str], types: Sequence[EventType]) -> str:
    """brat's ``annotation.conf`` for the project's labels and event types: entities, and
    events whose arguments are the roles."""
    arguments = ", ".join(f"{ROLE_NAMES[role]}*:{label}" for role, label in ROLE_LABELS.items())
    entities = "".join(f"{brat_type(label)}\n" for label in dict.fromkeys(labels))
    events = "".join(f"{brat_type(t.name)}\t{arguments}\n" for t in types)
    return (f"# The labels and event types of an annotator project, for brat.\n"
            f"[entities]\n{entities}\n[relations]\n\n[events]\n{events}\n[attributes]\n")
