"""Normalisation levels, and spans carried through ``full`` to the same words."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.text.normalize import Level, SpanNotCarried, letters_table, normalize

Z = "\u200c"  # ZWNJ
KASHIDA = "ـ"


# -- the three levels -------------------------------------------------------------------------


def test_none_is_the_identity() -> None:
    text = f"علي  و كتاب{Z}ها ١٢٣ ۱۲٫۵ 30%  ســلام مَدرسه 😀\n\n« Reuters »"
    out, offsets = normalize(text, "none")
    assert out == text
    assert offsets.identity
    assert offsets.span(3, 7) == (3, 7)


def test_letters_maps_one_for_one_and_keeps_the_length() -> None:
    text = f"علي و كتاب ي ك ى ١٢٣ 123 ۴۵۶ 50% مي{Z}گويد  ســلام مَدرسه 😀 ﻙ UNESCO"
    out, offsets = normalize(text, Level.LETTERS)
    assert len(out) == len(text)
    assert out == (f"علی و کتاب ی ک ی ۱۲۳ ۱۲۳ ۴۵۶ ۵۰٪ می{Z}گوید  ســلام مَدرسه 😀 ک UNESCO")
    assert offsets.identity
    # whatever it does not map stays as it is: spacing, kashida, diacritics, Latin, emoji
    for before, after in zip(text, out, strict=True):
        assert after == before or letters_table()[ord(before)] == after


def test_letters_keeps_the_no_break_space() -> None:
    assert normalize("الف\xa0ب", "letters")[0] == "الف\xa0ب"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("علي و كتاب", "علی و کتاب"),
        ("ســـلام  دنیـــا", "سلام دنیا"),
        ("مَدرسه مُحَمَّد", "مدرسه محمد"),
        ("کتاب ها را می خواهم", f"کتاب{Z}ها را می{Z}خواهم"),
        ("میخواهم بروم", f"می{Z}خواهم بروم"),
        ("علی ، رفت .", "علی، رفت."),
        ("« سلام »", "«سلام»"),
        ("سال ١٤٠٤ و 2025", "سال ۱۴۰۴ و ۲۰۲۵"),
    ],
)
def test_full_is_hazm_normalizer(text: str, expected: str) -> None:
    assert normalize(text, "full")[0] == expected


def test_full_is_the_default() -> None:
    assert normalize("علي  رفت")[0] == normalize("علي  رفت", "full")[0] == "علی رفت"


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="loud"):
        normalize("متن", "loud")


def test_full_unchanged_text_maps_as_identity() -> None:
    text = "ایران و چین"
    out, offsets = normalize(text, "full")
    assert out == text
    assert offsets.identity


# -- carrying spans through full normalisation (examples) --------------------------------------


def carried(text: str, word: str, nth: int = 0) -> str:
    """The normalised text of the span that covered the ``nth`` ``word`` of ``text``."""
    starts = [m.start() for m in re.finditer(re.escape(word), text)]
    start = starts[nth]
    out, offsets = normalize(text, "full")
    new_start, new_end = offsets.span(start, start + len(word))
    return out[new_start:new_end]


@pytest.mark.parametrize(
    ("text", "word", "nth", "expected"),
    [
        ("سفیر  چین در  تهران", "تهران", 0, "تهران"),
        ("گفت « ٪۳۰ » از", "٪۳۰", 0, "٪ ۳۰"),  # hazm moves a space to after ٪
        ("رشد 12.5 . سپس", "12.5", 0, "۱۲ ٫ ۵"),  # the period after it is not taken along
        ("مُحَمَّد   مَدرسه", "مَدرسه", 0, "مدرسه"),
        ("کِتاب ، کِتاب\tمَدرسه", "کِتاب", 1, "کتاب"),
        ("ایران   ایران\n\nخانه", "ایران", 1, "ایران"),
        ("نشست\xa0نشست", "نشست", 1, "نشست"),
        ("در تهـــران بود", "تهـــران", 0, "تهران"),
        ("او می گوید", "می گوید", 0, f"می{Z}گوید"),
        ("سلاااام دوست", "سلاااام", 0, "سلام"),
        ("😀  ایران", "ایران", 0, "ایران"),
        ("علي و كتاب", "كتاب", 0, "کتاب"),
    ],
)
def test_spans_are_carried_to_the_same_words(text: str, word: str, nth: int,
                                             expected: str) -> None:
    assert carried(text, word, nth) == expected


@pytest.mark.parametrize(
    ("text", "word", "nth", "expected"),
    [
        # a word with a diacritic before repeats of itself: each copy keeps its own place
        ("کتابِ کتاب کتاب", "کتاب", 1, "کتاب"),
        ("ایران ایرانِ ایران ایران", "ایران", 2, "ایران"),
        ("کتاب... کتاب", "کتاب", 1, "کتاب"),
        # hazm joins with ZWNJ between two of the same letter
        ("در عرصههای مختلف", "عرصههای", 0, f"عرصه{Z}های"),
        ("این خانه ها", "ها", 0, "ها"),
        # a run hazm shortens, between other letters
        ("« خوبببب خوبببب خوبببب", "خوبببب", 1, "خوب"),
        # a ligature hazm spells out
        ("ﷲ اکبر", "ﷲ", 0, "الله"),
        ('گفت "ایران" و', '"ایران', 0, "«ایران"),
        # where which character went is unknown, the span is refused, never moved
        ("بله.... ", "بله...", 0, None),
        ("خوبببب باران", "باران", 0, None),
        ("خوبببب باران", "خوبببب", 0, None),
        ("ه ههه", "ه", 0, None),
        ("ﷲ همکاری", "ﷲ", 0, None),
        ("ـ سلام", "ـ", 0, None),
    ],
)
def test_spans_are_carried_or_refused_never_moved(text: str, word: str, nth: int,
                                                  expected: str | None) -> None:
    if expected is None:
        with pytest.raises(SpanNotCarried):
            carried(text, word, nth)
    else:
        assert carried(text, word, nth) == expected


def test_offsets_after_a_collapsed_space_shift_by_exactly_that_much() -> None:
    text = "سفیر  چین در   تهران"
    out, offsets = normalize(text, "full")
    assert out == "سفیر چین در تهران"
    assert offsets.span(6, 9) == (5, 8)  # چین
    assert offsets.span(15, 20) == (12, 17)  # تهران
    assert offsets.span(0, 20) == (0, 17)


def test_a_span_with_spacing_at_its_edges_keeps_its_words() -> None:
    text = "در  تهران  بود"
    out, offsets = normalize(text, "full")
    start, end = offsets.span(2, 11)  # "  تهران  "
    assert out[start:end] == "تهران"


def test_a_span_of_removed_text_is_not_carried() -> None:
    text = "سلام ـــ دنیا"  # a run of kashida on its own
    out, offsets = normalize(text, "full")
    assert "ـ" not in out
    with pytest.raises(SpanNotCarried):
        offsets.span(5, 8)


def test_a_span_of_spacing_alone_is_not_carried() -> None:
    text = "سلام    دنیا"
    _, offsets = normalize(text, "full")
    with pytest.raises(SpanNotCarried):
        offsets.span(5, 7)


def test_a_span_edge_inside_rewritten_text_is_not_carried() -> None:
    text = "صبر کنید... سپس"  # hazm turns the three periods into one ellipsis
    out, offsets = normalize(text, "full")
    assert "…" in out
    dots = text.index("...")
    with pytest.raises(SpanNotCarried, match=r"the normaliser (rewrote|shortened)"):
        offsets.span(dots + 1, dots + 3)
    start, end = offsets.span(text.index("کنید"), dots + 3)  # the whole of it is carried
    assert out[start:end] == "کنید …"  # hazm puts a space before it


# -- property: random Persian text, spans on whole words --------------------------------------

VOCABULARY = [
    # plain words, ZWNJ words
    "ایران", "تهران", "سازمان", "نشست", "خانه", "درصد", "آنتونیو", "گوترش", "شورای",
    f"می{Z}گوید", f"همکاری{Z}های", f"بین{Z}المللی", f"سه{Z}شنبه",
    # Arabic yeh and kaf
    "علي", "كتاب", "يكشنبه", "كرمانشاه", "شركت",
    # kashida inside
    "تهـــران", "ســلام", "مـلل", "بیـن",
    # diacritics
    "مَدرسه", "مُحَمَّد", "کِتاب", "عِلم", "تأکیداً",
    # repeated letters hazm shortens (also at an edge, next to a word starting with the same
    # letter), a verb prefix it joins, an ellipsis it rewrites
    "سلاااام", "خوبببب", "باران", "عالیییی", "یک", "میخواهم", "بله...",
    # a ligature hazm spells out
    "ﷲ",
    # emoji, including multi-code-point ones
    "😀", "🇮🇷", "👍🏽",
    # Latin
    "UNESCO", "Reuters", "António", "Guterres",
    # digits, decimals, percentages
    "۱۴۰۴", "2025", "۱۲٫۵", "12.5", "٪۳۰", "30%", "١٢٣",
]
SEPARATORS = [" ", "  ", "   ", "\n", "\n\n", "\t", "\xa0", " « ", "» ", " «", "»",
              "، ", " ، ", "،", ". ", " .", ".\n", "؟ ", "! ", ": ", " - ", ' "', '" ']
SPACING = re.compile(r"[\s\u200c\u200d]+")


@cache
def alone(word: str) -> str:
    """Text (a word) normalised on its own, spacing removed."""
    return SPACING.sub("", normalize(word, "full")[0])


def wordish(ch: str) -> bool:
    """A character that would continue a word: a letter, digit, mark or kashida."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M") or ch == KASHIDA


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=20))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words) - 1,
                         max_size=len(words) - 1))
    lead = draw(st.sampled_from(["", "", *SEPARATORS]))
    tail = draw(st.sampled_from(["", "", *SEPARATORS]))
    text, spans = lead, []
    for n, word in enumerate(words):
        if n:
            text += seps[n - 1]
        spans.append((len(text), len(text) + len(word), word))
        text += word
    return text + tail, spans


def may_be_refused(text: str, start: int, end: int) -> bool:
    """Whether refusing to carry ``start..end`` is legitimate: an edge falls between two of
    the same character, spacing aside, before or after hazm (``بله... .``, ``ﷲ همه``): where
    hazm changed such a run, which of its characters went is unknown. Every other word must
    be carried."""
    def content(part: str) -> tuple[str, str]:
        return SPACING.sub("", part.translate(letters_table())), alone(part)

    inside, before, after = content(text[start:end]), content(text[:start]), content(text[end:])
    firsts = {t[:1] for t in inside} - {""}
    lasts = {t[-1:] for t in inside} - {""}
    return bool(firsts & {t[-1:] for t in before}) or bool(lasts & {t[:1] for t in after})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles(), data=st.data())
def test_full_normalisation_carries_word_spans_to_the_same_words(
    article: tuple[str, list[tuple[int, int, str]]], data: st.DataObject
) -> None:
    text, words = article
    out, offsets = normalize(text, "full")
    mapped: list[tuple[int, int] | None] = []
    for start, end, word in words:
        assert text[start:end] == word
        try:
            new_start, new_end = offsets.span(start, end)
        except SpanNotCarried:
            assert may_be_refused(text, start, end), f"«{word}» at {start}..{end} of {text!r}"
            mapped.append(None)
            continue
        assert 0 <= new_start < new_end <= len(out)
        got = out[new_start:new_end]
        # the same word: what hazm makes of it on its own, up to spacing (ZWNJ fixes)
        assert SPACING.sub("", got) == alone(word), (text, out, word, got)
        # no spacing at its edges and not cut out of a longer word: a shift by one fails here
        assert not SPACING.match(got[0]) and not SPACING.match(got[-1]), (text, out, got)
        assert new_start == 0 or not wordish(out[new_start - 1]), (text, out, got)
        assert new_end == len(out) or not wordish(out[new_end]), (text, out, got)
        mapped.append((new_start, new_end))
    # in text order, without overlaps
    kept = [m for m in mapped if m is not None]
    assert all(a[1] <= b[0] for a, b in pairwise(kept))
    # a span over several words runs from where its first word lands to where its last ends
    first = data.draw(st.integers(0, len(words) - 1), label="first word")
    last = data.draw(st.integers(first, len(words) - 1), label="last word")
    head, tail = mapped[first], mapped[last]
    if head is not None and tail is not None:
        assert offsets.span(words[first][0], words[last][1]) == (head[0], tail[1])


@settings(max_examples=200, deadline=None)
@given(article=articles())
def test_letters_keeps_every_offset(article: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, words = article
    out, offsets = normalize(text, "letters")
    assert len(out) == len(text)
    for start, end, word in words:
        assert offsets.span(start, end) == (start, end)
        assert out[start:end] == word.translate(letters_table())
