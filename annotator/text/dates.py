"""Article dates from header lines: ``دوشنبه 26 آبان 1404 - 14:19`` and its variants.

Persian or Latin digits, Arabic or Persian letters, weekday names with or without ZWNJ and
bidi marks are all read; the result is an aware timestamp in Asia/Tehran.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import jdatetime

TEHRAN = ZoneInfo("Asia/Tehran")

MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
          "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "\u200c": " ",
                          "\u200e": None, "\u200f": None, "\u061c": None, "\u202a": None,
                          "\u202b": None, "\u202c": None, "\u202d": None, "\u202e": None,
                          "\u2066": None, "\u2067": None, "\u2068": None, "\u2069": None,
                          "\xa0": " ", "ـ": None})
_TIME = r"(?:\s*[-–—،,|]?\s*(?:ساعت\s*)?(\d{1,2})\s*:\s*(\d{2}))?"
_WORDS = re.compile(
    r"(?<!\d)(\d{1,2})\s+(" + "|".join(MONTHS) + r")(?:\s+ماه)?\s*(?:سال\s*)?(\d{4})(?!\d)" + _TIME
)
_NUMERIC = re.compile(
    r"(?<!\d)(1[2-4]\d\d)\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?!\d)" + _TIME
)


def clean(text: str) -> str:
    """Latin digits, Persian letters, no bidi marks: the form the patterns read."""
    return text.translate(_DIGITS).translate(_LETTERS)


def parse_date(text: str) -> dt.datetime | None:
    """The first Jalali date (and time, when given) in ``text``, as an aware timestamp."""
    text = clean(text)
    for pattern, month_of in ((_WORDS, lambda m: MONTHS.index(m) + 1), (_NUMERIC, int)):
        for match in pattern.finditer(text):
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


def jalali(when: dt.datetime) -> str:
    """``1404-08-26 14:19`` in Tehran time."""
    local = when.astimezone(TEHRAN) if when.tzinfo else when
    j = jdatetime.datetime.fromgregorian(datetime=local.replace(tzinfo=None))
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d} {j.hour:02d}:{j.minute:02d}"


def jalali_display(when: dt.datetime, persian_digits: bool = True) -> str:
    """``۲۶ آبان ۱۴۰۴`` for the document list."""
    local = when.astimezone(TEHRAN) if when.tzinfo else when
    j = jdatetime.datetime.fromgregorian(datetime=local.replace(tzinfo=None))
    shown = f"{j.day} {MONTHS[j.month - 1]} {j.year}"
    return shown.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) if persian_digits else shown
