"""kill -9 of the real window right after an edit: the edit is in the file.

The window runs in a process of its own (``python -m annotator --db FILE``, offscreen). The
``ANNOTATOR_PRESS_WHEN_SHOWN`` hook (annotator/gui/app.py) presses a label key in the article
once the window is shown, through the same key path as an analyst's key press (shortcut,
action, session, undo stack, project file), and prints ``edited`` when the edit has returned.
The test kills the window with SIGKILL as soon as it reads that line, then reads the file.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.storage import Project
from annotator.text.tokenize import tokenize
from tests.robustness.conftest import FIGURES, annotator, child_env, integrity, query

TEXT = "عباس عراقچی، وزیر امور خارجه، روز دوشنبه در تهران با «هاوشینگ» دیدار کرد."


def _window_edits_then_is_killed(db: Path, key: str, home: Path) -> None:
    env = {**child_env(), "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(home),
           "ANNOTATOR_PRESS_WHEN_SHOWN": key}
    env.pop("ANNOTATOR_EXIT_WHEN_SHOWN", None)
    window = subprocess.Popen(annotator("--db", db), stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert window.stdout is not None
        line = window.stdout.readline().strip()
        assert line == "edited", "the window ended before making the edit"
    finally:
        window.kill()  # right after the edit, without letting it close
        window.wait(timeout=30)
        if window.stdout is not None:
            window.stdout.close()
    assert window.returncode == -9
    FIGURES["processes killed (SIGKILL)"] += 1
    FIGURES["windows killed right after an edit"] += 1


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_an_edit_survives_killing_the_window(tmp_path: Path) -> None:
    db = tmp_path / "window.sqlite"
    tokens, sentences = tokenize(TEXT)
    with Project(db) as project:
        project.add_documents([Document(text=TEXT, key="a", title="t", tokens=tokens,
                                        sentences=sentences)])
    # The window opens with the caret on the first word: 1 labels it ACTOR; the next windows
    # relabel it (2: EVENT, 3: LOCATION), each edit killed right after.
    for key, label in (("1", "ACTOR"), ("2", "EVENT"), ("3", "LOCATION")):
        _window_edits_then_is_killed(db, key, tmp_path / "config")
        assert integrity(db) == ["ok"]
        spans = query(db, "SELECT s.start, s.end, l.name FROM span s JOIN label l"
                          " ON l.id = s.label_id")
        assert [(TEXT[int(str(s)):int(str(e))], name) for s, e, name in spans] == [
            ("عباس", label)]
        assert query(db, "SELECT status FROM document") == [("in_progress",)]
