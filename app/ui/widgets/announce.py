"""Messages a person must not miss: scrolled into view and announced to screen readers."""

from __future__ import annotations

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
    """Show `text` in `label`; when it is new and not empty, bring it into view and tell
    assistive technology (an Alert event, as a message box does)."""
    if text == label.text():
        return
    label.setText(text)
    if not text.strip():
        return
    label.setVisible(True)
    label.setAccessibleDescription(text)
    scroll_into_view(label)
    QAccessible.updateAccessibility(QAccessibleEvent(label, QAccessible.Event.Alert))
