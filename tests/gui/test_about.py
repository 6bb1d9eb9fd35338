"""About names the version and the licences of what ships; the window carries the app's icon."""

from __future__ import annotations

import configparser
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import __version__
from annotator.gui import dialogs, i18n
from annotator.gui.app import APP_ID

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def about_text(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about",
                        lambda _parent, _title, text: shown.append(text))
    return shown


def test_about_names_version_and_licences(qapp: QApplication, about_text: list[str]) -> None:
    dialogs.show_about(None)  # type: ignore[arg-type]
    text = about_text[0]
    assert __version__ in text
    assert "Vazirmatn" in text
    assert "SIL Open Font License 1.1" in text
    assert "Mehr" in text
    assert "written for this project" in text


def test_about_in_persian(qapp: QApplication, about_text: list[str]) -> None:
    translators = i18n.install(qapp, "fa")
    try:
        dialogs.show_about(None)  # type: ignore[arg-type]
    finally:
        i18n.uninstall(qapp, translators)
    text = about_text[0]
    assert __version__ in text
    assert "SIL Open Font License 1.1" in text
    assert "مهر" in text


def test_icon_and_desktop_id_agree_with_packaging(qapp: Any) -> None:
    icon = QIcon(str(files("annotator.resources") / "icons" / "annotator.svg"))
    assert not icon.pixmap(64, 64).isNull()
    desktop = ROOT / "packaging" / "linux" / f"{APP_ID}.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(desktop, encoding="utf-8")
    assert entry["Desktop Entry"]["Icon"] == APP_ID
    metainfo = (ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml").read_text("utf-8")
    assert f"<id>{APP_ID}</id>" in metainfo
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in metainfo
