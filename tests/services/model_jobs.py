"""Jobs for the model worker's tests: they must be importable in a fresh interpreter."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any


def dies_in_a_worker(project: Any, progress: Any, check: Any, *, value: int) -> tuple[str, int]:
    """Ends its worker process without an answer; in the caller's process, answers."""
    if multiprocessing.parent_process() is not None:
        os._exit(3)
    return "here", value
