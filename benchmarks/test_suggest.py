"""The built-in models as users run them: training, one document's suggestions as it opens,
the string matcher over a project, each through a project file and the services.

Documents come from the synthetic corpus, tokenized as import tokenizes them
(:func:`documents`), and are stored in project files first (untimed).
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import Document, Span, Status
from annotator.services.suggesting import load_trained, suggest, suggest_document
from annotator.services.training import TrainOptions, train
from annotator.storage import Project
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


def _project(path: Path, *parts: list[Document]) -> Path:
    with Project(path) as project:
        for docs in parts:
            project.add_documents(docs)
    return path


def fresh(docs: list[Document], prefix: str) -> list[Document]:
    """The documents as an analyst finds them: new, nothing labelled."""
    return [Document(d.text, key=f"{prefix}-{d.key}", tokens=d.tokens, sentences=d.sentences)
            for d in docs]


@pytest.fixture(scope="module")
def project_200k(workdir: Path) -> tuple[Path, int]:
    """A project whose documents done hold 200,000 tokens (and spans) of the corpus."""
    docs: list[Document] = []
    tokens = 0
    for doc in documents(1000, seed=7):
        docs.append(doc)
        tokens += len(doc.tokens) // 2
        if tokens >= TRAIN_TOKENS:
            break
    return _project(workdir / "train-200k.sqlite", docs), tokens


def test_train_model(benchmark: Any, project_200k: tuple[Path, int]) -> None:
    """``annotator train --model crf`` on 200,000 tokens: the documents read from the project
    by a worker process, the held-out model and the final model trained there, the model
    stored."""
    path, tokens = project_200k
    with Project(path) as project:
        info = benchmark.pedantic(
            lambda: train(project, TrainOptions(model="crf", parallel=True)),
            rounds=1, iterations=1)
    seconds = benchmark.stats.stats.median
    benchmark.extra_info["tokens"] = tokens
    benchmark.extra_info["tokens_per_s"] = round(tokens / seconds)
    benchmark.extra_info["held_out_f1"] = round(info.held_out_total.f1, 3)
    FIGURES[benchmark.name] = (f"{tokens} tokens in {seconds:.1f} s, "
                               f"{tokens / seconds:.0f} tokens/s (no budget)")
    assert info.tokens == tokens


@pytest.fixture(scope="module")
def suggesting(workdir: Path) -> Path:
    """200 documents done of the corpus (names and random labels), the model trained on
    them, and 250 new documents to open."""
    path = _project(workdir / "suggest.sqlite", documents(200, seed=11),
                    fresh(documents(250, seed=13), "new"))
    with Project(path) as project:
        train(project, TrainOptions(model="crf"))
    return path


def test_suggest_document(benchmark: Any, suggesting: Path) -> None:
    """A new document opens in the window: the model in use (the CRF, whose features hold the
    string matcher's hits) tags its ~2,000 characters and its suggestions are stored, as the
    window's tagging thread does (:func:`suggest_document`)."""
    with Project(suggesting) as project:
        model = load_trained(project)
        new = iter(sorted(i for k, i in project.keys_to_ids().items() if k.startswith("new-")))

        def suggest(doc_id: int) -> int:
            result = suggest_document(project, model, doc_id)
            assert result is not None
            return result.added

        benchmark.pedantic(suggest, setup=lambda: ((next(new),), {}), rounds=200,
                           iterations=1, warmup_rounds=3)
    assert p95(benchmark, 50) <= 0.050


@pytest.fixture(scope="module")
def project_10k(workdir: Path) -> Path:
    """1,000 documents done whose names are labelled, 10,000 new ones, a gazetteer of 20,000
    entries."""
    labelled = documents(1000, seed=1404, names=True)
    path = _project(workdir / "strings-10k.sqlite", labelled,
                    fresh(documents(ARTICLES, seed=1405), "new"))
    entries = gazetteer(20_000)
    with Project(path) as project:
        project.add_gazetteer(((t, label, n) for n, (t, label) in enumerate(entries, 1)),
                              "names.tsv")
    return path


def test_string_match_10k(benchmark: Any, project_10k: Path, workdir: Path) -> None:
    """``annotator train --model strings`` (1,000 labelled documents and 20,000 gazetteer
    entries) then ``annotator suggest --model strings`` over the 10,000 new documents: read
    from the project, matched and stored, each in a worker process as the commands do. Each
    round starts from the project without suggestions."""
    scratch = workdir / "strings-round.sqlite"

    def fresh_copy() -> tuple[tuple[()], dict[str, Any]]:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(project_10k, scratch)
        return (), {}

    def run() -> int:
        with Project(scratch) as project:
            train(project, TrainOptions(model="strings", parallel=True))
            return suggest(project, "strings", parallel=True).added

    found = benchmark.pedantic(run, setup=fresh_copy, rounds=3, iterations=1)
    median = benchmark.stats.stats.median
    benchmark.extra_info["suggestions"] = found
    FIGURES[benchmark.name] = f"median {median:.2f} s, {found} suggestions (budget 5 s)"
    assert median <= 5.0
