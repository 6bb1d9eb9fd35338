"""Agreement over 10,000 documents labelled by 3 analysts, median against the budget.

For now the documents are built in memory (the benchmark corpus's articles, tokenized, each
analyst's labels derived from the article's spans by :func:`analysts_versions`) and the pure
computation is measured; once projects hold several analysts' labels it loads them from one.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from benchmarks.conftest import ARTICLES, FIGURES
from benchmarks.corpus import analysts_versions, records

BUDGET_S = 5.0
ANALYSTS = ("maryam", "reza", "sara")


@pytest.fixture(scope="module")
def labelled_10k() -> list[Any]:
    from annotator.core.agreement import DocumentLabels
    from annotator.text.tokenize import tokenize

    rng = random.Random(13)
    docs = []
    for record in records(ARTICLES, size=2000, spans=20):
        tokens, _ = tokenize(str(record["text"]))
        versions = analysts_versions(rng, record["spans"], list(tokens))  # type: ignore[arg-type]
        docs.append(DocumentLabels(str(record["id"]), tokens, dict(zip(ANALYSTS, versions,
                                                                       strict=True))))
    return docs


def test_agreement_10k(benchmark: Any, labelled_10k: list[Any]) -> None:
    """Every figure of ``annotator agreement``: 3 pairs, Fleiss' kappa, documents ranked."""
    from annotator.core.agreement import agreement

    result = benchmark.pedantic(agreement, args=(labelled_10k,), rounds=5, iterations=1)
    assert len(result.pairs) == 3
    assert result.overall.documents == ARTICLES
    assert result.fleiss is not None and result.fleiss.kappa is not None
    median = benchmark.stats.stats.median
    FIGURES[benchmark.name] = f"median {median:.2f} s (budget median <= {BUDGET_S:g} s)"
    assert median <= BUDGET_S
