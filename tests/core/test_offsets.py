"""Code points against UTF-16 units: an emoji before a span must not shift it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.offsets import Utf16Map

Z = "\u200c"


def units(text: str) -> int:
    """What Qt, browsers and Label Studio count: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def test_bmp_only_text_is_trivial() -> None:
    text = f"سلام دنیا می{Z}گوید UNESCO ۱۴۰۴"
    m = Utf16Map(text)
    assert m.trivial
    assert m.length == m.length_utf16 == len(text)
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert [m.to_codepoint(u) for u in range(len(text) + 1)] == list(range(len(text) + 1))


def test_an_emoji_before_a_span_shifts_utf16_but_not_code_points() -> None:
    text = "😀 عباس عراقچی"
    start, end = text.index("عباس"), len(text)
    m = Utf16Map(text)
    assert not m.trivial
    assert (start, end) == (2, 13)
    assert (m.to_utf16(start), m.to_utf16(end)) == (3, 14)
    assert (m.to_codepoint(3), m.to_codepoint(14)) == (start, end)
    assert m.length == 13 and m.length_utf16 == 14


def test_emoji_inside_and_around_the_text() -> None:
    text = "👍🏽ایران🇮🇷 و 😀چین😀"
    m = Utf16Map(text)
    for cp in range(len(text) + 1):
        assert m.to_utf16(cp) == units(text[:cp])
        assert m.to_codepoint(m.to_utf16(cp)) == cp
    assert m.length_utf16 == units(text)


def test_a_position_inside_a_surrogate_pair_rounds_down() -> None:
    text = "ab😀cd"  # the emoji takes units 2 and 3
    m = Utf16Map(text)
    assert m.to_codepoint(2) == 2
    assert m.is_inside_pair(3)
    assert m.to_codepoint(3) == 2  # the second half of the pair: still the emoji
    assert m.to_codepoint(4) == 3
    assert [m.is_inside_pair(u) for u in range(7)] == [False, False, False, True, False,
                                                      False, False]


def test_two_emoji_in_a_row() -> None:
    text = "😀😀x"
    m = Utf16Map(text)
    assert [m.to_utf16(cp) for cp in range(4)] == [0, 2, 4, 5]
    assert [m.to_codepoint(u) for u in range(6)] == [0, 0, 1, 1, 2, 3]
    assert [m.is_inside_pair(u) for u in range(6)] == [False, True, False, True, False, False]


def test_empty_text() -> None:
    m = Utf16Map("")
    assert m.trivial and m.length == m.length_utf16 == 0
    assert m.to_utf16(0) == m.to_codepoint(0) == 0


alphabet = st.sampled_from(["ا", "ب", Z, " ", "a", "😀", "🇮", "🇷", "𝔸", "\U0010fffd", "\uffff"])


@settings(max_examples=200, deadline=None)
@given(text=st.lists(alphabet, max_size=40).map("".join))
def test_both_ways_agree_with_python_s_utf16(text: str) -> None:
    m = Utf16Map(text)
    boundaries = {units(text[:cp]): cp for cp in range(len(text) + 1)}
    for unit in range(units(text) + 1):
        if unit in boundaries:
            assert not m.is_inside_pair(unit)
            assert m.to_codepoint(unit) == boundaries[unit]
            assert m.to_utf16(boundaries[unit]) == unit
        else:  # the low half of a pair: the character it belongs to
            assert m.is_inside_pair(unit)
            assert m.to_codepoint(unit) == boundaries[unit - 1]
