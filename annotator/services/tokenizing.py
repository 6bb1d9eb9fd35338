"""Tokenizing an import's texts in a worker process while the import reads on.

Python runs one thread at a time, and tokenizing is the largest part of an import. On a
machine with more than one core, a worker process tokenizes each batch of texts while this
process reads, checks and stores the ones after it. A small import never starts a worker (its
one batch is tokenized here); when a batch is needed before a worker has taken it (the worker
is still starting), it is tokenized here instead. If no worker can be started, or one dies,
the batches are tokenized here: a worker only ever changes how long an import takes, never
what it stores.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from array import array
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from annotator.text.tokenize import tokenize

Tokens = tuple[array[int], array[int]]
Work = Callable[[Sequence[str]], list[Tokens]]

MAX_WORKERS = 3


def tokenize_texts(texts: Sequence[str]) -> list[Tokens]:
    """``(tokens, sentences)`` of each text (what a worker runs)."""
    return [tokenize(text) for text in texts]


def _start_worker() -> None:
    """Ctrl+C stops the command in the terminal's foreground process; its workers, which get
    the signal too, leave it to that process instead of printing a traceback each. And a
    worker ends with the process it works for, however that ends (killed, it cannot say)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(0)


def worker_count() -> int:
    """The cores left over for workers: one less than the machine has, at most MAX_WORKERS."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(0, min((cores or 1) - 1, MAX_WORKERS))


class Batch:
    """One batch of texts on its way: tokenized by a worker, or here if none has taken it."""

    def __init__(self, texts: Sequence[str], future: Future[list[Tokens]] | None,
                 work: Work) -> None:
        self.texts = texts
        self._future = future
        self._work = work

    def result(self) -> list[Tokens]:
        future = self._future
        if future is None or future.cancel():
            return self._work(self.texts)
        try:
            return future.result()
        except (BrokenProcessPool, OSError, EOFError):
            return self._work(self.texts)  # the worker died: do its batch here


class BatchTokenizer:
    """Hands batches of texts to worker processes, started on the second batch.

    Use as a context manager: leaving it stops the workers, dropping batches not yet started.
    ``work`` is what tokenizes a batch, here and in the workers (the tests give their own).
    """

    def __init__(self, work: Work = tokenize_texts, workers: int | None = None) -> None:
        self._work = work
        self._workers = worker_count() if workers is None else workers
        self._pool: ProcessPoolExecutor | None = None
        self._batches = 0

    def __enter__(self) -> BatchTokenizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, texts: Sequence[str]) -> Batch:
        self._batches += 1
        pool = self._start() if self._batches > 1 and self._workers else None
        if pool is None:
            return Batch(texts, None, self._work)
        try:
            return Batch(texts, pool.submit(self._work, texts), self._work)
        except (BrokenProcessPool, RuntimeError, OSError):
            self._workers = 0  # no more workers for this import: tokenized here from now on
            return Batch(texts, None, self._work)

    def _start(self) -> ProcessPoolExecutor | None:
        if self._pool is None:
            try:
                # "spawn": a fresh interpreter, never a copy of this process and its threads.
                self._pool = ProcessPoolExecutor(
                    self._workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker)
            except (OSError, ValueError):
                self._workers = 0
                return None
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
