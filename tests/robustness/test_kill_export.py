"""An export killed half-way leaves no partial file at the destination: the file it replaces
is intact (or there is none), and the next export removes the hidden ``.part`` leftovers."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotator.services.output import atomic_text
from tests.robustness.conftest import FIGURES, file_size, kill_when, popen, run

PREVIOUS = "the previous export, which must survive\n"


def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.part"))


def _part_size(folder: Path) -> int:
    return max((file_size(p) for p in _parts(folder)), default=-1)


def test_killed_exports_leave_the_destination_as_it_was(tmp_path: Path,
                                                        big_project: Path) -> None:
    db = tmp_path / "p.sqlite"
    shutil.copy(big_project, db)
    out = tmp_path / "out" / "dataset.conll"
    out.parent.mkdir()
    export = ["export", "--format", "conll", "--db", db, "-o", out]
    done = run(*export)
    assert done.returncode == 0, done.stderr
    full = out.read_bytes()
    assert full.count(b"-DOCSTART-") == 3000

    out.write_text(PREVIOUS, encoding="utf-8")
    for share in (0.1, 0.5, 0.9):
        proc = popen(*export)
        killed = kill_when(proc, lambda share=share: _part_size(out.parent) >= share * len(full))
        assert killed, f"the export ended before {share:.0%} of it was written"
        assert out.read_text(encoding="utf-8") == PREVIOUS
        FIGURES["killed exports that left the destination intact"] += 1
    # Hidden, beside it: what the last kill left (each export removed the one before).
    assert len(_parts(out.parent)) == 1

    done = run(*export)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == full
    assert _parts(out.parent) == []  # the leftovers of dead processes are gone


def test_a_killed_split_export_writes_none_of_its_parts(tmp_path: Path,
                                                        big_project: Path) -> None:
    db = tmp_path / "p.sqlite"
    shutil.copy(big_project, db)
    out = tmp_path / "data.jsonl"
    proc = popen("export", "--format", "jsonl", "--split", "80,10,10", "--db", db, "-o", out)
    assert kill_when(proc, lambda: _part_size(tmp_path) > 1_000_000)
    FIGURES["killed exports that left the destination intact"] += 1
    assert sorted(p.name for p in tmp_path.glob("data*")) == []


def test_a_failed_export_removes_its_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(PREVIOUS, encoding="utf-8")
    try:
        with atomic_text(out) as fh:
            fh.write("half of it")
            raise RuntimeError("the project could not be read")
    except RuntimeError:
        pass
    assert out.read_text(encoding="utf-8") == PREVIOUS
    assert _parts(tmp_path) == []
