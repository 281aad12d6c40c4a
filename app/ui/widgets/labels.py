"""Text in labels: wrapping labels, bold headings, and the colours and escaping of the rich
text windows show. Light to load: the home window needs it before its first paint."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def wrapped_label(text: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading_label(text: str) -> QLabel:
    """A wrapped bold label: group-box titles cannot wrap, so long prompts use this."""
    label = wrapped_label(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def no_mnemonic(text: str) -> str:
    """`text` for a button or check box as written: an "&" in a name is shown, not taken
    as the next letter's keyboard shortcut."""
    return text.replace("&", "&&")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


GOOD = "#1b5e20"
WARN = "#7a4f00"
BAD = "#b00020"
