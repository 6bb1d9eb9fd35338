"""Training and tagging in a worker process, so that the window (or the command) never waits.

A job is a function ``job(project, progress, check, **arguments)`` at the top of a module.
:func:`run_job` starts a fresh interpreter ("spawn"), which opens the project by its location
(a file or a server), runs the job there, reports its progress through a pipe and hands back
its result; the caller's process only waits on the pipe (no lock of Python's is held, so a
window keeps painting and answering keys at full speed on the other core).

Cancelling ends the worker at once: a job writes the project in one transaction at its end,
so a worker ended before that commit leaves nothing behind, and before a training is stored
the model in use stays the old one. As with the import's tokenizing workers
(:mod:`annotator.services.tokenizing`), a worker ends with the process it works for, however
that ends; and if no worker can be started, or one dies without an answer, the job runs in
this process instead: only the time changes.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable
from typing import Any

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.services.progress import CancelToken, Progress, no_progress
from annotator.storage import Location, Project

log = logging.getLogger(__name__)

# job(project, progress, check, **arguments) -> a result that pickles
Job = Callable[..., Any]

POLL_S = 0.1
# How much a worker yields to other processes (os.nice): work in the background, as it is.
NICE = 10


class WorkerFailed(AnnotatorError):
    """A job failed in the worker with an error that is not the user's (a bug)."""


def run_job(project: Project, job: Job, arguments: dict[str, Any] | None = None, *,
            progress: Progress | None = None, cancel: CancelToken | None = None,
            parallel: bool = True) -> Any:
    """``job``'s result, run in a worker process on ``project``'s location (or here, when
    ``parallel`` is false, no worker can start or one dies)."""
    report = progress or no_progress
    check = cancel.check if cancel is not None else None
    arguments = arguments or {}
    if parallel:
        done, result = _in_worker(project.location, job, arguments, report, cancel)
        if done:
            return result
    return job(project, report, check, **arguments)


def _in_worker(location: Location, job: Job, arguments: dict[str, Any], report: Progress,
               cancel: CancelToken | None) -> tuple[bool, Any]:
    """``(True, result)`` from a worker; ``(False, None)`` when none could start or it died
    without answering. An error the worker met is raised here."""
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(sending, location, job, arguments),
                             name="annotator-model-worker", daemon=True)
    try:
        worker.start()
    except (OSError, RuntimeError, ValueError, TypeError, AttributeError,
            pickle.PicklingError) as exc:
        log.warning("no worker process for the model (%s): working here", exc)
        return False, None
    finally:
        sending.close()
    try:
        while True:
            if cancel is not None and cancel.cancelled:
                cancel.check()
            if not receiving.poll(POLL_S):
                if not worker.is_alive() and not receiving.poll(0):
                    break
                continue
            try:
                message = receiving.recv()
            except (EOFError, OSError):
                break
            kind = message[0]
            if kind == "progress":
                report(*message[1:])
            elif kind == "done":
                return True, message[1]
            elif kind == "error":
                raise AnnotatorError(message[1])
            elif kind == "cancelled":
                raise Cancelled(message[1])
            else:  # "failed": a bug, with the worker's traceback in the log
                log.error("the model worker failed:\n%s", message[2])
                raise WorkerFailed(f"internal error: {message[1]}")
        log.warning("the model worker ended without an answer (exit code %s): working here",
                    worker.exitcode)
        return False, None
    finally:
        receiving.close()
        if worker.is_alive():
            worker.terminate()
        worker.join(5)
        if worker.is_alive():
            worker.kill()
            worker.join()


def _work(sending: Any, location: Location, job: Job, arguments: dict[str, Any]) -> None:
    """The worker: Ctrl+C in a terminal is the command's to answer, it yields the processor to
    the window (an analyst's key comes before a training's next iteration), and it ends with
    the process it works for (killed, that one cannot say)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):  # not on Windows
        os.nice(NICE)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()

    def progress(done: int, total: int | None, message: str) -> None:
        sending.send(("progress", done, total, message))

    try:
        with Project(location, create=False) as project:
            result = job(project, progress, None, **arguments)
        sending.send(("done", result))
    except Cancelled as exc:
        sending.send(("cancelled", str(exc)))
    except AnnotatorError as exc:
        sending.send(("error", str(exc)))
    except Exception as exc:
        sending.send(("failed", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    finally:
        sending.close()


def _end_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(0)
