"""The command line as scripts use it: exit codes, one-line errors, all or nothing."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli.main import run
from annotator.core.errors import ProjectFileError
from annotator.storage import Project

TEXT = "عباس عراقچی 😀 در تهران با وزیر خارجه ايتاليا دیدار کرد و گفت‌وگو کرد."


def words(text: str, *targets: str) -> list[tuple[int, int]]:
    out = []
    for target in targets:
        at = text.index(target)
        out.append((at, at + len(target)))
    return out


def count_documents(db: Path | str) -> int:
    """Documents in the project at ``db`` (a file or a database); 0 when there is none yet."""
    try:
        with Project(db, create=False) as project:
            return project.count_documents()
    except ProjectFileError:
        return 0


def write_jsonl(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_version_and_help_list_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("annotator ")
    with pytest.raises(SystemExit):
        run(["--help"])
    help_text = capsys.readouterr().out
    for command in ("import", "export", "stats"):
        assert command in help_text


def test_import_export_stats_round_trip(tmp_path: Path, location: Path | str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = location
    (a1, a2), (t1, t2) = words(TEXT, "عباس عراقچی", "تهران")
    source = write_jsonl(tmp_path / "in.jsonl", {
        "id": "doc-1", "text": TEXT, "status": "done",
        "spans": [{"start": a1, "end": a2, "label": "ACTOR"},
                  {"start": t1, "end": t2, "label": "LOCATION"}],
    })
    assert run(["import", str(source), "--db", str(db), "--normalize", "none"]) == 0
    assert "imported 1 document with 2 spans" in capsys.readouterr().out
    out = tmp_path / "out.jsonl"
    assert run(["export", "--format", "jsonl", "--db", str(db), "-o", str(out)]) == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "doc-1"
    assert record["text"] == TEXT
    assert record["status"] == "done"
    assert [(s["start"], s["end"], s["label"], s["text"]) for s in record["spans"]] == [
        (a1, a2, "ACTOR", "عباس عراقچی"), (t1, t2, "LOCATION", "تهران")]
    capsys.readouterr()
    assert run(["stats", "--json", "--db", str(db)]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] == 1
    assert stats["documents_by_status"]["done"] == 1
    assert stats["spans_by_label"] == {"ACTOR": 1, "EVENT": 0, "LOCATION": 1}
    assert stats["spans_by_origin"] == {"human": 2}
    assert stats["pending"] == 0
    assert stats["models"] == {}


def test_env_var_names_the_project_file(tmp_path: Path, location: Path | str,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = location
    monkeypatch.setenv("ANNOTATOR_DB", str(db))
    source = write_jsonl(tmp_path / "a.jsonl", {"text": TEXT})
    assert run(["import", str(source)]) == 0
    assert count_documents(db) == 1


def test_export_to_stdout(tmp_path: Path, location: Path | str,
                          capsys: pytest.CaptureFixture[str]) -> None:
    db = location
    source = write_jsonl(tmp_path / "a.jsonl", {"id": 7, "text": TEXT})
    assert run(["import", str(source), "--db", str(db)]) == 0
    capsys.readouterr()
    assert run(["export", "--format", "jsonl", "--db", str(db), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["id"] == "7"
    assert "exported 1 document with 0 spans" in captured.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "سلام"}\n{"text": "خراب"\n', r"bad\.jsonl, line 2: .*JSON"),
        ('{"text": "سلام دنیا", "spans": [{"start": 0, "end": 40, "label": "ACTOR"}]}\n',
         r"bad\.jsonl, line 1: .*outside the text"),
        ('{"text": "سلام دنیا", "spans": [{"start": 4, "end": 2, "label": "ACTOR"}]}\n',
         r"bad\.jsonl, line 1: .*start"),
        ('{"text": "سلام دنیا", "spans": [{"start": 0, "end": 4, "label": "ACTOR"},'
         ' {"start": 2, "end": 9, "label": "EVENT"}]}\n', r"bad\.jsonl, line 1: .*overlap"),
        ("", r"bad\.jsonl: .*empty"),
    ],
)
def test_bad_input_is_one_line_and_adds_nothing(tmp_path: Path, location: Path | str,
                                                content: str, message: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = location
    good = write_jsonl(tmp_path / "good.jsonl", {"text": "متن درست"})
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    assert run(["import", str(good), str(bad), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("annotator: ")
    assert re.search(message, err), err
    assert "Traceback" not in err
    assert count_documents(db) == 0



def test_unknown_format_and_missing_file(tmp_path: Path, location: Path | str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = location
    odd = tmp_path / "notes.xyz"
    odd.write_bytes(b"\x00\x01\x02binary")
    assert run(["import", str(odd), "--db", str(db)]) == 1
    assert "notes.xyz" in capsys.readouterr().err
    assert run(["import", str(tmp_path / "missing.txt"), "--db", str(db)]) == 1
    assert "missing.txt: no such file or folder" in capsys.readouterr().err
    assert count_documents(db) == 0


def test_folder_reads_articles_and_reports_the_rest(tmp_path: Path, location: Path | str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text("عنوان یک\n\nخبرگزاری مهر دوشنبه 26 آبان 1404 - 14:19\nمتن",
                                    encoding="utf-8")
    (folder / "sub" / "two.txt").write_text("عنوان دو\n\nمتن دوم", encoding="utf-8")
    (folder / "sub" / "one.txt").write_text("عنوان سه\n\nهم‌نام اولی", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    db = location
    assert run(["import", str(folder), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "imported 3 documents" in captured.out
    assert "photo.png" in captured.err
    assert count_documents(db) == 3


def test_not_a_project_file_is_refused_untouched(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "notes.sqlite"
    db.write_text("just some notes\n", encoding="utf-8")
    before = db.read_bytes()
    assert run(["stats", "--db", str(db)]) == 1
    assert "not an annotator project file" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_entry_point_runs_without_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"

    def annotator(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "annotator", *args, "--db", str(db)],
                              capture_output=True, text=True, check=False)

    missing = annotator("stats")  # a command that only reads makes no project
    assert missing.returncode == 1
    assert missing.stderr == f"annotator: {db}: no such project file\n"
    assert not db.exists()
    bad = annotator("import", str(tmp_path / "nope"))
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert "nope" in bad.stderr
    done = annotator("stats")  # the import made the project, empty
    assert done.returncode == 0, done.stderr
    assert "documents: 0" in done.stdout


@pytest.mark.parametrize("command", ["stats", "import", "export"])
def test_a_db_in_a_folder_that_does_not_exist_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    db = tmp_path / "typo" / "p.sqlite"
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nمتن خبر", encoding="utf-8")
    extra = {"stats": [], "import": [str(article)], "export": ["--format", "jsonl", "-o", "-"]}
    assert run([command, *extra[command], "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert str(db) in err
    assert "no such" in err
    assert not db.parent.exists()


def test_undecodable_article_is_refused_and_adds_nothing(
        tmp_path: Path, location: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    db = location
    good = tmp_path / "good.txt"
    good.write_text("عنوان\n\nمتن خبر", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("عنوان خبر".encode() + b" \xc3\x28 " + "ادامه".encode())
    assert run(["import", str(good), str(bad), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "bad.txt" in err
    assert "UTF-8" in err
    assert count_documents(db) == 0


def test_a_legacy_windows_1256_article_is_read_correctly(
        tmp_path: Path, location: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    db = location
    # windows-1256 has no Persian ی: legacy files wrote the Arabic ي
    text = ("نشست وزيران خارجه در تهران\n\n"
            "وزير امور خارجه روز دوشنبه با همتاي خود ديدار کرد و گفتگو کرد.")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode("cp1256"))
    assert run(["import", str(legacy), "--db", str(db), "--normalize", "none"]) == 0
    capsys.readouterr()
    assert run(["export", "--format", "jsonl", "--db", str(db), "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == text


def test_export_into_a_pipe_or_through_a_link_keeps_them(tmp_path: Path) -> None:
    """``-o`` naming a named pipe (or a device, as /dev/null) writes into it and leaves it a
    pipe; naming a link replaces the file it points to and keeps the link; a backup is a file
    and refuses anything else."""
    import os
    import stat
    import threading

    db = tmp_path / "p.sqlite"
    source = write_jsonl(tmp_path / "in.jsonl", {"id": "d", "text": TEXT})
    assert run(["import", str(source), "--db", str(db)]) == 0
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    read: list[bytes] = []
    reader = threading.Thread(target=lambda: read.append(pipe.read_bytes()))
    reader.start()
    assert run(["export", "--format", "jsonl", "-o", str(pipe), "--db", str(db)]) == 0
    reader.join(timeout=30)
    assert json.loads(read[0])["id"] == "d"
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # still a pipe, not a file put in its place

    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert run(["export", "--format", "jsonl", "-o", str(link), "--db", str(db)]) == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["id"] == "d"

    assert run(["backup", "-o", str(pipe), "--db", str(db)]) == 1
    assert stat.S_ISFIFO(pipe.stat().st_mode)
