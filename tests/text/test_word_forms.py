"""hazm's stemmer, lemmatizer and word list, as the CRF reads words through them."""

from __future__ import annotations

from annotator.text.word_forms import known, lemma, stem

Z = "\u200c"


def test_stems_and_lemmas_of_persian_words() -> None:
    assert stem(f"سازمان{Z}های") == "سازمان"
    assert stem(f"کتاب{Z}ها") == "کتاب"
    assert lemma(f"کتاب{Z}ها") == "کتاب"
    assert "#" in lemma("رفتند")  # a verb: its past and present stems


def test_arabic_letters_are_read_as_persian() -> None:
    assert stem("كتابها") == stem("کتابها")
    assert known("ايران") == known("ایران")


def test_the_word_list_knows_common_words_not_every_name() -> None:
    entry = known("ایران")
    assert entry is not None
    frequency, classes = entry
    assert frequency > 1000 and "N" in classes
    assert known("گلابتونزاده") is None  # a name of no one
    # many names are listed with no frequency and no word class
    assert known("جلودارزاده") == (0, ("0",))
