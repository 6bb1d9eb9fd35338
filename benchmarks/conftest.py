"""Shared corpus and projects for the benchmarks (built once per session, deterministic)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import write_jsonl
from tests.postgres import Server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ARTICLES = 10_000
MEDIANS: dict[str, float] = {}
FIGURES: dict[str, str] = {}  # benchmark -> the figure its budget is about, for the summary


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    """A real PostgreSQL server on a Unix socket (as the tests start it), for the _postgres
    twins of the benchmarks."""
    server = Server()
    yield server
    server.close()


@pytest.fixture(scope="session")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="session")
def corpus_10k(workdir: Path) -> Path:
    """10,000 articles of ~2,000 characters and 20 spans each, as our JSONL."""
    return write_jsonl(workdir / "corpus.jsonl", ARTICLES, size=2000, spans=20)


@pytest.fixture(scope="session")
def project_10k(workdir: Path, corpus_10k: Path) -> Path:
    from annotator.services.importing import ImportOptions, import_paths
    from annotator.storage import Project

    path = workdir / "project-10k.sqlite"
    with Project(path) as project:
        import_paths(project, [corpus_10k], ImportOptions(normalize="none"))
    return path


def record_median(name: str, benchmark: object) -> float:
    stats = benchmark.stats  # type: ignore[attr-defined]
    MEDIANS[name] = stats.stats.median
    return MEDIANS[name]


def check_ratio(benchmark: object, name: str, baseline: str, budget: float) -> None:
    ratio = MEDIANS[name] / MEDIANS[baseline]
    benchmark.extra_info[f"median_ratio_vs_{baseline}"] = round(ratio, 3)  # type: ignore[attr-defined]
    FIGURES[name] = f"median {ratio:.2f}x {baseline} (budget {budget}x)"
    assert ratio <= budget, f"{name} takes {ratio:.2f}x {baseline} (budget {budget}x)"


def p95(benchmark: Any, budget_ms: float) -> float:
    """The 95th percentile of the rounds, recorded with the median for the summary (as
    test_window's own helper, which can come here)."""
    data = sorted(benchmark.stats.stats.data)
    value = data[min(len(data) - 1, round(0.95 * (len(data) - 1)))]
    benchmark.extra_info["p95_ms"] = round(value * 1000, 2)
    FIGURES[benchmark.name] = (f"p95 {value * 1000:.1f} ms, median "
                               f"{benchmark.stats.stats.median * 1000:.1f} ms "
                               f"(budget p95 <= {budget_ms:g} ms)")
    return float(value)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The figures the budgets are about, one line each."""
    if FIGURES:
        terminalreporter.section("budgets")
        for name, figure in FIGURES.items():
            terminalreporter.write_line(f"{name}: {figure}")
