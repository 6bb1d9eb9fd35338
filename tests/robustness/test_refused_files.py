"""A file that is not an annotator project file, or was made by a newer annotator, is refused
by every command with one line, and left untouched: same bytes, nothing created beside it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from annotator.cli.main import run as cli
from annotator.storage import Project
from annotator.storage.schema import SCHEMA_VERSION
from tests.robustness.conftest import run, write_jsonl

KINDS = ["notes", "foreign sqlite", "foreign sqlite in WAL mode", "newer schema", "truncated"]


def _make(kind: str, path: Path) -> None:
    if kind == "notes":
        path.write_text("just some notes\nنه یک پروژه\n", encoding="utf-8")
    elif kind.startswith("foreign sqlite"):
        with closing(sqlite3.connect(path)) as conn:
            if kind.endswith("WAL mode"):
                conn.execute("PRAGMA journal_mode = wal")
            conn.execute("CREATE TABLE document (id INTEGER PRIMARY KEY, text TEXT)")
            conn.execute("INSERT INTO document (text) VALUES ('someone else''s data')")
            conn.commit()
    elif kind == "newer schema":
        with Project(path):
            pass
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA user_version = 99")
            conn.commit()
    else:
        with Project(path):
            pass
        path.write_bytes(path.read_bytes()[:100])  # a header and nothing else


def _commands(db: Path, tmp: Path) -> dict[str, list[str]]:
    source = write_jsonl(tmp / "in" / "one.jsonl", 1)
    return {
        "import": ["import", str(source), "--db", str(db)],
        "predictions": ["predictions", str(source), "--model", "m", "--db", str(db)],
        "export": ["export", "--format", "jsonl", "--db", str(db), "-o", str(tmp / "out.jsonl")],
        "stats": ["stats", "--db", str(db)],
        "backup": ["backup", "--db", str(db)],
    }


@pytest.mark.parametrize("kind", KINDS)
def test_every_command_refuses_it_untouched(tmp_path: Path, kind: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    folder = tmp_path / "project"
    folder.mkdir()
    db = folder / "annotations.sqlite"
    _make(kind, db)
    before = db.read_bytes()
    for name, argv in _commands(db, tmp_path).items():
        capsys.readouterr()
        assert cli(argv) == 1, name
        err = capsys.readouterr().err
        assert err.count("\n") == 1, (name, err)
        assert err.startswith(f"annotator: {db}: "), (name, err)
        if kind == "newer schema":
            assert "made by a newer annotator (schema 99" in err
        else:
            assert "not an annotator project file" in err
        assert db.read_bytes() == before, name
        assert [p.name for p in folder.iterdir()] == [db.name], name
    assert not (tmp_path / "out.jsonl").exists()


def test_refused_by_a_real_process_without_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "annotations.sqlite"
    _make("newer schema", db)
    before = db.read_bytes()
    done = run("stats", "--db", db)
    assert done.returncode == 1
    assert done.stderr == (f"annotator: {db}: made by a newer annotator (schema 99, this one "
                           f"reads up to {SCHEMA_VERSION}); it was left untouched\n")
    assert db.read_bytes() == before
