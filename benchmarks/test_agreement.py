"""Agreement over 10,000 documents labelled by 3 analysts, median against the budget: what
``annotator agreement`` does, loading every document's tokens and labels from the project
and computing every figure.

The project holds the benchmark corpus's articles, each analyst's labels derived from the
article's spans by :func:`analysts_versions`.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from benchmarks.conftest import ARTICLES, FIGURES
from benchmarks.corpus import analysts_versions, records

BUDGET_S = 5.0
ANALYSTS = ("maryam", "reza", "sara")


@pytest.fixture(scope="module")
def labelled_10k(workdir: Path) -> Path:
    """A project of 10,000 articles, each labelled by the three analysts."""
    from annotator.core.model import Document, Span
    from annotator.storage import Project
    from annotator.text.tokenize import tokenize

    rng = random.Random(13)
    docs = []
    for record in records(ARTICLES, size=2000, spans=20):
        text = str(record["text"])
        tokens, sentences = tokenize(text)
        versions = analysts_versions(rng, record["spans"], list(tokens))  # type: ignore[arg-type]
        docs.append(Document(text, key=str(record["id"]), tokens=tokens, sentences=sentences,
                             spans=[Span(start, end, label, annotator=analyst)
                                    for analyst, version in zip(ANALYSTS, versions, strict=True)
                                    for start, end, label in version]))
    path = workdir / "agreement-10k.sqlite"
    with Project(path) as project:
        project.add_documents(docs)
    return path


def test_agreement_10k(benchmark: Any, labelled_10k: Path) -> None:
    """Every figure of ``annotator agreement``: 3 pairs, Fleiss' kappa, documents ranked."""
    from annotator.services.team import measure_agreement
    from annotator.storage import Project

    def measure() -> Any:
        with Project(labelled_10k) as project:
            return measure_agreement(project)

    result = benchmark.pedantic(measure, rounds=5, iterations=1)
    assert len(result.pairs) == 3
    assert result.overall.documents == ARTICLES
    assert result.fleiss is not None and result.fleiss.kappa is not None
    median = benchmark.stats.stats.median
    FIGURES[benchmark.name] = f"median {median:.2f} s (budget median <= {BUDGET_S:g} s)"
    assert median <= BUDGET_S
