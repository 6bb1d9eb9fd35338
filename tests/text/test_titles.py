"""Titles made from a line: whole when short, else cut between words with an ellipsis."""

from __future__ import annotations

import pytest

from annotator.text.titles import ELLIPSIS, TITLE_MAX, title_from

Z = "\u200c"
SENTENCE = (f"وزیر امور خارجه ایران در نشست خبری روز دوشنبه گفت که مذاکرات با کشورهای اروپایی "
            f"ادامه دارد و نتیجه آن به‌زودی اعلام می{Z}شود و هیئت ایرانی برای دور بعدی گفت{Z}وگوها "
            f"به ژنو سفر خواهد کرد")


def test_a_short_line_is_the_title_as_it_is() -> None:
    assert title_from("  خبر کوتاه  ") == "خبر کوتاه"
    exact = "آ" * TITLE_MAX
    assert title_from(exact) == exact


def test_a_long_line_is_cut_after_a_whole_word() -> None:
    title = title_from(SENTENCE)
    assert len(SENTENCE) > TITLE_MAX >= len(title)
    assert title.endswith(ELLIPSIS)
    kept = title.removesuffix(ELLIPSIS)
    assert SENTENCE.startswith(kept)
    assert SENTENCE[len(kept)] == " "  # the next character begins the next word
    assert kept.split() == SENTENCE.split()[: len(kept.split())]


@pytest.mark.parametrize("limit", range(8, 60))
def test_never_part_of_a_word_whatever_the_limit(limit: int) -> None:
    line = f"می{Z}گوید، «عباس عراقچی» گفت{Z}وگو کرد: نشست بعدی در ایالات{Z}متحده"
    kept = title_from(line, limit).removesuffix(ELLIPSIS)
    assert len(kept) < limit
    assert not kept.endswith(("،", ":", " ", "«"))
    if len(line.split(maxsplit=1)[0]) >= limit:
        return  # one word longer than the limit: cut where the limit falls
    words = kept.split()
    whole = line.split()[: len(words)]
    # Whole words; the last without the mark that followed it.
    assert words[:-1] == whole[:-1]
    assert whole[-1].rstrip("،:«") == words[-1]


def test_one_word_longer_than_the_limit_is_cut_where_the_limit_falls() -> None:
    url = "https://www.mehrnews.com/news/" + "1" * 200
    assert title_from(url) == url[: TITLE_MAX - 1] + ELLIPSIS
