"""Windows that fit the screen they open on, whatever its size and text scale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# What a window may take of the screen: room for the panel and the title bar.
SCREEN_SHARE = 0.92


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to `width`×`height`, or to what the screen has room for if less."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, int(room.width() * SCREEN_SHARE))
        height = min(height, int(room.height() * SCREEN_SHARE))
    window.resize(width, height)


def scrollable(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: a window can then be smaller than its content
    (large text, small screen) and still show all of it."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(content)
    return area
