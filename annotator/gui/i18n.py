"""The interface language: English, or Persian with a right-to-left layout.

Translations live in a Qt Linguist source file, ``resources/i18n/annotator_fa.ts``, kept by
hand (or refreshed with ``pyside6-lupdate``) and read at run time by :class:`TsTranslator`,
which parses its XML: no compiled ``.qm`` file is committed. Qt's own strings (standard
buttons, context menus) come from the ``qtbase_fa.qm`` that ships with PySide6.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

LANGUAGES = ("en", "fa")


def resolve(setting: str, system: QLocale | None = None) -> str:
    """``en`` or ``fa`` for a language setting of ``system``, ``en`` or ``fa``."""
    if setting in LANGUAGES:
        return setting
    locale = system if system is not None else QLocale.system()
    return "fa" if locale.language() == QLocale.Language.Persian else "en"


def ts_path(language: str) -> Path:
    return Path(str(files("annotator.resources") / "i18n" / f"annotator_{language}.ts"))


class TsTranslator(QTranslator):
    """A QTranslator that reads a Linguist ``.ts`` file directly.

    Unfinished and obsolete entries are skipped, like ``lrelease`` does; numerus messages
    use their first form (Persian has one plural form).
    """

    def __init__(self, path: Path, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._messages: dict[tuple[str, str, str], str] = {}
        self._language = ""
        root = ET.parse(path).getroot()
        self._language = root.get("language", "")
        for context in root.iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("unfinished", "obsolete",
                                                                       "vanished"):
                    continue
                forms = translation.findall("numerusform")
                text = forms[0].text if forms else translation.text
                if not text:
                    continue
                source = message.findtext("source", "")
                comment = message.findtext("comment", "")
                self._messages[(name, source, comment)] = text

    def __len__(self) -> int:
        return len(self._messages)

    def language(self) -> str:
        return self._language

    def isEmpty(self) -> bool:
        return not self._messages

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self._messages.get((context, source, disambiguation or ""))


def install(app: QApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language`` and set the layout direction to match.

    Returns the translators so the caller keeps them alive.
    """
    installed: list[QTranslator] = []
    if language == "fa":
        ours = TsTranslator(ts_path("fa"), app)
        app.installTranslator(ours)
        installed.append(ours)
        qt = QTranslator(app)
        if qt.load("qtbase_fa", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    else:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return installed


def uninstall(app: QApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
