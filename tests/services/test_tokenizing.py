"""Tokenizing a large import in worker processes stores what tokenizing here stores."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.services import tokenizing
from annotator.services.importing import (
    TOKENIZE_BATCH,
    ImportOptions,
    import_paths,
    tokenized,
)
from annotator.services.tokenizing import BatchTokenizer, Tokens, tokenize_texts
from annotator.storage import Project
from annotator.text.tokenize import tokenize

Z = "\u200c"
WORDS = ["ایران", f"می{Z}گوید", "«تهران»", "UNESCO", "۱۴۰۴", "12.5", "؟", "دیدار.", "\n", "😀"]


def text(n: int) -> str:
    """A different text for each ``n``: words, punctuation, line breaks and an emoji."""
    return " ".join(WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(5 + n % 13)) + f" {n}."


def dies_in_a_worker(texts: Sequence[str]) -> list[Tokens]:
    """Tokenizes here, but kills the worker process it runs in."""
    if os.getpid() != int(os.environ["ANNOTATOR_TEST_PARENT"]):
        os._exit(1)
    return tokenize_texts(texts)


def test_a_parallel_import_stores_the_tokens_of_an_import_here(location: Path | str,
                                                               tmp_path: Path) -> None:
    count = TOKENIZE_BATCH * 3 + 17  # several batches: a worker starts on the second
    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{n}", "text": text(n)}, ensure_ascii=False)
                              + "\n" for n in range(count)), encoding="utf-8")
    with Project(location) as project:
        result = import_paths(project, [source], ImportOptions(normalize="none", parallel=True))
        assert result.added == count
        for n, doc in enumerate(project.iter_documents()):
            assert doc.key == f"d{n}"  # in the file's order
            tokens, sentences = tokenize(text(n))
            assert list(doc.tokens) == list(tokens)
            assert list(doc.sentences) == list(sentences)
    assert multiprocessing.active_children() == []  # the workers have stopped


def test_batches_come_back_in_order_with_documents_that_bring_their_own_tokens() -> None:
    own = (list(range(0, 4)), [0])  # a CoNLL document's tokens are kept as they are
    documents = [(Document(text=text(n), key=str(n)), n % 5 != 0) for n in range(450)]
    for doc, needs in documents:
        if not needs:
            doc.tokens, doc.sentences = own
    with BatchTokenizer(workers=1) as tokenizer:
        out = list(tokenized(documents, tokenizer))
    assert [d.key for d in out] == [str(n) for n in range(450)]
    for n, doc in enumerate(out):
        expected = own if n % 5 == 0 else tuple(map(list, tokenize(text(n))))
        assert (list(doc.tokens), list(doc.sentences)) == (list(expected[0]),
                                                            list(expected[1]))


def test_documents_that_all_bring_their_own_tokens_start_no_worker() -> None:
    documents = [(Document(text=text(n), key=str(n), tokens=[0, 1], sentences=[0]), False)
                 for n in range(TOKENIZE_BATCH * 3)]
    with BatchTokenizer(workers=1) as tokenizer:
        out = list(tokenized(documents, tokenizer))
        assert multiprocessing.active_children() == []
    assert [list(d.tokens) for d in out] == [[0, 1]] * len(documents)


def test_a_worker_that_dies_leaves_its_batches_to_this_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_TEST_PARENT", str(os.getpid()))
    texts = [text(n) for n in range(40)]
    with BatchTokenizer(dies_in_a_worker, workers=1) as tokenizer:
        batches = [tokenizer.submit(texts[i:i + 10]) for i in range(0, 40, 10)]
        results = [tokens for batch in batches for tokens in batch.result()]
    assert [(list(t), list(s)) for t, s in results] == [
        (list(t), list(s)) for t, s in map(tokenize, texts)]


def test_no_worker_is_started_without_spare_cores_or_when_none_can_start(
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [text(n) for n in range(30)]
    expected = [(list(t), list(s)) for t, s in map(tokenize, texts)]
    with BatchTokenizer(workers=0) as tokenizer:
        got = [tokens for i in range(0, 30, 10) for tokens in tokenizer.submit(
            texts[i:i + 10]).result()]
        assert multiprocessing.active_children() == []
    assert [(list(t), list(s)) for t, s in got] == expected

    def cannot_start(*args: object, **kwargs: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(tokenizing, "ProcessPoolExecutor", cannot_start)
    with BatchTokenizer(workers=2) as tokenizer:
        got = [tokens for i in range(0, 30, 10) for tokens in tokenizer.submit(
            texts[i:i + 10]).result()]
    assert [(list(t), list(s)) for t, s in got] == expected


def test_the_cycle_collector_is_paused_during_an_import_only(location: Path | str,
                                                             tmp_path: Path) -> None:
    source = tmp_path / "few.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{n}", "text": text(n)}, ensure_ascii=False)
                              + "\n" for n in range(3)), encoding="utf-8")
    seen: list[bool] = []
    with Project(location) as project:
        import_paths(project, [source], ImportOptions(normalize="none"),
                     progress=lambda *_: seen.append(gc.isenabled()))
        assert gc.isenabled() and seen and not any(seen)
        gc.disable()
        try:
            import_paths(project, [source], ImportOptions(normalize="none"))
            assert not gc.isenabled()  # left as the caller had it
        finally:
            gc.enable()
