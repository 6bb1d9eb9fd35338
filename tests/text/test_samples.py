"""The bundled sample articles (the window's first start) read as articles should."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from annotator.text.dates import jalali, parse_date
from annotator.text.normalize import normalize
from annotator.text.tokenize import tokenize

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"

# file -> the date its header gives, in Jalali (Tehran time)
EXPECTED = {
    "000_d61598acf822a000.txt": "1404-08-26 14:19",
    "001_irna_water_conference_mashhad.txt": "1404-03-18 09:30",
    "002_isna_rescue_robots_eindhoven.txt": "1404-07-10 16:45",
    "003_tasnim_snow_ardabil_gilan.txt": "1404-10-02 11:05",
    "004_hamshahri_tehran_metro_line7.txt": "1404-04-07 20:15",
    "005_fars_tehran_book_fair.txt": "1404-02-10 13:20",
}


def read(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def test_the_samples_are_the_ones_listed() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.txt")) == sorted(EXPECTED)
    listed = read("README.md")
    for name in EXPECTED:
        assert f"`{name}`" in listed


def test_the_seed_article_is_kept_as_received() -> None:
    data = (SAMPLES / "000_d61598acf822a000.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == (
        "cec0e1e25fa14aa28b29222a47174042aa573f0acadb3f3923504746e4a73518"
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_has_a_title_and_a_dated_header(name: str) -> None:
    lines = read(name).split("\n")
    title, blank, header = lines[0], lines[1], lines[2]
    assert title.strip() and not blank.strip()
    when = parse_date(header)
    assert when is not None
    assert jalali(when) == EXPECTED[name]
    assert when.utcoffset() is not None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_normalises_and_tokenizes(name: str) -> None:
    text = read(name)
    assert "\r" not in text and "\ufeff" not in text
    normalised, _ = normalize(text, "full")
    tokens, sentences = tokenize(normalised)
    assert len(tokens) // 2 > 150
    assert len(sentences) >= 8


def test_the_written_samples_cover_what_the_importer_must_handle() -> None:
    written = [read(name) for name in sorted(EXPECTED)[1:]]
    everything = "".join(written)
    headers = [text.split("\n")[2] for text in written]
    assert "\u200c" in everything  # ZWNJ words
    assert "ي" in everything and "ك" in everything  # Arabic yeh and kaf
    assert "«" in everything and "»" in everything
    assert "۱۲٫۵ درصد" in everything
    assert any(ch in "۰۱۲۳۴۵۶۷۸۹" for ch in headers[0])  # Persian digits in a header
    assert any("1404" in header for header in headers)  # and Latin ones
    assert any("یکشنبه" in h or "پنجشنبه" in h for h in headers)  # weekday without ZWNJ
    for latin in ("UNESCO", "Reuters"):
        assert latin in everything
    assert "آنتونیو گوترش" in everything
