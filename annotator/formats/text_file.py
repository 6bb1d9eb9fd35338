"""Plain-text articles, one per file: the first non-empty line is the title.

The stored text is the whole file (title included), with line ends turned into LF and a
byte order mark removed. The date comes from the header: the few short lines after the
title (``خبرگزاری مهر دوشنبه 26 آبان 1404 - 14:19``). The key is the file name's stem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from annotator.formats.base import Record
from annotator.formats.source import read_text
from annotator.text.dates import parse_date

HEADER_LINES = 3
# A longer line is the article's body, not its header; a date there is not the article's.
HEADER_LINE_MAX = 160
_LINE_ENDS = re.compile(r"\r\n?")


def read_text_article(path: Path) -> Iterator[Record]:
    """The one article of a text file."""
    text = _LINE_ENDS.sub("\n", read_text(path))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title, header = lines[0], lines[1 : 1 + HEADER_LINES]
    date = None
    for line in header:
        if len(line) > HEADER_LINE_MAX:
            break
        date = parse_date(line)
        if date is not None:
            break
    yield Record(text=text, path=str(path), key=path.stem, title=title, date=date)
