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
from contextlib import suppress
from types import ModuleType

from annotator.text.tokenize import Patterns, patterns, tokenize, use_patterns

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

Tokens = tuple[array[int], array[int]]
Work = Callable[[Sequence[str]], list[Tokens]]

MAX_WORKERS = 3
BATCH_CHARS = 250_000  # a batch's texts: about half a MiB of UTF-8 Persian
PIPE_BYTES = 1 << 20  # the largest pipe Linux gives without privileges (pipe-max-size)


def tokenize_texts(texts: Sequence[str]) -> list[Tokens]:
    """``(tokens, sentences)`` of each text (what a worker runs)."""
    return [tokenize(text) for text in texts]


def _start_worker(compiled: Patterns) -> None:
    """A worker takes the patterns it tokenizes with from this process (loading hazm to
    build them would take it half a second). Ctrl+C stops the command in the terminal's
    foreground process; its workers, which get the signal too, leave it to that process
    instead of printing a traceback each. And a worker ends with the process it works for,
    however that ends (killed, it cannot say)."""
    use_patterns(compiled)
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


def _widen_pipes(pool: ProcessPoolExecutor) -> None:
    """Let a whole batch cross each of the pool's pipes in one write.

    A Linux pipe holds 64 KiB; a batch is several times that (BATCH_CHARS of text out, its
    tokens back). The pool's threads that move them in this process then need Python's lock
    once per 64 KiB, and get it only every few milliseconds while this process reads and
    checks: the worker sat idle between batches, and a quarter of the batches ended up
    tokenized here. Where the system allows (Linux, F_SETPIPE_SZ), the pipes are widened to
    PIPE_BYTES; elsewhere, or if that fails, they stay as they are: slower, not wrong. The
    pipes are the pool's own (``_call_queue``, ``_result_queue``), so whatever is missing is
    left alone.
    """
    setting = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setting is None:
        return
    for queue in (getattr(pool, "_call_queue", None), getattr(pool, "_result_queue", None)):
        for end in (getattr(queue, "_writer", None), getattr(queue, "_reader", None)):
            with suppress(AttributeError, OSError, ValueError):
                fcntl.fcntl(end.fileno(), setting, PIPE_BYTES)  # type: ignore[union-attr]


class Batch:
    """One batch of texts on its way: tokenized by a worker, or here if none has taken it."""

    def __init__(self, texts: Sequence[str], future: Future[list[Tokens]] | None,
                 owner: BatchTokenizer) -> None:
        self.texts = texts
        self._future = future
        self._owner = owner
        self._tokens: list[Tokens] | None = None

    def result(self) -> list[Tokens]:
        """The batch's tokens; while a worker is still at them, this process takes on the
        latest batches no worker has started (rather than wait)."""
        if self._tokens is None:
            future = self._future
            if future is None or future.cancel():
                self.take_on()
            else:
                while not future.done() and self._owner.take_on_one():
                    pass
                try:
                    self._tokens = future.result()
                except (BrokenProcessPool, OSError, EOFError):
                    self.take_on()  # the worker died: do its batch here
        self._owner.forget(self)
        assert self._tokens is not None
        return self._tokens

    def take_on(self) -> None:
        self._tokens = self._owner.work(self.texts)

    def cancel(self) -> bool:
        """Taken back from the workers, if none has started it."""
        return self._tokens is None and self._future is not None and self._future.cancel()


class BatchTokenizer:
    """Hands batches of texts to worker processes, started on the second batch.

    Use as a context manager: leaving it stops the workers, dropping batches not yet started.
    ``work`` is what tokenizes a batch, here and in the workers (the tests give their own).
    """

    def __init__(self, work: Work = tokenize_texts, workers: int | None = None) -> None:
        self.work = work
        self._workers = worker_count() if workers is None else workers
        self._pool: ProcessPoolExecutor | None = None
        self._batches = 0
        self._open: list[Batch] = []  # handed to the workers, not yet collected

    def __enter__(self) -> BatchTokenizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, texts: Sequence[str]) -> Batch:
        """The batch, for a worker to tokenize (or this process, when the result is asked for
        before any worker has started it). Nothing to tokenize (a CoNLL file brings its own
        tokens) starts no worker."""
        if not texts:
            return Batch(texts, None, self)
        self._batches += 1
        pool = self._start() if self._batches > 1 and self._workers else None
        future = None
        if pool is not None:
            try:
                future = pool.submit(self.work, texts)
            except (BrokenProcessPool, RuntimeError, OSError):
                self._workers = 0  # no more workers for this import: tokenized here from now on
        batch = Batch(texts, future, self)
        if future is not None:
            self._open.append(batch)
        return batch

    def take_on_one(self) -> bool:
        """Tokenize here the latest batch no worker has started; False if there is none."""
        for batch in reversed(self._open):
            if batch.cancel():
                batch.take_on()
                self._open.remove(batch)
                return True
        return False

    def forget(self, batch: Batch) -> None:
        if batch in self._open:
            self._open.remove(batch)

    def _start(self) -> ProcessPoolExecutor | None:
        if self._pool is None:
            try:
                # "spawn": a fresh interpreter, never a copy of this process and its threads.
                self._pool = ProcessPoolExecutor(
                    self._workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker, initargs=(patterns(),))
            except (OSError, ValueError):
                self._workers = 0
                return None
            _widen_pipes(self._pool)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
