"""Parts of the on-screen form: a labelled input, the template stamp and its hash, the child's
own agreement, and the parent's details asked for when someone under age gives a quote."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.consent.form import ConsentForm
from app.core.consent.templates import Block
from app.ui.consent.common import MessageLabel, wrapped_label, wrapping_check
from app.ui.pages.base import wrapping_radio
from app.ui.widgets.labels import esc

W = TypeVar("W", bound=QWidget)

PARENTAL_RESPONSIBILITY = (
    "I have parental responsibility for this person, or I am the local "
    "authority or carer who may give consent for them."
)
OBJECTION_RULE = (
    "A child's objection overrides a parent's consent: if the child says no, now or "
    "later, every purpose counts as refused, whatever is ticked."
)
DISAGREEMENT = (
    "(For the person recording this) Another person with parental responsibility "
    "disagrees. This counts as no consent."
)


def labelled(layout: QVBoxLayout, text: str, widget: W) -> W:
    """Add `text` above `widget` (its buddy and accessible name) to `layout`; returns `widget`."""
    holder = QWidget()
    inner = QVBoxLayout(holder)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(3)
    label = QLabel(text)
    label.setWordWrap(True)
    label.setBuddy(widget)
    widget.setAccessibleName(text)
    inner.addWidget(label)
    inner.addWidget(widget)
    layout.addWidget(holder)
    return widget


class AdultPart(QGroupBox):
    """The parent's or guardian's name, relationship and confirmation (Q7, G2, G8).

    Signals:
        edited: something here changed.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Parent or guardian"), parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                self.tr("The person is under age, so a parent or guardian signs as well.")
            )
        )
        self.name = labelled(layout, self.tr("Parent's or guardian's full name"), QLineEdit())
        self.relationship = labelled(
            layout, self.tr("Their relationship to the person"), QLineEdit()
        )
        row, self.confirmed = wrapping_check(self.tr(PARENTAL_RESPONSIBILITY))
        layout.addWidget(row)
        row, self.disagreement = wrapping_check(self.tr(DISAGREEMENT))
        layout.addWidget(row)
        for edit in (self.name, self.relationship):
            edit.textChanged.connect(self.edited)
        for box in (self.confirmed, self.disagreement):
            box.toggled.connect(self.edited)

    def fields(self) -> dict[str, str]:
        return {"guardian-name": self.name.text(), "relationship": self.relationship.text()}


class StampFrame(QFrame):
    """The template's id, version and date and the SHA-256 of the form's exact text, which
    can be shown in full."""

    def __init__(self, form: ConsentForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(self)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        self.version_line = QLabel(
            f"<b>{esc(form.version_label)}</b><br>{esc(self.tr('SHA-256 of the text:'))} "
            f"<span style='font-family:\"{mono}\"'>{form.sha256}</span>"
        )
        self.version_line.setWordWrap(True)
        self.version_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.version_line.setAccessibleName(f"{form.version_label}; SHA-256 {form.sha256}")
        inner.addWidget(self.version_line)
        inner.addWidget(
            wrapped_label(
                self.tr(
                    "The hash covers the exact words of the form below: what the person agrees to."
                )
            )
        )
        self.text_button = QPushButton(self.tr("Show the exact &text"))
        self.text_button.setAccessibleName(self.tr("Show the exact text the SHA-256 covers"))
        self.text_button.setCheckable(True)
        self.exact_text = QPlainTextEdit(form.text)
        self.exact_text.setReadOnly(True)
        self.exact_text.setTabChangesFocus(True)
        self.exact_text.setAccessibleName(self.tr("The exact text of the form"))
        self.exact_text.setMinimumHeight(240)
        self.exact_text.hide()
        self.text_button.toggled.connect(self.exact_text.setVisible)
        inner.addWidget(self.text_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.exact_text)


class ChildAgreement(QWidget):
    """The child's own yes or no (G6), with the rule that their objection overrides.

    Signals:
        edited: the answer changed.
    """

    edited = Signal()

    def __init__(self, block: Block, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.rows = []
        for number, text in ((1, block.yes_label), (0, block.no_label)):
            row, radio = wrapping_radio(text)
            self.group.addButton(radio, number)
            self.rows.append(row)
            layout.addWidget(row)
        self.rule = MessageLabel(self.tr("The child's objection"))
        self.rule.show_plain(self.tr(OBJECTION_RULE))
        self.note = MessageLabel(self.tr("Whether the child is asked"))
        layout.addWidget(self.rule)
        layout.addWidget(self.note)
        self.group.idToggled.connect(self._on_group_id_toggled)

    def answer(self) -> bool | None:
        """True for yes, False for no, None when not answered."""
        checked = self.group.checkedId()
        return None if checked < 0 else checked == 1

    def set_asked(self, asked: bool, from_age: int) -> None:
        for row in self.rows:
            row.setEnabled(asked)
        if asked:
            self.note.clear_message()
        else:
            self.note.show_plain(
                self.tr(
                    "Not asked: the pack asks children of %1 or over for their own agreement."
                ).replace("%1", str(from_age))
            )

    @Slot(int, bool)
    def _on_group_id_toggled(self, number: int, checked: bool) -> None:
        if checked and number == 0:
            self.rule.show_problems(
                [
                    self.tr(
                        "The child does not agree. A child's objection overrides a parent's consent: "
                        "every purpose will count as refused, whatever is ticked."
                    )
                ]
            )
        elif checked:
            self.rule.show_plain(self.tr(OBJECTION_RULE))
        self.edited.emit()
