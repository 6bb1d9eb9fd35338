"""Several analysts on one corpus, through the commands, on a project file and on PostgreSQL:
labels brought in as an analyst, each analyst's own decisions, assignment, agreement against
an independent count, curation, the export that follows, merging a copy back."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from annotator.cli.main import run
from annotator.core.model import Review, Span, Status
from annotator.services.stats import project_stats
from annotator.storage import EVERYONE, Project

# The same two sentences, tagged by two people (ParsTwiNER's tags, as such corpora come).
SENTENCES = [
    ["عباس", "عراقچی", "وزیر", "خارجه", "ایران", "در", "تهران", "با", "وانگ", "یی", "دیدار",
     "کرد", "."],
    ["نشست", "بریکس", "در", "کازان", "برگزار", "شد", "."],
]
MARYAM = [
    ["B-PER", "I-PER", "O", "O", "B-LOC", "O", "B-LOC", "O", "B-PER", "I-PER", "B-EVE", "O",
     "O"],
    ["B-EVE", "I-EVE", "O", "B-LOC", "O", "O", "O"],
]
ALI = [
    ["B-PER", "I-PER", "B-PER", "I-PER", "I-PER", "O", "B-LOC", "O", "B-PER", "O", "O", "O",
     "O"],
    ["B-EVE", "I-EVE", "O", "B-LOC", "O", "O", "O"],
]
MAP = "PER=ACTOR,LOC=LOCATION,EVE=EVENT"


def conll(path: Path, tags: list[list[str]]) -> Path:
    blocks = ["\n".join(f"{t}\t{g}" for t, g in zip(words, sentence, strict=True))
              for words, sentence in zip(SENTENCES, tags, strict=True)]
    path.write_text("-DOCSTART-\tO\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


def cli(*args: str | Path) -> int:
    return run([str(a) for a in args])


def kappa_by_hand(first: list[str], second: list[str]) -> float:
    """Cohen's kappa from the two tag sequences, counted plainly (observed agreement against
    the agreement the two taggers' own tag frequencies give by chance)."""
    assert len(first) == len(second)
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    one, two = Counter(first), Counter(second)
    chance = sum(one[t] * two[t] for t in one) / (n * n)
    return (observed - chance) / (1 - chance)


def spans_of(tags: list[str]) -> set[tuple[int, int, str]]:
    """(first token, last token + 1, label) of each entity in BIO tags."""
    found, start, label = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not tag.startswith("I-"):
            found.add((start, i, label))
            start = None
        if tag.startswith("B-"):
            start, label = i, tag[2:]
    return found


def mapped(tags: list[list[str]]) -> list[str]:
    names = {"PER": "ACTOR", "LOC": "LOCATION", "EVE": "EVENT"}
    return [t if t == "O" else f"{t[:2]}{names[t[2:]]}" for s in tags for t in s]


def test_two_analysts_conll_files_give_their_agreement(location: Path | str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    db = str(location)
    (tmp_path / "maryam").mkdir()
    (tmp_path / "ali").mkdir()
    assert cli("import", conll(tmp_path / "maryam" / "news.conll", MARYAM), "--label-map", MAP,
               "--analyst", "maryam", "--db", db) == 0
    # the same document (its id from the file's name, and the same text): it gets ali's
    # labels beside maryam's
    assert cli("import", conll(tmp_path / "ali" / "news.conll", ALI), "--label-map", MAP,
               "--analyst", "ali", "--db", db) == 0
    assert "relabelled as ali's" in capsys.readouterr().out
    capsys.readouterr()
    assert cli("agreement", "--json", "--db", db) == 0
    report = json.loads(capsys.readouterr().out)
    [pair] = report["pairs"]
    assert pair["analysts"] == ["ali", "maryam"]
    assert pair["documents"] == 1
    assert pair["tokens"] == 20
    first, second = mapped(ALI), mapped(MARYAM)
    assert pair["kappa"] == pytest.approx(kappa_by_hand(first, second), abs=1e-4)
    # span F1: spans are compared on the one document's tokens, numbered across sentences
    ali, maryam = spans_of(first), spans_of(second)
    both = len(ali & maryam)
    assert pair["span_f1"] == pytest.approx(2 * both / (len(ali) + len(maryam)), abs=1e-4)
    assert pair["by_label"]["EVENT"]["span_f1"] == pytest.approx(2 * 1 / (1 + 2), abs=1e-4)
    assert report["overall"]["kappa"] == pair["kappa"]
    assert set(pair) >= {"analysts", "documents", "tokens", "kappa", "span_f1", "overlap_f1",
                         "by_label"}
    # CoNLL carries no events: the text report says nothing of them
    assert cli("agreement", "--db", db) == 0
    text = capsys.readouterr().out
    assert "overall: kappa " in text and "event" not in text.replace("EVENT", "")


def three_analysts(location: Path | str) -> int:
    """One document labelled by three analysts (who agree on عراقچی and تهران, and not on
    the rest), and a second labelled by maryam alone."""
    text = "عباس عراقچی در تهران با وانگ یی دیدار کرد و سپس به کازان رفت."

    def at(word: str) -> tuple[int, int]:
        start = text.index(word)
        return start, start + len(word)

    from annotator.core.model import Document
    from annotator.text.tokenize import tokenize

    tokens, sentences = tokenize(text)
    with Project(location) as project:
        project.add_documents([Document(text, key="a", tokens=tokens, sentences=sentences),
                               Document(text + " ", key="b", tokens=tokens,
                                        sentences=sentences)])
        ids = project.keys_to_ids()
        mine = {"maryam": [("عباس عراقچی", "ACTOR"), ("تهران", "LOCATION"),
                           ("وانگ یی", "ACTOR"), ("دیدار", "EVENT")],
                "ali": [("عباس عراقچی", "ACTOR"), ("تهران", "LOCATION"), ("وانگ", "ACTOR"),
                        ("کازان", "LOCATION")],
                "sara": [("عباس عراقچی", "ACTOR"), ("تهران", "LOCATION"),
                         ("وانگ یی", "ACTOR")]}
        for analyst, labels in mine.items():
            for words, label in labels:
                project.insert_span(ids["a"], Span(*at(words), label, annotator=analyst))
            project.set_status(ids["a"], Status.DONE, analyst)
        project.insert_span(ids["b"], Span(*at("کازان"), "LOCATION", annotator="maryam"))
        return ids["a"]


def test_curate_takes_what_all_agree_on_and_the_export_follows(
        location: Path | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    doc_id = three_analysts(location)
    out = tmp_path / "before.jsonl"
    assert cli("export", "--format", "jsonl", "--db", db, "-o", out) == 0
    assert "1 document waits for curation" in capsys.readouterr().out
    assert [r["id"] for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())] \
        == ["b"]  # labelled by one analyst: hers
    assert cli("curate", "--analyst", "curator", "--db", db) == 0
    # left: وانگ / وانگ یی, دیدار (maryam's alone), کازان (ali's alone)
    assert "curated 1 document as curator: 2 spans taken, 0 finished, 3 disagreements" \
        in capsys.readouterr().out
    with Project(location) as project:
        doc = project.document(doc_id, EVERYONE)
        curated = [(doc.text[s.start:s.end], s.label, s.annotator, s.agreed)
                   for s in doc.spans if s.agreed is not None]
        assert curated == [("عباس عراقچی", "ACTOR", "curator", ("ali", "maryam", "sara")),
                           ("تهران", "LOCATION", "curator", ("ali", "maryam", "sara"))]
        row = project.curation_of(doc_id)
        assert row is not None and row.curator == "curator" and not row.finished
    # Not finished: still waiting; two of three agreeing settles وانگ یی, not the rest.
    assert cli("export", "--format", "jsonl", "--db", db, "-o", out) == 0
    assert "1 document waits for curation" in capsys.readouterr().out
    with Project(location) as project:
        project.set_curation(doc_id, "curator", finished=True)
    assert cli("export", "--format", "jsonl", "--db", db, "-o", out) == 0
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert [(s["text"], s["analyst"]) for s in records["a"]["spans"]] == [
        ("عباس عراقچی", "curator"), ("تهران", "curator")]
    # One analyst's labels on request.
    assert cli("export", "--format", "jsonl", "--analyst", "ali", "--db", db, "-o", out) == 0
    ali = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [s["text"] for s in ali["spans"]] == ["عباس عراقچی", "تهران", "وانگ", "کازان"]


def test_three_analysts_agreement_has_fleiss_kappa(location: Path | str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    three_analysts(location)
    assert cli("agreement", "--json", "--db", str(location)) == 0
    report = json.loads(capsys.readouterr().out)
    assert [p["analysts"] for p in report["pairs"]] == [["ali", "maryam"], ["ali", "sara"],
                                                         ["maryam", "sara"]]
    assert report["fleiss_kappa"]["analysts"] == ["ali", "maryam", "sara"]
    # maryam and sara differ only by maryam's دیدار: 3 spans alike of 4 and 3
    maryam_sara = report["pairs"][2]
    assert maryam_sara["span_f1"] == pytest.approx(2 * 3 / (4 + 3), abs=1e-4)
    assert report["documents"][0]["key"] == "a"


def test_each_analyst_decides_a_shared_suggestion_for_themselves(location: Path | str) -> None:
    from annotator.core.model import Document
    from annotator.text.tokenize import tokenize

    text = "نشست وزیران در ژنو برگزار شد."
    tokens, sentences = tokenize(text)
    with Project(location) as project:
        project.add_documents([Document(text, key="g", tokens=tokens, sentences=sentences)])
        doc_id = project.keys_to_ids()["g"]
        start = text.index("ژنو")
        project.add_suggestions([(doc_id, Span(start, start + 3, "LOCATION", origin="model:m",
                                               score=0.8, review=Review.PENDING))])
        [suggestion] = project.spans(doc_id, "maryam")
        assert suggestion.review == Review.PENDING
        project.update_span(suggestion.with_(review=Review.ACCEPTED, annotator="maryam"))
        project.update_span(suggestion.with_(review=Review.REJECTED, annotator="ali"))
        [hers] = project.spans(doc_id, "maryam")
        [his] = project.spans(doc_id, "ali")
        [pending] = project.spans(doc_id, "sara")
        assert (hers.id, hers.review) == (suggestion.id, Review.ACCEPTED)
        assert (his.id, his.review) == (suggestion.id, Review.REJECTED)
        assert (pending.id, pending.review) == (suggestion.id, Review.PENDING)
        report = project_stats(project)["models"]["m"]
        assert (report["accepted"], report["rejected"], report["pending"]) == (1, 1, 0)
        # maryam undoes her decision: pending for her again, ali's stays
        project.update_span(suggestion.with_(annotator="maryam"))
        assert project.spans(doc_id, "maryam")[0].review == Review.PENDING
        assert project.spans(doc_id, "ali")[0].review == Review.REJECTED


def test_assign_is_balanced_deterministic_and_counted(location: Path | str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{n}", "text": f"خبر شماره {n} از تهران"},
                                         ensure_ascii=False) + "\n" for n in range(7)),
                      encoding="utf-8")
    db = str(location)
    assert cli("import", source, "--db", db) == 0
    assert cli("assign", "--analysts", "maryam,ali,sara", "--per-document", "2", "--seed", "5",
               "--db", db) == 0
    out = capsys.readouterr().out
    assert "assigned 7 documents to 3 analysts, 2 each (14 new assignments)" in out
    with Project(location) as project:
        first = project.assignments()
        loads = Counter(a for names in first.values() for a in names)
        assert sum(loads.values()) == 14 and max(loads.values()) - min(loads.values()) <= 1
        assert all(len(set(names)) == 2 for names in first.values())
    assert cli("assign", "--analysts", "maryam,ali,sara", "--per-document", "2", "--seed", "5",
               "--db", db) == 0
    assert "(0 new assignments)" in capsys.readouterr().out
    with Project(location) as project:
        assert project.assignments() == first
        mine = [k for k, names in first.items() if "maryam" in names]
        doc_id = project.keys_to_ids()[mine[0]]
        project.set_status(doc_id, Status.DONE, "maryam")
        from annotator.storage import DocumentFilter

        listed = project.document_keys(DocumentFilter(analyst="maryam", assigned=True))
        assert sorted(listed) == sorted(mine)
        progress = project_stats(project)["analysts"]["maryam"]
        assert (progress["assigned_done"], progress["assigned"]) == (1, len(mine))
    assert cli("assign", "--analysts", "maryam,ali", "--per-document", "3", "--db", db) == 1
    assert "3" in capsys.readouterr().err


def test_merge_brings_in_an_analysts_copy_once(location: Path | str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = str(location)
    doc_id = three_analysts(location)
    copy = tmp_path / "maryam-copy.sqlite"
    assert cli("backup", "--db", db, "-o", copy) == 0
    text = "عباس عراقچی در تهران با وانگ یی دیدار کرد و سپس به کازان رفت."
    with Project(copy) as offline:  # maryam labels کازان in her copy
        start = text.index("کازان")
        offline.insert_span(doc_id if isinstance(location, Path) else
                            offline.keys_to_ids()["a"],
                            Span(start, start + 5, "LOCATION", annotator="maryam"))
    capsys.readouterr()
    assert cli("merge", copy, "--db", db) == 0
    assert "1 analyst’s work brought in" in capsys.readouterr().out
    with Project(location) as project:
        labels = [project.document(doc_id, "maryam").text[s.start:s.end]
                  for s in project.spans(doc_id, "maryam")]
        assert "کازان" in labels
        assert len(project.spans(doc_id, "ali")) == 4  # ali's work untouched
        before = project.spans(doc_id, EVERYONE)
    assert cli("merge", copy, "--db", db) == 0
    assert "0 analyst’s works brought in" in capsys.readouterr().out
    with Project(location) as project:
        assert [(s.start, s.end, s.label, s.annotator) for s in project.spans(doc_id, EVERYONE)
                ] == [(s.start, s.end, s.label, s.annotator) for s in before]
    other = tmp_path / "other.sqlite"
    source = tmp_path / "clash.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "متن دیگری"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    assert cli("import", source, "--db", other) == 0
    capsys.readouterr()
    assert cli("merge", other, "--db", db) == 1
    assert "different texts; nothing was merged" in capsys.readouterr().err
