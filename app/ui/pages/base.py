"""What every onboarding page has: the shared context and a `changed` signal for autosave."""

from __future__ import annotations

import html
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.ui.context import OnboardingContext

ButtonT = TypeVar("ButtonT", bound=QAbstractButton)


class OnboardingPage(QWizardPage):
    """A wizard page over the shared OnboardingContext.

    Signals:
        changed: the person changed an answer; the wizard saves shortly after.
    """

    changed = Signal()

    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx


def wrapped_label(text: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def scrolling(layout_owner: QWizardPage) -> QVBoxLayout:
    """Give `layout_owner` a scroll area and return the layout to fill inside it."""
    inner = QWidget()
    inner_layout = QVBoxLayout(inner)
    inner_layout.setSpacing(14)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(inner)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # Text wraps to the window's width; nothing should need sideways scrolling.
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    outer = QVBoxLayout(layout_owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return inner_layout


def heading_label(text: str) -> QLabel:
    """A wrapped bold label: group-box titles cannot wrap, so long prompts use this."""
    label = wrapped_label(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class _ClickableLabel(QLabel):
    """The text beside a check box or radio button: clicking it clicks the button."""

    def __init__(self, text: str, target: QAbstractButton) -> None:
        super().__init__(text)
        self.target = target
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.target.click()  # does nothing while the button is disabled


def _wrapping(button: ButtonT, text: str) -> tuple[QWidget, ButtonT]:
    """`button` with its long text in a wrapping label beside it (a button's own text
    cannot wrap); the button carries the text as its accessible name."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    button.setAccessibleName(text)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(_ClickableLabel(text, button), 1)
    return row, button


def wrapping_radio(text: str) -> tuple[QWidget, QRadioButton]:
    """A radio button whose long text wraps."""
    return _wrapping(QRadioButton(), text)


def wrapping_check(text: str) -> tuple[QWidget, QCheckBox]:
    """A check box whose long text wraps; disable the row to grey out both."""
    return _wrapping(QCheckBox(), text)


def clear_layout(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        inner = item.layout()
        if widget is not None:
            widget.deleteLater()
        elif isinstance(inner, QVBoxLayout):
            clear_layout(inner)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


GOOD = "#1b5e20"
WARN = "#7a4f00"
BAD = "#b00020"
