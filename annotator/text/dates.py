"""Article dates from header lines: ``دوشنبه 26 آبان 1404 - 14:19`` and its variants.

Persian or Latin digits, Arabic or Persian letters, weekday names with or without ZWNJ and
bidi marks are all read; the result is an aware timestamp in Asia/Tehran.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import jdatetime

TEHRAN = ZoneInfo("Asia/Tehran")

MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
          "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
# Persian or Latin digits (Python's \d and int() read both), Arabic or Persian letters, and
# bidi marks or ZWNJ between the parts: matched as they are, with no copy of the text.
_LETTER = {"ی": "[یيى]", "ک": "[کك]", "ه": "[هة]"}
_GAP = r"[\s\u200c-\u200f\u061c\u202a-\u202e\u2066-\u2069ـ]"
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ـ": None})
_TIME = (rf"(?:{_GAP}*[-–—،,|]?{_GAP}*(?:ساعت{_GAP}*)?(\d{{1,2}}){_GAP}*:{_GAP}*(\d{{2}}))?")
# Neither begins with "(?<!\d)": a match may not begin inside a number, but that is checked
# by _matches, which lets the regex engine skip ahead to the next digit.
_WORDS = re.compile(
    rf"(\d{{1,2}}){_GAP}+("
    + "|".join("ـ*".join(_LETTER.get(ch, ch) for ch in month) for month in MONTHS)
    + rf")(?:{_GAP}+ماه)?{_GAP}*(?:سال{_GAP}*)?(\d{{4}})(?!\d)" + _TIME
)
_NUMERIC = re.compile(
    r"([1۱١][2-4۲-۴٢-٤]\d\d)\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?!\d)" + _TIME
)


_CLEAN = str.maketrans({**{d: str(n % 10) for n, d in enumerate("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")},
                        "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "\u200c": " ", "\xa0": " ",
                        **dict.fromkeys("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                                        "\u2066\u2067\u2068\u2069ـ")})


def clean(text: str) -> str:
    """Latin digits, Persian letters, spaces for ZWNJ, no bidi marks or kashida."""
    return text.translate(_CLEAN)


def _month(name: str) -> int:
    return MONTHS.index(name.translate(_FOLD)) + 1


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``text`` that do not begin right after a digit."""
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start = match.start()
        if start and text[start - 1].isdecimal():
            pos = start + 1
            continue
        yield match
        pos = match.end()


def parse_date(text: str) -> dt.datetime | None:
    """The first Jalali date (and time, when given) in ``text``, as an aware timestamp."""
    for pattern, month_of in ((_WORDS, _month), (_NUMERIC, int)):
        for match in _matches(pattern, text):
            day_or_year, month, year_or_day, hour, minute = match.groups()
            if pattern is _WORDS:
                year, day = int(year_or_day), int(day_or_year)
            else:
                year, day = int(day_or_year), int(year_or_day)
            try:
                jalali = jdatetime.datetime(year, month_of(month), day,
                                            int(hour or 0), int(minute or 0))
            except ValueError:
                continue
            gregorian: dt.datetime = jalali.togregorian()
            return gregorian.replace(tzinfo=TEHRAN)
    return None


def jalali(when: dt.datetime, separator: str = "-") -> str:
    """``1404-08-26 14:19`` in Tehran time (``1404/08/26 14:19`` with ``separator="/"``)."""
    local = when.astimezone(TEHRAN) if when.tzinfo else when
    j = jdatetime.datetime.fromgregorian(datetime=local.replace(tzinfo=None))
    return (f"{j.year:04d}{separator}{j.month:02d}{separator}{j.day:02d} "
            f"{j.hour:02d}:{j.minute:02d}")


def jalali_display(when: dt.datetime, persian_digits: bool = True) -> str:
    """``۲۶ آبان ۱۴۰۴`` for the document list."""
    local = when.astimezone(TEHRAN) if when.tzinfo else when
    j = jdatetime.datetime.fromgregorian(datetime=local.replace(tzinfo=None))
    shown = f"{j.day} {MONTHS[j.month - 1]} {j.year}"
    return shown.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) if persian_digits else shown
