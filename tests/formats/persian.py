"""Hand-written Persian text for the reader tests, and offsets in both units."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# An emoji (two UTF-16 units) before every span, ZWNJ words, Arabic ي/ك and Latin words.
TEXT = (
    "😀 خبرگزاری مهر: دونالد ترامپ (Donald Trump) می‌گوید ایالات‌متحده "
    "با ايران و پاكستان در تهران مذاكره می‌کند."
)
WORDS = ("Donald Trump", "می‌گوید", "ایالات‌متحده", "ايران", "پاكستان", "تهران")


def cp(word: str, text: str = TEXT) -> tuple[int, int]:
    """Code point offsets of the first ``word`` in ``text``."""
    start = text.index(word)
    return start, start + len(word)


def utf16(word: str, text: str = TEXT) -> tuple[int, int]:
    """UTF-16 offsets of the first ``word`` in ``text`` (what browsers count)."""
    start, end = cp(word, text)
    return _units(text[:start]), _units(text[:end])


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def jsonl_file(path: Path, *objects: Any) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects), "utf-8")
    return path


def json_file(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1), "utf-8")
    return path
