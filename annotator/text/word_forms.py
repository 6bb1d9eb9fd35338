"""A word's stem, lemma and entry in hazm's word list: what the CRF learns from besides the word.

hazm's Stemmer and Lemmatizer work offline on the data shipped with hazm (its POS tagger,
chunker and parser need model files that are not shipped, and are never used). The word list
(``hazm/data/words.dat``) gives each known word a frequency in a large corpus and the word
classes it is seen with; a name is often not in it, or rare.

Words are looked up as written with Persian letters (ي/ك → ی/ک, digits), as hazm expects.
Loading hazm's data takes about half a second, once, on the first look-up.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from annotator.text.normalize import letters_table


@cache
def _tools() -> tuple[Any, Any]:
    from hazm import Lemmatizer, Stemmer

    return Stemmer(), Lemmatizer()


def _persian(word: str) -> str:
    return word.translate(letters_table())


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """hazm's stem: suffixes such as ``ها``, ``ان``, ``ی`` taken off
    (``سازمان‌های`` → ``سازمان``)."""
    return str(_tools()[0].stem(_persian(word)))


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """hazm's lemma: a noun's singular, a verb's past and present stems (``رفت#رو``)."""
    return str(_tools()[1].lemmatize(_persian(word)))


@lru_cache(maxsize=1 << 16)
def known(word: str) -> tuple[int, tuple[str, ...]] | None:
    """The word's frequency and word classes in hazm's word list (``N``, ``AJ``, ``NUM`` ...),
    or None when the list does not hold it. Four in five of its entries, many of them names,
    have frequency 0 and the class ``0``: listed, nothing more known."""
    entry = _tools()[1].words.get(_persian(word))
    if entry is None:
        return None
    frequency, classes = entry
    return int(frequency), tuple(str(c) for c in classes)
