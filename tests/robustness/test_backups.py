"""Rotating automatic backups (SQLite's online backup API), ``annotator backup`` and
``annotator restore``."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from annotator.cli.main import run as cli
from annotator.core.errors import ProjectFileError
from annotator.services.importing import ImportOptions, import_paths
from annotator.services.projects import auto_backup, open_project, restore_project
from annotator.storage import Project, migrations, schema
from annotator.storage.backups import backup_folder, list_backups
from tests.robustness.conftest import (
    FIGURES,
    documents_in,
    integrity,
    new_project,
    popen,
    write_jsonl,
)


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A project file holding 20 documents."""
    db = tmp_path / "work" / "annotations.sqlite"
    with Project(db) as project:
        import_paths(project, [write_jsonl(tmp_path / "in.jsonl", 20)],
                     ImportOptions(normalize="none"))
    return db


def test_opening_backs_up_at_most_hourly_and_keeps_the_last_five(filled: Path) -> None:
    open_project(filled).close()
    autos = list_backups(filled, "auto")
    assert len(autos) == 1
    assert autos[0].path.parent == filled.parent / "annotations.sqlite.backups"
    open_project(filled).close()
    assert len(list_backups(filled, "auto")) == 1  # not again within the hour
    with Project(filled) as project:
        project.take_backup("manual")
        start = dt.datetime.now()
        made = [auto_backup(project, now=start + dt.timedelta(minutes=61 * k))
                for k in range(1, 9)]
        assert auto_backup(project, now=start + dt.timedelta(minutes=61 * 8 + 30)) is None
    assert all(made)
    autos = list_backups(filled, "auto")
    assert [b.path for b in autos] == made[-5:]  # the newest five
    assert len(list_backups(filled, "manual")) == 1  # never pruned
    for backup in autos:
        assert documents_in(backup.path) == 20
        assert integrity(backup.path) == ["ok"]


def test_an_empty_or_new_project_is_not_backed_up(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    open_project(db).close()
    open_project(db).close()
    assert not backup_folder(db).exists()


def test_a_backup_that_cannot_be_written_warns_and_opens_anyway(filled: Path) -> None:
    backup_folder(filled).write_text("a file where the folder should be", encoding="utf-8")
    warnings: list[str] = []
    with open_project(filled, on_warning=warnings.append) as project:
        assert project.count_documents() == 20
    assert len(warnings) == 1
    assert "no automatic backup" in warnings[0]
    assert str(backup_folder(filled)) in warnings[0]


def test_a_migration_is_preceded_by_a_backup_of_the_old_file(
        filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def add_notes(db: Any) -> None:  # a step of a future schema
        db.execute_sql("ALTER TABLE document ADD COLUMN notes TEXT")

    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(migrations, "STEPS", {**migrations.STEPS, now: add_notes})
    with Project(filled) as project:
        assert project.count_documents() == 20
    [backup] = list_backups(filled, f"schema{now}")
    with closing(sqlite3.connect(backup.path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == now
    with closing(sqlite3.connect(filled)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == now + 1
    assert documents_in(backup.path) == 20


def test_backup_command(filled: Path, tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["backup", "--db", str(filled)]) == 0
    out = capsys.readouterr().out
    [manual] = list_backups(filled, "manual")
    assert str(manual.path) in out
    assert documents_in(manual.path) == 20

    dest = tmp_path / "elsewhere.sqlite"
    assert cli(["backup", "--db", str(filled), "-o", str(dest)]) == 0
    assert documents_in(dest) == 20
    folder = tmp_path / "usb"
    folder.mkdir()
    assert cli(["backup", "--db", str(filled), "-o", str(folder)]) == 0
    [inside] = folder.iterdir()
    assert documents_in(inside) == 20

    notes = tmp_path / "notes.txt"
    notes.write_text("not a backup\n", encoding="utf-8")
    capsys.readouterr()
    assert cli(["backup", "--db", str(filled), "-o", str(notes)]) == 1
    assert "not an annotator project file" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "not a backup\n"

    assert cli(["backup", "--db", str(filled), "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert str(manual.path) in listed


def test_a_backup_taken_during_an_import_is_consistent(tmp_path: Path, big_jsonl: Path) -> None:
    db = new_project(tmp_path / "p.sqlite")
    importing = popen("import", big_jsonl, "--db", db, "--normalize", "none")
    copies = []
    with Project(db) as project:
        while importing.poll() is None:
            copies.append(project.backup(tmp_path / f"copy-{len(copies)}.sqlite"))
            time.sleep(0.05)
    assert importing.returncode == 0
    with Project(db) as project:
        copies.append(project.backup(tmp_path / "after.sqlite"))
    counts = {documents_in(c) for c in copies}
    assert counts <= {0, 3000}
    assert all(integrity(c) == ["ok"] for c in copies)
    FIGURES["backups taken while another process wrote"] += len(copies)


def test_restore_replaces_the_content_and_keeps_what_was_there(
        filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Project(filled) as project:
        old = project.take_backup("manual")
        import_paths(project, [write_jsonl(tmp_path / "more.jsonl", 5, prefix="more")],
                     ImportOptions(normalize="none"))
    window = Project(filled)  # open elsewhere while the restore runs
    assert window.count_documents() == 25
    assert cli(["restore", str(old), "--db", str(filled)]) == 0
    out = capsys.readouterr().out
    assert f"restored {filled} from {old}: 20 documents" in out
    assert window.count_documents() == 20  # it sees the restored content, whole
    window.close()
    [saved] = list_backups(filled, "restore")
    assert documents_in(saved.path) == 25  # the restore can be undone
    assert integrity(filled) == ["ok"]
    # A lost project file comes back from a backup.
    lost = tmp_path / "lost.sqlite"
    assert restore_project(lost, old).documents == 20


@pytest.mark.parametrize("kind", ["text", "jsonl", "foreign sqlite", "newer schema", "empty",
                                  "folder", "missing"])
def test_restore_refuses_what_is_not_a_project_file(
        filled: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / f"source-{kind.replace(' ', '-')}"
    if kind == "text":
        source.write_text("just some notes\n", encoding="utf-8")
    elif kind == "jsonl":
        write_jsonl(source, 3)
    elif kind == "foreign sqlite":
        with closing(sqlite3.connect(source)) as conn:
            conn.execute("CREATE TABLE things (name TEXT)")
            conn.commit()
    elif kind == "newer schema":
        with Project(filled) as project:
            project.backup(source)
        with closing(sqlite3.connect(source)) as conn:
            conn.execute("PRAGMA user_version = 99")
            conn.commit()
    elif kind == "empty":
        source.write_bytes(b"")
    elif kind == "folder":
        source.mkdir()
    before = filled.read_bytes(), source.read_bytes() if source.is_file() else None
    beside = sorted(p.name for p in tmp_path.iterdir())
    assert cli(["restore", str(source), "--db", str(filled)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(source) in err
    assert (filled.read_bytes(), source.read_bytes() if source.is_file() else None) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == beside
    with pytest.raises(ProjectFileError):
        restore_project(filled, source)
    assert documents_in(filled) == 20
