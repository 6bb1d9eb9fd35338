"""Plain-text articles, one per file: the first non-empty line is the title (cut at a word
when it is long).

The stored text is the whole file (title included), with line ends turned into LF and a
byte order mark removed. The date comes from the header: the few short lines after the
title (``خبرگزاری مهر دوشنبه 26 آبان 1404 - 14:19``); what comes before the weekday on the
date's line is the source (``خبرگزاری مهر``). The key is the file name's stem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.formats.base import Record
from annotator.formats.source import read_text
from annotator.text.dates import clean, parse_date
from annotator.text.titles import title_from

HEADER_LINES = 3
# A longer line is the article's body, not its header; a date there is not the article's.
HEADER_LINE_MAX = 160
SOURCE_MAX = 60
_LINE_ENDS = re.compile(r"\r\n?")
_WEEKDAYS = frozenset(("شنبه", "یکشنبه", "دوشنبه", "سهشنبه", "چهارشنبه", "پنجشنبه", "جمعه"))


def read_text_article(path: Path) -> Iterator[Record]:
    """The one article of a text file."""
    text = _LINE_ENDS.sub("\n", read_text(path))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title, header = title_from(lines[0]), lines[1 : 1 + HEADER_LINES]
    meta: dict[str, Any] = {}
    date = None
    for line in header:
        if len(line) > HEADER_LINE_MAX:
            break
        date = parse_date(line)
        if date is not None:
            if source := _source(line, date):
                meta["source"] = source
            break
    yield Record(text=text, path=str(path), key=path.stem, title=title, meta=meta, date=date)


def _source(line: str, date: dt.datetime) -> str | None:
    """The words before the date (and its weekday) on the header line: a name, no digits."""
    words = line.split()
    cut = 0  # the first word of the date: the words after it no longer give the same date
    while cut < len(words) and parse_date(" ".join(words[cut + 1 :])) == date:
        cut += 1
    kept = words[:cut]
    while kept and clean(kept[-1]).replace(" ", "") in _WEEKDAYS:
        kept.pop()
    source = " ".join(kept).strip(" -–—،,|:")
    if not source or len(source) > SOURCE_MAX or any(ch.isdigit() for ch in source):
        return None
    return source
