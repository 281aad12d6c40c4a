"""Check boxes and radio buttons with long, wrapping text (the identity page, the quiz, the
consent forms): the box sits level with the first line of its text and as far from it as
Qt's own check box, at normal and at double text size."""

from __future__ import annotations

import pytest

from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QCheckBox, QRadioButton, QVBoxLayout, QWidget

from app.ui.pages.base import wrapping_check, wrapping_radio

SHORT = "I am under 18"
LONG = " ".join([SHORT] * 8)  # wraps; its first line has the same letters, the same ink


def ink_rows(image: QImage, left: int, right: int) -> list[int]:
    """The pixel rows that have anything drawn darker than the background in [left, right)."""
    background = QColor(image.pixel(image.width() - 1, image.height() - 1)).lightness()
    return [
        y
        for y in range(image.height())
        if any(
            abs(QColor(image.pixel(x, y)).lightness() - background) > 30 for x in range(left, right)
        )
    ]


def first_band(rows: list[int]) -> tuple[int, int]:
    """The first run of consecutive rows: the box, or the first line of text."""
    end = rows[0]
    while end + 1 in rows:
        end += 1
    return rows[0], end


def middle(band: tuple[int, int]) -> float:
    return (band[0] + band[1]) / 2


def placement(widget: QWidget, button: QWidget, text_left: int) -> tuple[float, int]:
    """(how far the box's middle is above the first line's, where the text's ink starts)."""
    image = widget.grab().toImage()
    box = first_band(ink_rows(image, 0, button.width()))
    line = first_band(ink_rows(image, text_left, image.width()))
    ink_x = min(
        x
        for x in range(text_left, image.width())
        for y in range(line[0], line[1] + 1)
        if QColor(image.pixel(x, y)).lightness() < 100
    )
    return middle(line) - middle(box), ink_x


@pytest.mark.parametrize("scale", [1, 2])
@pytest.mark.parametrize("kind", ["check", "radio"])
def test_a_wrapping_button_sits_as_qts_own_does(qapp, qtbot, kind: str, scale: int) -> None:
    """The box of a wrapping check box (or radio button) is level with its first line of
    text, and its text starts as far from the box, as on Qt's own one-line button."""
    usual = qapp.font()
    larger = QFont(usual)
    larger.setPointSizeF(usual.pointSizeF() * scale)
    qapp.setFont(larger)  # the person's text size, as the desktop sets it
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    native = (QCheckBox if kind == "check" else QRadioButton)(SHORT)
    row, button = (wrapping_check if kind == "check" else wrapping_radio)(LONG)
    layout.addWidget(native)
    layout.addWidget(row)
    window.resize(220 * scale, 200 * scale)
    window.show()
    qtbot.waitExposed(window)
    ours = placement(row, button, button.width() + 1)
    theirs = placement(native, native, button.width() + 1)
    qapp.setFont(usual)
    assert abs(ours[0] - theirs[0]) <= 1 and ours[1] == theirs[1]
