"""The built-in models: training, one document's suggestions, the string matcher over a project.

Documents come from the synthetic corpus, tokenized as import tokenizes them
(:func:`documents`). That is the seam: once training and suggesting are services over the
project, these benchmarks read the documents from a project file and call the services;
what they time stays the same.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest

from annotator.core.model import Document, Span, Status
from annotator.suggest.models import train_model
from annotator.suggest.strings import StringMatcher
from benchmarks.conftest import ARTICLES, FIGURES, p95
from benchmarks.corpus import VOCABULARY, records

TRAIN_TOKENS = 200_000
# The names of the corpus's vocabulary: what a project's labels and gazetteers hold.
NAMES = {
    **dict.fromkeys("تهران مشهد اصفهان شیراز تبریز ژنو مسکو پکن دوحه بغداد کابل".split(),
                    "LOCATION"),
    **dict.fromkeys("Reuters UNESCO OPEC Donald Trump António Guterres خبرگزاری "
                    "رئیس‌جمهور".split(), "ACTOR"),
}
assert set(NAMES) <= set(VOCABULARY)


def documents(count: int, *, seed: int = 1404, names: bool = False) -> list[Document]:
    """``count`` synthetic articles of ~2,000 characters as documents, with their tokens.

    Their spans are the corpus's (20 on random words), or with ``names`` the occurrences of
    the vocabulary's names, labelled as a project would label them.
    """
    from annotator.text.tokenize import tokenize

    out = []
    for record in records(count, seed=seed):
        text = str(record["text"])
        tokens, sentences = tokenize(text)
        if names:
            spans = [Span(a, b, NAMES[text[a:b]]) for a, b in zip(tokens[0::2], tokens[1::2],
                                                                  strict=True)
                     if text[a:b] in NAMES]
        else:
            spans = [Span(int(s["start"]), int(s["end"]), str(s["label"]))
                     for s in record["spans"]]  # type: ignore[attr-defined]
        out.append(Document(text, key=str(record["id"]), status=Status.DONE, tokens=tokens,
                            sentences=sentences, spans=spans))
    return out


def gazetteer(count: int) -> list[tuple[str, str]]:
    """``count`` two-word entries made of the vocabulary's words (deterministic)."""
    words = sorted(set(VOCABULARY))
    pairs = itertools.islice(itertools.product(words, repeat=2), count)
    return [(f"{a} {b}", "ACTOR") for a, b in pairs]


def test_train_model(benchmark: Any) -> None:
    """``annotator train --model crf`` on 200,000 tokens: held-out model and final model."""
    docs: list[Document] = []
    tokens = 0
    for doc in documents(1000, seed=7):
        docs.append(doc)
        tokens += len(doc.tokens) // 2
        if tokens >= TRAIN_TOKENS:
            break
    model = benchmark.pedantic(lambda: train_model("crf", docs), rounds=1, iterations=1)
    seconds = benchmark.stats.stats.median
    benchmark.extra_info["tokens"] = tokens
    benchmark.extra_info["tokens_per_s"] = round(tokens / seconds)
    FIGURES[benchmark.name] = (f"{tokens} tokens in {seconds:.1f} s, "
                               f"{tokens / seconds:.0f} tokens/s (no budget)")
    assert model.info.tokens == tokens


@pytest.fixture(scope="module")
def trained() -> tuple[Any, Any]:
    """Both models, trained on 200 documents of the corpus (names and random labels)."""
    learnt = documents(200, seed=11)
    return train_model("strings", learnt), train_model("crf", learnt)


def test_suggest_document(benchmark: Any, trained: tuple[Any, Any]) -> None:
    """A document opens: the string matcher's and the CRF's suggestions for its ~2,000
    characters."""
    strings, crf = trained
    shown = itertools.cycle(documents(50, seed=13))

    def suggest(doc: Document) -> int:
        return len(strings.suggest(doc)) + len(crf.suggest(doc))

    benchmark.pedantic(suggest, setup=lambda: ((next(shown),), {}), rounds=200,
                       iterations=1, warmup_rounds=3)
    assert p95(benchmark, 50) <= 0.050


@pytest.fixture(scope="module")
def documents_10k() -> list[Document]:
    return documents(ARTICLES, names=True)


def test_string_match_10k(benchmark: Any, documents_10k: list[Document]) -> None:
    """The string matcher learns from 1,000 labelled documents and a gazetteer of 20,000
    entries, then suggests over all 10,000 documents as if none had labels yet."""
    entries = gazetteer(20_000)

    def run() -> int:
        matcher = StringMatcher.learn(documents_10k[:1000], entries)
        return sum(len(matcher.suggest(doc, ())) for doc in documents_10k)

    found = benchmark.pedantic(run, rounds=3, iterations=1)
    median = benchmark.stats.stats.median
    started = time.perf_counter()
    StringMatcher.learn(documents_10k[:1000], entries)
    benchmark.extra_info["learn_s"] = round(time.perf_counter() - started, 3)
    benchmark.extra_info["suggestions"] = found
    FIGURES[benchmark.name] = f"median {median:.2f} s, {found} suggestions (budget 5 s)"
    assert median <= 5.0
