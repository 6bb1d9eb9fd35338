"""A project file that cannot be written (read-only, full disk): one clear line, nothing
half-written, and the file as good as before.

Read-only is tested twice: in process, the way SQLite meets it (``PRAGMA query_only``: every
write fails with SQLITE_READONLY), and for real, with ``chmod 444`` on the file and ``555`` on
its folder, the command running as a user those modes apply to (root gives up root in the
child, as chmod does not stop root's writes). A full disk is SQLite's
``max_page_count`` (SQLITE_FULL: "database or disk is full") in process, and a real
file-size limit (``RLIMIT_FSIZE``) on a real process, whose writes then fail as on a full disk.
"""

from __future__ import annotations

import os
import pwd
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.cli.main import run as cli
from annotator.core.errors import StorageError, WriteError
from annotator.core.model import Span, Status
from annotator.storage import Project
from annotator.storage import sqlite as storage_sqlite
from tests.robustness.conftest import (
    SAMPLES,
    annotator,
    child_env,
    documents_in,
    integrity,
    new_project,
    write_jsonl,
)

READ_ONLY = "cannot be written: the project file or its folder is read-only"
FULL = "cannot be written: the disk is full; nothing was changed"


def _with_pragmas(monkeypatch: pytest.MonkeyPatch, **extra: Any) -> None:
    normal: Callable[[], dict[str, Any]] = storage_sqlite.pragmas
    monkeypatch.setattr(storage_sqlite, "pragmas", lambda: {**normal(), **extra})


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    db = new_project(tmp_path / "p.sqlite")
    assert cli(["import", str(write_jsonl(tmp_path / "ten.jsonl", 10)), "--db", str(db),
                "--normalize", "none"]) == 0
    return db


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_read_only_project_file_commands(filled: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    _with_pragmas(monkeypatch, query_only=1)
    more = write_jsonl(tmp_path / "more.jsonl", 5, prefix="more")
    assert cli(["import", str(more), "--db", str(filled)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"annotator: {filled}: {READ_ONLY}")
    assert line.endswith("nothing was changed")
    # Reading still works: stats and export.
    assert cli(["stats", "--db", str(filled)]) == 0
    assert "documents: 10" in capsys.readouterr().out
    out = tmp_path / "out.jsonl"
    assert cli(["export", "--format", "jsonl", "--db", str(filled), "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 10
    monkeypatch.undo()
    assert documents_in(filled) == 10
    assert integrity(filled) == ["ok"]


def test_read_only_edits_raise_write_error_and_store_nothing(
        filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the window meets: an edit that cannot be saved says so, and is not half there."""
    _with_pragmas(monkeypatch, query_only=1)
    with Project(filled) as project:
        doc_id = project.first_document()
        assert doc_id is not None
        before = project.document(doc_id)
        edits: list[Callable[[], object]] = [
            lambda: project.insert_span(doc_id, Span(0, 3, "EVENT")),
            lambda: project.update_span(before.spans[0].with_(label="LOCATION")),
            lambda: project.delete_span(before.spans[0].id or 0),
            lambda: project.set_status(doc_id, Status.DONE),
            lambda: project.ensure_labels(["NEW"]),
        ]
        for edit in edits:
            with pytest.raises(WriteError) as caught:
                edit()
            assert caught.value.reason == "read-only"
            assert isinstance(caught.value, StorageError)
            assert str(filled) in str(caught.value)
        assert project.document(doc_id) == before


# As root, the command runs in a child that gives up root (becomes ``nobody``) once Python
# and the annotator are loaded, so that the permissions apply to it.
_AS_NOBODY = """
import os, pwd, subprocess, sys
from annotator.cli.main import run
if sys.argv[1] == "import":
    from annotator.text.tokenize import tokenize
    tokenize("سلام")
nobody = pwd.getpwnam("nobody")
os.setgroups([]); os.setgid(nobody.pw_gid); os.setuid(nobody.pw_uid)
sys.exit(run(sys.argv[1:]))
"""


def _run_unprivileged(*args: str | Path) -> subprocess.CompletedProcess[str]:
    if os.geteuid() == 0:
        command = [sys.executable, "-c", _AS_NOBODY, *map(str, args)]
    else:
        command = annotator(*args)
    return subprocess.run(command, capture_output=True, text=True, check=False,
                          env=child_env(), timeout=60)


@pytest.fixture
def read_only_project(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A project file of 10 documents, mode 444 in a folder of mode 555, and an article to
    import, in folders any user can read (tmp_path is private to its owner)."""
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("nobody")
        except KeyError:
            pytest.skip("no user 'nobody' to run as")
    base = Path(tempfile.mkdtemp(prefix="annotator-read-only-"))
    base.chmod(0o755)
    folder = base / "project"
    folder.mkdir()
    db = folder / "p.sqlite"
    assert cli(["import", str(write_jsonl(base / "ten.jsonl", 10)), "--db", str(db),
                "--normalize", "none"]) == 0
    article = base / "article.txt"
    shutil.copy(SAMPLES / "002_isna_rescue_robots_eindhoven.txt", article)
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield db, article
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
        shutil.rmtree(base)


def test_chmod_read_only_file_and_folder(read_only_project: tuple[Path, Path],
                                         tmp_path: Path) -> None:
    """A real read-only file: it is read (stats, export, backup elsewhere); a write gives one
    line, and nothing changes."""
    db, article = read_only_project
    before = db.read_bytes()
    done = _run_unprivileged("import", article, "--db", db, "--normalize", "none")
    assert done.returncode == 1
    line = _one_line(done.stderr)
    assert line.startswith(f"annotator: {db}: {READ_ONLY}")
    done = _run_unprivileged("stats", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "documents: 10" in done.stdout
    assert done.stderr == ""  # no backup is attempted: a read-only file cannot change
    done = _run_unprivileged("export", "--format", "jsonl", "--db", db, "-o", "-")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 10
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["p.sqlite"]


def test_full_disk_import_adds_nothing(filled: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    size = filled.stat().st_size // 4096
    _with_pragmas(monkeypatch, max_page_count=size + 8)  # room for 32 KiB more
    more = write_jsonl(tmp_path / "more.jsonl", 300, prefix="more")
    assert cli(["import", str(more), "--db", str(filled), "--normalize", "none"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line == f"annotator: {filled}: {FULL} (free some space and try again)"
    with Project(filled) as project:
        doc_id = project.first_document()
        assert doc_id is not None
        project.insert_span(doc_id, Span(0, 3, "EVENT"))  # a small edit still fits
    monkeypatch.undo()
    assert documents_in(filled) == 10
    assert integrity(filled) == ["ok"]


def _file_size_limit(limit: int) -> Callable[[], None]:
    def limited() -> None:  # in the child, before it runs Python
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limited


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no file size limit here")
def test_full_disk_in_a_real_process(filled: Path, tmp_path: Path) -> None:
    """Writes beyond a file size limit fail as on a full disk (EFBIG, SQLITE_FULL)."""
    more = write_jsonl(tmp_path / "more.jsonl", 1000, prefix="more")
    limit = filled.stat().st_size + 200_000

    def annotate(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(annotator(*args), capture_output=True, text=True, check=False,
                              env=child_env(), timeout=60, preexec_fn=_file_size_limit(limit))

    done = annotate("import", more, "--db", filled, "--normalize", "none")
    assert done.returncode == 1
    line = _one_line(done.stderr)
    assert line.startswith(f"annotator: {filled}: cannot be written: ")
    assert line.endswith("nothing was changed")
    assert documents_in(filled) == 10
    assert integrity(filled) == ["ok"]

    big = tmp_path / "big.sqlite"
    shutil.copy(filled, big)
    out = tmp_path / "out.jsonl"
    out.write_text("the previous export\n", encoding="utf-8")
    with Project(big) as project:
        from annotator.services.importing import ImportOptions, import_paths

        import_paths(project, [more], ImportOptions(normalize="none"))
    done = annotate("export", "--format", "jsonl", "--db", big, "-o", out)
    assert done.returncode == 1
    *warnings, line = done.stderr.strip().splitlines()
    # The automatic backup on opening could not be written either: a warning, then the error.
    assert [w.split(":")[:2] for w in warnings] == [["annotator", " warning"]]
    assert "Traceback" not in done.stderr
    assert line.startswith(f"annotator: {out}: could not be written (File too large)")
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert not list(tmp_path.glob(".out.jsonl.*"))
