"""Frame suggestions as the window makes them when E opens a frame in a document just opened:
the check that the project's events are as they were read (:meth:`Project.events_signature`),
the document's other frames read (to leave out other analysts'), and the types and arguments
offered for the trigger (``test_frame_suggestions_10k``); and,
once the events have changed, reading them again (:meth:`Project.frame_counts`, the same
check and suggestions: ``test_frame_counts_10k``).

The project holds 2,000 synthetic articles of ~2,000 characters with 10,000 events (five an
article, each with an actor, a recipient and a location among the article's names), stored
first (untimed). Each round is another document.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotator.core.events import Argument, Event, Role
from annotator.core.model import Document, Span
from annotator.storage import EVERYONE, Project
from annotator.suggest.frames import FrameMemory, counted_events
from benchmarks.conftest import p95
from benchmarks.test_suggest import documents

TYPES = ("CONSULT", "AGREE", "ACCUSE", "PROTEST", "AID")


def framed(doc: Document, n: int) -> Document:
    """``doc`` with five events: each on a word no name covers, labelled EVENT, with the
    article's names as actor, recipient and location (by turns)."""
    actors = [s for s in doc.spans if s.label == "ACTOR"]
    places = [s for s in doc.spans if s.label == "LOCATION"]
    taken = {(s.start, s.end) for s in doc.spans}
    words = [(a, b) for a, b in zip(doc.tokens[0::2], doc.tokens[1::2], strict=True)
             if (a, b) not in taken and b - a > 3]
    step = max(len(words) // 6, 1)
    for k in range(5):
        start, end = words[(k + 1) * step]
        trigger = Span(start, end, "EVENT")
        doc.spans.append(trigger)
        arguments = []
        if len(actors) > 1:
            arguments += [Argument(Role.ACTOR, actors[(n + k) % len(actors)]),
                          Argument(Role.RECIPIENT, actors[(n + k + 1) % len(actors)])]
        if places:
            arguments.append(Argument(Role.LOCATION, places[(n + k) % len(places)]))
        doc.events.append(Event(trigger, TYPES[(n + k) % len(TYPES)], tuple(arguments)))
    return doc


def build(path: Path) -> None:
    """The project: 2,000 articles with their events, 100 at a time."""
    with Project(path) as project:
        for chunk in range(20):
            docs = documents(100, seed=1406 + chunk, names=True)
            for doc in docs:
                doc.key = f"{chunk}-{doc.key}"
            project.add_documents([framed(doc, 100 * chunk + n) for n, doc in enumerate(docs)])


@pytest.fixture(scope="module")
def frames_10k(workdir: Path) -> Path:
    """The project, built in a process of its own: the benchmarks after these run in this
    one, and the window's measure its peak memory."""
    path = workdir / "frames-10k.sqlite"
    subprocess.run([sys.executable, "-c", "import sys; from benchmarks.test_frames import build;"
                    " from pathlib import Path; build(Path(sys.argv[1]))", str(path)],
                   check=True, cwd=Path(__file__).resolve().parent.parent)
    return path


def _offered(memory: FrameMemory, doc: Document) -> int:
    """What E offers for the document's first trigger: its types and its arguments."""
    event = doc.events[0]
    types = memory.types_for(doc.text[event.trigger.start:event.trigger.end])
    assert types, "every trigger text was framed before"
    return len(types) + len(memory.arguments_for(doc, event.with_(arguments=())))


def _rounds(benchmark: Any, project: Project, run: Any) -> None:
    ids = list(project.keys_to_ids().values())
    opened = iter(ids[n * 7 % len(ids)] for n in range(10_000))

    def setup() -> tuple[tuple[Document], dict[str, Any]]:
        return (project.document(next(opened)),), {}

    benchmark.pedantic(run, setup=setup, rounds=40, iterations=1, warmup_rounds=2)


def test_frame_suggestions_10k(benchmark: Any, frames_10k: Path) -> None:
    with Project(frames_10k) as project:
        memory, signature = FrameMemory(project.frame_counts()), project.events_signature()

        def suggest(doc: Document) -> int:
            assert project.events_signature() == signature
            # the other analysts' frames of this document left out, as the window does
            everyone = project.document(doc.id or 0, EVERYONE)
            others = [e for e in everyone.events if e.annotator != doc.events[0].annotator]
            return _offered(memory.without(counted_events(others, everyone.text)), doc)

        _rounds(benchmark, project, suggest)
    assert p95(benchmark, 20) <= 0.020


def test_frame_counts_10k(benchmark: Any, frames_10k: Path) -> None:
    with Project(frames_10k) as project:

        def suggest(doc: Document) -> int:
            project.events_signature()
            return _offered(FrameMemory(project.frame_counts()), doc)

        _rounds(benchmark, project, suggest)
    assert p95(benchmark, 500) <= 0.500
