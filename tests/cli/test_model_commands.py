"""``annotator train|suggest|evaluate|gazetteer`` and ``import --status`` as scripts use them:
what they print, one-line errors, Ctrl+C during a training."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.cli.main import run
from annotator.core.model import Document
from annotator.storage import Project
from tests.suggest.persian import corpus


def write_corpus(path: Path, docs: list[Document], *, labels: bool = True,
                 status: str | None = None) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            record: dict[str, object] = {"id": doc.key, "text": doc.text}
            if labels:
                record["spans"] = [{"start": s.start, "end": s.end, "label": s.label}
                                   for s in doc.spans]
            if status:
                record["status"] = status
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


def test_train_suggest_evaluate(tmp_path: Path, location: Path | str,
                                capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    labelled = write_corpus(tmp_path / "labelled.jsonl", corpus(25), status="new")
    assert run(["import", str(labelled), "--status", "done", "--normalize", "none",
                "--db", db]) == 0
    fresh = write_corpus(tmp_path / "fresh.jsonl",
                         [Document(d.text, key=f"x{d.key}") for d in corpus(5, seed=7)],
                         labels=False)
    assert run(["import", str(fresh), "--normalize", "none", "--db", db]) == 0
    with Project(location) as project:
        assert project.status_counts() == {"done": 25, "new": 5}
    capsys.readouterr()

    assert run(["train", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("crf trained on 25 documents (")
    assert "held-out scores on 5 documents" in out
    table = [line.split() for line in out.splitlines()[1:]]
    assert table[0] == ["label", "precision", "recall", "F1", "spans"]
    assert [row[0] for row in table[1:]] == ["ACTOR", "EVENT", "LOCATION", "overall"]
    assert all(0.0 <= float(x) <= 1.0 for row in table[1:] for x in row[1:4])

    assert run(["suggest", "--db", db, "--min-score", "0.5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added ") and "of crf to 5 documents" in out
    assert run(["suggest", "--db", db, "--min-score", "0.5"]) == 0
    assert "added 0 suggestions of crf to 5 documents; " in capsys.readouterr().out

    gold = write_corpus(tmp_path / "gold.jsonl", corpus(6, seed=99))
    assert run(["evaluate", str(gold), "--db", db, "--json", "--normalize", "none"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert set(scores) >= {"precision", "recall", "f1", "labels"}
    assert set(scores["labels"]) == {"ACTOR", "EVENT", "LOCATION"}
    assert scores["labels"]["ACTOR"]["support"] > 0
    assert run(["evaluate", str(gold), "--db", db, "--model", "crf"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split()[0] == "overall"
    with Project(location) as project:
        assert project.count_documents() == 30


def test_errors_are_one_line(tmp_path: Path, location: Path | str,
                             capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    fresh = write_corpus(tmp_path / "fresh.jsonl", corpus(3), labels=False)
    assert run(["import", str(fresh), "--db", db]) == 0
    capsys.readouterr()
    assert run(["train", "--db", db]) == 1
    assert one_line_error(capsys) == ("annotator: nothing to learn from: no documents done "
                                      "or reviewed")
    assert run(["suggest", "--db", db]) == 1
    assert "no trained model in the project yet" in one_line_error(capsys)
    assert run(["evaluate", str(fresh), "--db", db, "--model", "strings"]) == 1
    assert "no strings model in the project yet" in one_line_error(capsys)
    bad = tmp_path / "names.tsv"
    bad.write_text("تهران\tLOCATION\n\nمشهد\tLOCATION\tCITY\n", encoding="utf-8")
    assert run(["gazetteer", "add", str(bad), "--db", db]) == 1
    assert one_line_error(capsys) == (f"annotator: {bad}, line 3: 2 tabs (expected one: "
                                      "TEXT<TAB>LABEL)")
    assert run(["gazetteer", "list", "--db", db]) == 0
    assert capsys.readouterr().err == "no gazetteers in the project\n"
    good = tmp_path / "places.tsv"
    good.write_text("تهران\tLOCATION\nخبرگزاری مهر\tACTOR\n", encoding="utf-8")
    assert run(["gazetteer", "add", str(good), "--db", db]) == 0
    assert capsys.readouterr().out == "added 2 entries from places.tsv\n"
    assert run(["gazetteer", "add", str(good), "--db", db]) == 0
    assert capsys.readouterr().out == ("added 0 entries from places.tsv, 2 already in the "
                                       "project\n")
    assert run(["gazetteer", "list", "--db", db]) == 0
    assert capsys.readouterr().out == "places.tsv: 2 entries (ACTOR 1, LOCATION 1)\n"
    assert run(["gazetteer", "remove", "places.tsv", "--db", db]) == 0
    assert capsys.readouterr().out == "removed 2 entries of places.tsv\n"
    with pytest.raises(SystemExit) as usage:
        run(["suggest", "--db", db, "--min-score", "2"])
    assert usage.value.code == 2
    assert "argument --min-score: 2: a score is between 0 and 1" in capsys.readouterr().err


def test_ctrl_c_during_training_leaves_the_model_in_use(tmp_path: Path) -> None:
    db = tmp_path / "project.sqlite"
    labelled = write_corpus(tmp_path / "labelled.jsonl", corpus(600), status="done")
    assert run(["import", str(labelled), "--normalize", "none", "--db", str(db)]) == 0
    assert run(["train", "--model", "strings", "--db", str(db)]) == 0
    with Project(db) as project:
        before = project.model_infos()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = subprocess.Popen([sys.executable, "-m", "annotator", "train", "--db", str(db)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, start_new_session=True)
    time.sleep(4)  # the worker has started training
    assert command.poll() is None
    workers = subprocess.run(["pgrep", "-P", str(command.pid)], capture_output=True, text=True,
                             check=False).stdout.split()
    assert workers
    os.killpg(command.pid, signal.SIGINT)  # as a terminal sends Ctrl+C to its foreground
    out, err = command.communicate(timeout=30)
    assert command.returncode == 130, err
    assert err.strip() == "annotator: interrupted; nothing was written"
    assert out == ""
    with Project(db) as project:
        assert project.model_infos() == before
        assert project.count_documents() == 600
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)  # no worker left


def test_retrain_every_is_kept_in_the_project_and_trains_nothing(
        tmp_path: Path, location: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.services.training import retrain_due, retrain_every

    db = str(location)
    assert run(["import", str(write_corpus(tmp_path / "c.jsonl", corpus(3))), "--status",
                "done", "--db", db]) == 0
    capsys.readouterr()
    assert run(["train", "--retrain-every", "2", "--db", db]) == 0
    assert capsys.readouterr().out == ("the window trains the model again every 2 documents "
                                       "marked done; nothing trained now\n")
    with Project(location) as project:
        assert retrain_every(project) == 2
        assert project.model_infos() == {}  # nothing trained
        assert retrain_due(project)  # three documents done, two asked for
    assert run(["train", "--retrain-every", "0", "--db", db]) == 0
    assert "only when asked" in capsys.readouterr().out
    with Project(location) as project:
        assert retrain_every(project) == 0 and not retrain_due(project)
    assert run(["train", "--retrain-every", "-1", "--db", db]) == 1
    assert "--retrain-every -1: give a number of documents" in one_line_error(capsys)
