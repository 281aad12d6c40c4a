"""Widgets the consent views share: wrapping check boxes, scrolling pages, messages, folders."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.consent.blocks import KINDS
from app.core.consent.templates import ConsentTemplate
from app.core.packs import Pack
from app.ui.pages.base import wrapping_check
from app.ui.widgets.folder_row import FolderRow
from app.ui.widgets.labels import BAD, GOOD, heading_label, wrapped_label

__all__ = [
    "BAD",
    "GOOD",
    "FolderRow",
    "MessageLabel",
    "button",
    "heading_label",
    "pack_combo",
    "scrolling_page",
    "template_combo",
    "wrapped_label",
    "wrapping_check",
]


def scrolling_page(owner: QWidget) -> QVBoxLayout:
    """Give `owner` a vertical scroll area (never sideways) and return the layout inside."""
    inner = QWidget()
    inner_layout = QVBoxLayout(inner)
    inner_layout.setSpacing(12)
    inner_layout.setContentsMargins(16, 12, 16, 12)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return inner_layout


class MessageLabel(QLabel):
    """An inline message: a problem in red, good news in green, or nothing (hidden)."""

    def __init__(self, accessible_name: str) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(accessible_name)
        self.hide()

    def show_problems(self, problems: list[str]) -> None:
        self._show("\n".join(problems), BAD)

    def show_good(self, text: str) -> None:
        self._show(text, GOOD)

    def show_plain(self, text: str) -> None:
        self._show(text, "")

    def clear_message(self) -> None:
        self.setText("")
        self.hide()

    def _show(self, text: str, colour: str) -> None:
        self.setStyleSheet(f"color: {colour}" if colour else "")
        self.setText(text)
        self.setVisible(bool(text))


def pack_combo(packs: dict[str, Pack], accessible_name: str) -> QComboBox:
    """The organisations (policy packs), named as people know them, the pack id as data."""
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    for pack in sorted(packs.values(), key=lambda p: p.organisation.name.casefold()):
        combo.addItem(f"{pack.organisation.name} ({pack.id})", pack.id)
    return combo


def template_combo(templates: dict[str, ConsentTemplate], accessible_name: str) -> QComboBox:
    """The forms by title, publicity first, then quote, then parent or guardian."""
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    order = {kind: n for n, kind in enumerate(KINDS)}
    for template in sorted(templates.values(), key=lambda t: (order.get(t.kind, 9), t.id)):
        combo.addItem(template.title, template.id)
    return combo


def button(text: str, accessible_name: str, slot: Callable[[], None]) -> QPushButton:
    """A push button with its accessible name, connected to `slot`."""
    push = QPushButton(text)
    push.setAccessibleName(accessible_name)
    push.clicked.connect(slot)
    return push
