"""A pad to draw a signature with mouse, pen or finger. Optional: typing is always enough."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.onboarding.session import Drawing


class SignaturePad(QWidget):
    """Signals:
    drawing_changed: a stroke was added or the pad cleared.
    """

    drawing_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[tuple[float, float]]] = []
        self._pen_down = False
        self.setMinimumSize(360, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setAccessibleName(self.tr("Signature drawing area (optional)"))
        self.setAccessibleDescription(
            self.tr(
                "Draw your signature here with a mouse, pen or finger if you wish. "
                "Your typed name is your signature either way."
            )
        )
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.minimumSize()  # a fixed-height pad: layouts must give it its height

    def drawing(self) -> Drawing | None:
        drawing = Drawing(
            float(self.width()), float(self.height()), [list(s) for s in self.strokes if len(s) > 1]
        )
        return None if drawing.is_empty() else drawing

    def set_drawing(self, drawing: Drawing | None) -> None:
        self.strokes = [list(s) for s in drawing.strokes] if drawing else []
        self.update()

    def clear(self) -> None:
        self.strokes = []
        self.update()
        self.drawing_changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._pen_down = True
        point = event.position()
        self.strokes.append([(point.x(), point.y())])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._pen_down and self.strokes:
            point = event.position()
            self.strokes[-1].append((point.x(), point.y()))
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._pen_down:
            self._pen_down = False
            point = event.position()
            self.strokes[-1].append((point.x(), point.y()))
            self.drawing_changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(Qt.GlobalColor.gray, 1, Qt.PenStyle.DashLine))
        baseline = self.height() - 24
        painter.drawLine(12, baseline, self.width() - 12, baseline)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.setPen(
            QPen(
                Qt.GlobalColor.black,
                2.2,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        for stroke in self.strokes:
            if len(stroke) < 2:
                continue
            path = QPainterPath(QPointF(*stroke[0]))
            for point in stroke[1:]:
                path.lineTo(QPointF(*point))
            painter.drawPath(path)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
