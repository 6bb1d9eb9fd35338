"""Helpers for the robustness tests: real processes, killed; counts of what was tried.

The figures the issue asks for (how many processes were killed, how many inputs were fuzzed)
are counted here and printed at the end of the run.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path

import pytest

FIGURES: Counter[str] = Counter()
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        line = ", ".join(f"{name}: {count}" for name, count in sorted(FIGURES.items()))
        terminalreporter.write_line(f"robustness figures: {line}")


def annotator(*args: str | Path) -> list[str]:
    """The command line of ``annotator ARGS`` run by this Python."""
    return [sys.executable, "-m", "annotator", *map(str, args)]


def run(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``annotator ARGS`` in a subprocess, its output captured."""
    return subprocess.run(annotator(*args), capture_output=True, text=True, check=False,
                          env=child_env(), timeout=timeout)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("ANNOTATOR_DEBUG", None)
    return env


def popen(*args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(annotator(*args), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=child_env())


def kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool],
              timeout: float = 30.0) -> bool:
    """SIGKILL ``proc`` as soon as ``ready()``; False if it ended before that."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        if ready():
            started = descendants(proc.pid)
            proc.kill()
            proc.wait()
            FIGURES["processes killed (SIGKILL)"] += 1
            outliving = still_running(started)
            assert not outliving, f"processes it started outlive it: {outliving}"
            FIGURES["worker processes that ended with their killed parent"] += len(started)
            return True
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            raise AssertionError("the process neither ended nor reached the moment to kill")
        time.sleep(0.0005)
    return False


def descendants(pid: int) -> set[int]:
    """The processes ``pid`` started, and those they started (from Linux's /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        for children in Path(f"/proc/{todo.pop()}/task").glob("*/children"):
            try:
                started = {int(n) for n in children.read_text().split()}
            except OSError:
                continue
            todo.extend(started - found)
            found |= started
    return found


def still_running(pids: set[int], wait: float = 10.0) -> set[int]:
    """Those of ``pids`` still running after up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        running = set()
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if state != "Z":
                running.add(pid)
        if not running or time.monotonic() > deadline:
            return running
        time.sleep(0.05)


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return -1


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of ``sql`` on ``db``, read with SQLite itself (recovering a WAL left by a kill)."""
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchall()


def documents_in(db: Path) -> int:
    return int(str(query(db, "SELECT count(*) FROM document")[0][0]))


def spans_in(db: Path) -> int:
    return int(str(query(db, "SELECT count(*) FROM span")[0][0]))


def integrity(db: Path) -> list[str]:
    """``PRAGMA integrity_check`` and ``foreign_key_check``: ``["ok"]`` when all is well."""
    rows = [str(r[0]) for r in query(db, "PRAGMA integrity_check")]
    rows += [f"foreign key: {r}" for r in query(db, "PRAGMA foreign_key_check")]
    return rows


def persian_words() -> list[str]:
    words: list[str] = []
    for sample in sorted(SAMPLES.glob("*.txt")):
        words += sample.read_text(encoding="utf-8").split()
    return words


def write_jsonl(path: Path, count: int, words_per_record: int = 60, seed: int = 7,
                prefix: str = "doc") -> Path:
    """``count`` Persian records of our JSONL, each with an ACTOR span on its sixth word."""
    rnd = random.Random(seed)
    words = persian_words()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            chosen = [rnd.choice(words) for _ in range(words_per_record)]
            start = len(" ".join(chosen[:5])) + 1
            record = {"id": f"{prefix}-{i}", "text": " ".join(chosen),
                      "spans": [{"start": start, "end": start + len(chosen[5]),
                                 "label": "ACTOR"}]}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def new_project(path: Path) -> Path:
    """An empty project file (as a command creates it)."""
    from annotator.storage import Project

    Project(path).close()
    return path


def files_beside(path: Path) -> Sequence[str]:
    return sorted(p.name for p in path.parent.iterdir())


@pytest.fixture(scope="session")
def big_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3000 Persian records (about 2 MB): an import that takes about a second."""
    return write_jsonl(tmp_path_factory.mktemp("big") / "big.jsonl", 3000)


@pytest.fixture(scope="session")
def big_project(tmp_path_factory: pytest.TempPathFactory, big_jsonl: Path) -> Path:
    """A project file holding the 3000 records of ``big_jsonl`` (do not write to it)."""
    from annotator.services.importing import ImportOptions, import_paths
    from annotator.storage import Project

    path = tmp_path_factory.mktemp("bigproject") / "big.sqlite"
    with Project(path) as project:
        import_paths(project, [big_jsonl], ImportOptions(normalize="none"))
    return path
