"""Exports that training tools read as they are: split JSONL parts of one shape (Hugging Face
``datasets`` loads them in one call), token-classification lines with their tag names, and
the command's messages around them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotator.cli.main import EXIT_BROKEN_PIPE, run
from annotator.services.exporting import split_of

SEED = 13
SENTENCES = ["عباس عراقچی در تهران گفت.", "نشست بعدی در ژنو برگزار می‌شود.",
             "سازمان ملل متحد بیانیه داد."]


def spans_in(text: str, *words: tuple[str, str], **extra: Any) -> list[dict[str, Any]]:
    out = []
    for word, label in words:
        at = text.index(word)
        out.append({"start": at, "end": at + len(word), "label": label, **extra})
    return out


def import_records(tmp_path: Path, db: Path, records: list[dict[str, Any]]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                      encoding="utf-8")
    assert run(["import", str(source), "--db", str(db), "--normalize", "none"]) == 0


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def shape(value: Any) -> Any:
    """The keys of ``value`` at every level (list items merged), without the values."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        shapes = [json.dumps(shape(item), sort_keys=True) for item in value]
        return sorted(set(shapes))
    return None


def project_of_twelve(tmp_path: Path, scored: set[str]) -> Path:
    """Twelve documents d0..d11 with human spans (d3 with none, no date, no metadata); the
    documents in ``scored`` also carry an accepted suggestion with its score."""
    db = tmp_path / "p.sqlite"
    records = []
    for n in range(12):
        text = "\n".join(SENTENCES)
        spans = spans_in(text, ("عباس عراقچی", "ACTOR"), ("تهران", "LOCATION")) if n != 3 else []
        if f"d{n}" in scored:
            spans += spans_in(text, ("ژنو", "LOCATION"), origin="model:ner", score=0.8,
                              review="accepted")
        meta = ({} if n == 3 else {"url": f"https://example.ir/{n}", "source": "مهر",
                                   "date": "2025-11-17T14:19:00+03:30"})
        records.append({"id": f"d{n}", "text": text, "status": "done", "meta": meta,
                        "spans": spans})
    import_records(tmp_path, db, records)
    return db


def parts_of_twelve() -> dict[int, list[str]]:
    parts: dict[int, list[str]] = {}
    for key, part in split_of([f"d{n}" for n in range(12)], (50, 25, 25), SEED).items():
        parts.setdefault(part, []).append(key)
    return parts


def test_split_jsonl_parts_have_one_shape_strings_for_metadata_and_string_dates(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = parts_of_twelve()
    db = project_of_twelve(tmp_path, scored={parts[0][0], parts[1][0]})
    capsys.readouterr()
    out = tmp_path / "news.jsonl"
    assert run(["export", "--format", "jsonl", "--split", "50,25,25", "--db", str(db),
                "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "warning" not in captured.err
    files = [tmp_path / f"news.{name}.jsonl" for name in ("train", "dev", "test")]
    records = [read_lines(f) for f in files]
    assert [len(r) for r in records] == [6, 3, 3]
    # One shape in every part (Hugging Face datasets takes a struct whose keys differ within
    # the first file for mixed types, and cannot cast a part with keys the first lacks).
    shapes = {json.dumps(shape(r)["meta"]) for part in records for r in part}
    assert len(shapes) == 1
    span_keys = {tuple(s) for part in records for r in part for s in r["spans"]}
    assert span_keys == {("id", "start", "end", "label", "text", "origin", "score", "review",
                          "analyst")}
    assert {tuple(r) for part in records for r in part} == {
        ("id", "text", "status", "meta", "spans", "events")}
    # No metadata value is null, so no part types a field null while another has a string.
    metas = [r["meta"] for part in records for r in part]
    assert all(isinstance(v, str) for meta in metas for v in meta.values())
    bare = next(r["meta"] for part in records for r in part if r["id"] == "d3")
    assert bare == {"title": SENTENCES[0], "source": "", "url": "", "date": "",
                    "date_jalali": ""}
    dated = next(m for m in metas if m["date"])
    assert (dated["date"], dated["date_jalali"]) == ("2025-11-17T14:19:00.000+03:30",
                                                    "1404/08/26 14:19")
    # The contract's nulls stay where they mean something: a human span's score and review.
    first = records[0]
    assert any(s["score"] is None and s["review"] is None for r in first for s in r["spans"])
    assert any(s["score"] == 0.8 and s["review"] == "accepted" for r in first for s in r["spans"])


def test_a_first_part_without_scores_while_another_has_is_warned_about(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parts = parts_of_twelve()
    db = project_of_twelve(tmp_path, scored={parts[2][0]})  # only in the test part
    capsys.readouterr()
    out = tmp_path / "news.jsonl"
    assert run(["export", "--format", "jsonl", "--split", "50,25,25", "--db", str(db),
                "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("annotator: warning:") == 1, err
    assert (f"{tmp_path / 'news.train.jsonl'} has no span with a score or span with a review "
            "in its first 10 MiB, while another part has") in err
    assert "README" in err


def tokens_project(tmp_path: Path) -> Path:
    db = tmp_path / "p.sqlite"
    text = "\n".join(SENTENCES)
    records = [
        {"id": "mehr-1", "text": text, "status": "done",
         "spans": spans_in(text, ("عباس عراقچی", "ACTOR"), ("تهران", "LOCATION"),
                           ("سازمان ملل متحد", "ACTOR"))
         + spans_in(text, ("نشست", "EVENT"), origin="model:ner", score=0.6)},
        {"id": "mehr-2", "text": SENTENCES[1], "status": "new",
         "spans": spans_in(SENTENCES[1], ("ژنو", "LOCATION"))},
    ]
    import_records(tmp_path, db, records)
    return db


def test_tokens_one_sentence_a_line_with_the_conll_writers_tags(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tokens_project(tmp_path)
    capsys.readouterr()
    out = tmp_path / "news.json"
    assert run(["export", "--format", "tokens", "--scheme", "bioes", "--db", str(db),
                "-o", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "exported 2 documents (4 sentences) with 4 spans",
        f"  tag names: {tmp_path / 'news.labels.txt'}"]
    lines = read_lines(out)
    assert [tuple(line) for line in lines] == [("tokens", "tags", "id")] * 4
    assert [line["id"] for line in lines] == ["mehr-1-1", "mehr-1-2", "mehr-1-3", "mehr-2-1"]
    assert lines[0] == {"id": "mehr-1-1", "tokens": ["عباس", "عراقچی", "در", "تهران", "گفت", "."],
                        "tags": ["B-ACTOR", "E-ACTOR", "O", "S-LOCATION", "O", "O"]}
    # The same tokens and tags as the CoNLL export, sentence for sentence.
    conll = tmp_path / "news.conll"
    assert run(["export", "--format", "conll", "--scheme", "bioes", "--db", str(db),
                "-o", str(conll)]) == 0
    blocks = [b for b in conll.read_text(encoding="utf-8").split("\n\n")
              if b.strip() and not b.startswith("-DOCSTART-")]
    assert [[row.split("\t") for row in b.strip().split("\n")] for b in blocks] == [
        [[t, g] for t, g in zip(line["tokens"], line["tags"], strict=True)]
        for line in lines]
    assert (tmp_path / "news.labels.txt").read_text(encoding="utf-8").split("\n") == [
        "O", "B-ACTOR", "I-ACTOR", "E-ACTOR", "S-ACTOR", "B-EVENT", "I-EVENT", "E-EVENT",
        "S-EVENT", "B-LOCATION", "I-LOCATION", "E-LOCATION", "S-LOCATION", ""]


def test_tokens_with_split_status_labels_pending_and_standard_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tokens_project(tmp_path)
    capsys.readouterr()
    assert run(["export", "--format", "tokens", "--status", "done", "--labels", "EVENT",
                "--include-pending", "--db", str(db), "-o", "-"]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [line["id"] for line in lines] == ["mehr-1-1", "mehr-1-2", "mehr-1-3"]
    assert lines[1]["tags"][:2] == ["B-EVENT", "O"]
    assert {t for line in lines for t in line["tags"]} == {"O", "B-EVENT"}
    assert "exported 1 document (3 sentences) with 1 span" in captured.err
    assert not list(tmp_path.glob("*.labels.txt"))  # nothing beside standard output
    out = tmp_path / "split.json"
    assert run(["export", "--format", "tokens", "--split", "50,50", "--labels", "ACTOR",
                "--db", str(db), "-o", str(out)]) == 0
    train, test = (read_lines(tmp_path / f"split.{n}.json") for n in ("train", "test"))
    # Parts by document: a document's sentences all go to one part.
    assert sorted({line["id"].rsplit("-", 1)[0] for line in train} |
                  {line["id"].rsplit("-", 1)[0] for line in test}) == ["mehr-1", "mehr-2"]
    assert not ({line["id"].rsplit("-", 1)[0] for line in train}
                & {line["id"].rsplit("-", 1)[0] for line in test})
    assert (tmp_path / "split.labels.txt").read_text(encoding="utf-8") == "O\nB-ACTOR\nI-ACTOR\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--format", "jsonl", "--scheme", "bioes", "-o", "x.jsonl"],
         "annotator export: error: --scheme applies to --format conll and tokens, not jsonl"),
        (["export", "--format", "conll", "--split=-5,100,5", "-o", "x.conll"],
         "annotator export: error: argument --split: '-5,100,5': a percentage cannot be "
         "negative"),
        (["export", "--format", "conll", "--split", "80,30", "-o", "x.conll"],
         "annotator export: error: argument --split: '80,30': the percentages add up to 110, "
         "not 100"),
        (["export", "--format", "conll", "--split", "80", "-o", "x.conll"],
         "annotator export: error: argument --split: '80': give two or three percentages"),
        (["import", "in.conll", "--label-map", "pers"],
         "annotator import: error: argument --label-map: 'pers' is not FOREIGN=LABEL"),
        (["predictions", "in.jsonl", "--model", " "],
         "annotator predictions: error: argument --model: give the model's name"),
    ],
)
def test_argument_errors_name_the_option_not_a_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
        message: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        run([*args, "--db", str(tmp_path / "p.sqlite")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: annotator ")
    assert err.strip().splitlines()[-1].startswith(message), err
    assert "<input>" not in err
    assert not (tmp_path / "p.sqlite").exists()


def test_counts_are_singular_for_one(location: Path | str,
                                     tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = location
    text = SENTENCES[0]
    import_records(tmp_path, db, [{"id": "a", "text": text,
                                   "spans": spans_in(text, ("تهران", "LOCATION"))}])
    assert capsys.readouterr().out == "imported 1 document with 1 span\n"
    suggestions = tmp_path / "model.jsonl"
    suggestions.write_text(json.dumps({"id": "a", "text": text, "spans": spans_in(
        text, ("عباس", "ACTOR"), origin="model:m", score=0.5)}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    assert run(["predictions", str(suggestions), "--model", "m", "--db", str(db)]) == 0
    assert capsys.readouterr().out == "added 1 suggestion of m to 1 document\n"
    out = tmp_path / "out.jsonl"
    assert run(["export", "--format", "jsonl", "--db", str(db), "-o", str(out)]) == 0
    assert capsys.readouterr().out == "exported 1 document with 1 span\n"
    assert run(["export", "--format", "jsonl", "--split", "50,50", "--db", str(db),
                "-o", str(out)]) == 0
    assert re.findall(r": (\d+ documents?)$", capsys.readouterr().out, re.M) == [
        "0 documents", "1 document"]


PEYMA = "وزارت|B_ORG\nامور|I_ORG\nخارجه|I_ORG\n||O\nدر|O\nتهران|B_LOC\n.|O\n"
ARMAN = "محمدجواد B-pers\nظریف I-pers\nدر O\nزاده O\n4 O\nمهر O\n1318 O\nژنو B-loc\n"


def test_persian_corpora_with_format_conll_and_a_label_map(location: Path | str,
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = location
    (tmp_path / "peyma.txt").write_text(PEYMA, encoding="utf-8")
    (tmp_path / "arman.conll").write_text(ARMAN, encoding="utf-8")
    assert run(["import", str(tmp_path / "peyma.txt"), str(tmp_path / "arman.conll"),
                "--format", "conll", "--label-map", "pers=ACTOR,ORG=ACTOR,loc=LOCATION",
                "--db", str(db)]) == 0
    assert capsys.readouterr().out == "imported 2 documents with 4 spans\n"
    out = tmp_path / "out.jsonl"
    assert run(["export", "--format", "jsonl", "--db", str(db), "-o", str(out)]) == 0
    records = {r["id"]: r for r in read_lines(out)}
    assert [(s["label"], s["text"]) for s in records["peyma-1"]["spans"]] == [
        ("ACTOR", "وزارت امور خارجه"), ("LOCATION", "تهران")]
    assert [(s["label"], s["text"]) for s in records["arman-1"]["spans"]] == [
        ("ACTOR", "محمدجواد ظریف"), ("LOCATION", "ژنو")]
    assert records["arman-1"]["meta"]["date"] == ""  # "4 مهر 1318" is in a sentence


def test_a_closed_pipe_ends_the_export_quietly(location: Path | str, tmp_path: Path) -> None:
    db = location
    text = " ".join(SENTENCES) * 20  # about 2 KB a document, 600 KB in all: more than a pipe
    import_records(tmp_path, db, [{"id": f"d{n}", "text": text} for n in range(300)])
    export = subprocess.Popen([sys.executable, "-m", "annotator", "export", "--format", "jsonl",
                               "--db", str(db), "-o", "-"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert export.stdout is not None and export.stderr is not None
    first = export.stdout.readline()  # what `head -1` reads, before it exits
    export.stdout.close()
    err = export.stderr.read()
    export.stderr.close()
    assert export.wait(timeout=60) == EXIT_BROKEN_PIPE == 141
    assert json.loads(first)["id"] == "d0"
    assert err == b""
