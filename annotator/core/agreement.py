"""Agreement of analysts who labelled the same documents: kappa over tokens' tags, span F1.

Input: for each document its key, its stored tokens and each analyst's labels of it
(:class:`DocumentLabels`). A document counts for a pair of analysts when both labelled it (an
analyst who labelled it and found nothing to label has labelled it too). What is computed, for
each pair of analysts, overall, and per label:

- **kappa**: Cohen's kappa over the BIO tags of every stored token of the documents both
  labelled, ``O`` included (as ParsTwiNER and INCEpTION report it). Spans become tags as the
  CoNLL export writes them (:func:`annotator.core.tokens.token_ranges`): one off token
  boundaries is widened to the tokens it touches; one that would share a token with an earlier
  one after widening is left out of the tags (it still counts for span F1).
- **span F1**: exact boundaries and label, counted by :mod:`annotator.core.scores` with the
  first analyst of the pair as reference; F1 is symmetric in the pair (``2tp / (2tp + fp +
  fn)``, where fp and fn are the spans only one of them made).
- **overlap F1**: a span of one analyst and a span of the other match when they have the same
  label and overlap; each span matches at most one (one-to-one), and as many as possible are
  matched (see :func:`overlap_matches`). Exact matches are always among them, so overlap F1 is
  never below span F1.
- **per label**: kappa over the same tags with every other label's read as ``O`` (tags ``B-L``,
  ``I-L`` and ``O``: the tagging as though the corpus had been labelled for ``L`` alone, so a
  boundary that differs costs there as it does overall); span and overlap F1 over ``L``'s spans.
- **both empty**: F1 of two analysts neither of whom made a span (of a label) is 1.0: they agree
  that there is nothing (:mod:`annotator.core.scores` says 0, conlleval's convention for a
  model; for two analysts, saying nothing alike is agreement). Kappa when every token has the
  same tag for both is 1.0 (see :mod:`annotator.core.kappa`). A pair that shares no document
  has no figures (``None``).
- **overall** (pairs pooled): kappa is the mean of the pairs' kappas (Light's kappa, each pair
  that shares a document weighing the same); span and overlap F1 add up the pairs' counts
  (micro average over pairs). With two analysts overall is their pair.
- **Fleiss' kappa** when more than two analysts are compared: over the tokens of the documents
  every one of them labelled.
- **documents ranked by disagreement**: a document's disagreement is the share of token tags
  its pairs of analysts disagree on, ``1 - mean over pairs of (tokens with the same tag /
  tokens)``; the most disagreed first, ties by the tokens not all analysts tagged alike, then
  by key.

- **events**: an analyst's events of a document (:attr:`DocumentLabels.events`) are compared
  whole, as :class:`EventTuple`: an event of one analyst matches one of the other when its
  trigger (start, end), its event type and its set of arguments (role, start, end) are all the
  same. Counted as span F1 is (the first analyst as reference, F1 symmetric; two analysts
  with no events in the documents both labelled agree: 1.0), per pair and overall (the pairs'
  counts added up), all types together and per event type (an event that differs only in its
  type counts against both types). The ``labels`` filter narrows the spans' figures only:
  events are compared whole whatever it says.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import ne, or_
from typing import Any

from annotator.core.events import Event
from annotator.core.kappa import cohen_kappa, fleiss_kappa, mean_kappa
from annotator.core.model import Labelled
from annotator.core.scores import Counts, Scored, exact_counts, total
from annotator.core.tokens import token_ranges

# A label as agreement compares it: start, end (code points, end exclusive), label name.
Triple = tuple[int, int, str]
# An event as agreement and curation compare it: its trigger's start and end, its event type,
# and its arguments as (role, start, end), sorted (see :func:`compared_event`).
EventTuple = tuple[int, int, str, tuple[tuple[str, int, int], ...]]
# Token tags as small integers: 0 is O; a label's B tag is an odd number, its I tag the next.
_O = 0
_DIGITS = 4
_Parts = list[Sequence[Scored]]


@dataclass(frozen=True, slots=True)
class DocumentLabels:
    """One document as agreement compares it.

    ``tokens`` are the stored tokens, flat ``(start, end)`` pairs; ``labels`` maps each analyst
    who labelled the document to their labels of it (an empty collection: they labelled it and
    found nothing). An analyst who did not label it is absent. Sentences are not needed: a
    token's tag does not depend on them. ``events`` maps an analyst to their events of the
    document (their triggers among their labels); one absent made none.
    """

    key: str
    tokens: Sequence[int]
    labels: Mapping[str, Collection[Triple]]
    events: Mapping[str, Collection[EventTuple]] = field(default_factory=dict)


def as_triples(spans: Iterable[Labelled]) -> list[Triple]:
    """The labels among ``spans`` (human spans and accepted suggestions) as agreement and
    curation compare them, in text order."""
    return sorted((s.start, s.end, s.label) for s in spans if s.is_label)


def compared_event(start: int, end: int, type_name: str,
                   arguments: Iterable[tuple[str, int, int]]) -> EventTuple:
    """An event as agreement and curation compare it: its trigger's ``start`` and ``end``, its
    event type and its arguments ``(role, start, end)``, in order, each once."""
    return start, end, type_name, tuple(sorted(set(arguments)))


def as_event_tuples(events: Iterable[Event]) -> list[EventTuple]:
    """``events`` as agreement and curation compare them, in their triggers' text order."""
    return sorted(compared_event(e.trigger.start, e.trigger.end, e.type,
                                 ((a.role.value, a.span.start, a.span.end) for a in e.arguments))
                  for e in events)


def f1(counts: Counts) -> float:
    """F1 of two analysts' spans: 1.0 when neither made any (they agree there are none)."""
    return counts.f1 if counts.tp or counts.fp or counts.fn else 1.0


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    """Kappa and span counts for one label, or for all labels together."""

    kappa: float | None
    exact: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)

    @property
    def span_f1(self) -> float:
        return f1(self.exact)

    @property
    def overlap_f1(self) -> float:
        return f1(self.overlap)

    def to_json(self, defined: bool = True) -> dict[str, Any]:
        return {"kappa": _rounded(self.kappa),
                "span_f1": round(self.span_f1, _DIGITS) if defined else None,
                "overlap_f1": round(self.overlap_f1, _DIGITS) if defined else None}


@dataclass(frozen=True, slots=True)
class EventAgreement:
    """Events matched whole (trigger, type and arguments), all types together and per event
    type, the first analyst of a pair as reference (fn: events only they made)."""

    counts: Counts = field(default_factory=Counts)
    by_type: Mapping[str, Counts] = field(default_factory=dict)

    @property
    def f1(self) -> float:
        return f1(self.counts)

    @property
    def made(self) -> tuple[int, int]:
        """How many events each analyst of the pair made."""
        return self.counts.tp + self.counts.fn, self.counts.tp + self.counts.fp

    def to_json(self, defined: bool = True, made: bool = False) -> dict[str, Any]:
        """``{"made": [A, B], "f1", "tp", "fp", "fn", "by_type": {TYPE: {...}}}``; ``made``
        only for a pair (``made``), ``f1`` None when not ``defined``."""

        def figures(counts: Counts) -> dict[str, Any]:
            each = {"made": [counts.tp + counts.fn, counts.tp + counts.fp]} if made else {}
            return {**each, "f1": round(f1(counts), _DIGITS) if defined else None,
                    "tp": counts.tp, "fp": counts.fp, "fn": counts.fn}

        return {**figures(self.counts),
                "by_type": {kind: figures(c) for kind, c in self.by_type.items()}}


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Two analysts over the documents both labelled. ``spans`` counts each one's spans there;
    ``exact`` and ``overlap`` take the first analyst as reference (fn: spans only they made)."""

    analysts: tuple[str, str]
    documents: int
    tokens: int
    combined: LabelAgreement
    by_label: Mapping[str, LabelAgreement]
    events: EventAgreement = field(default_factory=EventAgreement)

    @property
    def spans(self) -> tuple[int, int]:
        exact = self.combined.exact
        return exact.tp + exact.fn, exact.tp + exact.fp

    def to_json(self) -> dict[str, Any]:
        defined = self.documents > 0
        return {"analysts": list(self.analysts), "documents": self.documents,
                "tokens": self.tokens, "spans": list(self.spans), **self.combined.to_json(defined),
                "by_label": {label: {"spans": [a.exact.support, a.exact.tp + a.exact.fp],
                                     **a.to_json(defined)}
                             for label, a in self.by_label.items()},
                "events": self.events.to_json(defined, made=True)}


@dataclass(frozen=True, slots=True)
class OverallAgreement:
    """The pairs pooled: mean of their kappas, F1 of their added-up counts. ``documents`` and
    ``tokens`` count the documents two or more of the analysts labelled, each once."""

    documents: int
    tokens: int
    combined: LabelAgreement
    by_label: Mapping[str, LabelAgreement]
    events: EventAgreement = field(default_factory=EventAgreement)

    def to_json(self) -> dict[str, Any]:
        defined = self.documents > 0
        return {"documents": self.documents, "tokens": self.tokens,
                **self.combined.to_json(defined),
                "by_label": {label: a.to_json(defined) for label, a in self.by_label.items()},
                "events": self.events.to_json(defined)}


@dataclass(frozen=True, slots=True)
class FleissAgreement:
    """Fleiss' kappa of all the analysts over the documents every one of them labelled."""

    analysts: tuple[str, ...]
    documents: int
    tokens: int
    kappa: float | None
    by_label: Mapping[str, float | None]

    def to_json(self) -> dict[str, Any]:
        return {"analysts": list(self.analysts), "documents": self.documents,
                "tokens": self.tokens, "kappa": _rounded(self.kappa),
                "by_label": {label: {"kappa": _rounded(k)} for label, k in self.by_label.items()}}


@dataclass(frozen=True, slots=True)
class DocumentDisagreement:
    """How far the analysts who labelled one document disagree on its tokens' tags.

    ``disagreeing`` counts the tokens not all of them tagged alike; ``disagreement`` is the
    share of (token, pair of analysts) on which the pair's tags differ.
    """

    key: str
    analysts: tuple[str, ...]
    tokens: int
    disagreeing: int
    disagreement: float

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "analysts": list(self.analysts), "tokens": self.tokens,
                "disagreeing": self.disagreeing,
                "disagreement": round(self.disagreement, _DIGITS)}


@dataclass(frozen=True, slots=True)
class Agreement:
    """Everything :func:`agreement` measured. ``fleiss`` is None for two analysts or fewer;
    ``documents`` are ranked, the most disagreed first."""

    analysts: tuple[str, ...]
    labels: tuple[str, ...]
    pairs: tuple[PairAgreement, ...]
    overall: OverallAgreement
    fleiss: FleissAgreement | None
    documents: tuple[DocumentDisagreement, ...] = field(default=())

    def pair(self, first: str, second: str) -> PairAgreement:
        """The pair of two analysts, in either order."""
        wanted = tuple(sorted((first, second)))
        for pair in self.pairs:
            if pair.analysts == wanted:
                return pair
        raise KeyError(f"no pair of analysts {first!r} and {second!r}")

    def to_json(self, documents: int | None = None) -> dict[str, Any]:
        """What ``annotator agreement --json`` prints; ``documents`` keeps the most disagreed
        ones only."""
        ranked = self.documents if documents is None else self.documents[:documents]
        return {"analysts": list(self.analysts), "labels": list(self.labels),
                "pairs": [p.to_json() for p in self.pairs],
                "overall": self.overall.to_json(),
                "fleiss_kappa": self.fleiss.to_json() if self.fleiss else None,
                "documents": [d.to_json() for d in ranked]}


def agreement(documents: Iterable[DocumentLabels], analysts: Collection[str] | None = None,
              labels: Collection[str] | None = None) -> Agreement:
    """Agreement of ``analysts`` (default: everyone who labelled a document) over the
    documents two or more of them labelled, on ``labels`` (default: every label they used
    there; other labels are left out, as though never made)."""
    tally = _Tally(analysts, labels)
    for doc in documents:
        tally.add(doc)
    return tally.result()


def overlap_matches(first: Collection[Triple], second: Collection[Triple]) -> Counter[str]:
    """Per label, the most one-to-one pairs of a span of ``first`` and one of ``second`` with
    that label that overlap.

    Within each side spans do not overlap (labels of a document never do), so a greedy sweep
    in text order finds a maximum matching: when the current spans overlap they are matched
    (neither can overlap a later span of the other side that its partner does not); otherwise
    the one that ends first overlaps nothing further and is passed.
    """
    matches: Counter[str] = Counter()
    for label in {t[2] for t in first} & {t[2] for t in second}:
        xs = sorted(t for t in first if t[2] == label)
        ys = sorted(t for t in second if t[2] == label)
        i = j = found = 0
        while i < len(xs) and j < len(ys):
            x_start, x_end, _ = xs[i]
            y_start, y_end, _ = ys[j]
            if x_start < y_end and y_start < x_end:
                found += 1
                i += 1
                j += 1
            elif x_end <= y_end:
                i += 1
            else:
                j += 1
        if found:
            matches[label] = found
    return matches


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, _DIGITS)


class _Tally:
    """Counts gathered document by document, turned into figures by :meth:`result`.

    Tags are counted sparsely: per (document, analyst) only the tokens a span is written on,
    as ``{token: tag}``. For the analysts of a document the tokens any of them tagged give
    one *pattern* each (the tags in the analysts' order); the other tokens are ``O`` for all.
    Patterns are added up per set of analysts, and each pair's confusion, Fleiss' counts and
    the per-label views are read from those few distinct patterns at the end.
    """

    def __init__(self, analysts: Collection[str] | None, labels: Collection[str] | None) -> None:
        self.wanted = None if analysts is None else frozenset(analysts)
        self.only = None if labels is None else frozenset(labels)
        self.seen: set[str] = set(analysts or ())
        self.codes: dict[str, int] = {}  # label -> its B tag (I is the next number)
        for label in sorted(labels or ()):
            self._code(label)
        # Per set of analysts (in name order): token patterns, documents, tokens.
        self.patterns: dict[tuple[str, ...], Counter[tuple[int, ...]]] = {}
        self.documents: Counter[tuple[str, ...]] = Counter()
        self.tokens: Counter[tuple[str, ...]] = Counter()
        # Per pair: each analyst's spans as scores compares them, a list per document, and the
        # overlaps found beyond exact matches, per label; their events likewise, each as
        # ((document, arguments), trigger start, trigger end, type).
        self.scored: dict[tuple[str, str], tuple[_Parts, _Parts]] = {}
        self.events: dict[tuple[str, str], tuple[_Parts, _Parts]] = {}
        self.overlaps: dict[tuple[str, str], Counter[str]] = {}
        self.ranked: list[DocumentDisagreement] = []

    def add(self, doc: DocumentLabels) -> None:
        wanted, only = self.wanted, self.only
        names = sorted(a for a in doc.labels if wanted is None or a in wanted)
        self.seen.update(names)
        if len(names) < 2:
            return
        spans = {a: frozenset(doc.labels[a]) if only is None
                 else frozenset(t for t in doc.labels[a] if t[2] in only) for a in names}
        starts, ends = doc.tokens[0::2], doc.tokens[1::2]
        count = len(starts)
        tags = [self._tags(starts, ends, spans[a]) for a in names]
        tagged = set().union(*tags)
        columns = [list(map(t.get, tagged, itertools.repeat(_O))) for t in tags]
        group = tuple(names)
        self.patterns.setdefault(group, Counter()).update(zip(*columns, strict=True))
        self.documents[group] += 1
        self.tokens[group] += count
        key = doc.key
        scored: dict[str, Sequence[Scored]] = {
            a: [(key, start, end, label) for start, end, label in spans[a]] for a in names}
        events: dict[str, Sequence[Scored]] = {
            a: [((key, arguments), start, end, kind)
                for start, end, kind, arguments in doc.events.get(a, ())] for a in names}
        same = 0  # (token, pair) with the same tag
        for (i, a), (j, b) in itertools.combinations(enumerate(names), 2):
            same += count - sum(map(ne, columns[i], columns[j]))
            first, second = self.scored.setdefault((a, b), ([], []))
            first.append(scored[a])
            second.append(scored[b])
            first, second = self.events.setdefault((a, b), ([], []))
            first.append(events[a])
            second.append(events[b])
            # Exact matches overlap nothing else (each side's spans do not overlap), so the
            # overlapping matches beyond them are among the spans only one side made.
            only_a = spans[a] - spans[b]
            only_b = spans[b] - spans[a]
            if only_a and only_b:
                self.overlaps.setdefault((a, b), Counter()).update(
                    overlap_matches(only_a, only_b))
        pairs = len(names) * (len(names) - 1) // 2
        leading = columns[0]
        differs = map(ne, leading, columns[1])
        for column in columns[2:]:
            differs = map(or_, differs, map(ne, leading, column))
        disagreeing = sum(differs)
        share = 1.0 - same / (pairs * count) if count else 0.0
        self.ranked.append(DocumentDisagreement(doc.key, group, count, disagreeing, share))

    def _tags(self, starts: Sequence[int], ends: Sequence[int],
              spans: Collection[Triple]) -> dict[int, int]:
        tags: dict[int, int] = {}
        codes = self.codes
        ranges, _, _ = token_ranges(starts, ends, sorted(spans))
        for first, stop, label in ranges:
            code = codes.get(label) or self._code(label)
            tags[first] = code
            if stop - first > 1:
                inside = code + 1
                for i in range(first + 1, stop):
                    tags[i] = inside
        return tags

    def _code(self, label: str) -> int:
        code = self.codes[label] = 2 * len(self.codes) + 1
        return code

    def result(self) -> Agreement:
        analysts = tuple(sorted(self.seen))
        exact = {pair: exact_counts(itertools.chain.from_iterable(first),
                                    itertools.chain.from_iterable(second))
                 for pair, (first, second) in self.scored.items()}
        events = {pair: _events(exact_counts(itertools.chain.from_iterable(first),
                                             itertools.chain.from_iterable(second)))
                  for pair, (first, second) in self.events.items()}
        used = {label for counts in exact.values() for label in counts}
        labels = tuple(sorted(used if self.only is None else self.only))
        codes = {label: self.codes.get(label) or self._code(label) for label in labels}
        pairs = tuple(self._pair(pair, codes, exact.get(pair, {}),
                                 events.get(pair, EventAgreement()))
                      for pair in itertools.combinations(analysts, 2))
        shared = [p for p in pairs if p.documents]
        overall = OverallAgreement(
            sum(self.documents.values()), sum(self.tokens.values()),
            _pooled([p.combined for p in shared]),
            {label: _pooled([p.by_label[label] for p in shared]) for label in labels},
            _events(_added_up(p.events.by_type for p in shared)))
        fleiss = self._fleiss(analysts, codes) if len(analysts) > 2 else None
        ranked = sorted(self.ranked, key=lambda d: (-d.disagreement, -d.disagreeing, d.key))
        return Agreement(analysts, labels, pairs, overall, fleiss, tuple(ranked))

    def _pair(self, pair: tuple[str, str], codes: Mapping[str, int],
              exact: Mapping[str, Counts], events: EventAgreement) -> PairAgreement:
        confusion: Counter[tuple[int, ...]] = Counter()
        documents = tokens = 0
        for group, patterns in self.patterns.items():
            if pair[0] in group and pair[1] in group:
                i, j = group.index(pair[0]), group.index(pair[1])
                for pattern, n in patterns.items():
                    confusion[pattern[i], pattern[j]] += n
                documents += self.documents[group]
                tokens += self.tokens[group]
        if not documents:
            empty = LabelAgreement(None)
            return PairAgreement(pair, 0, 0, empty, dict.fromkeys(codes, empty))
        outside = tokens - sum(confusion.values())  # tokens neither tagged
        confusion[_O, _O] += outside
        extra = self.overlaps.get(pair, Counter())
        by_label = {}
        for label, code in codes.items():
            counts = exact.get(label, Counts())
            by_label[label] = LabelAgreement(
                cohen_kappa(_one_label(confusion, code)), counts, _widened(counts, extra[label]))
        exact_all = total({label: exact.get(label, Counts()) for label in codes})
        matched = sum(extra[label] for label in codes)
        all_labels = LabelAgreement(cohen_kappa(confusion), exact_all,
                                    _widened(exact_all, matched))
        return PairAgreement(pair, documents, tokens, all_labels, by_label, events)

    def _fleiss(self, analysts: tuple[str, ...], codes: Mapping[str, int]) -> FleissAgreement:
        patterns = Counter(self.patterns.get(analysts, Counter()))
        documents, tokens = self.documents[analysts], self.tokens[analysts]
        outside = tokens - sum(patterns.values())
        if outside:
            patterns[(_O,) * len(analysts)] += outside
        by_label = {label: fleiss_kappa(_one_label(patterns, code))
                    for label, code in codes.items()}
        return FleissAgreement(analysts, documents, tokens, fleiss_kappa(patterns), by_label)


def _one_label(counts: Mapping[tuple[int, ...], int], code: int) -> Counter[tuple[int, ...]]:
    """Counts of tag tuples with every tag but ``code`` (B) and ``code + 1`` (I) read as O."""
    out: Counter[tuple[int, ...]] = Counter()
    for tags, n in counts.items():
        out[tuple(t if code <= t <= code + 1 else _O for t in tags)] += n
    return out


def _widened(exact: Counts, extra: int) -> Counts:
    """Exact counts with ``extra`` more pairs matched by overlapping."""
    return Counts(exact.tp + extra, exact.fp - extra, exact.fn - extra)


def _events(by_type: Mapping[str, Counts]) -> EventAgreement:
    """Event figures from the counts per event type."""
    return EventAgreement(total(by_type), dict(sorted(by_type.items())))


def _added_up(parts: Iterable[Mapping[str, Counts]]) -> dict[str, Counts]:
    """Counts per type (or label) added up over ``parts``."""
    added: dict[str, Counts] = {}
    for part in parts:
        for kind, counts in part.items():
            added[kind] = added.get(kind, Counts()) + counts
    return added


def _pooled(pairs: Sequence[LabelAgreement]) -> LabelAgreement:
    return LabelAgreement(mean_kappa(p.kappa for p in pairs),
                          sum((p.exact for p in pairs), Counts()),
                          sum((p.overlap for p in pairs), Counts()))
