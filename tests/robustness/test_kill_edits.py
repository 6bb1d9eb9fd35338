"""kill -9 right after an edit is acknowledged: the edit is in the file.

What the window does on a key press, done by a child process that reports each edit once
``Project`` has returned (committed, with ``synchronous=FULL``), and is killed at once. Every
acknowledged edit must be in the file afterwards, and nothing of an unacknowledged one may be
half there. (The window's own test, killing the window, is the GUI's.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from annotator.core.model import Document
from annotator.storage import Project
from annotator.text.tokenize import tokenize
from tests.robustness.conftest import FIGURES, child_env, integrity, query

EDITOR = """
import sys
from annotator.core.model import Span, Status
from annotator.storage import Project
project = Project(sys.argv[1], create=False)
doc_id = project.first_document()
for n in range(int(sys.argv[2])):
    span = project.insert_span(doc_id, Span(n * 2, n * 2 + 1, "ACTOR"))
    if n % 2:
        project.update_span(span.with_(label="EVENT"))
    print(n, flush=True)
project.set_status(doc_id, Status.DONE)
print("done", flush=True)
import time
time.sleep(60)
"""


def test_acknowledged_edits_survive_a_kill(tmp_path: Path) -> None:
    text = "ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی"
    for acknowledged in (1, 4, 9, "done"):
        db = tmp_path / f"edits-{acknowledged}.sqlite"
        tokens, sentences = tokenize(text)
        with Project(db) as project:
            project.add_documents([Document(text=text, key="d", title="t", tokens=tokens,
                                            sentences=sentences)])
        edits = 10
        child = subprocess.Popen([sys.executable, "-c", EDITOR, str(db), str(edits)],
                                 stdout=subprocess.PIPE, text=True, env=child_env())
        assert child.stdout is not None
        while (line := child.stdout.readline().strip()) != str(acknowledged):
            assert line, "the editor ended early"
        child.kill()  # right after the acknowledgement
        child.wait()
        child.stdout.close()
        FIGURES["processes killed (SIGKILL)"] += 1
        FIGURES["editors killed right after an edit"] += 1
        assert integrity(db) == ["ok"]
        spans = query(db, "SELECT s.start, l.name FROM span s JOIN label l"
                          " ON l.id = s.label_id ORDER BY s.start")
        stored = len(spans)
        done = acknowledged == "done"
        expected = edits if done else int(acknowledged) + 1
        assert stored >= expected, f"acknowledged {expected} edits, {stored} in the file"
        for start, label in spans[:expected]:
            assert label == ("EVENT" if (int(str(start)) // 2) % 2 else "ACTOR")
        if done:
            assert query(db, "SELECT status FROM document") == [("done",)]
