"""What a person would see as broken in a window: larger than the screen, controls on top of
each other, text or buttons cut off. Returns the problems in words, one per line."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QScrollBar,
    QWidget,
)

# Widgets whose own children are parts of one control, drawn by Qt on top of each other.
_COMPOUND = (QAbstractScrollArea, QAbstractSpinBox, QComboBox, QScrollBar, QAbstractButton)
_CONTROLS = (QAbstractButton, QLineEdit, QComboBox)
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


def _name(widget: QWidget) -> str:
    text = widget.accessibleName() or getattr(widget, "text", lambda: "")() or ""
    return f"{type(widget).__name__}({text[:40]!r})"


def _visible_children(widget: QWidget) -> list[QWidget]:
    return [
        child
        for child in widget.findChildren(QWidget, options=_DIRECT)
        if child.isVisible() and not child.isWindow() and not child.geometry().isEmpty()
    ]


def _clipped_by_ancestors(widget: QWidget, window: QWidget) -> bool:
    """Part of `widget` lies outside what its ancestors show (scroll areas excepted)."""
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and (
            parent is parent.parentWidget().viewport()
        ):
            return False  # scrolling shows the rest
        shown = QRect(parent.mapTo(window, parent.rect().topLeft()), parent.size())
        if not shown.contains(rect):
            return True
        parent = parent.parentWidget()
    return not window.rect().contains(rect)


def _rows_on_top(view: QListView) -> list[str]:
    """Rows of a list drawn over the row before them (a row's height comes from a fresh
    measurement, its place from the last layout: they disagree when a layout is missed)."""
    model = view.model()
    rects = [view.visualRect(model.index(row, 0)) for row in range(model.rowCount())]
    return [
        f"row {row + 2} starts {rects[row].bottom() + 1 - rects[row + 1].top()} px inside row "
        f"{row + 1}"
        for row in range(len(rects) - 1)
        if rects[row + 1].top() <= rects[row].bottom()
    ]


def problems_in(window: QWidget) -> list[str]:
    """Everything wrong with the layout of `window` as it is on screen now."""
    found: list[str] = []
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    title = window.windowTitle() or type(window).__name__
    if frame.width() > screen.width() or frame.height() > screen.height():
        found.append(f"{title}: {frame.width()}×{frame.height()} is larger than the screen")
    elif not screen.contains(frame):
        found.append(f"{title}: {frame} reaches outside the screen {screen}")
    stack = [window]
    while stack:
        widget = stack.pop()
        children = _visible_children(widget)
        if not isinstance(widget, _COMPOUND):
            stack.extend(children)
            laid_out = [c for c in children if widget.layout() and widget.layout().indexOf(c) >= 0]
            for i, first in enumerate(laid_out):
                for second in laid_out[i + 1 :]:
                    if first.geometry().intersects(second.geometry()):
                        found.append(f"{title}: {_name(first)} overlaps {_name(second)}")
        else:
            stack.extend(c for c in children if isinstance(widget, QAbstractScrollArea))
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 2:
                found.append(
                    f"{title}: {_name(widget)} is cut off ({widget.height()} of {needed} px)"
                )
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            found.append(f"{title}: {_name(widget)} must be scrolled sideways to see it all")
        if isinstance(widget, QListView):
            found += [f"{title}: {_name(widget)}: {p}" for p in _rows_on_top(widget)]
        if isinstance(widget, _CONTROLS):
            hint = widget.minimumSizeHint()
            if widget.height() + 2 < hint.height():
                found.append(f"{title}: {_name(widget)} is squashed to {widget.height()} px")
        if (
            isinstance(widget, (*_CONTROLS, QLabel))
            and widget is not window
            and _clipped_by_ancestors(widget, window)
        ):
            found.append(f"{title}: {_name(widget)} is partly hidden")
    return found


def screenshot(window: QWidget, name: str) -> Path:
    """Save what is on screen where `window` is, under the lane's screenshot folder."""
    folder = Path(os.environ.get("INDUCT_SCREENSHOTS", "build/window-screenshots/100%-1366x900"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    for _ in range(5):
        QApplication.processEvents()
    frame = window.frameGeometry()
    window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()).save(
        str(path)
    )
    return path
