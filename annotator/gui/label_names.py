"""Labels as the interface shows them: in the Persian interface the three labels every project
starts with by their Persian names (ACTOR «کنشگر», EVENT «رویداد», LOCATION «مکان»), any other
label by its own name. Files, the command line and the project keep the names."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def shown_label(name: str) -> str:
    """``name`` as the interface shows it (see the module's docstring)."""
    translate = QCoreApplication.translate
    if name == "ACTOR":
        return translate("Labels", "ACTOR")
    if name == "EVENT":
        return translate("Labels", "EVENT")
    if name == "LOCATION":
        return translate("Labels", "LOCATION")
    return name
