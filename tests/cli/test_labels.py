"""The project's own list of labels: ``annotator labels`` and what imports, suggestions and
exports may do with labels the project does not have (both databases)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli.main import run
from annotator.core.model import Document, Review, Span
from annotator.storage import Project

TEXT = "عباس عراقچی در تهران با وزیر خارجه ایران دیدار کرد."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def write_jsonl(path: Path, spans: list[tuple[str, str]], key: str = "doc-1") -> Path:
    record = {"id": key, "text": TEXT,
              "spans": [{"start": at(w)[0], "end": at(w)[1], "label": lab} for w, lab in spans]}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def labels_of(db: Path | str) -> list[tuple[str, str, str]]:
    with Project(db, create=False) as project:
        return [(lab.name, lab.key, lab.color) for lab in project.labels()]


def command(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = run(list(args))
    out, err = capsys.readouterr()
    assert isinstance(status, int)
    return status, out, err


def test_labels_lists_adds_renames_and_removes(location: Path | str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    source = write_jsonl(tmp_path / "a.jsonl", [("عباس عراقچی", "ACTOR"), ("تهران", "LOCATION")])
    assert command(capsys, "import", str(source), "--db", db, "--normalize", "none")[0] == 0
    status, out, _ = command(capsys, "labels", "--db", db)
    assert status == 0
    assert out.splitlines() == [
        "name      key  colour   spans",
        "ACTOR     1    #f4a261  1",
        "EVENT     2    #8ecae6  0",
        "LOCATION  3    #95d5b2  1",
    ]
    assert command(capsys, "labels", "add", "ORG", "--key", "q", "--colour", "#E76F51",
                   "--db", db)[1] == "added label ORG (key Q, colour #e76f51)\n"
    assert command(capsys, "labels", "add", "NAT", "--db", db)[1] == \
        "added label NAT (no key, colour #e9c46a)\n"
    assert labels_of(db)[3:] == [("ORG", "Q", "#e76f51"), ("NAT", "", "#e9c46a")]
    assert command(capsys, "labels", "rename", "NAT", "NATION", "--db", db)[1] == \
        "renamed label NAT to NATION\n"
    assert command(capsys, "labels", "set", "NATION", "--key", "7", "--db", db)[1] == \
        "label NATION: key 7, colour #e9c46a\n"
    assert command(capsys, "labels", "remove", "NATION", "--db", db)[1] == \
        "removed label NATION\n"
    status, out, _ = command(capsys, "labels", "--json", "--db", db)
    assert json.loads(out)[-1] == {"name": "ORG", "key": "Q", "colour": "#e76f51", "spans": 0,
                                   "suggestions": 0}


@pytest.mark.parametrize(("args", "message"), [
    (["add", "actor"], "actor differs only in case from the label ACTOR of the project"),
    (["add", "ACTOR"], "ACTOR is already a label of the project"),
    (["add", "MY LABEL"], "label name 'MY LABEL': use letters, digits, _ - and . (starting "
                          "with a letter or digit), without spaces"),
    (["add", "o"], "label name 'O' is CoNLL's tag for words outside every span"),
    (["add", "ORG", "--key", "1"], "key '1' is already ACTOR's"),
    (["add", "ORG", "--key", "n"], "key 'N' is the window's for reviewing suggestions"),
    (["add", "ORG", "--key", "F1"], "key 'F1': give one digit or one Latin letter"),
    (["add", "ORG", "--colour", "red"], "colour 'red': give it as #rrggbb, like #e76f51"),
    (["rename", "PLACE", "SITE"], "PLACE is not a label of the project (its labels: ACTOR, "
                                  "EVENT, LOCATION)"),
    (["rename", "LOCATION", "Actor"], "Actor differs only in case from the label ACTOR"),
    (["remove", "ACTOR"], "label ACTOR is used by 1 span; move them to another label first "
                          "(annotator labels remove ACTOR --to EVENT)"),
    (["remove", "ACTOR", "--to", "ACTOR"], "--to names ACTOR itself; give another label"),
    (["remove", "ACTOR", "--to", "PLACE"], "PLACE is not a label of the project"),
])
def test_label_changes_that_break_a_rule_are_refused_in_one_line(
        location: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        args: list[str], message: str) -> None:
    db = str(location)
    source = write_jsonl(tmp_path / "a.jsonl", [("عباس عراقچی", "ACTOR")])
    assert command(capsys, "import", str(source), "--db", db, "--normalize", "none")[0] == 0
    before = labels_of(db)
    status, out, err = command(capsys, "labels", *args, "--db", db)
    assert (status, out) == (1, "")
    assert err.startswith(f"annotator: {message}")
    assert err.count("\n") == 1
    assert labels_of(db) == before


def test_remove_to_moves_spans_suggestions_and_names_kept_as_text(
        location: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    with Project(db) as project:
        project.add_label("PER", "4")
        project.add_documents([Document(TEXT, key="d")])
        doc_id = project.first_document(not_done=False)
        assert doc_id is not None
        project.insert_span(doc_id, Span(*at("عباس عراقچی"), "PER"))
        project.add_suggestions([(doc_id, Span(*at("ایران"), "PER", origin="model:m",
                                               score=0.9, review=Review.PENDING))])
    status, out, _ = command(capsys, "labels", "remove", "per", "--to", "ACTOR", "--db", db)
    assert (status, out) == (0, "removed label per; 2 spans moved to ACTOR\n")
    with Project(db) as project:
        assert "PER" not in [lab.name for lab in project.labels()]
        doc = project.document(doc_id)
        assert [(s.label, s.origin) for s in doc.spans] == [("ACTOR", "human"),
                                                             ("ACTOR", "model:m")]
        # What the model proposed follows the move: the suggestion counts as accepted as it
        # was proposed, not as corrected, once it is accepted.
        assert project.suggestion_outcomes() == [("m", "ACTOR", "pending", 1)]


def test_rename_keeps_spans_and_files_carry_the_new_name(
        location: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    source = write_jsonl(tmp_path / "a.jsonl", [("تهران", "LOCATION")])
    assert command(capsys, "import", str(source), "--db", db, "--normalize", "none")[0] == 0
    assert command(capsys, "labels", "rename", "LOCATION", "PLACE", "--db", db)[0] == 0
    status, out, _ = command(capsys, "export", "--format", "jsonl", "-o", "-", "--db", db)
    assert status == 0
    assert [s["label"] for s in json.loads(out.splitlines()[0])["spans"]] == ["PLACE"]
    assert labels_of(db)[2] == ("PLACE", "3", "#95d5b2")


def test_import_refuses_labels_the_project_does_not_have(
        location: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    source = write_jsonl(tmp_path / "a.jsonl", [("عباس عراقچی", "PER"), ("تهران", "LOC"),
                                                ("ایران", "NAT")])
    status, out, err = command(capsys, "import", str(source), "--db", db, "--normalize", "none",
                               "--label-map", "PER=ACTOR,LOC=LOCATON")
    assert (status, out) == (1, "")
    assert err == (
        f"annotator: labels not in the project: LOCATON (1 span, from --label-map LOC=LOCATON, "
        f"first in {source} line 1); NAT (1 span, first in {source} line 1). The project's "
        "labels are ACTOR, EVENT, LOCATION: map them with --label-map LOC=LOCATION (or LOC= to "
        "drop its spans), or add them with --add-labels\n")
    with Project(db) as project:
        assert project.count_documents() == 0
        assert len(project.labels()) == 3

    # Mapped, one dropped (and counted): in.
    status, out, err = command(capsys, "import", str(source), "--db", db, "--normalize", "none",
                               "--label-map", "per=ACTOR,LOC=LOCATION,NAT=")
    assert (status, err) == (0, "")
    assert out == "imported 1 document with 2 spans; 1 span of NAT dropped (--label-map NAT=)\n"
    assert labels_of(db) == labels_of(db)[:3]


def test_add_labels_takes_them_as_they_come(location: Path | str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    source = write_jsonl(tmp_path / "a.jsonl", [("عباس عراقچی", "actor"), ("ایران", "NAT")])
    status, out, _ = command(capsys, "import", str(source), "--db", db, "--normalize", "none",
                             "--add-labels")
    assert (status, out) == (0, "imported 1 document with 2 spans\n")
    # A label written in another case is the project's own; a new one comes as it is.
    assert [name for name, _, _ in labels_of(db)] == ["ACTOR", "EVENT", "LOCATION", "NAT"]
    status, out, _ = command(capsys, "export", "--format", "jsonl", "-o", "-", "--db", db)
    assert [s["label"] for s in json.loads(out)["spans"]] == ["ACTOR", "NAT"]


def test_a_conll_corpus_in_another_case_finds_the_projects_labels(
        location: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    assert command(capsys, "labels", "rename", "ACTOR", "Actor", "--db", db)[0] == 0
    source = tmp_path / "arman.conll"
    source.write_text("عباس\tB-actor\nعراقچی\tI-actor\nدر\tO\nتهران\tB-pers\n", "utf-8")
    status, out, err = command(capsys, "import", str(source), "--db", db,
                               "--label-map", "pers=LOCATION")
    assert (status, err) == (0, "")
    status, out, _ = command(capsys, "export", "--format", "conll", "-o", "-", "--db", db)
    assert "عباس\tB-Actor\nعراقچی\tI-Actor\nدر\tO\nتهران\tB-LOCATION\n" in out


def test_predictions_refuse_unknown_labels_too(location: Path | str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    source = write_jsonl(tmp_path / "a.jsonl", [])
    assert command(capsys, "import", str(source), "--db", db, "--normalize", "none")[0] == 0
    model = write_jsonl(tmp_path / "m.jsonl", [("عباس عراقچی", "PER"), ("ایران", "GPE")])
    status, out, err = command(capsys, "predictions", str(model), "--model", "ner", "--db", db)
    assert (status, out) == (1, "")
    assert err.startswith("annotator: labels not in the project: PER (1 span, first in ")
    assert "GPE (1 span" in err and "--add-labels" in err
    status, out, err = command(capsys, "predictions", str(model), "--model", "ner", "--db", db,
                               "--label-map", "PER=ACTOR,GPE=")
    assert (status, err) == (0, "")
    assert out == ("added 1 suggestion of ner to 1 document; 1 suggestion of GPE dropped "
                   "(--label-map GPE=)\n")
    status, out, err = command(capsys, "predictions", str(model), "--model", "ner2", "--db", db,
                               "--add-labels")
    assert status == 0
    assert [name for name, _, _ in labels_of(db)][3:] == ["PER", "GPE"]


@pytest.mark.parametrize(("labels", "message"), [
    ("ACTOR,FOO", "--labels: FOO is not a label of the project (its labels: ACTOR, EVENT, "
                  "LOCATION)"),
    ("foo,bar", "--labels: bar, foo are not labels of the project"),
])
def test_export_refuses_unknown_labels(location: Path | str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str], labels: str,
                                       message: str) -> None:
    db = str(location)
    source = write_jsonl(tmp_path / "a.jsonl", [("عباس عراقچی", "ACTOR")])
    assert command(capsys, "import", str(source), "--db", db, "--normalize", "none")[0] == 0
    out_path = tmp_path / "out.jsonl"
    status, out, err = command(capsys, "export", "--format", "jsonl", "--labels", labels,
                               "-o", str(out_path), "--db", db)
    assert status == 1
    assert err.startswith(f"annotator: {message}")
    assert not out_path.exists()
    # In any case, a label of the project is its own.
    status, out, err = command(capsys, "export", "--format", "jsonl", "--labels", "actor",
                               "-o", "-", "--db", db)
    assert status == 0
    assert [s["label"] for s in json.loads(out)["spans"]] == ["ACTOR"]


def test_a_label_map_with_nothing_after_the_name_is_accepted_and_others_refused(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["import", "x.jsonl", "--label-map", "=ACTOR"])
    assert "'=ACTOR' is not FOREIGN=LABEL" in capsys.readouterr().err


def test_a_span_of_a_label_another_program_removed_is_refused(location: Path | str) -> None:
    from annotator.core.errors import LabelError

    with Project(location) as mine, Project(location) as other:
        other.add_label("PER", "4")
        mine.add_documents([Document(TEXT, key="d")])
        doc_id = mine.first_document(not_done=False)
        assert doc_id is not None
        assert "PER" in [lab.name for lab in mine.refresh_labels()]  # its id is known here
        other.remove_label("PER")
        with pytest.raises(LabelError, match="removed from the project meanwhile"):
            mine.insert_span(doc_id, Span(*at("عباس عراقچی"), "PER"))
        assert mine.spans(doc_id) == []


def test_removing_a_label_waits_for_a_span_being_written_with_it(location: Path | str) -> None:
    """The span table is locked before a label's spans are counted (on PostgreSQL a span's
    label is no foreign key): a removal waits for a transaction writing one, then sees it."""
    import threading
    import time

    from annotator.core.errors import LabelError

    outcome: list[BaseException | int] = []

    def remove() -> None:
        with Project(location) as other:
            try:
                outcome.append(other.remove_label("PER"))
            except LabelError as exc:
                outcome.append(exc)

    with Project(location) as mine:
        mine.add_label("PER", "4")
        mine.add_documents([Document(TEXT, key="d")])
        doc_id = mine.first_document(not_done=False)
        assert doc_id is not None
        remover = threading.Thread(target=remove)
        with mine.transaction():
            mine.insert_span(doc_id, Span(*at("عباس عراقچی"), "PER"))
            remover.start()
            time.sleep(0.5)
            assert remover.is_alive() and outcome == []
        remover.join(20)
        assert len(outcome) == 1 and isinstance(outcome[0], LabelError)
        assert "label PER is used by 1 span" in str(outcome[0])
        assert [s.label for s in mine.spans(doc_id)] == ["PER"]
