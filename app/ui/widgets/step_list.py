"""The wizard's progress list: every step's title, ✓ before the current one, ▶ and bold on it.

The marks are drawn by the list's delegate, not written into its items: changing an
item's text or font makes Qt lay out every item of a word-wrapped list again, which made
each page turn slower the longer the pack. Each row is as tall as it is shown (a bold
title can wrap where the plain one does not); Qt lays the list out again only when moving
the mark changes a row's height, and then from the heights already measured.

QWizard hides and shows its whole contents on every page turn, so the list is painted
again in full each time: what it paints must not cost more with 200 steps than with 12.
A row's height is measured once (Qt asks for it again for every row it paints), and the
scroll bar a long list has is drawn once for each position and then copied (the style
fills its tall gradients across threads, which on a busy machine cost more than the whole
list).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QListWidgetItem,
    QScrollBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionSlider,
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
        self._delegate = _StepDelegate(self)
        self.setItemDelegate(self._delegate)
        self.setVerticalScrollBar(CachedScrollBar(Qt.Orientation.Vertical, self))

    def set_steps(self, titles: list[str]) -> None:
        """Show these steps, none of them current yet."""
        self._delegate.forget_sizes()
        self.clear()
        for title in titles:
            self.addItem(QListWidgetItem(title))
        self.current = 0

    def shown_text(self, row: int) -> str:
        """What row `row` shows: its mark, a space, its title."""
        return f"{self.mark_of(row)} {self.item(row).text()}"

    def mark_of(self, row: int, current: int | None = None) -> str:
        """Row `row`'s mark while step `current` (by default the current one) is current."""
        number, current = row + 1, self.current if current is None else current
        return CURRENT if number == current else DONE if number < current else TO_COME

    def mark(self, number: int) -> None:
        """Make step `number` the current one; only the rows whose mark changes repaint."""
        before, self.current = self.current, number
        if before == number or not self.count():
            return
        low, high = sorted((before or 1, number or 1))
        high = min(high, self.count())
        first = self.visualItemRect(self.item(low - 1))
        last = self.visualItemRect(self.item(high - 1))
        self.viewport().update(first.united(last))
        # Their marks changed, and maybe their heights: then every row below moves, at once,
        # so nothing is ever painted over the row above it.
        rows = range(low - 1, high)
        if any([self._delegate.grew_or_shrank(row, self.mark_of(row, before)) for row in rows]):
            self.doItemsLayout()
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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._delegate.forget_sizes()  # text measures differently now
        super().changeEvent(event)


class _StepDelegate(QStyledItemDelegate):
    def __init__(self, steps: StepList) -> None:
        super().__init__(steps)
        self.steps = steps
        # (row, mark): (width measured at, size); and the width Qt last gave each row.
        self._sizes: dict[tuple[int, str], tuple[int, QSize]] = {}
        self._widths: dict[int, int] = {}

    def forget_sizes(self) -> None:
        self._sizes.clear()
        self._widths.clear()

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.text = self.steps.shown_text(index.row())
        if index.row() + 1 == self.steps.current:
            font = option.font
            font.setBold(True)
            option.font = font

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        # Qt measures every row it paints or locates, on every paint: each is measured once
        # for the width the list gives it (titles wrap) and the mark it has, and a new font
        # or style forgets them all (StepList.changeEvent). A row that fits a narrower
        # width keeps its size: its lines break where they did (the scroll bar appearing
        # narrows every row).
        row, width = index.row(), option.rect.width()
        self._widths[row] = width
        key = (row, self.steps.mark_of(row))
        known = self._sizes.get(key)
        if known is not None:
            measured_at, size = known
            if size.width() <= width <= measured_at:
                return QSize(size)
        size = super().sizeHint(option, index)
        self._sizes[key] = (width, size)
        return QSize(size)

    def grew_or_shrank(self, row: int, mark_before: str) -> bool:
        """Whether row `row`, measured with the mark it has now, is taller or shorter than
        it was with `mark_before` (Qt places rows by the heights it was given last)."""
        width = self._widths.get(row)
        before = self._sizes.get((row, mark_before))
        if width is None or before is None:  # never laid out yet: Qt measures it when it is
            return False
        option = QStyleOptionViewItem()
        self.steps.initViewItemOption(option)
        option.rect.setWidth(width)
        return (
            self.sizeHint(option, self.steps.model().index(row, 0)).height() != before[1].height()
        )


class CachedScrollBar(QScrollBar):
    """A scroll bar that draws itself once for each position, size and look, and copies that
    drawing while nothing about it changes. Under the pointer or while pressed it is drawn
    afresh every time, so hover and press feedback stay as the style makes them."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._drawn_for: tuple[object, ...] | None = None
        self._drawing = QPixmap()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        self._drawn_for = None  # style, palette, direction, orientation...: draw again
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        style = self.style()
        if (
            self.underMouse()
            or self.isSliderDown()
            or QApplication.mouseButtons() != Qt.MouseButton.NoButton
            or style.styleHint(QStyle.StyleHint.SH_ScrollBar_Transient, None, self)
        ):
            self._drawn_for = None
            super().paintEvent(event)
            return
        ratio = self.devicePixelRatioF()
        # Everything the style draws a scroll bar from (changeEvent covers the rest); read
        # from the widget, as building the style's option on every paint costs more.
        drawn_for = (
            self.width(),
            self.height(),
            ratio,
            self.minimum(),
            self.maximum(),
            self.sliderPosition(),
            self.pageStep(),
            self.orientation(),
            self.invertedAppearance(),
            self.layoutDirection(),
            self.isEnabled(),
            self.isActiveWindow(),
            self.hasFocus(),
            self.palette().cacheKey(),
            id(style),
        )
        if drawn_for != self._drawn_for:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            option.subControls = QStyle.SubControl.SC_All
            drawing = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            drawing.setDevicePixelRatio(ratio)
            # On the window's own background, as on screen: the style's soft edges blend
            # with it once, exactly as when it paints the scroll bar directly.
            drawing.fill(self.palette().color(self.backgroundRole()))
            painter = QPainter(drawing)
            style.drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, option, painter, self)
            painter.end()
            self._drawn_for, self._drawing = drawn_for, drawing
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._drawing)
        painter.end()
