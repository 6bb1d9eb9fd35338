"""Import and export against the least the job needs, measured in the same run.

The ratio of medians is the figure: ours over the baseline. Baselines come first in the file
so that the ratio is checked by the benchmark that comes after its baseline.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from itertools import count
from pathlib import Path

import pytest

from benchmarks.conftest import check_ratio, record_median
from tests.postgres import Server

ROUNDS = 3
_fresh = count()


def fresh(workdir: Path, stem: str) -> Path:
    return workdir / f"{stem}-{next(_fresh)}.sqlite"


def test_import_baseline(benchmark: pytest.FixtureDef, workdir: Path, corpus_10k: Path) -> None:
    """One hazm WordTokenizer over the texts, sqlite3 executemany into bare tables."""
    from hazm import WordTokenizer

    tokenizer = WordTokenizer(join_verb_parts=False)

    def run(path: Path) -> None:
        docs, spans = [], []
        with corpus_10k.open(encoding="utf-8") as fh:
            for doc_id, line in enumerate(fh):
                record = json.loads(line)
                text = record["text"]
                bounds, pos = array("I"), 0
                for token in tokenizer.tokenize(text):
                    at = text.find(token, pos)
                    pos = at + len(token)
                    bounds.extend((at, pos))
                docs.append((doc_id, text, bounds.tobytes()))
                spans.extend((doc_id, s["start"], s["end"], s["label"]) for s in record["spans"])
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE document (id INTEGER PRIMARY KEY, text TEXT, tokens BLOB)")
        conn.execute("CREATE TABLE span (document INTEGER, start INTEGER, end INTEGER,"
                     " label TEXT)")
        with conn:
            conn.executemany("INSERT INTO document VALUES (?, ?, ?)", docs)
            conn.executemany("INSERT INTO span VALUES (?, ?, ?, ?)", spans)
        conn.close()

    benchmark.pedantic(run, setup=lambda: ((fresh(workdir, "baseline"),), {}),
                       rounds=ROUNDS, iterations=1)
    record_median("test_import_baseline", benchmark)


def test_import_jsonl(benchmark: pytest.FixtureDef, workdir: Path, corpus_10k: Path) -> None:
    """``annotator import corpus.jsonl --normalize none`` into a new project file."""
    from annotator.services.importing import ImportOptions, import_paths
    from annotator.storage import Project

    def run(path: Path) -> None:
        with Project(path) as project:
            result = import_paths(project, [corpus_10k],
                                  ImportOptions(normalize="none", parallel=True))
        assert result.added == 10_000

    benchmark.pedantic(run, setup=lambda: ((fresh(workdir, "import"),), {}),
                       rounds=ROUNDS, iterations=1)
    record_median("test_import_jsonl", benchmark)
    check_ratio(benchmark, "test_import_jsonl", "test_import_baseline", 1.5)


def test_import_jsonl_postgres(benchmark: pytest.FixtureDef, corpus_10k: Path,
                               postgres: Server) -> None:
    """The same import into a new project on a PostgreSQL server over a local socket."""
    from annotator.services.importing import ImportOptions, import_paths
    from annotator.storage import Project

    def run(url: str) -> None:
        with Project(url) as project:
            result = import_paths(project, [corpus_10k],
                                  ImportOptions(normalize="none", parallel=True))
        assert result.added == 10_000

    benchmark.pedantic(run, setup=lambda: ((postgres.new_schema(),), {}),
                       rounds=ROUNDS, iterations=1)
    record_median("test_import_jsonl_postgres", benchmark)
    check_ratio(benchmark, "test_import_jsonl_postgres", "test_import_jsonl", 1.5)


def _records(project_path: Path) -> list[dict[str, object]]:
    from annotator.formats.jsonl import document_to_json
    from annotator.storage import Project

    with Project(project_path) as project:
        return [document_to_json(doc) for doc in project.iter_documents()]


def test_export_jsonl_baseline(benchmark: pytest.FixtureDef, workdir: Path,
                               project_10k: Path) -> None:
    """``json.dumps`` of the same records, already in memory, written to a file."""
    records = _records(project_10k)
    out = workdir / "baseline.jsonl"

    def run() -> None:
        with out.open("w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    benchmark.pedantic(run, rounds=ROUNDS, iterations=1)
    record_median("test_export_jsonl_baseline", benchmark)


def test_export_jsonl(benchmark: pytest.FixtureDef, workdir: Path, project_10k: Path) -> None:
    from annotator.services.exporting import ExportOptions, export
    from annotator.storage import Project

    out = workdir / "export.jsonl"

    def run() -> None:
        with Project(project_10k) as project:
            assert export(project, out, ExportOptions()).documents == 10_000

    benchmark.pedantic(run, rounds=ROUNDS, iterations=1)
    record_median("test_export_jsonl", benchmark)
    check_ratio(benchmark, "test_export_jsonl", "test_export_jsonl_baseline", 3.0)


def test_export_conll_baseline(benchmark: pytest.FixtureDef, workdir: Path,
                               project_10k: Path) -> None:
    """The same tokens and tags, already in memory, written to a file."""
    out = workdir / "written.conll"
    sentences = []
    export_path = workdir / "reference.conll"
    from annotator.services.exporting import ExportOptions, export
    from annotator.storage import Project

    with Project(project_10k) as project:
        export(project, export_path, ExportOptions(format="conll"))
    current: list[tuple[str, str]] = []
    for line in export_path.read_text(encoding="utf-8").split("\n"):
        if line:
            token, tag = line.split("\t")
            current.append((token, tag))
        elif current:
            sentences.append(current)
            current = []

    def run() -> None:
        with out.open("w", encoding="utf-8") as fh:
            for sentence in sentences:
                fh.write("".join(f"{token}\t{tag}\n" for token, tag in sentence) + "\n")

    benchmark.pedantic(run, rounds=ROUNDS, iterations=1)
    record_median("test_export_conll_baseline", benchmark)


def test_export_conll(benchmark: pytest.FixtureDef, workdir: Path, project_10k: Path) -> None:
    from annotator.services.exporting import ExportOptions, export
    from annotator.storage import Project

    out = workdir / "export.conll"

    def run() -> None:
        with Project(project_10k) as project:
            assert export(project, out, ExportOptions(format="conll")).documents == 10_000

    benchmark.pedantic(run, rounds=ROUNDS, iterations=1)
    record_median("test_export_conll", benchmark)
    check_ratio(benchmark, "test_export_conll", "test_export_conll_baseline", 3.0)
