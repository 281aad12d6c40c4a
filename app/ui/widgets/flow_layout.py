"""A row of controls that wraps onto more rows when the window is too narrow for it (large
text, a small screen), so nothing has to be scrolled sideways into view."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items left to right at their preferred widths, as many to a row as fit; the room
    left in a row goes to the items that expand horizontally, shared equally."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """All on one row."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown)
        width += self._gap() * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        """One item to a row: as narrow as the widest item can be."""
        shown = self._shown()
        width = max((item.minimumSize().width() for item in shown), default=0)
        return self._with_margins(QSize(width, self.heightForWidth(width)))

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]  # hidden widgets are empty

    def _gap(self) -> int:
        spacing = self.spacing()
        if spacing >= 0:
            return spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        button = QSizePolicy.ControlType.PushButton  # as a horizontal box spaces controls
        return parent.style().layoutSpacing(button, button, Qt.Orientation.Horizontal)

    def _with_margins(self, size: QSize) -> QSize:
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the items out in `rect` (only measuring unless `place`); the height used."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        gap = self._gap()
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            width = _width(item, area.width())
            if rows[-1] and used + gap + width > area.width():
                rows.append([])
                used = 0
            used += (gap if rows[-1] else 0) + width
            rows[-1].append(item)
        y = area.y()
        for row in rows:
            if not row:
                continue
            widths = [_width(item, area.width()) for item in row]
            spare = max(area.width() - sum(widths) - gap * (len(row) - 1), 0)
            growing = [
                i
                for i, item in enumerate(row)
                if item.expandingDirections() & Qt.Orientation.Horizontal
            ]
            for n, i in enumerate(growing):
                widths[i] += spare // len(growing) + (1 if n < spare % len(growing) else 0)
            height = max(
                item.heightForWidth(w) if item.hasHeightForWidth() else item.sizeHint().height()
                for item, w in zip(row, widths, strict=True)
            )
            x = area.x()
            for item, width in zip(row, widths, strict=True):
                if place:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
                x += width + gap
            y += height + gap
        return y - gap - area.y() + margins.top() + margins.bottom() if y > area.y() else 0


def _width(item: QLayoutItem, room: int) -> int:
    """An item's width in a row `room` wide: what it prefers, less if the row is narrower,
    never less than its minimum."""
    return max(min(item.sizeHint().width(), room), item.minimumSize().width())
