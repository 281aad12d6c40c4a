"""The wizard's progress list: every step's title, ✓ before the current one, ▶ and bold on it.

The marks are drawn by the list's delegate, not written into its items: changing an
item's text or font makes Qt lay out every item of a word-wrapped list again, which made
each page turn slower the longer the pack. Each row is measured as if bold and marked, so
moving the mark never changes a row's height.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

CURRENT, DONE, TO_COME = "▶", "✓", "  "
Index = QModelIndex | QPersistentModelIndex


class StepList(QListWidget):
    """A list of step titles with the current step (`current`, from 1; 0 for none) marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = 0
        self.setItemDelegate(_StepDelegate(self))

    def set_steps(self, titles: list[str]) -> None:
        """Show these steps, none of them current yet."""
        self.clear()
        for title in titles:
            self.addItem(QListWidgetItem(title))
        self.current = 0

    def shown_text(self, row: int) -> str:
        """What row `row` shows: its mark, a space, its title."""
        number = row + 1
        mark = CURRENT if number == self.current else DONE if number < self.current else TO_COME
        return f"{mark} {self.item(row).text()}"

    def mark(self, number: int) -> None:
        """Make step `number` the current one; only the rows whose mark changes repaint."""
        before, self.current = self.current, number
        if before == number or not self.count():
            return
        low, high = sorted((before or 1, number or 1))
        first = self.visualItemRect(self.item(low - 1))
        last = self.visualItemRect(self.item(min(high, self.count()) - 1))
        self.viewport().update(first.united(last))
        if number:
            item = self.item(number - 1)
            self.setAccessibleDescription(
                self.tr("Step %1 of %2: %3")
                .replace("%1", str(number))
                .replace("%2", str(self.count()))
                .replace("%3", item.text())
            )
            # Scrolled only once the step is out of sight, and then to the middle, so most
            # turns do not scroll at all.
            if not self.viewport().rect().contains(self.visualItemRect(item)):
                self.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)


class _StepDelegate(QStyledItemDelegate):
    def __init__(self, steps: StepList) -> None:
        super().__init__(steps)
        self.steps = steps
        self._measuring = False

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        current = index.row() + 1 == self.steps.current
        if self._measuring:  # the widest the row can be drawn: marked and bold
            option.text = f"{CURRENT} {option.text}"
        else:
            option.text = self.steps.shown_text(index.row())
        if current or self._measuring:
            font = option.font
            font.setBold(True)
            option.font = font

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        self._measuring = True
        try:
            return super().sizeHint(option, index)
        finally:
            self._measuring = False
