"""Several analysts in the window: one labels, another (blind to the first) labels otherwise,
then a curator settles the document by keys, and the export holds the curated labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from annotator.core.events import Argument, Event, Role
from annotator.core.model import Status
from annotator.services.exporting import ExportOptions, export
from annotator.storage import EVERYONE, Project
from tests.gui.conftest import DOC_A, DOC_B, caret_to, make_document, reopen, select, span_of

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def label_token(window: Any, qtbot: Any, word: str, key: Qt.Key) -> None:
    caret_to(window.article, DOC_A.index(word) + 1)
    qtbot.keyClick(window.article, key)


def label_words(window: Any, qtbot: Any, words: str, key: Qt.Key) -> None:
    start = DOC_A.index(words)
    select(window.article, start, start + len(words))
    qtbot.keyClick(window.article, key)


def test_two_analysts_then_curation_by_keys(make_project: Any, open_window: Any, qtbot: Any,
                                            tmp_path: Path) -> None:
    path = make_project([make_document("a", DOC_A), make_document("b", DOC_B)])
    window = open_window(path)
    window.switch_analyst("maryam")
    assert window.windowTitle().endswith("— maryam")
    label_words(window, qtbot, "عباس عراقچی", Qt.Key.Key_1)
    label_token(window, qtbot, "تهران", Qt.Key.Key_3)
    label_token(window, qtbot, "هاوشینگ", Qt.Key.Key_1)
    qtbot.keyClick(window.article, Qt.Key.Key_Return, CTRL)  # done; the next opens

    window.switch_analyst("ali")
    window.session.open(window.project.keys_to_ids()["a"])
    # Blind labelling: maryam's labels are not ali's to see.
    assert window.session.document.spans == []
    label_words(window, qtbot, "عباس عراقچی", Qt.Key.Key_1)
    label_token(window, qtbot, "تهران", Qt.Key.Key_3)
    label_token(window, qtbot, "سوچی", Qt.Key.Key_3)
    label_token(window, qtbot, "هاوشینگ", Qt.Key.Key_3)  # LOCATION where maryam said ACTOR
    with Project(path) as project:
        doc_id = project.keys_to_ids()["a"]
        assert [s.label for s in project.spans(doc_id, "maryam")] == ["ACTOR", "LOCATION",
                                                                      "ACTOR"]
        assert project.document(doc_id, "maryam").status == Status.DONE
        assert project.document(doc_id, "ali").status == Status.IN_PROGRESS

    window.switch_analyst("sara")  # the curator
    window.session.open(doc_id)
    window.curator.toggle.trigger()
    assert window.session.curating and window.curation_panel.isVisible()
    # Taken at once: what both made alike.
    assert [(DOC_A[s.start:s.end], s.label, s.agreed) for s in window.session.document.spans] \
        == [("عباس عراقچی", "ACTOR", ("ali", "maryam")), ("تهران", "LOCATION", ("ali", "maryam"))]
    assert window.curation_panel.list.count() == 2  # هاوشینگ, سوچی
    qtbot.keyClick(window.article, Qt.Key.Key_D)  # the first disagreement: هاوشینگ
    assert window.article.selection() == (DOC_A.index("هاوشینگ"),
                                          DOC_A.index("هاوشینگ") + len("هاوشینگ"))
    versions = window.session.curation.disagreements[0].distinct_versions()
    ali_version = next(n for n, (_, who) in enumerate(versions, 1) if who == ("ali",))
    qtbot.keyClick(window.article, getattr(Qt.Key, f"Key_{ali_version}"), ALT)
    qtbot.keyClick(window.article, Qt.Key.Key_0, ALT)  # سوچی (ali's alone): none
    assert window.curator.decided() == {0, 1}
    spans = [(DOC_A[s.start:s.end], s.label, s.agreed) for s in window.session.document.spans]
    assert spans == [("عباس عراقچی", "ACTOR", ("ali", "maryam")),
                     ("تهران", "LOCATION", ("ali", "maryam")),
                     ("هاوشینگ", "LOCATION", ("ali",))]
    # An undo of the choice, and its redo, as for any edit.
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    assert len(window.session.document.spans) == 2
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(window.session.document.spans) == 3
    # And a label anew, by the label keys, as the curator's own.
    label_token(window, qtbot, "بریکس", Qt.Key.Key_2)
    qtbot.keyClick(window.article, Qt.Key.Key_Return, CTRL)  # curation finished
    with Project(path) as project:
        row = project.curation_of(doc_id)
        assert row is not None and row.curator == "sara" and row.finished
        curated = [(s.label, s.annotator, s.agreed) for s in
                   project.spans(doc_id, EVERYONE) if s.agreed is not None]
        assert ("EVENT", "sara", ()) in curated
        out = tmp_path / "curated.jsonl"
        export(project, out, ExportOptions())
    record = next(r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())
                  if r["id"] == "a")
    assert [(s["text"], s["label"], s["analyst"]) for s in record["spans"]] == [
        ("عباس عراقچی", "ACTOR", "sara"), ("تهران", "LOCATION", "sara"),
        ("هاوشینگ", "LOCATION", "sara"), ("بریکس", "EVENT", "sara")]
    window.grab().save(str(tmp_path / "curation.png"))


def test_other_analysts_labels_shown_when_the_project_says(make_project: Any, open_window: Any,
                                                           qtbot: Any, tmp_path: Path) -> None:
    path = make_project([make_document("a", DOC_A)])
    window = open_window(path)
    window.switch_analyst("maryam")
    label_words(window, qtbot, "عباس عراقچی", Qt.Key.Key_1)
    label_token(window, qtbot, "تهران", Qt.Key.Key_3)
    window.switch_analyst("ali")
    label_token(window, qtbot, "تهران", Qt.Key.Key_3)
    # Blind by default: nothing of maryam's in ali's view, nor under his text.
    assert not window.others_action.isChecked()
    assert window.session.others == [] and window.article.others_at(DOC_A.index("عباس")) == []

    window.others_action.trigger()  # View → Other Analysts' Labels: the project's setting
    with Project(path) as project:
        assert project.setting("show_others_labels") is True
    others = window.article.others_at(DOC_A.index("عباس") + 1)
    assert [(DOC_A[s.start:s.end], s.label, s.annotator) for s in others] == [
        ("عباس عراقچی", "ACTOR", "maryam")]
    assert [(DOC_A[s.start:s.end], s.annotator) for s in window.session.others] == [
        ("عباس عراقچی", "maryam"), ("تهران", "maryam")]
    # They are shown, not his: his labels and edits stay his own.
    assert [DOC_A[s.start:s.end] for s in window.session.document.spans] == ["تهران"]
    window.article.viewport().repaint()  # drawn without error, in maryam's colour

    # Another window (maryam's, another process) labels: ali's shows it on its next look.
    with Project(path) as project:
        from annotator.core.model import Span
        doc_id = project.keys_to_ids()["a"]
        start = DOC_A.index("سوچی")
        project.insert_span(doc_id, Span(start, start + len("سوچی"), "LOCATION",
                                         annotator="maryam"))
    window.refresh_if_changed()
    assert "سوچی" in [DOC_A[s.start:s.end] for s in window.session.others]

    window.others_action.trigger()  # off again: blind
    assert window.session.others == [] and window.article.others_at(start) == []


def test_curation_takes_the_events_all_made_alike_and_frames_are_built_by_keys(
        make_project: Any, open_window: Any, qtbot: Any, tmp_path: Path) -> None:
    # Maryam and Ali label alike but for «اجلاس» (Ali: «اجلاس بریکس»), and frame «دیدار»
    # alike (CONSULT: عباس عراقچی meets هاوشینگ in تهران); Maryam frames «اجلاس» too.
    path = make_project([make_document("a", DOC_A)])
    alike = [("عباس عراقچی", "ACTOR"), ("تهران", "LOCATION"), ("هاوشینگ", "ACTOR"),
             ("دیدار", "EVENT"), ("سوچی", "LOCATION")]
    with Project(path) as project:
        doc_id = project.keys_to_ids()["a"]
        for analyst, summit in (("maryam", "اجلاس"), ("ali", "اجلاس بریکس")):
            for words, label in [*alike, (summit, "EVENT")]:
                project.insert_span(doc_id, span_of(DOC_A, words, label).with_(
                    annotator=analyst))
            seen = {DOC_A[s.start:s.end]: s for s in project.spans(doc_id, analyst)}
            project.insert_event(doc_id, Event(seen["دیدار"], "CONSULT", (
                Argument(Role.ACTOR, seen["عباس عراقچی"]),
                Argument(Role.RECIPIENT, seen["هاوشینگ"]),
                Argument(Role.LOCATION, seen["تهران"])), annotator=analyst))
            if analyst == "maryam":
                project.insert_event(doc_id, Event(seen["اجلاس"], "AGREE", annotator=analyst))
            project.set_status(doc_id, Status.DONE, analyst)
    window = open_window(path)
    window.switch_analyst("sara")
    window.session.open(doc_id)
    window.curator.toggle.trigger()
    assert window.session.curating and window.event_panel.isVisible()

    def events() -> list[tuple[str, str, list[tuple[str, str]]]]:
        """The curated events as the project file has them."""
        with reopen(path) as project:
            doc = project.document(doc_id, EVERYONE)
        return [(e.type, DOC_A[e.trigger.start:e.trigger.end],
                 [(a.role.value, DOC_A[a.span.start:a.span.end]) for a in e.arguments])
                for e in doc.events if e.trigger.agreed is not None and e.annotator == "sara"]

    meeting = ("CONSULT", "دیدار", [("actor", "عباس عراقچی"), ("location", "تهران"),
                                    ("recipient", "هاوشینگ")])
    # Taken at once: the event both made alike, on the curated labels, shown and listed.
    assert events() == [meeting]
    [shown] = window.session.document.events
    assert all(any(s is own for own in window.session.document.spans) for s in shown.spans())
    assert window.event_panel.frames.topLevelItemCount() == 1
    assert "Event disagreements: 1" in window.curation_panel.heading.text()
    assert window.curation_panel.list.count() == 2  # «اجلاس»'s spans, then its events

    # The span disagreement: Maryam's «اجلاس»; then its frame, built by keys on it.
    qtbot.keyClick(window.article, Qt.Key.Key_D)
    versions = window.session.curation.disagreements[0].distinct_versions()
    hers = next(n for n, (_, who) in enumerate(versions, 1) if who == ("maryam",))
    qtbot.keyClick(window.article, getattr(Qt.Key, f"Key_{hers}"), ALT)
    window.curation_panel.list.setCurrentRow(1)  # the event disagreement: its trigger
    assert window.article.selected_span is not None
    assert DOC_A[window.article.selected_span.start:window.article.selected_span.end] == "اجلاس"
    qtbot.keyClick(window.article, Qt.Key.Key_E)
    qtbot.keyClicks(window.event_panel.chooser, "cons")
    qtbot.keyClick(window.event_panel.chooser, Qt.Key.Key_Return)
    caret_to(window.article, DOC_A.index("سوچی") + 1)
    qtbot.keyClick(window.article, Qt.Key.Key_L)
    summit = ("CONSULT", "اجلاس", [("location", "سوچی")])
    assert events() == [meeting, summit]
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)  # the location out again, and back
    assert events() == [meeting, ("CONSULT", "اجلاس", [])]
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert events() == [meeting, summit]

    # Taking Ali's version replaces the trigger: its event goes in the same step, and an undo
    # brings both back.
    window.curator.current = 0
    alis = next(n for n, (_, who) in enumerate(versions, 1) if who == ("ali",))
    qtbot.keyClick(window.article, getattr(Qt.Key, f"Key_{alis}"), ALT)
    assert events() == [meeting]
    assert len(window.session.document.events) == 1
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    assert events() == [meeting, summit]
    assert len(window.session.document.events) == 2

    qtbot.keyClick(window.article, Qt.Key.Key_Return, CTRL)  # curation finished
    with Project(path) as project:
        out = tmp_path / "curated.jsonl"
        assert export(project, out, ExportOptions()).events == 2
    [record] = map(json.loads, out.read_text(encoding="utf-8").splitlines())
    names = {s["id"]: s["text"] for s in record["spans"]}
    assert [(e["type"], names[e["trigger"]]) for e in record["events"]] == [
        ("CONSULT", "دیدار"), ("CONSULT", "اجلاس")]
    # Back to labelling as sara: her own (no) events.
    window.curator.toggle.trigger()
    assert not window.session.curating and window.session.document.events == []
