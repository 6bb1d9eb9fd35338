"""The window under load: one label key, opening a large article, filtering 100,000 documents,
and start-up. Each measures the whole path a user waits on, p95 against the budget."""

from __future__ import annotations

import ctypes
import gc
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest

from benchmarks.conftest import FIGURES
from benchmarks.corpus import article, records, vocabulary
from tests.postgres import Server

BIG_CHARS, BIG_SPANS = 40_000, 1_000


def p95(benchmark: Any, budget_ms: float) -> float:
    data = sorted(benchmark.stats.stats.data)
    value = data[min(len(data) - 1, round(0.95 * (len(data) - 1)))]
    benchmark.extra_info["p95_ms"] = round(value * 1000, 2)
    FIGURES[benchmark.name] = (f"p95 {value * 1000:.1f} ms, median "
                               f"{benchmark.stats.stats.median * 1000:.1f} ms "
                               f"(budget p95 <= {budget_ms:g} ms)")
    return value


# The window works as the first; the project holds all three analysts' labels.
ANALYSTS = ("maryam", "reza", "sara")


@pytest.fixture(scope="module")
def big_documents() -> list[Any]:
    """Two 40,000-character articles, each labelled by three analysts (1,000 spans each, the
    others' a little different from the first's)."""
    from annotator.core.model import Document, Span
    from annotator.text.tokenize import tokenize
    from benchmarks.corpus import analysts_versions

    rng = random.Random(40_000)
    words = vocabulary()
    docs = []
    for n in range(2):
        text, spans = article(rng, words, BIG_CHARS, BIG_SPANS + 100)
        tokens, sentences = tokenize(text)
        first = spans[:BIG_SPANS]
        others = analysts_versions(rng, first, list(tokens), analysts=2)
        labels = [Span(int(s["start"]), int(s["end"]), str(s["label"]),  # type: ignore[call-overload]
                       annotator=ANALYSTS[0]) for s in first]
        labels += [Span(start, end, label, annotator=analyst)
                   for analyst, version in zip(ANALYSTS[1:], others, strict=True)
                   for start, end, label in version]
        docs.append(Document(text, key=f"big-{n}", title=text[:60], tokens=tokens,
                             sentences=sentences, spans=labels))
    return docs


def _big(location: Path | str, documents: list[Any]) -> None:
    from annotator.storage import EVERYONE, Project

    with Project(location) as project:
        project.add_documents(documents)
        assert [len(d.spans) for d in project.iter_documents(viewer=ANALYSTS[0])] == [
            BIG_SPANS, BIG_SPANS]
        assert all(len(d.spans) > 2.5 * BIG_SPANS
                   for d in project.iter_documents(viewer=EVERYONE))


@pytest.fixture(scope="module")
def big_project(workdir: Path, big_documents: list[Any]) -> Path:
    path = workdir / "big.sqlite"
    _big(path, big_documents)
    return path


@pytest.fixture(scope="module")
def big_project_postgres(postgres: Server, big_documents: list[Any]) -> str:
    """The same documents in a project kept on the PostgreSQL server."""
    url = postgres.new_schema()
    _big(url, big_documents)
    return url


def _open_window(qtbot: Any, location: Path | str, workdir: Path) -> Iterator[Any]:
    from annotator.gui.fonts import load_fonts
    from annotator.gui.main_window import MainWindow
    from annotator.gui.settings import Settings
    from annotator.storage import Project

    load_fonts()
    project = Project(location)
    win = MainWindow(project, Settings(workdir / "settings.ini"), analyst=ANALYSTS[0])
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    project.close()


@pytest.fixture
def window(qtbot: Any, big_project: Path, workdir: Path) -> Iterator[Any]:
    yield from _open_window(qtbot, big_project, workdir)


@pytest.fixture
def window_postgres(qtbot: Any, big_project_postgres: str, workdir: Path) -> Iterator[Any]:
    yield from _open_window(qtbot, big_project_postgres, workdir)


def test_label_action(benchmark: Any, window: Any) -> None:
    """Key ``1`` on an unlabelled token: command, commit to the project file, repaint."""
    _label_action(benchmark, window)


def test_label_action_postgres(benchmark: Any, window_postgres: Any) -> None:
    """The same key on a project kept in PostgreSQL, over a local socket."""
    _label_action(benchmark, window_postgres)


def _label_action(benchmark: Any, window: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.core.tokens import TokenIndex

    view = window.article
    doc = window.session.document
    assert doc is not None
    assert len(doc.spans) == BIG_SPANS
    taken = [(s.start, s.end) for s in doc.spans]
    free = [t for t in TokenIndex(doc.tokens, doc.sentences)
            if not any(a < t[1] and t[0] < b for a, b in taken)
            and doc.text[t[0]:t[1]].isalpha()]
    random.Random(1).shuffle(free)
    targets = iter(free)

    def setup() -> tuple[tuple[()], dict[str, Any]]:
        # What the window does between two key presses (the span list following the last
        # edit, then its repaint) happens here, untimed, as it would while the analyst reads.
        for _ in range(3):
            QApplication.processEvents()
        view.place_caret(next(targets)[0])
        return (), {}

    def press() -> None:
        QTest.keyClick(view, Qt.Key.Key_1)
        view.viewport().repaint()

    benchmark.pedantic(press, setup=setup, rounds=200, iterations=1, warmup_rounds=3)
    labelled = window.session.document
    assert labelled is not None
    assert len(labelled.spans) == BIG_SPANS + 203
    assert p95(benchmark, 16) <= 0.016


def test_open_document(benchmark: Any, window: Any) -> None:
    """Open a 40,000-character article with 1,000 spans from the project file and show it."""
    _open_document(benchmark, window)


def test_open_document_postgres(benchmark: Any, window_postgres: Any) -> None:
    """The same article from a project kept in PostgreSQL, over a local socket."""
    _open_document(benchmark, window_postgres)


def _open_document(benchmark: Any, window: Any) -> None:
    ids = [d for d in (window.project.first_document(not_done=False),) if d is not None]
    second = window.project.neighbour(ids[0], 1)
    assert second is not None
    pair = [ids[0], second]
    turn = iter(range(10**6))

    def open_next() -> None:
        window.session.open(pair[next(turn) % 2])
        window.article.viewport().repaint()

    benchmark.pedantic(open_next, rounds=60, iterations=1, warmup_rounds=2)
    shown = window.session.document
    assert shown is not None
    assert len(shown.spans) == BIG_SPANS
    assert p95(benchmark, 50) <= 0.050


def _index_text(location: Path | str) -> None:
    """The text search index built (as the window does in the background after an import),
    by ``annotator search``, which catches up first, in a process of its own."""
    subprocess.run([sys.executable, "-m", "annotator", "search", "qqqq", "--db",
                    str(location)], check=True, capture_output=True)


@pytest.fixture(scope="module")
def project_100k(workdir: Path) -> Path:
    """100,000 documents (articles of ~1,500 characters with 10 spans), imported by the
    command in its own process, so that this one's memory is the window's; their text
    indexed for search."""
    source = workdir / "corpus-100k.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for record in records(100_000, size=1500, spans=10, seed=100):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    path = workdir / "project-100k.sqlite"
    subprocess.run([sys.executable, "-m", "annotator", "import", str(source), "--normalize",
                    "none", "--db", str(path)], check=True, capture_output=True)
    source.unlink()
    begun = time.monotonic()
    _index_text(path)
    FIGURES["text index, 100,000 documents"] = f"built in {time.monotonic() - begun:.1f} s"
    return path


def _reset_peak_rss() -> None:
    """Linux: start the process's peak resident size afresh (proc(5), clear_refs 5), after
    handing back to the system what the benchmarks before this one freed (glibc keeps freed
    memory for the process: ``malloc_trim``), so that the peak is this benchmark's own."""
    gc.collect()
    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    with suppress(OSError), open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def _peak_rss_mb() -> float:
    """The peak resident size since the last reset (VmHWM), else the process's peak."""
    with suppress(OSError), open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(scope="module")
def project_100k_postgres(project_100k: Path, postgres: Server) -> str:
    """The 100,000 documents moved onto the PostgreSQL server (``annotator restore``)."""
    url = postgres.new_schema()
    subprocess.run([sys.executable, "-m", "annotator", "restore", str(project_100k), "--db",
                    url], check=True, capture_output=True)
    begun = time.monotonic()
    _index_text(url)  # a restore brings the documents, not the index
    FIGURES["text index, 100,000 documents, PostgreSQL"] = (
        f"built in {time.monotonic() - begun:.1f} s")
    return url


def test_filter_documents_100k(benchmark: Any, qtbot: Any, project_100k: Path) -> None:
    """Type a filter into the document list of a 100,000-document project: rows shown."""
    _filter_documents(benchmark, qtbot, project_100k)


def test_filter_documents_100k_postgres(benchmark: Any, qtbot: Any,
                                        project_100k_postgres: str) -> None:
    """The same list, of a project kept in PostgreSQL, over a local socket."""
    _filter_documents(benchmark, qtbot, project_100k_postgres)


FILTER_WORDS = ["تهران", "همکاری", "اجلاس بریکس", "خبرگزاری مهر", "ژنو", "Reuters", "کمیسیون",
                "زونگ", "نشست", "xyz"]
# What analysts look for in the text: names and phrases as they type them (the last word a
# beginning), spelt otherwise than the text (ي for ی, a space for a ZWNJ); from a common word
# (77,000 documents) to a name in 9, and words begun. (Text of one or two characters is also
# looked for inside titles and ids by reading every title, as before text search: not here.)
SEARCH_WORDS = ["خبرگزاري", "ايالات متحده", "رئیس جمهور", "سازمان", "کازا", "António Guterres",
                "مشهد اصفهان", "همکاری های بین", "حزب موتلفه اسلامي", "برگ"]


def _filter_documents(benchmark: Any, qtbot: Any, location: Path | str,
                      words: list[str] = FILTER_WORDS) -> None:
    from annotator.gui.document_list import DocumentListPanel
    from annotator.storage import Project

    gc.collect()
    _reset_peak_rss()
    project = Project(location)
    assert project.text_index_state()[1] == 0
    panel = DocumentListPanel(project)
    qtbot.addWidget(panel)
    panel.resize(500, 800)
    panel.show()
    qtbot.waitExposed(panel)
    turn = iter(range(10**6))

    def filter_once() -> None:
        panel.search.setText(words[next(turn) % len(words)])
        panel._apply_filter()  # what the typing pause (debounce) triggers
        panel.table.viewport().repaint()

    benchmark.pedantic(filter_once, rounds=40, iterations=1, warmup_rounds=2)
    rss = _peak_rss_mb()
    benchmark.extra_info["peak_rss_mb"] = round(rss, 1)
    found = {}
    for word in words:
        panel.search.setText(word)
        panel._apply_filter()
        found[word] = panel.model.total
    benchmark.extra_info["documents_found"] = found
    assert panel.model.rowCount() >= 0
    panel.close()
    project.close()
    assert p95(benchmark, 100) <= 0.100
    FIGURES[benchmark.name] += f", peak RSS {rss:.0f} MB (budget 400 MB)"
    assert rss <= 400


def test_search_text_100k(benchmark: Any, qtbot: Any, project_100k: Path) -> None:
    """Search the article text of a 100,000-document project from the list's filter: the
    matching documents counted and the first rows shown, as the analyst waits."""
    _filter_documents(benchmark, qtbot, project_100k, SEARCH_WORDS)
    found = benchmark.extra_info["documents_found"]
    assert all(found[word] > 0 for word in SEARCH_WORDS), found
    _search_service(project_100k)


def test_search_text_100k_postgres(benchmark: Any, qtbot: Any,
                                   project_100k_postgres: str) -> None:
    """The same searches in a project kept in PostgreSQL, over a local socket (no budget)."""
    _filter_documents(benchmark, qtbot, project_100k_postgres, SEARCH_WORDS)
    _search_service(project_100k_postgres, " (PostgreSQL)")


def _search_service(location: Path | str, where: str = "") -> None:
    """``annotator search`` as a program calls it: the documents found, and the first
    twenty with their lines; timed apart, as a figure."""
    from annotator.services.search import search
    from annotator.storage import Project

    times = []
    with Project(location) as project:
        for word in SEARCH_WORDS * 3:
            begun = time.perf_counter()
            found = search(project, word)
            hits = list(found.hits(limit=20))
            times.append(time.perf_counter() - begun)
            assert all(hit.lines for hit in hits)
    times.sort()
    FIGURES[f"search service, 100,000 documents{where}"] = (
        f"p95 {times[round(0.95 * (len(times) - 1))] * 1000:.1f} ms, median "
        f"{times[len(times) // 2] * 1000:.1f} ms (ids of every match, the first 20 with their "
        "lines)")


def test_startup_to_window(benchmark: Any, big_project: Path, workdir: Path) -> None:
    """``annotator --db FILE`` from process start to the window shown (offscreen)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_EXIT_WHEN_SHOWN": "1",
           "XDG_CONFIG_HOME": str(workdir / "config")}

    shown_after: list[float] = []

    def start() -> None:
        begun = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "annotator", "--db", str(big_project)],
                              env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        shown_after.append(float(done.stdout.strip().splitlines()[-1]) - begun)

    benchmark.pedantic(start, rounds=10, iterations=1, warmup_rounds=1)
    # The benchmark's own timing includes the process exiting; the figure is start to shown.
    ordered = sorted(shown_after[1:])
    shown_p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    benchmark.extra_info["start_to_shown_p95_ms"] = round(shown_p95 * 1000, 1)
    benchmark.extra_info["start_to_shown_median_ms"] = round(ordered[len(ordered) // 2] * 1000, 1)
    FIGURES[benchmark.name] = (f"start to shown p95 {shown_p95 * 1000:.0f} ms"
                               " (budget p95 <= 1500 ms)")
    assert shown_p95 <= 1.5
