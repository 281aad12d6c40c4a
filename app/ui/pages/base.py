"""What every onboarding page has: the shared context and a `changed` signal for autosave."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.ui.context import OnboardingContext

ButtonT = TypeVar("ButtonT", QCheckBox, QRadioButton)


class OnboardingPage(QWizardPage):
    """A wizard page over the shared OnboardingContext.

    Signals:
        changed: the person changed an answer; the wizard saves shortly after.
    """

    changed = Signal()

    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx


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


class _ClickableLabel(QLabel):
    """The text beside a check box or radio button: clicking it clicks the button."""

    def __init__(self, text: str, target: QAbstractButton) -> None:
        super().__init__(text)
        self.target = target
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.target.click()  # does nothing while the button is disabled


# The label of a focused check box or radio button is ringed: the button's own focus frame
# is drawn round its (empty) text, which a person cannot see.
_UNFOCUSED = "QLabel { border: 2px solid transparent; border-radius: 3px; padding: 1px; }"
_FOCUSED = "QLabel { border: 2px solid palette(highlight); border-radius: 3px; padding: 1px; }"


class _FocusRing(QObject):
    """Rings `label` while `button` has the keyboard focus."""

    def __init__(self, button: QAbstractButton, label: QLabel) -> None:
        super().__init__(button)
        self.label = label
        label.setStyleSheet(_UNFOCUSED)
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FocusIn:
            self.label.setStyleSheet(_FOCUSED)
        elif event.type() == QEvent.Type.FocusOut:
            self.label.setStyleSheet(_UNFOCUSED)
        return False


def _wrapping(button: ButtonT, text: str) -> tuple[QWidget, ButtonT]:
    """`button` with its long text in a wrapping label beside it (a button's own text
    cannot wrap); the button carries the text as its accessible name."""
    button.setAccessibleName(text)
    label = _ClickableLabel(text, button)
    row = _WrappingRow(button, label)
    _FocusRing(button, label)
    return row, button


class _WrappingRow(QWidget):
    """A button beside its wrapping label, placed as Qt places a button's own text: the
    indicator level with the first line, the text as far from it."""

    def __init__(self, button: QCheckBox | QRadioButton, label: QLabel) -> None:
        super().__init__()
        self._button, self._label = button, label
        # The first line at the top however tall the row is; a framed label's default
        # indent would push it down by half an "x".
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setIndent(0)
        self._button_column = QVBoxLayout()
        self._button_column.setContentsMargins(0, 0, 0, 0)
        self._button_column.addWidget(button)
        self._button_column.addStretch(1)
        self._label_column = QVBoxLayout()  # not the label's own margins: its style sheet's
        self._label_column.setContentsMargins(0, 0, 0, 0)
        self._label_column.addWidget(label)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(self._button_column)
        self._layout.addLayout(self._label_column, 1)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Polish, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._line_up()
        return super().event(event)

    def _line_up(self) -> None:
        button, label = self._button, self._label
        button.ensurePolished()
        label.ensurePolished()
        radio = isinstance(button, QRadioButton)
        option = QStyleOptionButton()
        button.initStyleOption(option)
        option.rect = QRect(QPoint(), button.sizeHint())  # as the layout will size it
        style = button.style()
        indicator = style.subElementRect(_INDICATOR[radio], option, button)
        option.text = "x"  # where a button's own text would start
        option.rect = QRect(0, 0, 10 * indicator.width(), 2 * indicator.height())
        text_x = style.subElementRect(_CONTENTS[radio], option, button).x()
        inset = label.frameWidth()  # the style sheet's border and padding
        first_line = inset + label.fontMetrics().height() / 2
        drop = round(first_line - (indicator.y() + indicator.height() / 2))
        self._button_column.setContentsMargins(0, max(drop, 0), 0, 0)
        self._label_column.setContentsMargins(0, max(-drop, 0), 0, 0)
        self._layout.setSpacing(max(text_x - button.sizeHint().width() - inset, 0))


_INDICATOR = {
    False: QStyle.SubElement.SE_CheckBoxIndicator,
    True: QStyle.SubElement.SE_RadioButtonIndicator,
}
_CONTENTS = {
    False: QStyle.SubElement.SE_CheckBoxContents,
    True: QStyle.SubElement.SE_RadioButtonContents,
}


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
