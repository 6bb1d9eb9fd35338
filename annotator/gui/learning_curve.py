"""The learning curve in the model report: held-out F1 against the documents a built-in model
was trained on, one line per model, drawn with QPainter from the project's trainings."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPen,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from annotator.services.training import CurvePoint

COLORS = {"crf": QColor("#1f6fb2"), "strings": QColor("#d9730d")}
OTHER = QColor("#6a4c93")


def nice_step(largest: float, ticks: int = 5) -> float:
    """A step of 1, 2 or 5 times a power of ten giving at most about ``ticks`` ticks."""
    if largest <= 0:
        return 1.0
    raw = largest / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


class LearningCurve(QWidget):
    """Held-out F1 (0 to 100%) by documents trained on; a dot for each training."""

    MARGINS = (56, 34, 20, 44)  # left, top, right, bottom

    def __init__(self, curves: Mapping[str, Sequence[CurvePoint]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learningCurve")
        self.curves = {name: list(points) for name, points in sorted(curves.items())
                       if points}
        # Axes read left to right in either language, as charts in Persian print do.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 200)

    def sizeHint(self) -> QSize:
        return QSize(680, 280)

    def plot_area(self) -> QRectF:
        left, top, right, bottom = self.MARGINS
        return QRectF(left, top, self.width() - left - right, self.height() - top - bottom)

    def x_range(self) -> float:
        largest = max((p.documents for points in self.curves.values() for p in points),
                      default=0)
        step = nice_step(largest)
        return max(step, math.ceil(largest / step) * step)

    def position(self, documents: float, f1: float) -> QPointF:
        area = self.plot_area()
        return QPointF(area.left() + area.width() * documents / self.x_range(),
                       area.bottom() - area.height() * f1)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        text = palette.text().color()
        title = QFont(self.font())
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(text)
        self._text(painter, QRectF(0, 4, self.width(), 24), Qt.AlignmentFlag.AlignCenter,
                   self.tr("Held-out F1 by documents trained on"))
        painter.setFont(self.font())
        if not self.curves:
            self._text(painter, QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter,
                       self.tr("No training with held-out scores yet: a model needs five "
                               "documents or more."))
            painter.end()
            return
        self._axes(painter, text)
        for n, (name, points) in enumerate(self.curves.items()):
            self._line(painter, name, points, n)
        painter.end()

    @staticmethod
    def _text(painter: QPainter, rect: QRectF, alignment: Qt.AlignmentFlag, text: str) -> None:
        """A sentence of the interface in its direction (Persian right to left, even when it
        starts with "F1"), wrapped, where the chart's geometry, left to right, puts it."""
        option = QTextOption(alignment | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        option.setTextDirection(QGuiApplication.layoutDirection())
        painter.drawText(rect, text, option)

    def _axes(self, painter: QPainter, text: QColor) -> None:
        area = self.plot_area()
        locale = QLocale()
        grid = QPen(QColor(text))
        grid.setColor(QColor(text.red(), text.green(), text.blue(), 40))
        axis = QPen(text)
        metrics = painter.fontMetrics()
        for tenth in range(0, 11, 2):
            y = area.bottom() - area.height() * tenth / 10
            painter.setPen(grid)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(axis)
            label = f"{locale.toString(tenth * 10)}{locale.percent()}"
            painter.drawText(QRectF(0, y - 10, area.left() - 6, 20),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                             | Qt.AlignmentFlag.AlignVCenter, label)
        top = self.x_range()
        step = nice_step(top)
        value = 0.0
        while value <= top + step / 2:
            x = area.left() + area.width() * value / top
            painter.setPen(grid)
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.setPen(axis)
            painter.drawText(QRectF(x - 40, area.bottom() + 4, 80, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, locale.toString(int(value)))
            value += step
        painter.setPen(axis)
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        self._text(painter, QRectF(area.left(), area.bottom() + 4 + metrics.height(),
                                   area.width(), metrics.height() + 2),
                   Qt.AlignmentFlag.AlignHCenter, self.tr("documents trained on"))

    def _line(self, painter: QPainter, name: str, points: Sequence[CurvePoint], n: int) -> None:
        color = COLORS.get(name, OTHER)
        pen = QPen(color, 2)
        painter.setPen(pen)
        at = [self.position(p.documents, p.f1) for p in points]
        for a, b in itertools.pairwise(at):
            painter.drawLine(a, b)
        painter.setBrush(color)
        for point in at:
            painter.drawEllipse(point, 3.5, 3.5)
        # The legend, top left inside the plot: the model and its latest F1.
        area = self.plot_area()
        metrics = painter.fontMetrics()
        y = area.top() + 8 + n * (metrics.height() + 4)
        painter.drawLine(QPointF(area.left() + 10, y), QPointF(area.left() + 30, y))
        painter.setPen(self.palette().text().color())
        latest = points[-1].f1
        locale = QLocale()
        shown = f"{locale.toString(latest * 100, 'f', 1)}{locale.percent()}"
        painter.drawText(QRectF(area.left() + 36, y - metrics.height() / 2, area.width() - 40,
                                metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
                         | Qt.AlignmentFlag.AlignVCenter, f"{name}  \u2066{shown}\u2069")
        painter.setBrush(Qt.BrushStyle.NoBrush)
