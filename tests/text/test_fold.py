"""The Persian fold: blind to the variants Persian writers use, and mapped back to the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.text.fold import Joins, fold, fold_in_place, fold_with_offsets, fold_words

Z = "\u200c"  # ZWNJ
KASHIDA = "ـ"
RLM, LRM, ALM = "\u200f", "\u200e", "\u061c"


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("ايران", "ایران"),  # Arabic yeh
        ("مصطفى", "مصطفی"),  # alef maksura
        ("كرمان", "کرمان"),  # Arabic kaf
        ("ایـــران", "ایران"),  # kashida
        ("مُحَمَّد", "محمد"),  # harakat and shadda
        ("عیسیٰ", "عیسی"),  # superscript alef
        ("رئیس", "رییس"),  # yeh with hamza
        ("مسؤول", "مسوول"),  # waw with hamza
        ("آمریکا", "امریکا"),  # alef with madda
        ("إسلام", "اسلام"),  # alef with hamza below
        ("خانۀ", "خانه"),  # heh with yeh above
        ("مكة", "مکه"),  # teh marbuta
        ("ﻛﺘﺎﺏ", "کتاب"),  # presentation forms
        ("۱۴۰۴", "1404"),  # Persian digits
        ("١٤٠٤", "1404"),  # Arabic-Indic digits
        ("۱۲٫۵", "12.5"),  # Arabic decimal separator
        (f"{RLM}تهران{LRM}", "تهران"),  # bidi marks
        (f"ته{ALM}ران", "تهران"),
        ("Reuters", "reuters"),
        ("António Guterres", "antonio guterres"),
    ],
)
def test_variants_fold_to_one_spelling(variant: str, plain: str) -> None:
    assert fold(variant) == fold(plain) == plain.lower()
    assert fold(variant, Joins.NOTHING) == fold(plain, Joins.NOTHING)


def test_zwnj_space_and_nothing_between_the_parts_of_a_word() -> None:
    joined, spaced, run_on = f"می{Z}رود", "می رود", "میرود"
    # search: ZWNJ and space alike, a word written as one is another word
    assert fold(joined) == fold(spaced) == fold(f"می {Z} رود") == "می رود"
    assert fold(run_on) != fold(spaced)
    # the string matcher: all three alike
    assert (fold(joined, Joins.NOTHING) == fold(spaced, Joins.NOTHING)
            == fold(run_on, Joins.NOTHING) == "میرود")


def test_white_space_of_any_kind_is_one_space() -> None:
    assert fold("خبرگزاری\t\xa0\n مهر") == "خبرگزاری مهر"
    assert fold(" مهر ") == " مهر "  # kept at the edges: a query is stripped by its caller


def test_what_is_not_a_variant_stays() -> None:
    text = "«تهران»، ۱۴۰۴! 😀 (پ چ ژ گ)"
    assert fold(text) == "«تهران»، 1404! 😀 (پ چ ژ گ)"


# -- properties -------------------------------------------------------------------------------

PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأإؤئةيكىۀ"
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670" + KASHIDA
SPACING = f" {Z}\t\n\xa0"
FORMAT = RLM + LRM + ALM + "\u2067\u2069\ufeff\u200d"
texts = st.text(alphabet=PERSIAN + MARKS + SPACING + FORMAT + "۰۱۲٫0123abcABCé.،«»ﻻﻙﺘ😀",
                max_size=40)


@given(texts, st.sampled_from(Joins))
def test_fold_with_offsets_folds_alike(text: str, joins: Joins) -> None:
    assert fold_with_offsets(text, joins).text == fold(text, joins)


@given(texts, st.sampled_from(Joins))
def test_folding_twice_changes_nothing(text: str, joins: Joins) -> None:
    assert fold(fold(text, joins), joins) == fold(text, joins)


@given(st.text(alphabet=PERSIAN, min_size=1, max_size=12),
       st.lists(st.tuples(st.integers(0, 12), st.sampled_from(MARKS + FORMAT)), max_size=4))
def test_marks_inside_a_word_are_not_seen(word: str, inserts: list[tuple[int, str]]) -> None:
    marked = word
    for place, mark in inserts:
        at = min(place, len(marked))
        marked = marked[:at] + mark + marked[at:]
    assert fold(marked) == fold(word)
    assert fold(marked, Joins.NOTHING) == fold(word, Joins.NOTHING)


@given(texts, st.sampled_from(Joins), st.data())
def test_a_folded_stretch_maps_back_to_text_that_folds_to_it(
        text: str, joins: Joins, data: st.DataObject) -> None:
    folded = fold_with_offsets(text, joins)
    if not folded.text:
        return
    start = data.draw(st.integers(0, len(folded.text) - 1))
    end = data.draw(st.integers(start + 1, len(folded.text)))
    a, z = folded.original(start, end)
    assert 0 <= a < z <= len(text)
    # a stretch that does not cut one character's fold in two (ﻻ → لا) reads the same
    cut = (start > 0 and folded.starts[start - 1] == a) or \
        (end < len(folded.text) and folded.ends[end] == z)
    if not cut:
        expected = folded.text[start:end]
        assert fold(text[a:z], joins) == expected


def test_offsets_cover_marks_after_a_letter_and_runs_of_space() -> None:
    text = f"  ايـران{Z} مُحَمَّد"
    folded = fold_with_offsets(text)
    assert folded.text == " ایران محمد"
    start = folded.text.index("ایران")
    assert folded.original(start, start + 5) == (2, 8)  # the kashida inside, nothing after
    assert text[slice(*folded.original(start + 6, start + 10))] == "مُحَمَّد"  # its marks too
    assert folded.original(0, 1) == (0, 2)  # the run of two spaces
    with pytest.raises(ValueError, match="not a stretch"):
        folded.original(3, 3)


# -- in place, and word by word ---------------------------------------------------------------


@given(texts)
def test_in_place_keeps_positions_and_folds_alike(text: str) -> None:
    folded = fold_in_place(text)
    if any(ch in text for ch in "ﻻﺘ") and folded is None:
        return  # a ligature: no fold in place (ﺘ is one character and folds to one, though)
    assert folded is not None
    assert len(folded) == len(text)
    assert folded.replace(" ", "") == fold(text, Joins.NOTHING)
    # a character the fold keeps stays where it was
    assert all(f == " " or fold(t, Joins.NOTHING) == f for t, f in zip(text, folded, strict=True))


def test_in_place_refuses_a_ligature() -> None:
    assert fold_in_place("باﻻ") is None
    assert fold_in_place(f"می{Z}رود ايران") == "می رود ایران"


@given(st.lists(st.text(alphabet=PERSIAN + MARKS + Z + "ABc۱", max_size=8), max_size=10))
def test_fold_words_is_fold_word_by_word(words: list[str]) -> None:
    assert fold_words(words) == [fold(w, Joins.NOTHING) for w in words]
    assert fold_words(words) == [fold(w, Joins.NOTHING) for w in words]  # remembered
