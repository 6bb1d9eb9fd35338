"""What the CRF sees of each token: features that carry signal in Persian script.

For every token, as strings (binary features):

- the word folded (:mod:`annotator.text.fold`: ي/ی, ك/ک, kashida, diacritics, ZWNJ, digits and
  Latin case do not split a word in two), its first 1-3 and last 1-4 letters;
- the parts a ZWNJ joins (``سازمان‌های`` → ``سازمان`` + ``های``): first, last, how many;
- its shape: Persian letters, Latin (and capitalised), digits, punctuation, a hashtag or a
  mention, mixed; its length;
- hazm's stem and lemma, and its entry in hazm's word list (word classes, a frequency band),
  or that the list does not know it (names often are not in it), through
  :mod:`annotator.text.word_forms`;
- the same for the words around it: two on each side (word, stem, suffix, shape, entry), and
  the pairs it makes with its neighbours;
- where it stands in its sentence (first, second, last ...);
- string-matcher and gazetteer hits: ``B-``/``I-`` with the label of a match covering it and
  a band of the match's score, on it and its neighbours.

A word's own features are worked out once per spelling and kept (a corpus repeats its words).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from annotator.suggest.strings import Match
from annotator.text import word_forms
from annotator.text.fold import Joins, fold, fold_words

# Offsets of the neighbours a token's features name, and what each says about them.
_WINDOW = (-2, -1, 1, 2)
_FAR = (-3, 3)  # only their words
_NEAR_KINDS = ("w", "stem", "s2", "sh", "lex")
_MAX_KEPT = 200_000  # words whose features are kept (about 100 MB at most)


class Features:
    """Features of tokens, with a word's own features kept between calls."""

    def __init__(self) -> None:
        self._own: dict[str, tuple[str, ...]] = {}
        self._near: dict[str, dict[str, str]] = {}

    def sentence(self, words: Sequence[str],
                 hits: Sequence[tuple[str, Sequence[str]]] = ()) -> list[list[str]]:
        """Features of each token of a sentence.

        ``hits`` names, for each kind of hint (``m`` the string matcher, ``g`` the gazetteers,
        ``t`` the tags a word was given), what it says of each token: ``B-ACTOR|3``-style
        strings (a tag and a band of its score, from :func:`hit_tags`), or "".
        """
        n = len(words)
        near = [self._near_of(w) for w in words]
        out: list[list[str]] = []
        for i, word in enumerate(words):
            feats = ["bias", *self._own_of(word)]
            append = feats.append
            for k in _WINDOW:
                j = i + k
                if 0 <= j < n:
                    other = near[j]
                    for kind in _NEAR_KINDS:
                        append(f"{k}:{kind}={other[kind]}")
                elif j in (-1, n):
                    append(f"{k}:edge")
            for k in _FAR:
                j = i + k
                if 0 <= j < n:
                    append(f"{k}:w={near[j]['w']}")
            w = near[i]["w"]
            append(f"-1|0={near[i - 1]['w'] if i else '^'}|{w}")
            append(f"0|1={w}|{near[i + 1]['w'] if i + 1 < n else '$'}")
            append(f"pos={min(i, 3)}")
            if i == n - 1:
                append("last")
            for name, said in hits:
                for k in (-1, 0, 1):
                    j = i + k
                    if 0 <= j < n and said[j]:
                        tag, band = said[j].split("|")
                        append(f"{k}:{name}={tag}")
                        if k == 0:
                            append(f"{name}.score={band}")
                            append(f"{name}.{tag[:1]}={band}")
            out.append(feats)
        return out

    def _own_of(self, word: str) -> tuple[str, ...]:
        feats = self._own.get(word)
        if feats is None:
            if len(self._own) > _MAX_KEPT:
                self._own.clear()
            feats = self._own[word] = _own(word)
        return feats

    def _near_of(self, word: str) -> dict[str, str]:
        feats = self._near.get(word)
        if feats is None:
            if len(self._near) > _MAX_KEPT:
                self._near.clear()
            folded = fold(word, Joins.NOTHING)
            feats = self._near[word] = {
                "w": folded, "stem": word_forms.stem(word), "s2": folded[-2:],
                "sh": shape(word), "lex": _lexicon(word)[0]}
        return feats


def _own(word: str) -> tuple[str, ...]:
    folded = fold(word, Joins.NOTHING)
    feats = [f"w={folded}", f"sh={shape(word)}", f"len={_length_band(len(folded))}"]
    feats.extend(f"p{k}={folded[:k]}" for k in (1, 2, 3) if len(folded) > k)
    feats.extend(f"s{k}={folded[-k:]}" for k in (1, 2, 3, 4) if len(folded) > k)
    if len(folded) < 20:  # its letter trigrams, with its edges marked
        marked = f"<{folded}>"
        feats.extend(dict.fromkeys(f"c3={marked[k:k + 3]}" for k in range(len(marked) - 2)))
    parts = fold(word, Joins.SPACE).split()
    if len(parts) > 1:
        feats += [f"zw.first={parts[0]}", f"zw.last={parts[-1]}", f"zw.n={min(len(parts), 3)}"]
    stem, lemma = word_forms.stem(word), word_forms.lemma(word)
    feats += [f"stem={stem}", f"lemma={lemma}"]
    if stem != folded:
        feats.append("stemmed")
    feats.extend(_lexicon(word))
    return tuple(feats)


def _lexicon(word: str) -> tuple[str, ...]:
    """``lex=CLASSES`` and ``freq=BAND`` from hazm's word list, ``lex=?`` if it lacks the word."""
    entry = word_forms.known(word)
    if entry is None:
        return ("lex=?",)
    frequency, classes = entry
    return (f"lex={'+'.join(classes) or '-'}", f"freq={min(9, int(math.log10(frequency + 1)))}")


def _length_band(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7+"


def shape(word: str) -> str:
    """A token's kind of writing: ``#``/``@`` first, then Persian letters (``P``), Latin
    (``Xx`` capitalised, ``XX``, ``x``), digits (``d``), punctuation (``.``), or ``mix``."""
    head = word[:1]
    prefix = head if head in "#@" and len(word) > 1 else ""
    body = word[len(prefix):]
    kinds = set()
    for ch in body:
        if ch.isdigit():
            kinds.add("d")
        elif ch.isalpha():
            kinds.add("L" if ch.isascii() or "LATIN" in _name(ch) else "P")
        elif ch not in "\u200c\u200d\u0640" and not _is_mark(ch):
            kinds.add(".")
    if kinds == {"L"}:
        kind = "XX" if body.isupper() and len(body) > 1 else "Xx" if body[:1].isupper() else "x"
    elif len(kinds) == 1:
        kind = kinds.pop()
    else:
        kind = "mix" if kinds else "-"
    return prefix + kind


def _name(ch: str) -> str:
    import unicodedata

    return unicodedata.name(ch, "")


def _is_mark(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch).startswith("M")


def hit_tags(n: int, matches: Sequence[Match]) -> list[str]:
    """Per token, ``B-LABEL|BAND`` or ``I-LABEL|BAND`` of the match covering it, or ""."""
    tags = [""] * n
    for m in matches:
        band = f"{min(4, int(m.score * 5))}"
        tags[m.first] = f"B-{m.label}|{band}"
        for i in range(m.first + 1, m.stop):
            tags[i] = f"I-{m.label}|{band}"
    return tags


class WordTags:
    """How often each word (folded) was given each tag in the documents learnt from: a hint
    for words the CRF saw too rarely to weigh on their own.

    ``counts``: word -> [times seen, {tag other than O: times}], for words given one.
    """

    def __init__(self, counts: Mapping[str, tuple[int, Mapping[str, int]]]) -> None:
        self.counts = {word: (seen, dict(tags)) for word, (seen, tags) in counts.items()}

    @classmethod
    def learn(cls, sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> WordTags:
        """From ``(words, tags)`` pairs."""
        seen: Counter[str] = Counter()
        tagged: dict[str, Counter[str]] = {}
        for words, tags in sentences:
            for word, tag in zip(fold_words(list(words)), tags, strict=True):
                seen[word] += 1
                if tag != "O":
                    tagged.setdefault(word, Counter())[tag] += 1
        return cls({word: (seen[word], tags) for word, tags in tagged.items()})

    def hints(self, words: Sequence[str]) -> list[str]:
        """Per word, its most frequent tag with a band of how often (``B-ACTOR|3``), or ""."""
        out = []
        for word in fold_words(list(words)):
            entry = self.counts.get(word)
            if entry is None:
                out.append("")
                continue
            seen, tags = entry
            tag, times = min(tags.items(), key=lambda item: (-item[1], item[0]))
            out.append(f"{tag}|{min(4, int(times / seen * 5))}")
        return out

    def data(self) -> dict[str, list[Any]]:
        return {word: [seen, tags] for word, (seen, tags) in self.counts.items()}

    @classmethod
    def from_data(cls, data: Mapping[str, Sequence[Any]]) -> WordTags:
        return cls({word: (int(seen), tags) for word, (seen, tags) in data.items()})
