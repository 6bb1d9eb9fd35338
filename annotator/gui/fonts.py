"""The bundled Persian font, Vazirmatn (SIL Open Font License, see resources/fonts/OFL.txt)."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

FAMILY = "Vazirmatn"
_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")


def load_fonts() -> list[str]:
    """Register the bundled fonts with Qt (idempotent); returns the families they provide."""
    families: list[str] = []
    folder = files("annotator.resources") / "fonts"
    for name in _FILES:
        data = (folder / name).read_bytes()
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return sorted(set(families))


def interface_font(persian: bool) -> QFont:
    """The interface font: Vazirmatn first for Persian, else the system font with Vazirmatn
    as the fallback for Persian titles and text."""
    font = QFont(QGuiApplication.font())
    default = font.family()
    font.setFamilies([FAMILY, default] if persian else [default, FAMILY])
    return font
