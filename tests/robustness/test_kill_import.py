"""kill -9 in the middle of a large import: the project file has all of it or nothing, and
SQLite finds nothing wrong with it.

An import reads, normalises and tokenizes while staging the documents in SQLite's private
temporary database, then copies them into the project file in one short transaction. The
kills land at moments spread over the whole import, in both phases: while staging (by time,
as fractions of an uninterrupted run), and while the copy writes the WAL (by watching the
``-wal`` file grow: as it starts, half-way, and once it has nearly all its pages), and once
another connection sees the documents committed (while SQLite checkpoints the WAL into the
file and the command finishes).
``--normalize none`` keeps each run near a second; the storage path is the same at every level.
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.robustness.conftest import (
    FIGURES,
    documents_in,
    file_size,
    files_beside,
    integrity,
    kill_when,
    new_project,
    popen,
    run,
    spans_in,
)

RECORDS = 3000


def _committed(wal: Path) -> bool:
    db = wal.with_name(wal.name.removesuffix("-wal"))
    return file_size(wal) > 0 and documents_in(db) > 0


def _import(db: Path, source: Path) -> list[str | Path]:
    return ["import", source, "--db", db, "--normalize", "none"]


def test_killed_imports_leave_all_or_nothing(tmp_path: Path, big_jsonl: Path) -> None:
    # An uninterrupted run: how long it takes and how large the WAL grows.
    reference = new_project(tmp_path / "reference.sqlite")
    wal = reference.with_name(reference.name + "-wal")
    started = time.monotonic()
    proc = popen(*_import(reference, big_jsonl))
    largest = 0
    while proc.poll() is None:
        largest = max(largest, file_size(wal))
        time.sleep(0.0005)
    duration = time.monotonic() - started
    assert proc.returncode == 0
    assert documents_in(reference) == RECORDS
    assert largest > 0

    moments = {
        "staging, 30% of the run": lambda t0, wal: time.monotonic() - t0 > 0.3 * duration,
        "staging, 60% of the run": lambda t0, wal: time.monotonic() - t0 > 0.6 * duration,
        "copy starting": lambda t0, wal: file_size(wal) > 0,
        "copy half-way": lambda t0, wal: file_size(wal) >= largest // 2,
        "copy written, committing": lambda t0, wal: file_size(wal) >= largest * 9 // 10,
        "committed, checkpointing": lambda t0, wal: wal.exists() and _committed(wal),
    }
    outcomes: dict[str, tuple[bool, int]] = {}
    for n, (moment, ready) in enumerate(moments.items()):
        db = new_project(tmp_path / f"killed-{n}.sqlite")
        wal = db.with_name(db.name + "-wal")
        t0 = time.monotonic()
        proc = popen(*_import(db, big_jsonl))
        killed = kill_when(proc, lambda ready=ready, t0=t0, wal=wal: ready(t0, wal))
        count = documents_in(db)
        outcomes[moment] = (killed, count)
        assert integrity(db) == ["ok"], moment
        assert count in (0, RECORDS), f"{moment}: {count} documents, half an import"
        assert spans_in(db) == count, moment  # one span each: all of them or none
        if not killed:
            assert count == RECORDS, moment
        # Nothing but the project file (and its WAL) is left beside it.
        assert set(files_beside(db)) <= {
            p for k in range(n + 1) for p in (f"killed-{k}.sqlite", f"killed-{k}.sqlite-wal",
                                              f"killed-{k}.sqlite-shm")
        } | {"reference.sqlite"}
        FIGURES[f"killed imports that left {'all' if count else 'nothing'}"] += killed
    delivered = sum(killed for killed, _ in outcomes.values())
    assert delivered >= 5, outcomes

    # The file of a killed import is as good as any: the same import now adds everything.
    db = tmp_path / "killed-3.sqlite"
    again = run(*_import(db, big_jsonl))
    assert again.returncode == 0, again.stderr
    assert documents_in(db) == RECORDS
    assert integrity(db) == ["ok"]
