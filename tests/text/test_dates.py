"""Article dates from header lines, as aware timestamps in Tehran time and in Jalali form."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from annotator.text.dates import TEHRAN, jalali, jalali_display, parse_date

Z = "\u200c"  # ZWNJ
SEED_HEADER = "خبرگزاری مهر دوشنبه 26 آبان 1404 - 14:19"
SEED = dt.datetime(2025, 11, 17, 14, 19, tzinfo=TEHRAN)


def test_the_seed_header() -> None:
    when = parse_date(SEED_HEADER)
    assert when == SEED
    assert when is not None
    assert when.isoformat() == "2025-11-17T14:19:00+03:30"
    assert jalali(when) == "1404-08-26 14:19"


def test_the_timestamp_is_aware_and_in_tehran() -> None:
    when = parse_date(SEED_HEADER)
    assert when is not None
    assert when.tzinfo is not None
    assert when.utcoffset() == dt.timedelta(hours=3, minutes=30)
    assert when.astimezone(dt.UTC) == dt.datetime(2025, 11, 17, 10, 49, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # weekdays written without ZWNJ, with it, or with a space
        ("خبرگزاری ایرنا یکشنبه 25 آبان 1404 - 09:30", "2025-11-16T09:30:00+03:30"),
        ("خبرگزاری ایسنا پنجشنبه 10 مهر 1404 - 16:45", "2025-10-02T16:45:00+03:30"),
        (f"یک{Z}شنبه 25 آبان 1404 - 09:30", "2025-11-16T09:30:00+03:30"),
        (f"پنج{Z}شنبه 10 مهر 1404 - 16:45", "2025-10-02T16:45:00+03:30"),
        ("پنج شنبه 10 مهر 1404 - 16:45", "2025-10-02T16:45:00+03:30"),
        # Persian and Arabic-Indic digits, in the date and in the time
        ("خبرگزاری تسنیم سه‌شنبه ۲ دی ۱۴۰۴ - ۱۱:۰۵", "2025-12-23T11:05:00+03:30"),
        ("٢٦ آبان ١٤٠٤ - ١٤:١٩", "2025-11-17T14:19:00+03:30"),
        ("26 آبان ۱۴۰۴ - 14:19", "2025-11-17T14:19:00+03:30"),
        # Arabic yeh and kaf in the agency and the month
        ("همشهري آنلاين شنبه 7 تير 1404 - 20:15", "2025-06-28T20:15:00+03:30"),
        ("دي 1404", None),  # a month and a year are not a date
        ("10 دي 1404", "2025-12-31T00:00:00+03:30"),
        # bidi marks and kashida around the parts
        ("\u200fدوشنبه\u200f \u200e26\u200e آبان \u200e1404\u200e - 14:19",
         "2025-11-17T14:19:00+03:30"),
        ("دوشنبه 26 آبـــان 1404 - 14:19", "2025-11-17T14:19:00+03:30"),
        # other shapes of header
        ("26 آبان ماه 1404 ساعت 14:19", "2025-11-17T14:19:00+03:30"),
        ("26 آبان 1404", "2025-11-17T00:00:00+03:30"),
        ("تاریخ انتشار: 1404/08/26 - 14:19", "2025-11-17T14:19:00+03:30"),
        ("۱۴۰۴/۰۸/۲۶", "2025-11-17T00:00:00+03:30"),
        ("1404-8-26", "2025-11-17T00:00:00+03:30"),
        # the first of the year and the leap day of a leap year
        ("1 فروردین 1404", "2025-03-21T00:00:00+03:30"),
        ("30 اسفند 1403", "2025-03-20T00:00:00+03:30"),
    ],
)
def test_header_variants(header: str, expected: str | None) -> None:
    when = parse_date(header)
    assert (when.isoformat() if when else None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "تقویت همکاریهای حزبی ایران و چین در حاشیه کنفرانس بینالمللی سوچی",
        "خبرگزاری مهر",
        "دوشنبه ساعت 14:19",
        "26 آبان",  # no year
        "بیش از 12 درصد در سال 1404",
        "کد 326 آبان 1404",  # 26 is the end of a number, not a day
        "شماره ۲۱۴۰۴/۰۸/۲۶",  # 1404/08/26 inside a longer number
    ],
)
def test_no_date_gives_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "32 مهر 1404",  # no month has 32 days
        "31 مهر 1404",  # the autumn months have 30
        "30 اسفند 1404",  # 1404 is not a leap year
        "1404/13/01",  # no thirteenth month
        "1404/08/00",
    ],
)
def test_an_invalid_date_gives_none(text: str) -> None:
    assert parse_date(text) is None


def test_a_valid_date_after_an_invalid_one_is_found() -> None:
    assert parse_date("32 مهر 1404 و سپس 26 آبان 1404 - 14:19") == SEED
    assert parse_date("کد 326 آبان 1404 و سپس 26 آبان 1404 - 14:19") == SEED


def test_jalali_is_in_tehran_time_whatever_the_zone() -> None:
    in_utc = SEED.astimezone(dt.UTC)
    in_la = SEED.astimezone(ZoneInfo("America/Los_Angeles"))
    assert jalali(in_utc) == jalali(in_la) == "1404-08-26 14:19"
    # 23:00 in Tehran on 26 Aban is already the next day in Jalali terms only in Tehran
    late = dt.datetime(2025, 11, 17, 20, 0, tzinfo=dt.UTC)
    assert jalali(late) == "1404-08-26 23:30"
    assert jalali(late + dt.timedelta(minutes=30)) == "1404-08-27 00:00"


def test_jalali_display() -> None:
    assert jalali_display(SEED) == "۲۶ آبان ۱۴۰۴"
    assert jalali_display(SEED, persian_digits=False) == "26 آبان 1404"
    assert jalali_display(dt.datetime(2025, 6, 28, 20, 15, tzinfo=TEHRAN)) == "۷ تیر ۱۴۰۴"
