"""Plain-text articles and the decoding every reader shares."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.base import NotAnArticle, Record
from annotator.formats.source import decode_text, read_lines
from annotator.formats.text_file import read_text_article
from annotator.text.dates import TEHRAN

ARTICLE = (
    "دیدار عراقچی با وزیر خارجه پاکستان در تهران\n"
    "\n"
    "خبرگزاری مهر دوشنبه ۲۶ آبان ۱۴۰۴ - ۱۴:۱۹\n"
    "وزیر امور خارجه ایران امروز با همتای پاکستانی خود دیدار و گفت‌وگو کرد.\n"
)
# windows-1256 has no Persian ی or digits: old files carry the Arabic ي and Latin digits.
ARTICLE_1256 = (
    "ديدار عراقچي با وزير خارجه پاكستان\r\n"
    "ايرنا 26 آبان 1404\r\n"
    "وزير امور خارجه ايران امروز با همتاي پاكستاني خود گفت‌وگو كرد.\r\n"
)


def read_one(path: Path) -> Record:
    records = list(read_text_article(path))
    assert len(records) == 1
    return records[0]


def test_an_article_keeps_its_whole_text_with_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "mehr-1404-08-26-01.txt"
    path.write_text(ARTICLE, "utf-8")
    record = read_one(path)
    assert record.text == ARTICLE
    assert record.title == "دیدار عراقچی با وزیر خارجه پاکستان در تهران"
    assert record.key == "mehr-1404-08-26-01"
    assert not record.key_given
    assert record.date == dt.datetime(2025, 11, 17, 14, 19, tzinfo=TEHRAN)
    assert record.path == str(path)
    assert record.meta == {"source": "خبرگزاری مهر"}  # the header's words before the weekday
    assert record.spans == []
    assert record.tokens is None


def test_line_ends_become_lf_and_a_bom_goes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + ARTICLE.replace("\n", "\r\n").encode())
    assert read_one(path).text == ARTICLE
    path.write_bytes(ARTICLE.replace("\n", "\r").encode())
    assert read_one(path).text == ARTICLE


def test_utf16_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))  # with a BOM
    assert read_one(path).text == ARTICLE


def test_windows_1256_persian_decodes_correctly(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(ARTICLE_1256.encode("cp1256"))
    record = read_one(path)
    assert record.text == ARTICLE_1256.replace("\r\n", "\n")
    assert "پاكستان" in record.text
    assert "گفت\u200cوگو" in record.text  # ZWNJ survives (0x9D in windows-1256)
    assert record.date == dt.datetime(2025, 11, 17, tzinfo=TEHRAN)
    assert record.meta == {"source": "ايرنا"}


def test_a_date_in_the_body_is_not_the_articles(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    body = "این گزارش درباره رویدادهای ۲۶ آبان ۱۴۰۳ است و ادامه دارد. " * 5
    path.write_text(f"عنوان\n{body}\n", "utf-8")
    assert read_one(path).date is None


def test_a_header_without_a_name_before_the_date_gives_no_source(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("عنوان\nکد خبر: ۱۲۳۴ | سه‌شنبه ۲ دی ۱۴۰۴\nمتن.\n", "utf-8")
    record = read_one(path)
    assert record.date == dt.datetime(2025, 12, 23, tzinfo=TEHRAN)
    assert record.meta == {}


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"\xff\xfe\xfa", "byte 0xFF at offset 0"),
        ("café olé résumé".encode("latin-1"), "byte 0xE9 at offset 3"),
        (codecs.BOM_UTF8 + b"abc \xe9t\xe9", "byte 0xE9 at offset 7"),
        ("Привет, мир! Это статья.".encode("cp1251"), "byte 0xCF at offset 0"),
    ],
)
def test_undecodable_bytes_are_refused_without_mojibake(
    tmp_path: Path, data: bytes, where: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=re.escape(f"{path}: not UTF-8 text ({where})")) as info:
        list(read_text_article(path))
    assert info.value.message.endswith("; save it as UTF-8")
    assert not isinstance(info.value, NotAnArticle)


def test_binary_data_is_not_a_text_article(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(NotAnArticle, match=re.escape(f"{path}: not a text article")):
        list(read_text_article(path))


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t", codecs.BOM_UTF8 + b"\n"])
def test_an_empty_file_is_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=f"^{re.escape(str(path))}: empty file$"):
        list(read_text_article(path))


def test_data_files_are_utf8_only(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    assert decode_text(path, codecs.BOM_UTF8 + "سلام".encode(), utf8_only=True) == "سلام"
    with pytest.raises(InputError, match="not UTF-8 text"):
        decode_text(path, ARTICLE_1256.encode("cp1256"), utf8_only=True)
    with pytest.raises(InputError, match="not UTF-8 text"):
        decode_text(path, ARTICLE.encode("utf-16"), utf8_only=True)


def test_lines_name_the_line_and_file_offset_of_a_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.conll"
    path.write_bytes(codecs.BOM_UTF8 + "سلام\tO\r\n".encode() + b"caf\xe9\tO\n")
    lines = read_lines(path)
    assert next(lines) == (1, "سلام\tO")
    with pytest.raises(
        InputError, match=re.escape(f"{path}, line 2: not UTF-8 text (byte 0xE9 at offset 18)")
    ):
        next(lines)
