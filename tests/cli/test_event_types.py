"""``annotator event-types``: the project's list, printed, added to, taken from and replaced from
a file; imports and exports use it (on a project file and on a PostgreSQL server)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli.main import run
from annotator.core.events import DEFAULT_EVENT_TYPES
from annotator.storage import Project

TEXT = "عباس عراقچی در تهران از نمایشگاه کتاب بازدید کرد."


def article(tmp_path: Path, kind: str) -> Path:
    """A JSONL article with one event of type ``kind``."""
    def span(n: int, word: str, label: str) -> dict[str, object]:
        start = TEXT.index(word)
        return {"id": f"T{n}", "start": start, "end": start + len(word), "label": label}

    record = {"id": "isna-1", "text": TEXT,
              "spans": [span(1, "عباس عراقچی", "ACTOR"), span(2, "تهران", "LOCATION"),
                        span(3, "بازدید", "EVENT")],
              "events": [{"id": "E1", "trigger": "T3", "type": kind, "arguments": [
                  {"role": "actor", "span": "T1"}, {"role": "location", "span": "T2"}]}]}
    path = tmp_path / f"{kind}.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def listed(db: Path | str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert run(["event-types", "--db", str(db)]) == 0
    return capsys.readouterr().out.splitlines()


def test_the_list_is_plovers_until_changed_and_imports_follow_it(
        location: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    assert run(["import", str(article(tmp_path, "VISIT")), "--db", db]) == 1
    assert "unknown event type 'VISIT'" in capsys.readouterr().err
    lines = listed(db, capsys)
    assert lines[1] == "CONSULT\tرایزنی\t1"
    assert [line.split("\t")[0] for line in lines] == [t.name for t in DEFAULT_EVENT_TYPES]

    assert run(["event-types", "add", "VISIT", "--persian", "بازدید", "--db", db]) == 0
    assert "the project has 17 event types" in capsys.readouterr().err
    assert listed(db, capsys)[-1] == "VISIT\tبازدید\t"
    assert run(["import", str(article(tmp_path, "VISIT")), "--db", db]) == 0
    assert "imported 1 document with 3 spans and 1 event" in capsys.readouterr().out
    out = tmp_path / "events.jsonl"
    assert run(["export", "--format", "plover", "--db", db, "-o", str(out)]) == 0
    [line] = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["event"] == ["VISIT"]
    assert json.loads(line)["quad_code"] is None

    assert run(["event-types", "remove", "VISIT", "--db", db]) == 1
    assert "VISIT (1)" in capsys.readouterr().err
    assert run(["event-types", "remove", "CONSULT", "--db", db]) == 0
    assert "CONSULT" not in [line.split("\t")[0] for line in listed(db, capsys)]


def test_a_list_printed_edited_and_set_again(location: Path | str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    Project(location).close()  # a new project
    lines = listed(db, capsys)
    edited = tmp_path / "types.tsv"
    edited.write_text("# our list\n" + "\n".join([*lines[:3], "VISIT\tبازدید\t2", ""]),
                      encoding="utf-8")
    assert run(["event-types", "set", str(edited), "--db", db]) == 0
    assert listed(db, capsys) == [*lines[:3], "VISIT\tبازدید\t2"]


@pytest.mark.parametrize(("content", "message"), [
    ("CONSULT\tرایزنی\t1\nCONSULT\t\t\n", "CONSULT is on the list twice"),
    ("MEET UP\t\t\n", "line 1: 'MEET UP' cannot name an event type"),
    ("MEET\t\t7\n", "line 1: MEET: the quad category is 1 to 4, not 7"),
    ("MEET\t\tone\n", "line 1: the quad category is 1 to 4, not 'one'"),
    ("MEET\tدیدار\t1\textra\n", "line 1: a line holds NAME, PERSIAN and QUAD"),
    ("# nothing\n", "a project needs at least one event type"),
])
def test_a_bad_list_is_refused_naming_the_file_and_line(
        project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        content: str, message: str) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(content, encoding="utf-8")
    assert run(["event-types", "set", str(bad), "--db", str(project_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"annotator: {bad}") and message in err, err
    assert len(listed(project_path, capsys)) == 16


def test_stats_count_the_events_by_type(location: Path | str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    assert run(["import", str(article(tmp_path, "CONSULT")), "--db", db]) == 0
    capsys.readouterr()
    assert run(["stats", "--db", db]) == 0
    assert "events by type: CONSULT 1\n" in capsys.readouterr().out
    assert run(["stats", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["events_by_type"] == {"CONSULT": 1}
