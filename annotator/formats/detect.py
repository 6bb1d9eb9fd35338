"""Which reader reads a file, and the files a folder holds.

By extension, with a look at the content where the extension is ambiguous: ``.txt`` is an
article unless its lines are ``TOKEN<TAB>TAG``, ``TOKEN TAG`` or ``TOKEN|TAG`` (CoNLL) or an
``.ann`` lies beside it (brat);
``.json`` is an array of Label Studio tasks or of JSONL-style objects
(:func:`annotator.formats.jsonl.read_json` reads both).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.base import NotAnArticle, Reader, Record
from annotator.formats.brat import ANN_SUFFIX, BRAT_CONFIG, read_brat
from annotator.formats.conll import DOCSTART, is_tag, read_conll, split_columns
from annotator.formats.jsonl import read_json, read_jsonl
from annotator.formats.labelstudio import read_labelstudio
from annotator.formats.text_file import read_text_article

__all__ = [
    "AUTO",
    "FORMATS",
    "NotAnArticle",
    "iter_files",
    "looks_like_conll",
    "read_records",
    "reader_for",
]

# The formats a user can name (``--format``); "auto" chooses by extension and content.
FORMATS: dict[str, Reader] = {
    "txt": read_text_article,
    "jsonl": read_jsonl,
    "conll": read_conll,
    "labelstudio": read_labelstudio,
    "brat": read_brat,
}
AUTO = "auto"
_BY_SUFFIX: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".conll": read_conll,
    ".conll03": read_conll,
    ".tsv": read_conll,
    ".bio": read_conll,
    ".iob": read_conll,
    ".iob2": read_conll,
    ".bioes": read_conll,
    ANN_SUFFIX: read_brat,
}
_HINTS = {
    ".docx": "a Word document; save it as plain text (UTF-8)",
    ".doc": "a Word document; save it as plain text (UTF-8)",
    ".odt": "an OpenDocument file; save it as plain text (UTF-8)",
    ".rtf": "rich text; save it as plain text (UTF-8)",
    ".pdf": "a PDF; save its text as plain text (UTF-8)",
    ".html": "a web page; save its text as plain text (UTF-8)",
    ".htm": "a web page; save its text as plain text (UTF-8)",
}
_SNIFF_BYTES = 8192
_SNIFF_LINES = 20


def reader_for(path: Path, fmt: str = AUTO) -> Reader:
    """The reader for ``path``: the named format, or with "auto" the one the file looks like.

    Raises NotAnArticle for a file in no supported format.
    """
    if fmt != AUTO:
        try:
            return FORMATS[fmt]
        except KeyError:
            names = ", ".join([AUTO, *FORMATS])
            raise InputError(f"unknown format {fmt!r} (use one of {names})") from None
    suffix = path.suffix.lower()
    if path.name in BRAT_CONFIG:
        return read_brat
    if suffix == ".txt":
        if path.with_suffix(ANN_SUFFIX).is_file():
            return read_brat
        return read_conll if looks_like_conll(path) else read_text_article
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix in _HINTS:
        raise NotAnArticle(f"not an article file ({_HINTS[suffix]})", path=str(path))
    raise NotAnArticle(f"unknown format (use --format {'|'.join(FORMATS)})", path=str(path))


def read_records(path: Path, fmt: str = AUTO) -> Iterator[Record]:
    """Shorthand: the records of ``path`` read by :func:`reader_for`."""
    return reader_for(path, fmt)(path)


def looks_like_conll(path: Path) -> bool:
    """Whether the file's first lines are all CoNLL lines ending in a tag (or ``-DOCSTART-``),
    in any of the column layouts :func:`annotator.formats.conll.split_columns` reads."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return False
    lines = head.decode("utf-8", errors="replace").splitlines()
    if len(head) == _SNIFF_BYTES:
        lines = lines[:-1]  # the last one may be cut short
    lines = [line for line in lines if line.strip()][:_SNIFF_LINES]
    return bool(lines) and all(_is_conll_line(line) for line in lines)


def _is_conll_line(line: str) -> bool:
    columns = split_columns(line)
    if not columns:
        return False
    if columns[0].lstrip("\ufeff") == DOCSTART:
        return True
    return len(columns) >= 2 and is_tag(columns[-1])


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, with folders expanded recursively in sorted order.

    Hidden files and folders (``.name``) inside a folder are skipped; a file named
    explicitly is always yielded. A path that does not exist is an InputError.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            raise InputError("no such file or folder", path=str(path))


def _walk(folder: Path) -> Iterator[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += (Path(root, name) for name in files if not name.startswith("."))
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)
