"""Event frames in the window, by keys: E opens a frame (its type typed by its first letters),
J K L add the span at the caret as actor, recipient, location; every step saved at once,
undone and redone; exports hold what was built. Every test reads the project file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.core.events import Argument, Event, Role
from annotator.formats.brat import read_brat
from annotator.services.exporting import ExportOptions, export
from annotator.storage import Project
from tests.conftest import ANALYST
from tests.gui.conftest import LEFT, caret_to, make_document, point_of, reopen, span_of

pytestmark = pytest.mark.gui

TEXT = ("دبیرکل حزب موتلفه اسلامی و نماینده ویژه روسیه روز دوشنبه با وزیر خارجه چین در سوچی "
        "دیدار کردند.\nاین دیدار در حاشیهٔ اجلاس بریکس برگزار شد.")
ACTOR_1, ACTOR_2, MINISTER = "دبیرکل حزب موتلفه اسلامی", "نماینده ویژه روسیه", "وزیر خارجه چین"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
FRAME = [("CONSULT", "دیدار", [("actor", ACTOR_1), ("actor", ACTOR_2),
                               ("location", "سوچی")])]


@pytest.fixture
def article(make_project: Any) -> Path:
    spans = [span_of(TEXT, ACTOR_1, "ACTOR"), span_of(TEXT, ACTOR_2, "ACTOR"),
             span_of(TEXT, MINISTER, "ACTOR"), span_of(TEXT, "سوچی", "LOCATION"),
             span_of(TEXT, "دیدار", "EVENT"), span_of(TEXT, "اجلاس", "EVENT")]
    return make_project([make_document("mehr", TEXT, title="دیدار در سوچی", spans=spans)])


def frames(path: Path | str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The events of the article as the project file has them."""
    with reopen(path) as project:
        doc = project.document(project.keys_to_ids()["mehr"], ANALYST)
    return [(e.type, doc.text[e.trigger.start:e.trigger.end],
             [(a.role.value, doc.text[a.span.start:a.span.end]) for a in e.arguments])
            for e in doc.events]


def in_step(window: Any, path: Path | str) -> None:
    """The window's events (kept up to date without queries) are the project file's."""
    doc = window.session.document
    with reopen(path) as project:
        fresh = project.document(doc.id, ANALYST)

    def shown(events: list[Any]) -> list[tuple[Any, ...]]:
        return [(e.id, e.type, e.trigger.id, [(a.role, a.span.id) for a in e.arguments])
                for e in events]
    assert shown(doc.events) == shown(fresh.events)
    for event in doc.events:  # naming the window's own spans
        assert all(any(s is own for own in doc.spans) for s in event.spans())


def caret_in(window: Any, words: str, occurrence: int = 0) -> None:
    caret_to(window.article, span_of(TEXT, words, "X", occurrence).start + 1)


def press(qtbot: Any, window: Any, key: Any, modifier: Any = Qt.KeyboardModifier.NoModifier
          ) -> None:
    qtbot.keyClick(window.article, key, modifier)


def panel_rows(window: Any) -> list[list[str]]:
    """The event panel as the analyst reads it: each event, then its arguments."""
    tree = window.event_panel.frames
    rows = []
    for n in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(n)
        rows.append([item.text(0), item.text(1)])
        rows += [[item.child(k).text(0), item.child(k).text(1)]
                 for k in range(item.childCount())]
    return rows


def persian_key(widget: Any, letter: str) -> None:
    """The key a Persian keyboard layout gives ``letter`` on."""
    for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
        QTest.sendKeyEvent(action, widget, Qt.Key(ord(letter)), letter,
                           Qt.KeyboardModifier.NoModifier)


def type_in(widget: Any, text: str) -> None:
    """``text`` typed into ``widget`` key by key (Persian letters on a Persian layout)."""
    for letter in text:
        if letter.isascii():
            QTest.keyClicks(widget, letter)
        else:
            persian_key(widget, letter)


def build_frame(window: Any, qtbot: Any, typed: str) -> None:
    """The frame of «دیدار», by keys: E, the type's first letters, Enter; then J, J and L on
    the two actors and the location."""
    caret_in(window, "دیدار")
    press(qtbot, window, Qt.Key.Key_E)
    chooser = window.event_panel.chooser
    assert chooser.isVisible() and chooser.hasFocus()
    type_in(chooser, typed)
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    assert not chooser.isVisible() and window.article.hasFocus()
    caret_in(window, ACTOR_1)
    press(qtbot, window, Qt.Key.Key_J)
    caret_in(window, ACTOR_2)
    press(qtbot, window, Qt.Key.Key_J)
    caret_in(window, "سوچی")
    press(qtbot, window, Qt.Key.Key_L)


def test_a_frame_built_by_keys_in_the_persian_interface_undone_redone_and_exported(
        persian: None, article: Path, open_window: Any, qtbot: Any, tmp_path: Path) -> None:
    window = open_window(article)
    build_frame(window, qtbot, "رای")  # رایزنی: CONSULT
    assert frames(article) == FRAME
    in_step(window, article)
    assert panel_rows(window) == [
        ["رایزنی (CONSULT)", "«دیدار»"], ["کنشگر", f"«{ACTOR_1}»"], ["کنشگر", f"«{ACTOR_2}»"],
        ["مکان", "«سوچی»"], ["هنوز بدون گیرنده", ""]]
    assert window.event_panel.heading.text() == "رویدادها (۱)"
    assert window.article.frame == window.session.document.events[0]
    assert window.menu_actions.undo.text() == "واگرد: مکان «سوچی» برای CONSULT «دیدار»"
    built = window.session.document.events[0]

    stack = window.session.undo_stack
    for _ in range(4):
        press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert frames(article) == []
    assert window.article.frame is None and panel_rows(window) == []
    in_step(window, article)
    for _ in range(4):
        press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert frames(article) == FRAME
    assert stack.count() == 4 and stack.index() == 4
    in_step(window, article)
    assert window.session.document.events[0].id == built.id
    assert window.article.frame == window.session.document.events[0]  # open again

    with Project(article) as project:
        out = tmp_path / "out.jsonl"
        assert export(project, out, ExportOptions(format="jsonl")).events == 1
        [record] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        names = {s["id"]: s["text"] for s in record["spans"]}
        [event] = record["events"]
        assert (event["type"], names[event["trigger"]]) == ("CONSULT", "دیدار")
        assert [(a["role"], names[a["span"]]) for a in event["arguments"]] == FRAME[0][2]

        export(project, tmp_path / "brat", ExportOptions(format="brat"))
        [doc] = list(read_brat(tmp_path / "brat" / "mehr.txt"))
        [brat_event] = doc.events
        assert (brat_event.type, [(a.role, TEXT[doc.spans[a.span].start:doc.spans[a.span].end])
                                  for a in brat_event.arguments]) == (
            "CONSULT", [("Actor", ACTOR_1), ("Actor2", ACTOR_2), ("Location", "سوچی")])

        out = tmp_path / "events.jsonl"
        export(project, out, ExportOptions(format="plover"))
        [line] = out.read_text("utf-8").splitlines()
        plover = json.loads(line)
        assert plover["event"] == ["CONSULT"] and plover["event_text"] == ["دیدار"]
        assert [a["actor_text"] for a in plover["actor"]] == [ACTOR_1, ACTOR_2]
        assert plover["recipient"] == [] and plover["event_loc"]["name"] == "سوچی"
        assert plover["coder"] == window.session.annotator


def test_editing_a_frame_by_keys(article: Path, open_window: Any, qtbot: Any) -> None:
    window = open_window(article)
    build_frame(window, qtbot, "cons")
    # E on the trigger again: the type is asked for again, the event's chosen to start with.
    caret_in(window, "دیدار")
    press(qtbot, window, Qt.Key.Key_E)
    chooser = window.event_panel.chooser
    assert window.event_panel.matches.currentItem().text() == "CONSULT"
    qtbot.keyClicks(chooser, "ag")
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    assert frames(article)[0][0] == "AGREE"
    assert window.menu_actions.undo.text() == "Undo: event «دیدار» CONSULT → AGREE"
    # K: the minister as recipient; O on the second actor takes it out.
    caret_in(window, MINISTER)
    press(qtbot, window, Qt.Key.Key_K)
    caret_in(window, ACTOR_2)
    press(qtbot, window, Qt.Key.Key_O)
    assert frames(article) == [("AGREE", "دیدار", [("actor", ACTOR_1), ("location", "سوچی"),
                                                   ("recipient", MINISTER)])]
    # An ACTOR span cannot be the location: refused with a message, nothing changes.
    caret_in(window, ACTOR_2)
    press(qtbot, window, Qt.Key.Key_L)
    assert "the role location takes LOCATION spans" in window.statusBar().currentMessage()
    # Relabelling the location as ACTOR takes it out of the frame, in one undo step.
    caret_in(window, "سوچی")
    press(qtbot, window, Qt.Key.Key_1)
    assert frames(article)[0][2] == [("actor", ACTOR_1), ("recipient", MINISTER)]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert frames(article)[0][2][1] == ("location", "سوچی")
    in_step(window, article)
    # Delete on the trigger deletes the span and its event; undo brings both back.
    caret_in(window, "دیدار")
    press(qtbot, window, Qt.Key.Key_Delete)
    assert frames(article) == [] and window.article.frame is None
    assert window.menu_actions.undo.text() == "Undo: delete EVENT «دیدار»"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert len(frames(article)[0][2]) == 3
    in_step(window, article)
    # Shift+Delete deletes the event only; Esc closes the frame.
    press(qtbot, window, Qt.Key.Key_Delete, SHIFT)
    assert frames(article) == []
    assert [s.label for s in window.session.document.spans].count("EVENT") == 2
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.article.frame is not None
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.article.frame is None and frames(article) != []
    in_step(window, article)


def test_keys_without_a_frame_or_span_say_what_to_do(article: Path, open_window: Any,
                                                     qtbot: Any) -> None:
    window = open_window(article)
    caret_in(window, ACTOR_1)
    press(qtbot, window, Qt.Key.Key_J)
    assert window.statusBar().currentMessage().startswith("No frame is open")
    press(qtbot, window, Qt.Key.Key_E)
    assert window.statusBar().currentMessage().startswith("Put the caret in an EVENT span")
    assert not window.event_panel.chooser.isVisible()
    caret_in(window, "اجلاس")
    press(qtbot, window, Qt.Key.Key_E)
    qtbot.keyClicks(window.event_panel.chooser, "co")  # CONSULT, CONCEDE, COOPERATE, COERCE
    assert window.event_panel.matches.count() == 4
    qtbot.keyClick(window.event_panel.chooser, Qt.Key.Key_Escape)
    assert frames(article) == [] and window.article.hasFocus()
    press(qtbot, window, Qt.Key.Key_E)
    qtbot.keyClicks(window.event_panel.chooser, "co")
    qtbot.keyClick(window.event_panel.chooser, Qt.Key.Key_Down)
    qtbot.keyClick(window.event_panel.chooser, Qt.Key.Key_Return)
    assert frames(article) == [("CONCEDE", "اجلاس", [])]
    caret_to(window.article, TEXT.index("روز") + 1)  # no span here
    press(qtbot, window, Qt.Key.Key_J)
    assert window.statusBar().currentMessage().startswith("No span at the caret")


def test_the_letters_of_a_persian_keyboard_layout_work_too(article: Path, open_window: Any,
                                                           qtbot: Any) -> None:
    window = open_window(article)
    caret_in(window, "دیدار")
    persian_key(window.article, "ث")  # E
    type_in(window.event_panel.chooser, "حمایت")  # SUPPORT, by its Persian name
    qtbot.keyClick(window.event_panel.chooser, Qt.Key.Key_Return)
    caret_in(window, MINISTER)
    persian_key(window.article, "ن")  # K
    assert frames(article) == [("SUPPORT", "دیدار", [("recipient", MINISTER)])]


def test_a_frame_edit_that_cannot_be_saved_is_kept_and_saved_by_retry(
        article: Path, open_window: Any, qtbot: Any) -> None:
    window = open_window(article)
    caret_in(window, "دیدار")
    press(qtbot, window, Qt.Key.Key_E)
    qtbot.keyClicks(window.event_panel.chooser, "cons")
    qtbot.keyClick(window.event_panel.chooser, Qt.Key.Key_Return)
    window.project.db.execute_sql("PRAGMA query_only = 1")  # writes now fail
    caret_in(window, ACTOR_1)
    press(qtbot, window, Qt.Key.Key_J)
    caret_in(window, "سوچی")
    press(qtbot, window, Qt.Key.Key_L)
    caret_in(window, "دیدار")
    press(qtbot, window, Qt.Key.Key_Delete)
    assert window.statusBar().currentMessage().startswith("Your edit could not be saved")
    assert frames(article) == [("CONSULT", "دیدار", [])]
    assert window.session.document.events[0].arguments == ()  # not shown as made
    assert [e.applied for e in window.unsaved.edits] == [True, True, True]
    assert window.unsaved.bar.text.text().startswith(
        "⚠ Not saved (the project file or its folder is read-only): actor «دبیرکل حزب موتلفه "
        "اسلامی» of CONSULT «دیدار», location «سوچی» of CONSULT «دیدار», delete EVENT «دیدار»")
    window.project.db.execute_sql("PRAGMA query_only = 0")
    window.unsaved.retry_action.trigger()
    assert window.unsaved.edits == []
    assert frames(article) == []
    in_step(window, article)
    # Each kept edit changed only what it changed: the location did not undo the actor, and
    # undoing the deletion brings the event back with both.
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert frames(article) == [("CONSULT", "دیدار", [("actor", ACTOR_1),
                                                     ("location", "سوچی")])]
    in_step(window, article)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert frames(article) == [("CONSULT", "دیدار", [("actor", ACTOR_1)])]
    in_step(window, article)


def test_a_frame_built_in_one_window_shows_in_another_on_postgresql(
        postgres: Any, open_window: Any, qtbot: Any) -> None:
    url = postgres.new_schema()
    spans = [span_of(TEXT, ACTOR_1, "ACTOR"), span_of(TEXT, ACTOR_2, "ACTOR"),
             span_of(TEXT, "سوچی", "LOCATION"), span_of(TEXT, "دیدار", "EVENT")]
    with Project(url) as project:
        project.add_documents([make_document("mehr", TEXT, spans=spans)])
    first, second = open_window(url), open_window(url)
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow)
    build_frame(first, qtbot, "cons")
    with Project(url, create=False) as project:
        [event] = project.document(project.keys_to_ids()["mehr"], ANALYST).events
    assert [a.role.value for a in event.arguments] == ["actor", "actor", "location"]
    qtbot.waitUntil(lambda: len(second.session.document.events) == 1, timeout=2_500)
    assert [row[0] for row in panel_rows(second)] == ["CONSULT", "actor", "actor", "location"]
    in_step(first, url)
    in_step(second, url)


def test_a_clicked_span_joins_the_frame_and_the_frame_stays_open_when_another_window_edits(
        article: Path, open_window: Any, qtbot: Any) -> None:
    window = open_window(article)
    caret_in(window, "دیدار")
    press(qtbot, window, Qt.Key.Key_E)
    qtbot.keyClicks(window.event_panel.chooser, "cons")
    qtbot.keyClick(window.event_panel.chooser, Qt.Key.Key_Return)
    minister = span_of(TEXT, MINISTER, "ACTOR")
    qtbot.mouseClick(window.article.viewport(), LEFT,
                     pos=point_of(window.article, minister.start + 2))
    press(qtbot, window, Qt.Key.Key_K)
    assert frames(article) == [("CONSULT", "دیدار", [("recipient", MINISTER)])]
    with Project(article) as other:  # another window of the analyst labels the document
        doc_id = other.keys_to_ids()["mehr"]
        other.insert_span(doc_id, span_of(TEXT, "بریکس", "ACTOR").with_(annotator=ANALYST))
    window.refresh_if_changed()
    assert "بریکس" in [TEXT[s.start:s.end] for s in window.session.document.spans]
    assert window.article.frame is not None  # still open
    caret_in(window, ACTOR_1)
    press(qtbot, window, Qt.Key.Key_J)
    assert frames(article)[0][2] == [("recipient", MINISTER), ("actor", ACTOR_1)]


def test_earlier_frames_suggest_the_type_and_the_arguments(location: Path | str,
                                                          open_window: Any, qtbot: Any) -> None:
    # On a project file and on the PostgreSQL server (the counting is the database's).
    # An earlier article framed «ديدار» (with Arabic ي) as CONSULT: ACTOR_1 its actor, the
    # minister its recipient, سوچی its location.
    earlier = f"{MINISTER} و {ACTOR_1} در سوچی ديدار کردند."
    before = make_document("earlier", earlier, spans=[
        span_of(earlier, MINISTER, "ACTOR"), span_of(earlier, ACTOR_1, "ACTOR"),
        span_of(earlier, "سوچی", "LOCATION"), span_of(earlier, "ديدار", "EVENT")])
    minister, actor, place, trigger = before.spans
    before.events = [Event(trigger, "CONSULT", (
        Argument(Role.ACTOR, actor), Argument(Role.RECIPIENT, minister),
        Argument(Role.LOCATION, place)))]
    spans = [span_of(TEXT, ACTOR_1, "ACTOR"), span_of(TEXT, ACTOR_2, "ACTOR"),
             span_of(TEXT, MINISTER, "ACTOR"), span_of(TEXT, "سوچی", "LOCATION"),
             span_of(TEXT, "دیدار", "EVENT")]
    third = f"{ACTOR_1} امروز دیدار کرد."
    with Project(location) as project:
        project.add_documents([before, make_document("mehr", TEXT, spans=spans),
                               make_document("third", third, spans=[
                                   span_of(third, ACTOR_1, "ACTOR"),
                                   span_of(third, "دیدار", "EVENT")])])
    path = location
    window = open_window(path)
    with reopen(path) as project:
        window.session.open(project.keys_to_ids()["mehr"])

    caret_in(window, "دیدار")
    press(qtbot, window, Qt.Key.Key_E)
    matches = window.event_panel.matches
    assert matches.currentRow() == 0
    assert matches.item(0).text() == "CONSULT — suggested: 1 of 1"
    qtbot.keyClick(window.event_panel.chooser, Qt.Key.Key_Return)  # the suggested type
    assert frames(path) == [("CONSULT", "دیدار", [])]
    # The frame lists, greyed, the labels of its sentence the earlier frame had; not ACTOR_2.
    assert panel_rows(window) == [
        ["CONSULT", "«دیدار»"],
        ["actor?", f"«{ACTOR_1}» (suggested: 1 of 1)"],
        ["recipient?", f"«{MINISTER}» (suggested: 1 of 1)"],
        ["location?", "«سوچی» (suggested: 1 of 1)"]]
    assert "Shift+E" in window.event_panel.hint.text()

    press(qtbot, window, Qt.Key.Key_E, SHIFT)  # taken, as one step
    taken = [("CONSULT", "دیدار", [("actor", ACTOR_1), ("recipient", MINISTER),
                                    ("location", "سوچی")])]
    assert frames(path) == taken
    in_step(window, path)
    assert [row[0] for row in panel_rows(window)] == ["CONSULT", "actor", "recipient",
                                                      "location"]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert frames(path) == [("CONSULT", "دیدار", [])]
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert frames(path) == taken

    # Nothing more to suggest: Shift+E says so and changes nothing.
    press(qtbot, window, Qt.Key.Key_E, SHIFT)
    assert frames(path) == taken
    assert "No arguments to suggest" in window.statusBar().currentMessage()

    # The next document opened learns from the frame just made.
    with reopen(path) as project:
        window.session.open(project.keys_to_ids()["third"])
    caret_to(window.article, third.index("دیدار") + 1)
    press(qtbot, window, Qt.Key.Key_E)
    assert window.event_panel.matches.item(0).text() == "CONSULT — suggested: 2 of 2"
    qtbot.keyClick(window.event_panel.chooser, Qt.Key.Key_Return)
    assert panel_rows(window)[1] == ["actor?", f"«{ACTOR_1}» (suggested: 2 of 2)"]


def test_another_analysts_frame_of_the_same_article_is_not_suggested(
        make_project: Any, open_window: Any, qtbot: Any) -> None:
    # Maryam framed «دیدار» of the article; Reza labels it blind: E on his «دیدار» offers
    # nothing, while in another article the same text is offered Maryam's type.
    other = f"{ACTOR_1} امروز دیدار کرد."
    path = make_project([make_document("mehr", TEXT), make_document("other", other)])
    with Project(path) as project:
        ids = project.keys_to_ids()
        for analyst in ("maryam", "reza"):
            for words, label in [(ACTOR_1, "ACTOR"), ("سوچی", "LOCATION"), ("دیدار", "EVENT")]:
                project.insert_span(ids["mehr"], span_of(TEXT, words, label).with_(
                    annotator=analyst))
            project.insert_span(ids["other"], span_of(other, "دیدار", "EVENT").with_(
                annotator=analyst))
        seen = {TEXT[s.start:s.end]: s for s in project.spans(ids["mehr"], "maryam")}
        project.insert_event(ids["mehr"], Event(seen["دیدار"], "CONSULT", (
            Argument(Role.ACTOR, seen[ACTOR_1]),), annotator="maryam"))
    window = open_window(path)
    window.switch_analyst("reza")
    window.session.open(ids["mehr"])
    caret_in(window, "دیدار")
    press(qtbot, window, Qt.Key.Key_E)
    assert "suggested" not in window.event_panel.matches.item(0).text()
    qtbot.keyClick(window.event_panel.chooser, Qt.Key.Key_Escape)

    window.session.open(ids["other"])
    caret_to(window.article, other.index("دیدار") + 1)
    press(qtbot, window, Qt.Key.Key_E)
    assert window.event_panel.matches.item(0).text() == "CONSULT — suggested: 1 of 1"
