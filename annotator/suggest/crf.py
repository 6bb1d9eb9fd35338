"""The sequence model (model ``crf``): a linear-chain CRF over a document's stored tokens.

**Training.** Each sentence of each document is one sequence: the features of its tokens
(:mod:`.features`) and the BIO tags of the document's labels (:mod:`.sequences`). CRFsuite
(``python-crfsuite``) fits it with L-BFGS and elastic-net regularisation (``c1``, ``c2``).
The string matcher's hits are features too; so that the CRF does not learn to trust them
blindly, each document's hits come from a matcher learnt from the *other* documents (in
``folds`` folds), as they would for a document it has never seen. The model keeps the
matcher learnt from all of them, and the gazetteer's, for tagging.

**Held-out scores.** Every ``held_out_every``-th document is held out, a model is trained on
the rest and scored on them (:mod:`.evaluation`); then the model kept is trained on all the
documents (the scores estimate it, from a little less data). Training thus runs twice; with
``held_out_every=0`` it runs once and the info has no scores.

**Score of a suggestion.** The smallest of the marginal probabilities of its tags (``B-L``
on its first token, ``I-L`` on the others) and of the token after it not continuing it: an
upper bound of the probability that the span is exactly this one, and its weakest link.

The same documents in the same order, with the same settings, give the same model, byte for
byte (L-BFGS is deterministic; nothing depends on a hash's order).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pycrfsuite

from annotator.core.model import Document, Review, Span, model_origin
from annotator.suggest import info as stored
from annotator.suggest.evaluation import evaluate, held_out
from annotator.suggest.features import Features, WordTags, hit_tags
from annotator.suggest.info import ModelError, ModelInfo, TrainingError
from annotator.suggest.sequences import OUTSIDE, bio_tags, tagged_spans, token_index, words
from annotator.suggest.strings import StringMatcher

NAME = "crf"

# progress(done, total or None, what is being done), as services report it
Progress = Callable[[int, int | None, str], None]


@dataclass(frozen=True, slots=True)
class CrfSettings:
    """What training is asked for. ``c1``/``c2``: L1 and L2 regularisation; ``folds``: how
    the string matcher's hits are learnt for the training documents; ``held_out_every``: see
    the module's docstring. The defaults were chosen on a held-out part of ParsTwiNER's train
    set (see ``scripts/parstwiner_crf.py``)."""

    c1: float = 0.05
    c2: float = 0.05
    max_iterations: int = 60
    folds: int = 5
    held_out_every: int = 5


class CrfModel:
    """A trained CRF with the string matchers and tag counts whose hints it reads.

    One CRFsuite tagger is opened per instance, on first use: use an instance from one thread
    at a time (a worker process or thread of its own).
    """

    name = NAME

    def __init__(self, info: ModelInfo, crf: bytes, matcher: StringMatcher,
                 gazetteer: StringMatcher, word_tags: WordTags) -> None:
        self.info = info
        self.crf = crf
        self.matcher = matcher
        self.gazetteer = gazetteer
        self.word_tags = word_tags
        self._features = Features()
        self._tagger: Any = None

    def _opened(self) -> Any:
        if self._tagger is None:
            tagger = pycrfsuite.Tagger()
            try:
                tagger.open_inmemory(self.crf)
            except (ValueError, OSError) as error:
                raise ModelError(f"the CRF model is damaged: {error}") from None
            self._tagger = tagger
        return self._tagger

    def tag(self, document: Document) -> list[tuple[int, int, str, float]]:
        """``(start, end, label, score)`` of every span the model finds, on whole tokens."""
        out: list[tuple[int, int, str, float]] = []
        known = self.info.settings["tags"]
        for tagger, tags, offsets in self._tagged(document):
            for first, stop, label in tagged_spans(tags):
                score = min(tagger.marginal(tags[i], i) for i in range(first, stop))
                if stop < len(tags) and f"I-{label}" in known:
                    score = min(score, 1.0 - tagger.marginal(f"I-{label}", stop))
                out.append((offsets[first][0], offsets[stop - 1][1], label,
                            min(1.0, max(0.0, score))))
        return out

    def uncertainty(self, document: Document) -> float:
        """How unsure the model is of the document: 1 minus the smallest marginal probability
        among the tags of its best tagging (its least sure token); 0 without tokens. What
        "the document the model is least sure of" ranks by."""
        surest = 1.0
        for tagger, tags, _ in self._tagged(document):
            surest = min(surest, *(tagger.marginal(tag, i) for i, tag in enumerate(tags)))
        return min(1.0, max(0.0, 1.0 - surest))

    def _tagged(self, document: Document) -> Iterator[tuple[Any, list[str],
                                                            list[tuple[int, int]]]]:
        """Per sentence: the tagger (holding its marginals), the best tags and the tokens'
        offsets."""
        index = token_index(document)
        tagger = self._opened()
        tokens = words(document, index)
        hits = _hints(document, tokens, self.matcher, self.gazetteer, self.word_tags)
        for sentence in index.sentence_ranges():
            a, z = sentence.start, sentence.stop
            xseq = self._features.sentence(tokens[a:z], [(k, h[a:z]) for k, h in hits])
            yield tagger, tagger.tag(xseq), [index.token(i) for i in sentence]

    def suggest(self, document: Document, spans: Sequence[Span] | None = None,
                min_score: float = 0.0) -> list[Span]:
        """Suggestions for a document whose spans are ``spans`` (its own by default): never
        over its labels, and not where this model's same suggestion was rejected."""
        spans = document.spans if spans is None else spans
        origin = model_origin(NAME)
        rejected = {(s.start, s.end, s.label) for s in spans
                    if s.origin == origin and s.review == Review.REJECTED}
        labelled = [s for s in spans if s.is_label]
        out: list[Span] = []
        for start, end, label, score in self.tag(document):
            if score < min_score or (start, end, label) in rejected:
                continue
            if any(s.overlaps(start, end) for s in labelled):
                continue
            out.append(Span(start, end, label, origin, score, Review.PENDING))
        return out

    def to_bytes(self) -> bytes:
        return stored.pack(self.info, {"matcher": self.matcher.data(),
                                       "gazetteer": self.gazetteer.data(),
                                       "word_tags": self.word_tags.data()}, self.crf)

    @classmethod
    def from_bytes(cls, blob: bytes) -> CrfModel:
        info, data, payload = stored.unpack(blob)
        if info.name != NAME:
            raise ModelError(f"a {info.name} model, not a {NAME} model")
        try:
            matcher = StringMatcher.from_data(data["matcher"])
            gazetteer = StringMatcher.from_data(data["gazetteer"])
            word_tags = WordTags.from_data(data["word_tags"])
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise ModelError(f"the model is damaged: {error}") from None
        model = cls(info, payload, matcher, gazetteer, word_tags)
        model._opened()
        return model


def train_crf(documents: Sequence[Document], gazetteer: Iterable[tuple[str, str]] = (),
              settings: CrfSettings | None = None, *, now: dt.datetime | None = None,
              progress: Progress | None = None,
              check: Callable[[], None] | None = None) -> CrfModel:
    """A CRF trained on the documents' stored tokens and labels (and the ``(text, label)``
    entries of gazetteers), with held-out scores.

    ``now`` is the training date the info records (the current time by default);
    ``progress(done, total, message)`` hears of each step and ``check()`` is called between
    steps and iterations, and stops training by raising (a cancel token's ``check``).
    """
    settings = settings or CrfSettings()
    gazetteer = list(gazetteer)
    report = progress or _quiet
    learnt, held = held_out(documents, settings.held_out_every)
    scores = {}
    if held:
        trial = _train(learnt, gazetteer, settings, report, check,
                       f"training on {len(learnt)} documents to score {len(held)} held out")
        scores = evaluate(trial, held)
    model = _train(documents, gazetteer, settings, report, check,
                   f"training on {len(documents)} documents")
    model.info = ModelInfo(
        name=NAME,
        trained=now or dt.datetime.now(dt.UTC),
        labels=model.info.labels,
        documents=len(documents),
        tokens=model.info.tokens,
        held_out_documents=len(held),
        held_out=scores,
        settings=model.info.settings,
    )
    return model


def _quiet(done: int, total: int | None, message: str) -> None:
    """No progress shown."""


def _train(documents: Sequence[Document], gazetteer: list[tuple[str, str]],
           settings: CrfSettings, report: Progress, check: Callable[[], None] | None,
           what: str) -> CrfModel:
    features = Features()
    gazetteer_matcher = StringMatcher({}, {}, _grouped(gazetteer))
    labelled = [_Labelled.of(d) for d in documents]
    folds = max(1, min(settings.folds, len(documents)))
    # Each document's hints come from what the other folds' documents say.
    others = [[d for i, d in enumerate(labelled) if i % folds != k] for k in range(folds)]
    fold_hints = [(StringMatcher.learn([d.document for d in rest], check=check),
                   WordTags.learn(s for d in rest for s in d.sentences()))
                  for rest in others]
    tags = sorted({t for doc in labelled for t in doc.tags})
    if not any(t != OUTSIDE for t in tags):
        raise TrainingError("nothing to learn from: the documents have no labels")
    # Each sentence goes to CRFsuite as soon as its features are made: kept as Python
    # strings, the features of 200,000 tokens would take a gigabyte.
    trainer = _trainer(settings, report, check, what)
    tokens = 0
    for n, doc in enumerate(labelled):
        if check is not None:
            check()
        if n % 200 == 0:
            report(n, len(documents), f"{what}: features")
        matcher, word_tags = fold_hints[n % folds]
        hits = _hints(doc.document, doc.words, matcher, gazetteer_matcher, word_tags)
        for a, z in doc.ranges:
            trainer.append(features.sentence(doc.words[a:z], [(k, h[a:z]) for k, h in hits]),
                           doc.tags[a:z])
        tokens += len(doc.words)
    crf = _fit(trainer)
    info = ModelInfo(NAME, dt.datetime.now(dt.UTC),
                     tuple(sorted({t[2:] for t in tags if t != OUTSIDE})), len(documents),
                     tokens, settings={**asdict(settings), "tags": tags})
    return CrfModel(info, crf, StringMatcher.learn(documents, check=check), gazetteer_matcher,
                    WordTags.learn(s for d in labelled for s in d.sentences()))


@dataclass(slots=True)
class _Labelled:
    """A training document's words, sentences (token ranges) and tags."""

    document: Document
    words: list[str]
    ranges: list[tuple[int, int]]
    tags: list[str]

    @classmethod
    def of(cls, document: Document) -> _Labelled:
        index = token_index(document)
        return cls(document, words(document, index),
                   [(r.start, r.stop) for r in index.sentence_ranges()],
                   bio_tags(index, (s for s in document.spans if s.is_label)))

    def sentences(self) -> Iterator[tuple[list[str], list[str]]]:
        for a, z in self.ranges:
            yield self.words[a:z], self.tags[a:z]


def _hints(document: Document, tokens: list[str], matcher: StringMatcher,
           gazetteer: StringMatcher, word_tags: WordTags) -> list[tuple[str, list[str]]]:
    n = len(tokens)
    return [("m", hit_tags(n, matcher.matches(document))),
            ("g", hit_tags(n, gazetteer.matches(document))),
            ("t", word_tags.hints(tokens))]


def _grouped(entries: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    from annotator.suggest.strings import key_of

    grouped: dict[str, set[str]] = {}
    for text, label in entries:
        key = key_of(text)
        if key:
            grouped.setdefault(key, set()).add(label)
    return grouped


_ITERATION = re.compile(r"\*{5} Iteration #(\d+) \*{5}")


class _Trainer(pycrfsuite.BaseTrainer):  # type: ignore[misc]
    """CRFsuite's trainer, reporting its iterations and stopping when asked to."""

    def __init__(self, on_iteration: Callable[[int], None]) -> None:
        super().__init__(algorithm="lbfgs", verbose=False)
        self._on_iteration = on_iteration

    def message(self, message: str) -> None:
        for found in _ITERATION.finditer(message):
            self._on_iteration(int(found.group(1)))


def _trainer(settings: CrfSettings, report: Progress, check: Callable[[], None] | None,
             what: str) -> _Trainer:
    def on_iteration(n: int) -> None:
        if check is not None:
            check()
        report(n, settings.max_iterations, what)

    trainer = _Trainer(on_iteration)
    trainer.set_params({"c1": settings.c1, "c2": settings.c2,
                        "max_iterations": settings.max_iterations,
                        "feature.possible_transitions": True})
    return trainer


def _fit(trainer: _Trainer) -> bytes:
    """The model file CRFsuite writes for the sequences appended to ``trainer``."""
    with tempfile.TemporaryDirectory(prefix="annotator-crf-") as folder:
        path = Path(folder) / "model.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()
