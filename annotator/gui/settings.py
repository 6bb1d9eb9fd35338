"""What the window remembers between runs: geometry, splitters, font size, language.

Always an explicit organisation and application name (never the QApplication's), so tests
that pass their own ini file, or point XDG_CONFIG_HOME elsewhere, cannot touch real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "annotator"
APPLICATION = "annotator"

DEFAULT_FONT_SIZE = 15
MIN_FONT_SIZE = 8
MAX_FONT_SIZE = 48
LANGUAGES = ("system", "en", "fa")


class Settings:
    """A typed view over QSettings."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self.qsettings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                       ORGANIZATION, APPLICATION)
        else:
            self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self.qsettings.sync()

    @property
    def font_size(self) -> int:
        size = self.qsettings.value("article/font_size", DEFAULT_FONT_SIZE, type=int)
        size = size if isinstance(size, int) else DEFAULT_FONT_SIZE
        return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))

    @font_size.setter
    def font_size(self, size: int) -> None:
        self.qsettings.setValue("article/font_size", int(size))

    @property
    def language(self) -> str:
        value = str(self.qsettings.value("ui/language", "system"))
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self.qsettings.setValue("ui/language", value if value in LANGUAGES else "system")

    @property
    def analyst(self) -> str | None:
        """The name this window works under, once asked (None: not asked yet)."""
        value = self.qsettings.value("work/analyst", "")
        return str(value).strip() or None if value else None

    @analyst.setter
    def analyst(self, name: str) -> None:
        self.qsettings.setValue("work/analyst", name)

    def state(self, key: str) -> QByteArray | None:
        """A saved geometry or splitter state, or None."""
        value = self.qsettings.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"window/{key}", value)
