"""Events of several analysts, through the services and the commands, on a project file and on
PostgreSQL: each analyst's events compared in ``annotator agreement`` (an event on an analyst's
decision about a shared suggestion counting as theirs), and the events all of them made alike
taken into the curated labels by ``annotator curate``, so that the export of the curated
document carries them.

The document and its events are the hand-counted ones of the core tests
(:mod:`tests.core.agreement_corpus`): the figures below are those worked out there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli.main import run
from annotator.core.agreement import EventTuple, as_event_tuples
from annotator.core.events import Argument, Event, Role
from annotator.core.model import Document, Review, Span, Status
from annotator.core.scores import Counts
from annotator.services.team import curate_project, measure_agreement
from annotator.storage import EVERYONE, Project
from annotator.text.tokenize import tokenize
from tests.core.agreement_corpus import (
    BEIJING,
    MOSCOW_AGREED,
    RALLY,
    VISITS,
    VISITS_EVENTS,
    VISITS_LABELS,
    place,
)

ANALYSTS = ("maryam", "reza", "sara")


def cli(*args: str | Path) -> int:
    return run([str(a) for a in args])


def store_event(project: Project, doc_id: int, analyst: str, event: EventTuple) -> None:
    """``event`` made by ``analyst`` on the spans they see, as the window would make it."""
    seen = {(s.start, s.end, s.label): s for s in project.spans(doc_id, analyst)}
    start, end, kind, arguments = event
    roles = [(Role(role), s, e) for role, s, e in arguments]
    project.insert_event(doc_id, Event(
        seen[start, end, "EVENT"], kind,
        tuple(Argument(role, seen[s, e, "LOCATION" if role == Role.LOCATION else "ACTOR"])
              for role, s, e in roles), annotator=analyst))


def framed(location: Path | str) -> int:
    """VISITS labelled alike by the three analysts (Maryam's «دیدار» as her decision about a
    model's suggestion, accepted), each with their events; and a second document only Maryam
    labelled and framed (not compared)."""
    tokens, sentences = tokenize(VISITS)
    with Project(location) as project:
        project.add_documents([Document(VISITS, key="visits", tokens=tokens,
                                        sentences=sentences),
                               Document(VISITS + " ", key="alone", tokens=tokens,
                                        sentences=sentences)])
        ids = project.keys_to_ids()
        doc_id = ids["visits"]
        meeting = place("دیدار", "EVENT")
        project.add_suggestions([(doc_id, Span(*meeting, origin="model:crf", score=0.9,
                                               review=Review.PENDING))])
        [suggestion] = project.spans(doc_id, EVERYONE)
        project.update_span(suggestion.with_(review=Review.ACCEPTED, annotator="maryam"))
        for analyst in ANALYSTS:
            for start, end, label in VISITS_LABELS:
                if (analyst, (start, end, label)) != ("maryam", meeting):
                    project.insert_span(doc_id, Span(start, end, label, annotator=analyst))
            for event in VISITS_EVENTS[analyst]:
                store_event(project, doc_id, analyst, event)
            project.set_status(doc_id, Status.DONE, analyst)
        for start, end, label in VISITS_LABELS:
            project.insert_span(ids["alone"], Span(start, end, label, annotator="maryam"))
        store_event(project, ids["alone"], "maryam", VISITS_EVENTS["maryam"][0])
        # Maryam's event stands on her decision row, under the suggestion's id in her view.
        stored = project.document(doc_id, EVERYONE)
        hers = next(e for e in stored.events if e.annotator == "maryam" and e.type == "CONSULT"
                    and e.trigger.start == meeting[0])
        assert hers.trigger.source == suggestion.id and hers.trigger.id != suggestion.id
        return doc_id


def test_agreement_compares_each_analysts_events(location: Path | str) -> None:
    framed(location)
    with Project(location) as project:
        result = measure_agreement(project)
    mr, ms, rs = result.pairs
    assert mr.analysts == ("maryam", "reza") and mr.documents == 1
    assert (mr.events.counts, mr.events.f1) == (Counts(tp=2, fp=1, fn=1), pytest.approx(2 / 3))
    assert mr.events.by_type == {"CONSULT": Counts(tp=1, fp=1, fn=1), "PROTEST": Counts(tp=1)}
    assert (ms.events.counts, rs.events.counts) == (Counts(tp=1, fp=1, fn=2),
                                                   Counts(tp=1, fp=1, fn=2))
    assert (result.overall.events.counts, result.overall.events.f1) == (
        Counts(tp=4, fp=3, fn=5), pytest.approx(1 / 2))
    assert mr.combined.span_f1 == 1.0  # the labels are alike; the decision among them


def test_the_agreement_command_prints_events(location: Path | str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    framed(location)
    db = str(location)
    assert cli("agreement", "--json", "--db", db) == 0
    report = json.loads(capsys.readouterr().out)
    first = report["pairs"][0]
    assert first["analysts"] == ["maryam", "reza"]
    assert set(first) == {"analysts", "documents", "tokens", "spans", "kappa", "span_f1",
                          "overlap_f1", "by_label", "events"}
    assert first["events"] == {
        "made": [3, 3], "f1": round(2 / 3, 4), "tp": 2, "fp": 1, "fn": 1,
        "by_type": {"CONSULT": {"made": [2, 2], "f1": 0.5, "tp": 1, "fp": 1, "fn": 1},
                    "PROTEST": {"made": [1, 1], "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}}}
    assert set(report["overall"]["events"]) == {"f1", "tp", "fp", "fn", "by_type"}
    assert report["overall"]["events"]["f1"] == 0.5
    assert cli("agreement", "--db", db) == 0
    out = capsys.readouterr().out
    assert "maryam / reza: 1 document" in out
    assert "  events: F1 0.667 (3 and 3 events)" in out
    assert "  events: F1 0.400 (3 and 2 events)" in out
    overall = next(line for line in out.splitlines() if line.startswith("overall:"))
    assert overall.endswith(", events F1 0.500")


def test_curate_takes_the_events_all_made_alike(location: Path | str) -> None:
    doc_id = framed(location)
    with Project(location) as project:
        result = curate_project(project, "omid")
        assert (result.documents, result.spans, result.events) == (1, 10, 1)
        assert (result.disagreements, result.event_disagreements, result.finished) == (0, 2, 0)
        doc = project.document(doc_id, EVERYONE)
        curated = [e for e in doc.events if e.trigger.agreed is not None]
        assert [(e.type, e.annotator, VISITS[e.trigger.start:e.trigger.end],
                 [(a.role, VISITS[a.span.start:a.span.end], a.span.agreed is not None)
                  for a in e.ordered_arguments()]) for e in curated] == [
            ("PROTEST", "omid", "تجمع", [(Role.ACTOR, "معترضان", True),
                                          (Role.LOCATION, "تهران", True)])]
        # The analysts' own events stay theirs.
        assert len([e for e in doc.events if e.trigger.agreed is None]) == 8


def test_curate_then_export_holds_the_agreed_events(location: Path | str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    doc_id = framed(location)
    db = str(location)
    # Two of three: «دیدار» (Maryam's on her decision, Reza's on his label) and «تجمع».
    assert cli("curate", "--min-agree", "2", "--analyst", "omid", "--db", db) == 0
    assert ("curated 1 document as omid: 10 spans taken, 0 finished, 0 disagreements left "
            "for the window; 2 events taken, 1 event disagreement left for the window"
            in capsys.readouterr().out)
    out = tmp_path / "curated.jsonl"
    assert cli("export", "--format", "jsonl", "--db", db, "-o", out) == 0
    assert "1 document waits for curation" in capsys.readouterr().out  # «گفتگو» is open
    with Project(location) as project:
        project.set_curation(doc_id, "omid", finished=True)
    assert cli("export", "--format", "jsonl", "--db", db, "-o", out) == 0
    [record] = [r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())
                if r["id"] == "visits"]
    text = {s["id"]: s["text"] for s in record["spans"]}
    assert all(s["analyst"] == "omid" for s in record["spans"])
    assert [(e["type"], text[e["trigger"]],
             [(a["role"], text[a["span"]]) for a in e["arguments"]])
            for e in record["events"]] == [
        ("CONSULT", "دیدار", [("actor", "وزیر خارجه ایران"), ("recipient", "لاوروف"),
                              ("location", "مسکو")]),
        ("PROTEST", "تجمع", [("actor", "معترضان"), ("location", "تهران")])]


def test_an_analysts_jsonl_brings_their_events_to_a_document_already_there(
        location: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Two analysts hand in the same article as JSONL, each with their frame of «دیدار»: the
    # second import relabels the document as reza's, his event with it; maryam's stays hers.
    text = "عباس عراقچی در تهران با هاکان فیدان دیدار کرد."

    def handed_in(analyst: str, kind: str, recipient: bool) -> Path:
        def span(n: int, word: str, label: str) -> dict[str, object]:
            start = text.index(word)
            return {"id": f"T{n}", "start": start, "end": start + len(word), "label": label}

        arguments = [{"role": "actor", "span": "T1"}, {"role": "location", "span": "T2"}]
        if recipient:
            arguments.append({"role": "recipient", "span": "T3"})
        record = {"id": "irna-7", "text": text, "status": "done",
                  "spans": [span(1, "عباس عراقچی", "ACTOR"), span(2, "تهران", "LOCATION"),
                            span(3, "هاکان فیدان", "ACTOR"), span(4, "دیدار", "EVENT")],
                  "events": [{"id": "E1", "trigger": "T4", "type": kind,
                              "arguments": arguments}]}
        path = tmp_path / analyst / "irna.jsonl"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    db = str(location)
    assert cli("import", handed_in("maryam", "CONSULT", True), "--analyst", "maryam",
               "--db", db) == 0
    capsys.readouterr()
    assert cli("import", handed_in("reza", "CONSULT", False), "--analyst", "reza",
               "--db", db) == 0
    assert ("imported 0 documents with 4 spans and 1 event, 1 document already in the "
            "project relabelled as reza's") in capsys.readouterr().out

    def frames_of(analyst: str) -> list[tuple[str, list[tuple[str, str]]]]:
        with Project(location) as project:
            doc = project.document(project.keys_to_ids()["irna-7"], analyst)
        return [(e.type, [(a.role.value, text[a.span.start:a.span.end])
                          for a in e.arguments]) for e in doc.events]

    assert frames_of("maryam") == [("CONSULT", [("actor", "عباس عراقچی"), ("location", "تهران"),
                                                ("recipient", "هاکان فیدان")])]
    assert frames_of("reza") == [("CONSULT", [("actor", "عباس عراقچی"), ("location", "تهران")])]
    assert cli("agreement", "--json", "--db", db) == 0
    [pair] = json.loads(capsys.readouterr().out)["pairs"]
    assert pair["events"]["made"] == [1, 1] and pair["events"]["f1"] == 0.0

    # Handed in again, changed: reza's frame is replaced, not added to.
    assert cli("import", handed_in("reza", "AGREE", True), "--analyst", "reza",
               "--db", db) == 0
    assert frames_of("reza") == [("AGREE", [("actor", "عباس عراقچی"), ("location", "تهران"),
                                            ("recipient", "هاکان فیدان")])]
    assert len(frames_of("maryam")) == 1


def test_merge_brings_an_analysts_events_in_with_their_labels(
        location: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc_id = framed(location)
    copy = tmp_path / "sara-copy.sqlite"
    assert cli("backup", "--db", str(location), "-o", copy) == 0
    with Project(copy) as offline:  # Sara frames «گفتگو» in her copy: an event, no label
        store_event(offline, offline.keys_to_ids()["visits"], "sara", BEIJING)

    def events_of(analyst: str) -> list[EventTuple]:
        with Project(location) as project:
            return as_event_tuples(project.document(doc_id, analyst).events)

    before = {a: events_of(a) for a in ("maryam", "reza")}
    capsys.readouterr()
    assert cli("merge", copy, "--db", str(location)) == 0
    assert "1 analyst’s work brought in (10 spans and 3 events)" in capsys.readouterr().out
    assert events_of("sara") == sorted([MOSCOW_AGREED, RALLY, BEIJING])
    assert {a: events_of(a) for a in ("maryam", "reza")} == before
    assert cli("merge", copy, "--db", str(location)) == 0
    assert "0 analyst’s works brought in" in capsys.readouterr().out
    assert events_of("sara") == sorted([MOSCOW_AGREED, RALLY, BEIJING])
