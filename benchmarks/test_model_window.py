"""The window while the built-in model trains in the background: the label key keeps its
budget (p95 <= 16 ms), the training running in its worker process throughout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.test_suggest import documents
from benchmarks.test_window import _big, _label_action, _open_window, big_documents

__all__ = ["big_documents"]  # the fixture, shared with test_window

TRAINING_DOCUMENTS = 200  # about 80,000 tokens: half a minute of training


@pytest.fixture(scope="module")
def training_project(workdir: Path, big_documents: list[Any]) -> Path:
    """The label benchmark's two large articles (new), then documents done to learn from."""
    from annotator.storage import Project

    path = workdir / "big-training.sqlite"
    _big(path, big_documents)
    with Project(path) as project:
        project.add_documents(documents(TRAINING_DOCUMENTS, seed=21))
    return path


def test_label_action_while_training(benchmark: Any, qtbot: Any, training_project: Path,
                                     workdir: Path) -> None:
    """Key ``1`` on the 40,000-character article while Review → Train Model runs."""
    opened = _open_window(qtbot, training_project, workdir)
    window = next(opened)
    try:
        models = window.models
        assert models.train()
        # Measured once the worker is training (it reports its features' progress).
        qtbot.waitUntil(lambda: "%" in models.status.text(), timeout=60_000)
        _label_action(benchmark, window)
        assert models.training, "the training ended before the measurement did"
        benchmark.extra_info["training_status"] = models.status.text()
    finally:
        window.models.cancel_training()
        qtbot.waitUntil(lambda: not window.models.training, timeout=30_000)
        next(opened, None)
