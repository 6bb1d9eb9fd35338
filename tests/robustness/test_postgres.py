"""A project kept in PostgreSQL under stress: an import killed with SIGKILL at moments spread
over its run leaves all of it or nothing; eight processes labelling and importing into one
project at once leave every acknowledged edit stored, no two labels overlapping, and no
process stuck or failed.

(The server stopped and started under a window holding edits is the window's test:
``tests/gui/test_postgres_window.py``.)
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from annotator.core.model import Document
from annotator.storage import Project
from annotator.text.tokenize import tokenize
from tests.postgres import Server
from tests.robustness.conftest import FIGURES, child_env, kill_when, popen, run, write_jsonl

RECORDS = 3000


def counts(url: str) -> tuple[int, int]:
    """Documents and spans the server holds, read by a connection of its own."""
    with Project(url, create=False) as project:
        docs = project.count_documents()
        spans = sum(project.spans_by_label().values())
    return docs, spans


def importing_now(url: str) -> bool:
    """Whether an import is writing spans into the project now (its transaction open, with
    documents already written)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND state = 'active' AND query LIKE 'COPY \"span\"%%'").fetchone()
    return bool(row and row[0])


def test_killed_imports_leave_all_or_nothing(postgres: Server, big_jsonl: Path) -> None:
    reference = postgres.new_schema()
    Project(reference).close()
    started = time.monotonic()
    done = run("import", big_jsonl, "--db", reference, "--normalize", "none")
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert counts(reference) == (RECORDS, RECORDS)

    moments = {f"{share:.0%} of the run": share for share in (0.2, 0.4, 0.6, 0.75, 0.9)}
    outcomes: dict[str, tuple[bool, int]] = {}
    for moment, share in moments.items():
        url = postgres.new_schema()
        Project(url).close()
        t0 = time.monotonic()
        proc = popen("import", big_jsonl, "--db", url, "--normalize", "none")
        killed = kill_when(proc, lambda t0=t0, share=share: time.monotonic() - t0 > share
                           * duration)
        docs, spans = counts(url)
        outcomes[moment] = (killed, docs)
        assert docs in (0, RECORDS), f"{moment}: {docs} documents, half an import"
        assert spans == docs, moment
        if not killed:
            assert docs == RECORDS
        FIGURES[f"killed imports that left {'all' if docs else 'nothing'}"] += killed
    # And one killed while it writes spans, watched from the server (a fast server may copy
    # them between two looks: tried up to three times, each run all or nothing).
    for _ in range(3):
        url = postgres.new_schema()
        Project(url).close()
        proc = popen("import", big_jsonl, "--db", url, "--normalize", "none")
        killed = kill_when(proc, lambda url=url: importing_now(url))
        docs, spans = counts(url)
        assert docs in (0, RECORDS) and spans == docs
        if killed:
            break
    assert killed, "the import ended three times before it was seen writing spans"
    outcomes["writing spans"] = (killed, docs)
    FIGURES[f"killed imports that left {'all' if docs else 'nothing'}"] += killed
    assert sum(killed for killed, _ in outcomes.values()) >= 4, outcomes
    # What a killed import left is a project like any: the same import now adds everything.
    again = run("import", big_jsonl, "--db", url, "--normalize", "none")
    assert again.returncode == 0, again.stderr
    assert counts(url) == (RECORDS, RECORDS)


LABELLER = """
import json, random, sys, time
from annotator.core.errors import OverlapError
from annotator.core.model import Span
from annotator.storage import Project
url, seed, until = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rnd = random.Random(seed)
with Project(url, create=False) as project:
    docs = [project.document(i, "team") for i in sorted(project.keys_to_ids().values())[:4]]
    while time.time() < until:
        doc = rnd.choice(docs)
        bounds = list(zip(doc.tokens[0::2], doc.tokens[1::2]))
        first = rnd.randrange(len(bounds))
        last = min(len(bounds) - 1, first + rnd.randrange(3))
        start, end = bounds[first][0], bounds[last][1]
        label = rnd.choice(["ACTOR", "EVENT", "LOCATION"])
        try:
            # one analyst in several windows: they race for the same labels
            span = project.insert_span(doc.id, Span(start, end, label, annotator="team"))
        except OverlapError:
            print(json.dumps(["refused"]), flush=True)
            continue
        print(json.dumps(["stored", doc.id, span.id, start, end, label]), flush=True)
        if rnd.random() < 0.2:
            project.delete_span(span.id, "team")
            print(json.dumps(["deleted", span.id]), flush=True)
"""

TEXT = ("عباس عراقچی، وزیر امور خارجه، روز دوشنبه در تهران با همتای چینی خود دیدار کرد و "
        "دو طرف دربارهٔ همکاری‌های اقتصادی و نشست آینده در سوچی گفت‌وگو کردند.")


def test_eight_processes_labelling_and_importing_at_once(postgres: Server,
                                                         tmp_path: Path) -> None:
    url = postgres.new_schema()
    tokens, sentences = tokenize(TEXT)
    with Project(url) as project:
        project.add_documents([Document(TEXT, key=f"shared-{n}", title="t", tokens=tokens,
                                        sentences=sentences) for n in range(4)])
    until = time.time() + 6
    labellers = [subprocess.Popen([sys.executable, "-c", LABELLER, url, str(n), str(until)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=child_env()) for n in range(6)]
    importers = []
    for n in range(2):
        source = write_jsonl(tmp_path / f"batch-{n}.jsonl", 400, seed=n, prefix=f"imp{n}")
        importers.append(subprocess.Popen(
            [sys.executable, "-m", "annotator", "import", str(source), "--db", url,
             "--normalize", "none"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=child_env()))
    outputs = [proc.communicate(timeout=120) for proc in [*labellers, *importers]]
    FIGURES["concurrent processes run"] += len(outputs)
    for proc, (_, err) in zip([*labellers, *importers], outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "deadlock" not in err, err
    stored: dict[int, tuple[int, int, int, str]] = {}
    refused = 0
    for out, _ in outputs[:6]:
        for line in out.splitlines():
            event = json.loads(line)
            if event[0] == "stored":
                stored[event[2]] = (event[1], event[3], event[4], event[5])
            elif event[0] == "deleted":
                del stored[event[1]]
            else:
                refused += 1
    assert stored and refused  # they did meet each other
    with Project(url, create=False) as project:
        found = {}
        for key, doc_id in project.keys_to_ids().items():
            spans = project.spans(doc_id, "team")
            if key.startswith("shared"):
                found.update({s.id: (doc_id, s.start, s.end, s.label) for s in spans})
                labels = sorted((s.start, s.end) for s in spans)
                assert all(a[1] <= b[0] for a, b in itertools.pairwise(labels)), key
        assert project.count_documents() == 4 + 800
    assert found == stored  # every acknowledged edit is there, and nothing else
