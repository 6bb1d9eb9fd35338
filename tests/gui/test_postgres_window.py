"""The window on a project kept in PostgreSQL: a label made by keys in one window shows in
another within two seconds; a server stopped while the window holds edits loses nothing, and
the edits kept meanwhile are saved by themselves once it is back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from annotator.storage import Project
from tests.conftest import ANALYST
from tests.gui.conftest import DOC_A, DOC_B, DOC_C, caret_to, make_document, select
from tests.postgres import Server

pytestmark = pytest.mark.gui


def labels_of(url: str, key: str) -> list[tuple[str, str]]:
    """The labels of document ``key`` as the server has them: (text, label)."""
    with Project(url, create=False) as project:
        doc = project.document(project.keys_to_ids()[key], ANALYST)
    return [(doc.text[s.start:s.end], s.label) for s in doc.spans]


def new_project(url: str) -> str:
    with Project(url) as project:
        project.add_documents([make_document("a", DOC_A), make_document("b", DOC_B),
                               make_document("c", DOC_C)])
    return url


def test_a_label_made_in_one_window_shows_in_another_within_two_seconds(
        postgres: Server, open_window: Any, qtbot: Any) -> None:
    url = new_project(postgres.new_schema())
    first, second = open_window(url), open_window(url)
    word = DOC_A.index("تهران")
    # The second analyst has a selection of her own, which must stay where it is.
    other = DOC_A.index("هاوشینگ")
    select(second.article, other, other + len("هاوشینگ"))

    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow)
    caret_to(first.article, word + 2)
    qtbot.keyClick(first.article, "3")  # LOCATION, on the token at the caret
    assert labels_of(url, "a") == [("تهران", "LOCATION")]  # saved at once

    shown = time.monotonic()
    qtbot.waitUntil(lambda: [(DOC_A[s.start:s.end], s.label)
                             for s in second.session.document.spans]
                    == [("تهران", "LOCATION")], timeout=2_500)
    assert time.monotonic() - shown <= 2.5
    assert second.article.selection() == (other, other + len("هاوشینگ"))
    assert second.session.document.key == "a"


@pytest.fixture
def own_server() -> Iterator[Server]:
    """A server of the test's own, to stop and start."""
    server = Server(own=True)
    yield server
    server.close()


def test_a_stopped_server_loses_nothing_and_the_kept_edits_are_saved_when_it_is_back(
        own_server: Server, open_window: Any, qtbot: Any) -> None:
    url = new_project(own_server.new_database())
    window = open_window(url)
    window.watch.timer.setInterval(100)  # the test need not wait two seconds a tick
    caret_to(window.article, DOC_A.index("تهران") + 1)
    qtbot.keyClick(window.article, "3")
    assert labels_of(url, "a") == [("تهران", "LOCATION")]

    own_server.stop()
    caret_to(window.article, DOC_A.index("سوچی") + 1)
    qtbot.keyClick(window.article, "3")
    unsaved = window.unsaved
    assert len(unsaved.edits) == 1
    assert unsaved.waiting_for_server
    assert unsaved.bar.isVisible()
    assert "cannot be reached" in unsaved.bar.text.text()
    qtbot.waitUntil(lambda: "cannot be reached" in window.statusBar().currentMessage(),
                    timeout=3_000)
    # Not shown as made, and not on the undo stack.
    assert [DOC_A[s.start:s.end] for s in window.session.document.spans] == ["تهران"]

    own_server.start()
    qtbot.waitUntil(lambda: not unsaved.edits, timeout=10_000)
    assert not unsaved.bar.isVisible()
    assert labels_of(url, "a") == [("تهران", "LOCATION"), ("سوچی", "LOCATION")]
    assert [DOC_A[s.start:s.end] for s in window.session.document.spans] == ["تهران", "سوچی"]
    # And the window goes on labelling, connected again.
    caret_to(window.article, DOC_A.index("عباس") + 1)
    qtbot.keyClick(window.article, "1")
    assert ("عباس", "ACTOR") in labels_of(url, "a")
