"""brat standoff in: a folder of ``NAME.txt`` (the text) and ``NAME.ann`` (its annotations).

The ``.txt`` is the document (its key is the file name's stem); a ``.txt`` without an
``.ann`` is a document with no spans yet, an ``.ann`` without its ``.txt`` is an error, and
brat's configuration files are passed over. As brat reads them: UTF-8, line ends counted as
one character (CRLF and CR become LF), offsets in characters of the text (code points), a
byte order mark counted as the first of them (and then dropped from the document).

Lines of the ``.ann``:

- ``T1<TAB>LABEL START END<TAB>TEXT``: a span. Its text must be the text at its offsets (a
  line break or tab there may be written as a space, since a line cannot hold one).
  Discontinuous spans (``START END;START END``) are refused: a span is one stretch here.
- ``E1<TAB>TYPE:T3 Role:T1 Role2:T2``: an event; its trigger's type is its type (brat's rule;
  ``EVENT`` is accepted too), and that span becomes an EVENT span. Arguments must be spans.
- ``A``/``M`` (attributes), ``R`` (relations), ``N`` (normalizations), ``#`` (notes), ``*``
  (equivalences): nothing here holds them; they are counted and reported, not imported.

Labels, event types and roles are mapped at import (``--label-map``; see
:mod:`annotator.services.imported_events`). Every problem names the ``.ann`` and its line.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.events import TRIGGER_LABEL
from annotator.formats.base import NotAnArticle, RawArgument, RawEvent, RawSpan, Record
from annotator.formats.source import UTF8_BOM, cannot_read, decode_text

# brat's configuration files, found beside the documents of a collection.
BRAT_CONFIG = frozenset({"annotation.conf", "visual.conf", "tools.conf", "kb_shortcuts.conf"})
TEXT_SUFFIX, ANN_SUFFIX = ".txt", ".ann"
_SKIPPED = {"A": "attribute", "M": "attribute", "R": "relation", "N": "normalization",
            "#": "note", "*": "equivalence"}
_LINE_ENDS = re.compile(r"\r\n?")
_OFFSETS = re.compile(r"([0-9]+) ([0-9]+)")
_FLAT = str.maketrans("\n\r\t", "   ")


def flat(text: str) -> str:
    """``text`` with line breaks and tabs as spaces, as it can stand on one line of an
    ``.ann`` (the same length)."""
    return text.translate(_FLAT)


def read_brat(path: Path) -> Iterator[Record]:
    """The document of a ``.txt`` and the ``.ann`` beside it; nothing for an ``.ann`` (read
    with its text) or brat's configuration."""
    if path.name in BRAT_CONFIG:
        return
    suffix = path.suffix.lower()
    if suffix == ANN_SUFFIX:
        text_file = path.with_suffix(TEXT_SUFFIX)
        if not text_file.is_file():
            raise InputError(f"no text beside it ({text_file.name}): brat annotations are "
                             "read with their text", path=str(path))
        return
    if suffix != TEXT_SUFFIX:
        raise NotAnArticle("not part of a brat collection (NAME.txt beside NAME.ann)",
                           path=str(path))
    text, bom = _read_text(path)
    ann = path.with_suffix(ANN_SUFFIX)
    parsed = _Parsed(ann, "\ufeff" + text if bom else text)
    if ann.is_file():
        parsed.read()
    yield Record(text=text, path=str(path), key=path.stem, spans=parsed.spans(shift=int(bom)),
                 events=parsed.events, left_out=parsed.left_out())


def _read_text(path: Path) -> tuple[str, bool]:
    """The text as brat counts it (line ends as LF), without a byte order mark, and whether
    there was one."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise cannot_read(path, error) from None
    return _LINE_ENDS.sub("\n", decode_text(path, data, utf8_only=True)), \
        data.startswith(UTF8_BOM)


@dataclass
class _Span:
    name: str
    line: int
    start: int
    end: int
    label: str
    position: int  # among the T lines: its place in Record.spans


@dataclass
class _Parsed:
    """The lines of one ``.ann``, checked against ``text`` (as brat counts it)."""

    ann: Path
    text: str
    found: dict[str, _Span] = field(default_factory=dict)
    events: list[RawEvent] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def error(self, line: int, problem: str) -> InputError:
        return InputError(problem, path=str(self.ann), line=line)

    def read(self) -> None:
        try:
            data = self.ann.read_bytes()
        except OSError as error:
            raise cannot_read(self.ann, error) from None
        lines = _LINE_ENDS.sub("\n", decode_text(self.ann, data, utf8_only=True)).split("\n")
        pending: list[tuple[int, str, str]] = []
        seen: dict[str, int] = {}
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            name, tab, rest = line.partition("\t")
            if not tab or not name:
                raise self.error(number, f"«{line[:60]}» is not a brat annotation "
                                         "(ID<TAB>...)")
            kind = name[0]
            if name != "*":
                if name in seen:
                    raise self.error(number, f"{name} appears twice (first on line "
                                             f"{seen[name]})")
                seen[name] = number
            if kind == "T":
                self._span(number, name, rest)
            elif kind == "E":
                pending.append((number, name, rest))
            elif kind in _SKIPPED:
                self.skipped[_SKIPPED[kind]] += 1
            else:
                raise self.error(number, f"{name} is not a brat annotation id (T, E, R, A, M, "
                                         "N, # or *)")
        self._no_overlaps()
        for number, name, rest in pending:
            self._event(number, name, rest)

    def _span(self, line: int, name: str, rest: str) -> None:
        head, tab, quoted = rest.partition("\t")
        label, _, offsets = head.strip().partition(" ")
        if not label or not offsets.strip():
            raise self.error(line, f"{name}: not LABEL START END")
        if ";" in offsets:
            raise self.error(line, f"{name}: a discontinuous span ({offsets.strip()}); a span "
                                   "here is one stretch of text: give each stretch a T line")
        match = _OFFSETS.fullmatch(offsets.strip())
        if match is None:
            raise self.error(line, f"{name}: offsets «{offsets.strip()}» are not START END "
                                   "(two whole numbers)")
        start, end = int(match[1]), int(match[2])
        size = len(self.text)
        if end > size:
            raise self.error(line, f"{name}: offsets {start}..{end} are past the end of the "
                                   f"text ({size} characters in {self.ann.stem}.txt)")
        if start >= end:
            raise self.error(line, f"{name}: an empty span ({start}..{end})")
        there = self.text[start:end]
        if tab and not _same_text(quoted, there):
            raise self.error(line, f"{name} says «{quoted}» but the text at {start}..{end} is "
                                   f"«{there}»")
        self.found[name] = _Span(name, line, start, end, label, len(self.found))

    def _no_overlaps(self) -> None:
        ordered = sorted(self.found.values(), key=lambda s: (s.start, s.end))
        for before, after in itertools.pairwise(ordered):
            if after.start < before.end:
                raise self.error(after.line, f"{after.name} ({after.start}..{after.end}) "
                                             f"overlaps {before.name} ({before.start}.."
                                             f"{before.end}, line {before.line}): spans of a "
                                             "document may not overlap")

    def _target(self, line: int, event: str, reference: str, what: str) -> _Span:
        span = self.found.get(reference)
        if span is not None:
            return span
        if reference.startswith("E"):
            raise self.error(line, f"{event}: {what} {reference} is an event; arguments here "
                                   "are spans (T lines)")
        raise self.error(line, f"{event}: {what} {reference} is not in the file")

    def _event(self, line: int, name: str, rest: str) -> None:
        parts = rest.split("\t", 1)[0].split()
        kind, colon, trigger_name = parts[0].partition(":") if parts else ("", "", "")
        if not kind or not colon or not trigger_name:
            raise self.error(line, f"{name}: not TYPE:TRIGGER ROLE:ID ...")
        trigger = self._target(line, name, trigger_name, "the trigger")
        if trigger.label not in (kind, TRIGGER_LABEL):
            raise self.error(line, f"{name}: its trigger {trigger.name} is a {trigger.label} "
                                   f"span; brat gives a trigger its event's type ({kind})")
        arguments = []
        for part in parts[1:]:
            role, colon, reference = part.partition(":")
            if not role or not colon or not reference:
                raise self.error(line, f"{name}: argument «{part}» is not ROLE:ID")
            target = self._target(line, name, reference, f"the argument {role}")
            arguments.append(RawArgument(role, target.position))
        trigger.label = TRIGGER_LABEL
        self.events.append(RawEvent(trigger.position, kind, arguments, name=name,
                                    path=str(self.ann), line=line))

    def spans(self, shift: int) -> list[RawSpan]:
        """The spans in the order of their T lines, in offsets of the text without a byte
        order mark (``shift`` 1 when there was one)."""
        spans = []
        for span in self.found.values():
            start, end = max(span.start - shift, 0), span.end - shift
            if start >= end:
                raise self.error(span.line, f"{span.name} holds nothing but the byte order mark")
            spans.append(RawSpan(start, end, span.label))
        return spans

    def left_out(self) -> list[str]:
        if not self.skipped:
            return []
        kinds = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}"
                          for kind, n in sorted(self.skipped.items()))
        total = self.skipped.total()
        return [f"{self.ann}: {total} line{'s' if total > 1 else ''} not imported ({kinds}): "
                "the project has no place for them"]


def _same_text(quoted: str, there: str) -> bool:
    """Whether a T line's text is the text at its offsets: the same, with line breaks and tabs
    perhaps written as spaces, and perhaps whitespace after it (as brat allows)."""
    size = len(there)
    return flat(quoted[:size]) == flat(there) and not quoted[size:].strip()
