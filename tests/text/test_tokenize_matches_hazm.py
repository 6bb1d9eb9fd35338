"""Our tokenizer is hazm's WordTokenizer with offsets: the same tokens, in the same order."""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text.tokenize import EDGE_MARKS, token_spans, tokenize

PIECES = ["سلام", "می‌گوید", "همکاری‌های", "بین‌المللی", "علي", "كتاب", "Donald", "Trump",
          "۱۲٫۵", "12.5", "۱۴۰۴/۰۸/۲۶", "10:30", "«", "»", "،", "؛", ".", "...", "!", "؟", "?",
          "(", ")", "[", "]", "{", "}", "/", "\\", '"', ":", "😀", "\u200c", "\u200f", "\u200e",
          "a@b.com", "U.S.A", "ـ", "٪", "%", "-", "#هشتگ", "\xa0"]
SEPARATORS = [" ", "  ", "\n", "\t", "", ""]


@cache
def hazm_tokenizer() -> Any:
    from hazm import WordTokenizer

    return WordTokenizer(join_verb_parts=False)


def words(text: str) -> list[str]:
    bounds = token_spans(text)
    return [text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]


def hazm_words(text: str) -> list[str]:
    trimmed = (w.strip("".join(EDGE_MARKS)) for w in hazm_tokenizer().tokenize(text))
    return [w for w in trimmed if w]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=40))
def test_same_tokens_as_hazm(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + sep for piece, sep in parts)
    assert words(text) == hazm_words(text)


def test_sentences_end_at_punctuation_and_line_breaks() -> None:
    text = "اول است. دوم؟ سوم!\nچهارم بدون نقطه\n\nپنجم"
    tokens, sentences = tokenize(text)
    firsts = [text[tokens[2 * i]:tokens[2 * i + 1]] for i in sentences]
    assert firsts == ["اول", "دوم", "سوم", "چهارم", "پنجم"]


def test_bidi_marks_and_loose_zwnj_stay_out_of_tokens() -> None:
    assert words("\u200fسلام\u200e \u200cدنیا\u200c می‌رود") == ["سلام", "دنیا", "می‌رود"]
