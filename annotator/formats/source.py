"""Bytes to text for every reader: decoding, lines and JSON values, with located errors.

Articles may come as UTF-8 (with or without a BOM), UTF-16 with a BOM, or windows-1256 when
the bytes are clearly Persian in that code page; data files (JSONL, JSON, CoNLL) are UTF-8
only. Nothing is ever decoded into mojibake: a file that is none of these is refused.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import string
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.formats.base import NotAnArticle

UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_NEUTRAL = frozenset(string.punctuation + string.digits + "\u200c")
# The share of Arabic-script letters bytes that are not UTF-8 need to be read as windows-1256.
_CP1256_ARABIC_SHARE = 0.6
_CP1256_MIN_LETTERS = 8


def decode_text(path: Path, data: bytes, *, utf8_only: bool = False) -> str:
    """The text of ``data`` read from ``path``, without a BOM; CR and CRLF are kept.

    With ``utf8_only`` (data files) only UTF-8 is read; otherwise (articles) UTF-16 with a BOM
    and windows-1256 Persian are read too. Raises InputError naming the file and the first
    byte that is not UTF-8, or NotAnArticle for binary data.
    """
    if not utf8_only:
        for bom, encoding in _UTF16_BOMS:
            if data.startswith(bom):
                text = _utf16(data[len(bom) :], encoding)
                if text is not None:
                    return text
                break  # not really UTF-16: report it as the bytes it is
        if b"\0" in data:
            raise NotAnArticle("not a text article (binary data)", path=str(path))
    skip = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as error:
        if not utf8_only:
            text = _cp1256(data)
            if text is not None:
                return text
        raise not_utf8(path, data[skip:], error, base=skip) from None


def not_utf8(
    path: Path, data: bytes, error: UnicodeDecodeError, *, base: int = 0, line: int | None = None
) -> InputError:
    """The error for bytes that are not UTF-8; ``base`` is the file offset of ``data``."""
    return InputError(
        f"not UTF-8 text (byte 0x{data[error.start]:02X} at offset {base + error.start}); "
        "save it as UTF-8",
        path=str(path),
        line=line,
    )


def _utf16(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    # Bytes that merely start like a UTF-16 BOM decode to unassigned or control characters.
    for ch in text:
        if unicodedata.category(ch) in ("Cn", "Co", "Cs") or (
            unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
        ):
            return None
    return text


def _cp1256(data: bytes) -> str | None:
    """windows-1256 text, only when it reads as Persian: mostly Arabic-script letters.

    Every byte means something in windows-1256, so the test is on the result: of the
    characters that are not spaces, digits, ASCII punctuation or ZWNJ, most must be letters
    of the Arabic block (random bytes give marks, symbols, Latin letters and controls too),
    and there must be words: a few letters and a space between them.
    """
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    counted = [ch for ch in text if not ch.isspace() and ch not in _NEUTRAL]
    arabic = sum(
        1 for ch in counted if "\u0600" <= ch <= "\u06ff" and unicodedata.category(ch)[0] == "L"
    )
    if arabic < max(_CP1256_MIN_LETTERS, _CP1256_ARABIC_SHARE * len(counted)):
        return None
    if not any(ch in text for ch in " \n\t"):
        return None
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v" for ch in text):
        return None
    return text


def read_text(path: Path, *, utf8_only: bool = False) -> str:
    """The whole file as text (see :func:`decode_text`); an empty file is an error."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise cannot_read(path, error) from None
    text = decode_text(path, data, utf8_only=utf8_only)
    if not text.strip():
        raise InputError("empty file", path=str(path))
    return text


def read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The lines of a UTF-8 file, numbered from 1, without their line ends, streamed.

    An empty file (nothing but whitespace) is an error, raised after its last line.
    """
    offset = 0
    blank = True
    try:
        with path.open("rb") as fh:
            for number, raw in enumerate(fh, start=1):
                skip = len(UTF8_BOM) if number == 1 and raw.startswith(UTF8_BOM) else 0
                data = raw[skip:].rstrip(b"\r\n")
                try:
                    line = data.decode("utf-8")
                except UnicodeDecodeError as error:
                    raise not_utf8(path, data, error, base=offset + skip, line=number) from None
                offset += len(raw)
                blank = blank and not line.strip()
                yield number, line
    except OSError as error:
        raise cannot_read(path, error) from None
    if blank:
        raise InputError("empty file", path=str(path))


def first_char(path: Path) -> str:
    """The first character of the file that is not whitespace or a BOM ("" if none is near)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as error:
        raise cannot_read(path, error) from None
    return head.removeprefix(UTF8_BOM).lstrip()[:1].decode("ascii", errors="replace")


def load_json(path: Path) -> Any:
    """The one JSON value a ``.json`` file holds."""
    text = read_text(path, utf8_only=True)
    try:
        value = _loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"not valid JSON ({error.msg}, column {error.colno})", path=str(path), line=error.lineno
        ) from None
    except RecursionError:
        raise InputError(TOO_DEEP, path=str(path)) from None
    except InputError as error:
        raise error.located(str(path)) from None
    try:
        return _no_lone_surrogates(text, value)
    except InputError as error:
        raise error.located(str(path)) from None


def json_records(path: Path) -> list[Any]:
    """The records of a ``.json`` file: the items of its array, or its one object."""
    value = load_json(path)
    records = value if isinstance(value, list) else [value]
    if not records:
        raise InputError("no records in the file (an empty array)", path=str(path))
    return records


def parse_json_line(line: str) -> Any:
    """One JSON value on one line; the error says what is wrong and at which column."""
    try:
        value = _loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg}, column {error.colno})") from None
    except RecursionError:
        raise InputError(TOO_DEEP) from None
    return _no_lone_surrogates(line, value)


TOO_DEEP = "not JSON an annotator reads: arrays or objects nested too deeply"
NOT_FINITE = "not valid JSON: NaN, Infinity and numbers too large for a float ({}) are not JSON"


def _not_finite(name: str) -> Any:
    raise InputError(NOT_FINITE.format(name))


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InputError(NOT_FINITE.format(text))
    return value


# One decoder for every line (json.loads with these options would build one per call).
_DECODER = json.JSONDecoder(parse_constant=_not_finite, parse_float=_finite_float)


def _loads(text: str) -> Any:
    """Strict JSON: NaN, Infinity and 1e999, which Python's json reads, are refused (they
    would be stored and then exported as JSON nobody else reads)."""
    return _DECODER.decode(text)

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _no_lone_surrogates(source: str, value: Any) -> Any:
    """``value``, unless a string in it holds half of a UTF-16 pair (``"\\ud800"`` written
    alone), which is not text and cannot be stored."""
    if _SURROGATE_ESCAPE.search(source) is None:
        return value
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            bad = next((ch for ch in item if "\ud800" <= ch <= "\udfff"), None)
            if bad is not None:
                raise InputError(
                    f"a string holds \\u{ord(bad):04x}, half of a UTF-16 surrogate pair "
                    "without its other half: not text")
        elif isinstance(item, dict):
            stack += item.keys()
            stack += item.values()
        elif isinstance(item, list):
            stack += item
    return value


def cannot_read(path: Path, error: OSError) -> InputError:
    return InputError(f"cannot read the file ({error.strerror or error})", path=str(path))
