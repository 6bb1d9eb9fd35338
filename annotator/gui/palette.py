"""The label palette: the legend of labels with their keys and colours; a click applies one."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from annotator.core.model import Label
from annotator.gui.label_names import shown_label


def text_color(background: QColor) -> str:
    """Black on light label colours, white on dark ones."""
    return "#000000" if background.lightnessF() > 0.55 else "#ffffff"


class LabelPalette(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelPalette")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.buttons: dict[str, QToolButton] = {}

    def set_labels(self, labels: list[Label], actions: Mapping[str, QAction]) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        caption = QLabel(self.tr("Labels:"), self)
        self._layout.addWidget(caption)
        for label in labels:
            button = QToolButton(self)
            button.setObjectName(f"label-{label.name}")
            action = actions.get(label.name)
            if action is not None:
                button.setDefaultAction(action)
            name = shown_label(label.name)
            button.setText(f"{label.key}  {name}" if label.key else name)
            color = QColor(label.color)
            button.setStyleSheet(
                f"QToolButton {{ background: {color.name()}; color: {text_color(color)};"
                f" border: 1px solid {color.darker(130).name()}; border-radius: 4px;"
                " padding: 2px 10px; }"
                f"QToolButton:hover {{ border: 2px solid {color.darker(170).name()}; }}"
            )
            self._layout.addWidget(button)
            self.buttons[label.name] = button
        self._layout.addStretch(1)
