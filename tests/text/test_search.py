"""What a search looks for and where it finds it: the fold's variants, phrases, prefixes,
lines and offsets in the text as stored."""

from __future__ import annotations

import pytest

from annotator.text.search import Phrase, folded_words, holds, matches, phrase

ARTICLE = ("وزیر امور خارجه ایران\n"
           "عباس عراقچي، وزير امورِ خارجه، روز دوشنبه در تهـــران با «زونگ» دیدار کرد.\n"
           "این دیدار در حاشیهٔ اجلاس بریکس برگزار شد؛ خبرگزاری‌مهر گزارش داد.")


def test_a_query_is_its_folded_words_the_last_one_a_beginning() -> None:
    assert phrase("  عراقچي ") == Phrase(("عراقچی",), True)
    assert phrase("وزیر امور خارجه") == Phrase(("وزیر", "امور", "خارجه"), True)
    assert phrase("خبرگزاری‌مهر") == Phrase(("خبرگزاری", "مهر"), True)
    assert phrase("ع") == Phrase(("ع",), False)  # one letter: a whole word
    assert phrase("«...»") is None
    assert folded_words("می‌رود، ١٢٫٥ درصد") == ["می", "رود", "12", "5", "درصد"]


@pytest.mark.parametrize(("query", "found"), [
    ("عراقچی", True),  # ي in the text, ی in the query
    ("عراق", True),  # the beginning of a word
    ("وزیر امور خارجه", True),  # ي and a kasra in the text
    ("تهران", True),  # kashida in the text
    ("خبرگزاری مهر", True),  # a ZWNJ in the text, a space in the query
    ("خارجه روز", True),  # punctuation between the words does not matter
    ("امور وزیر", False),  # the words in their order
    ("راقچی", False),  # not the middle of a word
    ("خبرگزاریمهر", False),  # a ZWNJ separates words
    ("ایران عباس", True),  # a line break between the words
])
def test_holds(query: str, found: bool) -> None:
    asked = phrase(query)
    assert asked is not None
    assert holds(asked, ARTICLE) is found


def test_matches_are_lines_with_offsets_in_the_text_as_stored() -> None:
    asked = phrase("وزير امور")
    assert asked is not None
    lines = matches(asked, ARTICLE)
    assert [line.number for line in lines] == [1, 2]
    first, second = lines
    assert first.text == "وزیر امور خارجه ایران"
    assert [ARTICLE[a:b] for a, b in first.matches] == ["وزیر امور"]
    assert [ARTICLE[a:b] for a, b in second.matches] == ["وزير امورِ"]
    assert second.start == ARTICLE.index("عباس")
    tehran = phrase("تهران")
    assert tehran is not None
    (line,) = matches(tehran, ARTICLE)
    assert [ARTICLE[a:b] for a, b in line.matches] == ["تهـــران"]


def test_a_phrase_over_a_line_break_is_shown_on_the_line_it_starts_in() -> None:
    asked = phrase("ایران عباس")
    assert asked is not None
    (line,) = matches(asked, ARTICLE)
    assert line.number == 1
    (start, end), = line.matches
    assert ARTICLE[start:end] == "ایران\nعباس"
