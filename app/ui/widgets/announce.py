"""Messages a person must not miss: scrolled into view and announced to screen readers."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget


def scroll_into_view(widget: QWidget) -> None:
    """Scroll every scroll area holding `widget` so that it shows."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            parent.ensureWidgetVisible(widget, 8, 8)
        parent = parent.parentWidget()


def announce(label: QLabel, text: str) -> None:
    """Show `text` in `label`. When it is new, not empty, and its page is on screen (not
    being filled before it opens), bring it into view and tell assistive technology (an
    Alert event, as a message box does)."""
    changed = text != label.text()
    label.setText(text)
    if not text.strip():
        return
    label.setVisible(True)
    parent = label.parentWidget()
    if not changed or parent is None or not parent.isVisible():
        return
    label.setAccessibleDescription(text)
    scroll_into_view(label)
    # once more after the layout has made room for the new text
    QTimer.singleShot(0, label, lambda: scroll_into_view(label))
    QAccessible.updateAccessibility(QAccessibleEvent(label, QAccessible.Event.Alert))
