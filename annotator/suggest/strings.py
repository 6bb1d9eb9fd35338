"""The string matcher (model ``strings``): what was labelled once is suggested wherever it recurs.

It learns every text the documents' labels hold (human spans and accepted suggestions) with
the label it was given, and every entry of the gazetteers, and suggests each at its other
occurrences:

- on whole stored tokens: a match starts at a token's start and ends at a token's end;
- blind to the Persian fold with joins as nothing (:mod:`annotator.text.fold`): ي/ی, ك/ک,
  kashida, diacritics, and a ZWNJ, a space or nothing between the parts of a word are all
  alike, so «خبرگزاری مهر» is found as «خبرگزاری‌مهر» and as the one token «خبرگزاریمهر»;
- longest match first (in folded characters, then the earliest), matches never overlapping
  each other nor a label of the document.

All texts are found in one pass over a document by one Aho-Corasick automaton
(``pyahocorasick``) over its tokens folded and written one after another; a match counts
when both its ends fall on token boundaries.

**Score.** For text *t* and label *L*::

    score = (times t was given L  +  1 if a gazetteer gives t the label L)
          / (times t was labelled  +  times the matcher would suggest t in the documents it
             learnt from  +  (1 + the labels gazetteers give t) if a gazetteer holds t)

From the project alone this is the share of the places the matcher would suggest *t*
where an analyst did give it *L* (a text labelled 3 times and left unlabelled once where it
stood free scores 0.75): the matcher's precision on its own documents, so learn from
documents whose labelling is finished. A gazetteer entry counts as one place given its
label and one left unlabelled: an entry alone scores 0.5, and the project's own evidence
soon outweighs it. A text is suggested with its best-scored label (ties: by name).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import ahocorasick

from annotator.core.model import Document, Review, Span, model_origin
from annotator.suggest import info as stored
from annotator.suggest.evaluation import evaluate, held_out
from annotator.suggest.info import ModelError, ModelInfo
from annotator.suggest.sequences import covered, tokens_of
from annotator.text.fold import fold_in_place, fold_words, match_key

NAME = "strings"


@dataclass(frozen=True, slots=True)
class Match:
    """Where the matcher found a text: tokens ``first..stop`` (exclusive), with its best label."""

    first: int
    stop: int
    key: str  # the text, folded
    label: str
    score: float
    gazetteer: bool  # a gazetteer gives this text this label


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    label: str
    score: float
    gazetteer: bool


key_of = match_key  # how the matcher writes a text: folded, with joins as nothing


class StringMatcher:
    """Texts with the labels they were given, found again in documents.

    ``labelled``: folded text -> label -> times labelled; ``free``: folded text -> times the
    matcher would suggest it in the documents it learnt from; ``gazetteer``: folded text ->
    the labels gazetteers give it. :meth:`learn` counts them from documents.
    """

    def __init__(self, labelled: Mapping[str, Mapping[str, int]],
                 free: Mapping[str, int] | None = None,
                 gazetteer: Mapping[str, Collection[str]] | None = None) -> None:
        self.labelled = {key: dict(labels) for key, labels in labelled.items() if key}
        self.free = {key: n for key, n in (free or {}).items() if n}
        self.gazetteer = {key: sorted(set(labels)) for key, labels in (gazetteer or {}).items()
                          if key and labels}
        self._entries: list[_Entry] = []
        self._automaton: Any = None
        for key in sorted(self.labelled.keys() | self.gazetteer.keys()):
            self._entries.append(self._best(key))
        if self._entries:
            self._automaton = ahocorasick.Automaton()
            for n, entry in enumerate(self._entries):
                self._automaton.add_word(entry.key, (len(entry.key) - 1, n))
            self._automaton.make_automaton()

    def _best(self, key: str) -> _Entry:
        counts = Counter(self.labelled.get(key, {}))
        given = self.gazetteer.get(key, [])
        trials = counts.total() + self.free.get(key, 0) + (1 + len(given) if given else 0)
        counts.update(given)
        label, hits = min(counts.items(), key=lambda item: (-item[1], item[0]))
        return _Entry(key, label, hits / trials, label in given)

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label the matcher may suggest."""
        return tuple(sorted({entry.label for entry in self._entries}
                            | {label for labels in self.gazetteer.values() for label in labels}))

    def __len__(self) -> int:
        """How many texts it knows."""
        return len(self._entries)

    @classmethod
    def learn(cls, documents: Iterable[Document], gazetteer: Iterable[tuple[str, str]] = (),
              *, check: Callable[[], None] | None = None) -> StringMatcher:
        """A matcher from the labels of ``documents`` and ``(text, label)`` gazetteer entries.

        The documents are read twice: once for their labels, once to count where the matcher
        would suggest each text in them (the score's unlabelled places). ``check`` is called
        between documents and stops the work by raising (a cancel token's ``check``).
        """
        labelled: dict[str, Counter[str]] = defaultdict(Counter)
        kept: list[Document] = []
        for document in documents:
            if check is not None:
                check()
            text = document.text
            for span in document.spans:
                if span.is_label:
                    key = key_of(text[span.start:span.end])
                    if key:
                        labelled[key][span.label] += 1
            kept.append(document)
        given: dict[str, set[str]] = defaultdict(set)
        for text, label in gazetteer:
            key = key_of(text)
            if key:
                given[key].add(label)
        counting = cls(labelled, None, given)
        free: Counter[str] = Counter()
        for document in kept:
            if check is not None:
                check()
            tokens, _ = tokens_of(document)
            taken = covered(tokens, document.spans)
            free.update(counting._entries[n].key
                        for _, _, n in counting._found(tokens, document.text, taken))
        return cls(labelled, free, given)

    def matches(self, document: Document, taken: bytearray | None = None) -> list[Match]:
        """Whole-token matches in the document, longest first, none overlapping another nor a
        token marked in ``taken`` (one byte per token), in text order."""
        entries = self._entries
        return [Match(first, stop, e.key, e.label, e.score, e.gazetteer)
                for first, stop, e in ((f, s, entries[n]) for f, s, n in
                                       self._found(tokens_of(document)[0], document.text,
                                                   taken))]

    def _found(self, tokens: Sequence[int], text: str,
               taken: bytearray | None) -> list[tuple[int, int, int]]:
        """``(first token, stop token, entry)`` of :meth:`matches`."""
        n = len(tokens) // 2
        if not n or self._automaton is None:
            return []
        in_place = fold_in_place(text)
        found = (self._on_tokens(tokens, in_place) if in_place is not None
                 else self._on_pieces(tokens, text))
        if not found:
            return []
        found.sort()
        free = bytearray(taken) if taken is not None else bytearray(n)
        chosen: list[tuple[int, int, int]] = []
        for _, first, stop, number in found:
            if stop - first == 1:
                if not free[first]:
                    free[first] = 1
                    chosen.append((first, stop, number))
            elif free.find(1, first, stop) < 0:
                free[first:stop] = b"\x01" * (stop - first)
                chosen.append((first, stop, number))
        chosen.sort()
        return chosen

    def _on_tokens(self, tokens: Sequence[int], folded: str) -> list[tuple[int, int, int, int]]:
        """``(-length, first, stop, entry)`` of every match on whole tokens, in the text folded
        in place (:func:`~annotator.text.fold.fold_in_place`): the automaton skips its spaces
        (what the fold drops or joins), so it reports matches at the text's own positions."""
        starts, ends = tokens[0::2], tokens[1::2]
        out: list[tuple[int, int, int, int]] = []
        # The automaton reports a match by its last character. An entry holds (length - 1,
        # entry number).
        for last, (back, number) in self._automaton.iter(folded, ignore_white_space=True):
            j = bisect_right(starts, last) - 1
            if j < 0 or last >= ends[j] or not _blank(folded, last + 1, ends[j]):
                continue  # ends between tokens or inside one
            first = last - back
            if " " in folded[first:last]:
                first = _first_of(folded, last, back + 1)
            i = j if first >= starts[j] else bisect_right(starts, first) - 1
            if i >= 0 and first < ends[i] and _blank(folded, starts[i], first):
                out.append((~back, i, j + 1, number))
        return out

    def _on_pieces(self, tokens: Sequence[int], text: str) -> list[tuple[int, int, int, int]]:
        """What :meth:`_on_tokens` finds, for a text that cannot be folded in place: its tokens
        folded one by one and written one after another (slower)."""
        n = len(tokens) // 2
        pieces = fold_words(list(map(text.__getitem__, map(slice, tokens[0::2], tokens[1::2]))))
        bounds = list(accumulate(map(len, pieces), initial=0))
        # A folded position -> the token that starts there, or that ends just before it. A
        # token that folds to nothing shares its boundaries with its neighbours: the later
        # one starts there, the earlier one ends there.
        first_at = dict(zip(bounds, range(n), strict=False))
        last_at = dict(zip([b - 1 for b in reversed(bounds[1:])], range(n - 1, -1, -1),
                           strict=True))
        return [(~back, first, last + 1, number)
                for end, (back, number) in self._automaton.iter("".join(pieces))
                if (last := last_at.get(end)) is not None
                and (first := first_at.get(end - back)) is not None]

    def suggest(self, document: Document, spans: Sequence[Span] | None = None,
                min_score: float = 0.0) -> list[Span]:
        """Suggestions for a document whose spans are ``spans`` (its own by default): never
        over its labels, and not where this model's same suggestion was rejected."""
        spans = document.spans if spans is None else spans
        tokens, _ = tokens_of(document)
        origin = model_origin(NAME)
        rejected = {(s.start, s.end, s.label) for s in spans
                    if s.origin == origin and s.review == Review.REJECTED}
        entries = self._entries
        pending = Review.PENDING
        out: list[Span] = []
        for first, stop, number in self._found(tokens, document.text,
                                               covered(tokens, spans)):
            e = entries[number]
            start, end = tokens[2 * first], tokens[2 * stop - 1]
            if e.score >= min_score and (start, end, e.label) not in rejected:
                out.append(Span(start, end, e.label, origin, e.score, pending))
        return out

    def data(self) -> dict[str, Any]:
        """What the matcher is kept as (JSON): its counts."""
        return {"labelled": self.labelled, "free": self.free, "gazetteer": self.gazetteer}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> StringMatcher:
        return cls(data["labelled"], data["free"], data["gazetteer"])


def _blank(folded: str, start: int, end: int) -> bool:
    """Nothing but what the fold drops or joins between ``start`` and ``end``."""
    return start >= end or folded[start:end].isspace()


def _first_of(folded: str, last: int, count: int) -> int:
    """The position of the ``count``-th character (spaces not counted) back from ``last``."""
    at = last
    while True:
        if folded[at] != " ":
            count -= 1
            if not count:
                return at
        at -= 1


class StringsModel:
    """The string matcher as a trained model: with its info, kept as bytes."""

    name = NAME

    def __init__(self, info: ModelInfo, matcher: StringMatcher) -> None:
        self.info = info
        self.matcher = matcher

    def suggest(self, document: Document, spans: Sequence[Span] | None = None,
                min_score: float = 0.0) -> list[Span]:
        return self.matcher.suggest(document, spans, min_score)

    def to_bytes(self) -> bytes:
        return stored.pack(self.info, self.matcher.data())

    @classmethod
    def from_bytes(cls, blob: bytes) -> StringsModel:
        info, data, _ = stored.unpack(blob)
        if info.name != NAME:
            raise ModelError(f"a {info.name} model, not a {NAME} model")
        try:
            return cls(info, StringMatcher.from_data(data))
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise ModelError(f"the model is damaged: {error}") from None


def train_strings(documents: Sequence[Document], gazetteer: Iterable[tuple[str, str]] = (),
                  *, held_out_every: int = 5, now: dt.datetime | None = None,
                  progress: Callable[[int, int | None, str], None] | None = None,
                  check: Callable[[], None] | None = None) -> StringsModel:
    """The string matcher learnt from the documents' labels and the ``(text, label)`` entries
    of gazetteers, with held-out scores: learnt without every ``held_out_every``-th document
    and scored on them, then learnt from all (see :mod:`.evaluation`)."""
    gazetteer = list(gazetteer)
    learnt, held = held_out(documents, held_out_every)
    scores = {}
    if held:
        if progress is not None:
            progress(0, 2, f"learning from {len(learnt)} documents to score {len(held)}")
        scores = evaluate(StringMatcher.learn(learnt, gazetteer, check=check), held)
    if progress is not None:
        progress(1, 2, f"learning from {len(documents)} documents")
    matcher = StringMatcher.learn(documents, gazetteer, check=check)
    if progress is not None:
        progress(2, 2, "learnt")
    info = ModelInfo(NAME, now or dt.datetime.now(dt.UTC), matcher.labels, len(documents),
                     sum(len(tokens_of(d)[0]) // 2 for d in documents), len(held), scores,
                     {"held_out_every": held_out_every, "texts": len(matcher)})
    return StringsModel(info, matcher)
