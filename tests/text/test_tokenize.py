"""Tokens and sentences with exact code point offsets, fixed at import."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text.tokenize import EDGE_MARKS, tokenize

Z = "\u200c"  # ZWNJ
RLM, LRM = "\u200f", "\u200e"


def words(text: str) -> list[str]:
    tokens, _ = tokenize(text)
    return [text[tokens[i]:tokens[i + 1]] for i in range(0, len(tokens), 2)]


def sentences(text: str) -> list[list[str]]:
    tokens, firsts = tokenize(text)
    found = words(text)
    bounds = [*firsts, len(tokens) // 2]
    return [found[a:b] for a, b in pairwise(bounds)]


def test_tokens_are_the_words_with_exact_offsets() -> None:
    text = "او می‌گوید: «همکاری‌های بین‌المللی» ادامه دارد."
    tokens, _ = tokenize(text)
    pairs = [(tokens[i], tokens[i + 1]) for i in range(0, len(tokens), 2)]
    assert [text[s:e] for s, e in pairs] == [
        "او", "می‌گوید", ":", "«", "همکاری‌های", "بین‌المللی", "»", "ادامه", "دارد", ".",
    ]
    assert pairs[0] == (0, 2)
    assert pairs[1] == (3, 10)  # می‌گوید: seven code points, the ZWNJ inside
    assert pairs[-1] == (len(text) - 1, len(text))


def test_zwnj_stays_inside_its_word() -> None:
    assert words(f"می{Z}گوید") == [f"می{Z}گوید"]
    assert words(f"همکاری{Z}های ایران") == [f"همکاری{Z}های", "ایران"]
    assert words(f"کتاب{Z}ها{Z}یی") == [f"کتاب{Z}ها{Z}یی"]


def test_a_zwnj_joining_nothing_is_not_part_of_a_token() -> None:
    assert words(f"{Z}ها {Z}") == ["ها"]
    assert words(f"کتاب{Z} «سلام{Z}»") == ["کتاب", "«", "سلام", "»"]


def test_guillemets_and_punctuation_are_tokens_of_their_own() -> None:
    assert words("«سلام»، (UNESCO) بله؟ نه! ۱۴۰۴/۰۸/۲۶") == [
        "«", "سلام", "»", "،", "(", "UNESCO", ")", "بله", "؟", "نه", "!",
        "۱۴۰۴", "/", "۰۸", "/", "۲۶",
    ]


def test_numbers() -> None:
    assert words("رشد 12.5 درصد و ساعت 14:19") == ["رشد", "12.5", "درصد", "و", "ساعت", "14:19"]
    # hazm keeps Latin decimals together but not the Persian decimal separator
    assert words("۱۲٫۵ درصد") == ["۱۲", "٫", "۵", "درصد"]


def test_bidi_marks_are_not_inside_token_edges() -> None:
    text = f"{RLM}ایران{RLM} و {LRM}UNESCO{LRM} {RLM}«چین»{RLM}"
    tokens, _ = tokenize(text)
    found = words(text)
    assert found == ["ایران", "و", "UNESCO", "«", "چین", "»"]
    for i in range(0, len(tokens), 2):
        token = text[tokens[i]:tokens[i + 1]]
        assert token[0] not in EDGE_MARKS and token[-1] not in EDGE_MARKS


def test_emoji_before_and_between_words_keep_code_point_offsets() -> None:
    text = "😀 سلام 🇮🇷 ایران👍🏽"
    tokens, _ = tokenize(text)
    assert words(text) == ["😀", "سلام", "🇮🇷", "ایران👍🏽"]
    assert (tokens[2], tokens[3]) == (2, 6)  # the emoji before counts one code point
    assert (tokens[4], tokens[5]) == (7, 9)  # a flag is two


def test_sentences_end_at_line_breaks() -> None:
    text = "عنوان خبر\n\nخبرگزاری مهر دوشنبه\nمتن اول\r\nمتن دوم\u2028متن سوم"
    assert sentences(text) == [
        ["عنوان", "خبر"], ["خبرگزاری", "مهر", "دوشنبه"], ["متن", "اول"], ["متن", "دوم"],
        ["متن", "سوم"],
    ]


def test_sentences_end_at_full_stops_question_and_exclamation_marks() -> None:
    text = "او آمد. آیا رفت؟ بله! نه!!! واقعا⸮ شاید… رشد 12.5 درصد بود."
    assert sentences(text) == [
        ["او", "آمد", "."], ["آیا", "رفت", "؟"], ["بله", "!"], ["نه", "!!!"], ["واقعا⸮"],
        ["شاید…", "رشد", "12.5", "درصد", "بود", "."],
    ]


def test_a_stop_before_a_line_break_makes_one_boundary() -> None:
    assert sentences("سلام.\nخداحافظ.") == [["سلام", "."], ["خداحافظ", "."]]


def test_empty_text_and_blank_lines() -> None:
    assert list(tokenize("")[0]) == [] and list(tokenize("")[1]) == []
    assert list(tokenize(" \n\n \t")[0]) == []
    tokens, firsts = tokenize("\n\nسلام\n\n\nدنیا\n")
    assert list(firsts) == [0, 1]
    assert len(tokens) == 4


# -- property: the same tokens as hazm's WordTokenizer, at exact offsets ----------------------

PIECES = [
    "ایران", "تهران", f"می{Z}گوید", f"همکاری{Z}های", "علي", "كتاب", "تهـــران", "مَدرسه",
    "UNESCO", "Reuters", "۱۴۰۴", "2025", "12.5", "۱۲٫۵", "14:19", "30%", "😀", "🇮🇷", "👍🏽",
    "«", "»", "،", ".", "؟", "!", "...", ":", "(", ")", "/", '"', "؛", "?!", "⸮",
    Z, RLM, LRM, "\ufeff", "ـ",
]
GAPS = ["", " ", "  ", "\n", "\n\n", "\t", "\xa0", "\r\n", "\u2028", ". ", "!\t"]


@cache
def _hazm() -> Any:
    from hazm import WordTokenizer

    return WordTokenizer(join_verb_parts=False)


def hazm_tokens(text: str) -> list[str]:
    """hazm's tokens, marks trimmed off their edges; the other line breaks split as \\n does."""
    marks = "".join(EDGE_MARKS)
    lines = text.replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return [kept for token in _hazm().tokenize(lines) if (kept := token.strip(marks))]


texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=25).map(
    lambda parts: "".join(piece + gap for piece, gap in parts))


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_tokens_match_hazm_and_are_substrings_at_their_offsets(text: str) -> None:
    tokens, firsts = tokenize(text)
    pairs = [(tokens[i], tokens[i + 1]) for i in range(0, len(tokens), 2)]
    # in order, not overlapping, not empty, within the text
    previous = 0
    for start, end in pairs:
        assert previous <= start < end <= len(text)
        previous = end
        token = text[start:end]
        assert not any(ch in " \t\n" for ch in token)
        assert token[0] not in EDGE_MARKS and token[-1] not in EDGE_MARKS
    assert [text[s:e] for s, e in pairs] == hazm_tokens(text)
    # sentences: a new one at the first token, and at each token with a line break or the end
    # of hazm's sentence pattern (a run of stops, then spaces) between it and the one before
    ends = [m.end() for m in re.finditer(r"([!.?⸮؟]+)[ \n]+|[\n\r\u2028\u2029]", text)]
    expected = [n for n in range(len(pairs))
                if n == 0 or any(pairs[n - 1][1] < end <= pairs[n][0] for end in ends)]
    assert list(firsts) == expected
