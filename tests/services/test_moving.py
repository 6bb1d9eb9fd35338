"""A project moved from a file to a PostgreSQL server and back, exactly: `restore FILE --db URL`
fills the database from a project file, `backup -o FILE --db URL` writes an ordinary project
file, and the exports before and after are the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli.main import run
from annotator.core.events import DEFAULT_EVENT_TYPES, Argument, Event, EventType, Role
from annotator.core.model import Review, Span, Status
from annotator.services.stats import project_stats
from annotator.storage import EVERYONE, Project
from annotator.storage.backups import list_backups
from annotator.storage.location import DatabaseUrl
from tests.postgres import Server

TEXTS = [
    "عباس عراقچی، وزیر امور خارجه، روز دوشنبه در تهران با همتای چینی خود دیدار کرد.",
    "نشست بین‌المللی آب در مشهد با حضور کارشناسان یونسکو آغاز شد 😀 و سه روز ادامه دارد.",
    "تیم رباتیک دانشگاه صنعتی اصفهان در مسابقات آیندهوون دوم شد.",
]


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def fill(location: Path | str, tmp_path: Path) -> None:
    """Documents with dates and metadata, labels of every origin and review, a label the
    project added, statuses: everything an export or a report reads."""
    source = tmp_path / "in.jsonl"
    records = [{"id": f"doc-{n}", "text": text, "status": status,
                "meta": {"title": f"خبر {n}", "source": "مهر", "url": f"https://example.org/{n}",
                         "date": f"2025-11-1{n}T14:19:00+03:30"}}
               for n, (text, status) in enumerate(zip(TEXTS, ["done", "in_progress", "new"],
                                                      strict=True))]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                      encoding="utf-8")
    assert run(["import", str(source), "--db", str(location), "--normalize", "none"]) == 0
    with Project(location) as project:
        ids = project.keys_to_ids()
        first, second = TEXTS[0], TEXTS[1]
        project.add_label("ORGANISATION", "4", "#123456")
        project.insert_span(ids["doc-0"], Span(*at(first, "عباس عراقچی"), "ACTOR",
                                               annotator="مریم"))
        project.insert_span(ids["doc-0"], Span(*at(first, "تهران"), "LOCATION"))
        project.insert_span(ids["doc-1"], Span(*at(second, "یونسکو"), "ORGANISATION"))
        project.add_suggestions([
            (ids["doc-0"], Span(*at(first, "دیدار"), "EVENT", origin="model:m1", score=0.8125,
                                review=Review.PENDING)),
            (ids["doc-1"], Span(*at(second, "مشهد"), "LOCATION", origin="model:m1",
                                score=0.1 + 0.2, review=Review.PENDING)),
            (ids["doc-1"], Span(*at(second, "نشست"), "EVENT", origin="model:m1", score=0.5,
                                review=Review.PENDING)),
        ])
        spans = {(s.start, s.end): s for s in project.document(ids["doc-1"]).spans}
        mashhad = spans[at(second, "مشهد")]
        project.update_span(mashhad.with_(review=Review.ACCEPTED, annotator="علی"))
        meeting = spans[at(second, "نشست")]
        project.update_span(meeting.with_(review=Review.REJECTED, annotator="علی"))
        project.set_status(ids["doc-2"], Status.REVIEWED)
        # Events, and an event type of the project's own.
        project.set_event_types([*DEFAULT_EVENT_TYPES, EventType("VISIT", "بازدید")])
        # مریم's: the meeting (a suggestion she accepted), its actor and recipient.
        project.insert_span(ids["doc-0"], Span(*at(first, "همتای چینی خود"), "ACTOR",
                                               annotator="مریم"))
        doc = project.document(ids["doc-0"], "مریم")
        by_text = {first[s.start:s.end]: s for s in doc.spans}
        talks = by_text["دیدار"]
        talks = project.update_span(talks.with_(review=Review.ACCEPTED, annotator="مریم"))
        project.insert_event(ids["doc-0"], Event(talks, "CONSULT", (
            Argument(Role.ACTOR, by_text["عباس عراقچی"]),
            Argument(Role.RECIPIENT, by_text["همتای چینی خود"])), annotator="مریم"))
        # علی's: the opening, where he accepted the suggestion of Mashhad.
        opened = project.insert_span(ids["doc-1"], Span(*at(second, "آغاز"), "EVENT",
                                                        annotator="علی"))
        project.insert_event(ids["doc-1"], Event(opened, "VISIT", (
            Argument(Role.LOCATION, mashhad),), annotator="علی"))


def exports(location: Path | str, tmp_path: Path, name: str) -> dict[str, bytes]:
    """Every export of the project, as bytes (a brat folder: each of its files)."""
    out: dict[str, bytes] = {}
    for fmt, extra in (("jsonl", ["--include-pending"]), ("conll", []), ("tokens", []),
                       ("conll", ["--scheme", "bioes"]), ("plover", []), ("brat", []),
                       ("jsonl", ["--analyst", "مریم"]), ("plover", ["--analyst", "مریم"]),
                       ("brat", ["--analyst", "مریم"])):
        path = tmp_path / f"{name}-{fmt}-{len(out)}.out"
        assert run(["export", "--format", fmt, *extra, "--db", str(location),
                    "-o", str(path)]) == 0
        if path.is_dir():
            out.update({f"{fmt} {' '.join(extra)} {file.name}": file.read_bytes()
                        for file in sorted(path.iterdir())})
        else:
            out[f"{fmt} {' '.join(extra)}"] = path.read_bytes()
    return out


def everything(location: Path | str) -> tuple[object, ...]:
    """What the project holds, as seen through storage: documents with spans and their times,
    events with theirs, labels with keys and colours, event types, the statistics and the model
    report."""
    with Project(location) as project:
        docs = [project.document(i, EVERYONE) for i in sorted(project.keys_to_ids().values())]
        times = [(e.created, e.updated) for doc in docs for e in doc.events]
        return (docs, times, project.labels(), project.event_types(), project_stats(project))


def test_a_project_moved_to_postgresql_and_back_exports_the_same_bytes(
        postgres: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = tmp_path / "team.sqlite"
    fill(original, tmp_path)
    before = exports(original, tmp_path, "before")
    url = postgres.new_schema()
    assert run(["restore", str(original), "--db", url]) == 0
    assert "restored" in capsys.readouterr().out
    on_server = exports(url, tmp_path, "server")
    back = tmp_path / "back.sqlite"
    assert run(["backup", "--db", url, "-o", str(back)]) == 0
    after = exports(back, tmp_path, "after")
    assert on_server == before
    assert after == before
    assert b'"events": [{"id": "E1", "trigger": "T' in before["jsonl --analyst مریم"]
    assert before["plover --analyst مریم"].count(b"\n") == 1
    assert b"CONSULT:T" in before["brat --analyst مریم doc-0.ann"]
    with Project(url) as project:
        assert project.events_by_type() == {"CONSULT": 1, "VISIT": 1}
    assert everything(url) == everything(original) == everything(back)
    # The database goes on numbering after what it was given.
    with Project(url) as project:
        doc_id = project.keys_to_ids()["doc-2"]
        added = project.insert_span(doc_id, Span(*at(TEXTS[2], "اصفهان"), "LOCATION"))
        with Project(original) as file_project:
            assert added.id is not None
            assert added.id > max(s.id or 0 for i in file_project.keys_to_ids().values()
                                  for s in file_project.spans(i))


def test_a_restore_into_postgresql_replaces_the_content_and_saves_what_was_there(
        postgres: Server, tmp_path: Path) -> None:
    url = postgres.new_schema()
    fill(url, tmp_path)
    other = tmp_path / "other.sqlite"
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"id": "solo", "text": TEXTS[2]}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    assert run(["import", str(source), "--db", str(other)]) == 0
    assert run(["restore", str(other), "--db", url]) == 0
    with Project(url) as project:
        assert project.document_keys() == ["solo"]
        assert [lab.name for lab in project.labels()] == ["ACTOR", "EVENT", "LOCATION"]
    [saved] = list_backups(DatabaseUrl.parse(url), "restore")
    with Project(saved.path, create=False) as before:
        assert before.document_keys() == ["doc-0", "doc-1", "doc-2"]


def test_backups_of_a_postgresql_project_go_to_the_user_data_folder(
        postgres: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = postgres.new_schema()
    fill(url, tmp_path)
    capsys.readouterr()
    assert run(["backup", "--db", url]) == 0
    [backup] = list_backups(DatabaseUrl.parse(url), "manual")
    assert str(backup.path) in capsys.readouterr().out
    assert everything(backup.path) == everything(url)
    assert run(["backup", "--db", url, "--list"]) == 0
    assert str(backup.path) in capsys.readouterr().out
