"""Fixtures for the window: hand-written Persian documents in a temporary project file."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.core.model import Document, Span, Status
from annotator.gui import i18n
from annotator.storage import Project
from annotator.text.tokenize import tokenize

pytestmark = pytest.mark.gui

DOC_A = ("عباس عراقچی، وزیر امور خارجه، روز دوشنبه در تهران با «هاوشینگ» دیدار کرد.\n"
         "این دیدار در حاشیهٔ اجلاس بریکس در سوچی برگزار شد.")
DOC_B = "محمدعلی امانی در مراسم حزب موتلفه اسلامی در کازان سخنرانی کرد."
DOC_C = "نشست بین‌المللی بریکس در کازان روسیه برگزار شد."


def make_document(key: str, text: str, title: str = "", status: Status = Status.NEW,
                  spans: Sequence[Span] = ()) -> Document:
    tokens, sentences = tokenize(text)
    return Document(text=text, key=key, title=title or text.partition("\n")[0][:40],
                    status=status, tokens=tokens, sentences=sentences, spans=list(spans))


def span_of(text: str, words: str, label: str, occurrence: int = 0) -> Span:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(words, at + 1)
    return Span(at, at + len(words), label)


@pytest.fixture(scope="session")
def _fonts(qapp: object) -> None:
    from annotator.gui.fonts import load_fonts

    load_fonts()


@pytest.fixture
def make_project(project_path: Path) -> Callable[..., Path]:
    """Write documents to the test's project file; returns its path."""

    def make(documents: Sequence[Document]) -> Path:
        with Project(project_path) as project:
            project.add_documents(documents)
        return project_path

    return make


@pytest.fixture
def three_documents(make_project: Callable[..., Path]) -> Path:
    return make_project([make_document("a", DOC_A), make_document("b", DOC_B),
                         make_document("c", DOC_C)])


@pytest.fixture
def open_window(qtbot: Any, tmp_path: Path, _fonts: None) -> Iterator[Callable[..., Any]]:
    """Open a MainWindow on a project file; closes the window and the project afterwards."""
    from annotator.gui.main_window import MainWindow
    from annotator.gui.settings import Settings

    opened: list[tuple[Any, Project]] = []

    def open_(path: Path, settings_file: Path | None = None) -> MainWindow:
        project = Project(path)
        settings = Settings(settings_file or tmp_path / "settings.ini")
        window = MainWindow(project, settings)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        opened.append((window, project))
        return window

    yield open_
    for window, project in opened:
        window.close()
        project.close()


def reopen(path: Path | str) -> Project:
    """A fresh connection: what the project file holds, not what the window remembers."""
    return Project(path, create=False)


def caret_to(view: Any, cp: int) -> None:
    """Put the article's caret at code point ``cp``."""
    view.place_caret(cp)


def select(view: Any, start: int, end: int) -> None:
    """Select code points ``start..end`` in the article as the keyboard would."""
    view.place_caret(start)
    cursor = view.textCursor()
    cursor.setPosition(view.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def point_of(view: Any, cp: int) -> QPoint:
    """The middle of the character at code point ``cp``, in viewport coordinates."""
    here = view.cursorRect(_cursor(view, cp))
    there = view.cursorRect(_cursor(view, cp + 1))
    if here.top() != there.top():  # the character ends its line
        return QPoint(here.center().x() - 3, here.center().y())
    return QPoint((here.center().x() + there.center().x()) // 2, here.center().y())


def _cursor(view: Any, cp: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_utf16(cp))
    return cursor


LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def persian(qapp: QApplication) -> Iterator[None]:
    """The Persian interface (translations and locale) for one test."""
    before = QLocale()
    translators = i18n.install(qapp, "fa")
    QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
    yield
    i18n.uninstall(qapp, translators)
    QLocale.setDefault(before)
