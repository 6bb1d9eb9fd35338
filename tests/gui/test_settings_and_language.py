"""What the window remembers, the Persian interface, and starting through ``run``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt

from annotator.gui import i18n
from annotator.gui.settings import DEFAULT_FONT_SIZE, Settings
from tests.gui.conftest import DOC_A, make_document

pytestmark = pytest.mark.gui


def test_font_size_is_adjusted_and_remembered(make_project: Any, open_window: Any,
                                              qtbot: Any, tmp_path: Path) -> None:
    path = make_project([make_document("a", DOC_A)])
    settings_file = tmp_path / "remembered.ini"
    window = open_window(path, settings_file)
    assert window.article.font().pointSize() == DEFAULT_FONT_SIZE
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.article, Qt.Key.Key_Equal, ctrl)
    qtbot.keyClick(window.article, Qt.Key.Key_Equal, ctrl)
    qtbot.keyClick(window.article, Qt.Key.Key_Minus, ctrl)
    assert window.article.font().pointSize() == DEFAULT_FONT_SIZE + 1
    window.splitter.setSizes([200, 700, 250])
    sizes = window.splitter.sizes()
    window.close()
    assert Settings(settings_file).font_size == DEFAULT_FONT_SIZE + 1

    again = open_window(path, settings_file)
    assert again.article.font().pointSize() == DEFAULT_FONT_SIZE + 1
    assert again.splitter.sizes() == sizes


def test_language_setting_is_saved(make_project: Any, open_window: Any,
                                   tmp_path: Path) -> None:
    settings_file = tmp_path / "language.ini"
    window = open_window(make_project([make_document("a", DOC_A)]), settings_file)
    assert window.menu_actions.language["system"].isChecked()
    window.menu_actions.language["fa"].trigger()
    assert Settings(settings_file).language == "fa"
    assert "next starts" in window.statusBar().currentMessage()


def test_language_follows_the_system() -> None:
    persian = QLocale(QLocale.Language.Persian, QLocale.Country.Iran)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert i18n.resolve("system", persian) == "fa"
    assert i18n.resolve("system", english) == "en"
    assert i18n.resolve("en", persian) == "en"
    assert i18n.resolve("fa", english) == "fa"


def test_every_string_has_a_persian_translation(qapp: Any) -> None:
    path = i18n.ts_path("fa")
    messages = ET.parse(path).getroot().findall("context/message")
    assert len(messages) > 80
    translator = i18n.TsTranslator(path)
    assert len(translator) == len(messages)  # none unfinished
    for message in messages:
        source = message.findtext("source", "")
        translation = message.findtext("translation", "")
        fields = re.compile(r"\{\w*\}")
        assert sorted(fields.findall(source)) == sorted(fields.findall(translation)), source


def test_every_interface_string_is_in_the_translation(tmp_path: Path) -> None:
    """Qt's lupdate finds every tr() and translate() of the window; none may be missing."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed")
    sources = sorted(str(p) for p in Path(i18n.__file__).parent.glob("*.py"))
    checked = tmp_path / "annotator_fa.ts"
    shutil.copy(i18n.ts_path("fa"), checked)
    subprocess.run([str(lupdate), *sources, "-ts", str(checked)], check=True,
                   capture_output=True)
    missing = [
        f"{context.findtext('name')}: {message.findtext('source')}"
        for context in ET.parse(checked).getroot().iter("context")
        for message in context.iter("message")
        if message.find("translation[@type='unfinished']") is not None
    ]
    assert missing == []


def test_persian_interface(persian: None, make_project: Any, open_window: Any,
                           qtbot: Any) -> None:
    window = open_window(make_project([make_document("a", DOC_A)]))
    assert window.isRightToLeft()
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[:3] == ["&پرونده", "&ویرایش", "&سند"]
    assert window.progress.text() == "۰ از ۱ انجام شده"
    assert window.documents.model.headerData(0, Qt.Orientation.Horizontal) == "عنوان"
    window.article.place_caret(DOC_A.index("تهران"))
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    assert window.menu_actions.undo.text() == "واگرد: برچسب مکان «تهران»"
    # The list follows the edit on the next turn of the event loop.
    qtbot.waitUntil(lambda: window.documents.model.index(0, 3).data() == "۱")


def test_run_fills_a_new_project_file_with_the_samples(tmp_path: Path) -> None:
    """The whole start, in a process of its own (a second QApplication.exec in this one
    would leave later windows unable to become active)."""
    from annotator.storage import Project

    path = tmp_path / "first-start.sqlite"
    env = {**os.environ, "ANNOTATOR_EXIT_WHEN_SHOWN": "1", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "annotator", "--db", str(path)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"\d+\.\d{6}\n", done.stdout)  # the moment it was shown
    assert "Traceback" not in done.stderr
    with Project(path, create=False) as project:
        assert project.count_documents() >= 1
        assert any(row.key.startswith("000_d61598acf822a000")
                   for row in project.document_rows(limit=1000))
