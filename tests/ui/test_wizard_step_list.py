"""The wizard's progress list with a long pack: what it shows is what Qt's own widgets would
show, though it measures its rows once and copies its scroll bar between page turns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QScrollBar, QStyle, QWidget

from app.ui.widgets.step_list import StepList

LONG_TITLE = "Using social media on behalf of a branch, section or network of the Institution"


def shown_list(qtbot, count: int = 207, first: tuple[str, ...] = ()) -> tuple[QWidget, StepList]:
    """A progress list of `count` steps (`first` among the first) in a window, beside room
    for a plain scroll bar."""
    window = QWidget()
    window.resize(300, 560)
    qtbot.addWidget(window)
    steps = StepList(window)
    steps.setWordWrap(True)
    steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    steps.resize(240, 560)
    steps.set_steps(
        ["Choose organisation", "About you", LONG_TITLE, *first]
        + [f"Further reading {n}" for n in range(count - 3 - len(first))]
    )
    window.show()
    qtbot.waitExposed(window)
    return window, steps


def plain_scroll_bar_like(bar: QScrollBar, window: QWidget) -> QScrollBar:
    """Qt's own scroll bar in the same window and state as `bar`, beside the list."""
    plain = QScrollBar(bar.orientation(), window)
    plain.setRange(bar.minimum(), bar.maximum())
    plain.setPageStep(bar.pageStep())
    plain.setValue(bar.value())
    plain.setGeometry(260, 0, bar.width(), bar.height())
    plain.show()
    QApplication.processEvents()  # polished and laid out, as a scroll bar on screen is
    return plain


def drawn(widget: QWidget) -> QImage:
    """What `widget` paints, as an image."""
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


def largest_difference(first: QImage, second: QImage) -> int:
    """The most any colour channel of any pixel differs between two images of one size."""
    assert first.size() == second.size()
    return max(
        abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF))
        for y in range(first.height())
        for x in range(first.width())
        for a, b in [(first.pixel(x, y), second.pixel(x, y))]
        for shift in (0, 8, 16, 24)
    )


def test_the_copied_scroll_bar_looks_as_the_style_draws_it(qtbot) -> None:
    """A long list's scroll bar, drawn once and then copied, looks exactly as Qt's own."""
    window, steps = shown_list(qtbot)
    bar = steps.verticalScrollBar()
    bar.grab()  # the first paint draws it; the next one is the copy
    copied = drawn(bar)
    assert largest_difference(copied, drawn(plain_scroll_bar_like(bar, window))) == 0


def test_the_scroll_bar_follows_the_list_when_it_scrolls(qtbot) -> None:
    """After the list scrolls to a step out of sight, its scroll bar shows the new position."""
    window, steps = shown_list(qtbot)
    bar = steps.verticalScrollBar()
    bar.grab()
    steps.mark(150)
    scrolled = drawn(bar)
    assert bar.value() > 0
    assert largest_difference(scrolled, drawn(plain_scroll_bar_like(bar, window))) == 0


def test_rows_grow_when_the_text_does(qtbot) -> None:
    """At twice the text size every row is taller: heights measured before are not reused."""
    _window, steps = shown_list(qtbot)  # the window is kept: the list lives in it
    before = steps.visualItemRect(steps.item(1)).height()
    font = steps.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    steps.setFont(font)
    qtbot.waitUntil(lambda: steps.visualItemRect(steps.item(1)).height() > before * 1.5)


def test_a_long_title_wraps_when_the_list_narrows(qtbot) -> None:
    """A narrower list wraps a long step title onto more lines, so its row gets taller."""
    _window, steps = shown_list(qtbot)
    before = steps.visualItemRect(steps.item(2)).height()
    steps.resize(140, 560)
    qtbot.waitUntil(lambda: steps.visualItemRect(steps.item(2)).height() > before)


def test_rows_are_as_tall_as_measured_afresh_once_the_scroll_bar_narrows_them(qtbot) -> None:
    """Rows measured before the scroll bar appeared and narrowed the list are as tall as
    when measured again at the width they have now (titles of every length around it)."""
    lengths = tuple(f"{' '.join(['word'] * n)} {'m' * k}" for n in range(1, 9) for k in range(6))
    _window, steps = shown_list(qtbot, first=lengths)
    assert steps.verticalScrollBar().isVisible()
    kept = [steps.visualItemRect(steps.item(row)).height() for row in range(steps.count())]
    steps._delegate.forget_sizes()
    steps.doItemsLayout()
    assert [steps.visualItemRect(steps.item(r)).height() for r in range(steps.count())] == kept


def list_where_only_bold_wraps(qtbot, title: str) -> tuple[QWidget, StepList]:
    """A short list at twice the text size, just wide enough for "✓ title" plain but not
    for "▶ title" in bold."""
    window = QWidget()
    qtbot.addWidget(window)
    steps = StepList(window)
    large = steps.font()
    large.setPointSizeF(large.pointSizeF() * 2)
    steps.setFont(large)
    steps.setWordWrap(True)
    steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    plain = steps.fontMetrics().horizontalAdvance(f"✓ {title}")
    font = steps.font()
    font.setBold(True)
    bold = QFontMetrics(font).horizontalAdvance(f"▶ {title}")
    assert bold - plain > 8  # room to fall between the two
    margin = steps.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, steps) + 1
    steps.resize((plain + bold) // 2 + 2 * margin + 2 * steps.frameWidth(), 400)
    steps.set_steps([title, "About you", "Introduction"])
    window.resize(steps.width() + 20, 420)
    window.show()
    qtbot.waitExposed(window)
    return window, steps


def top(steps: StepList, row: int) -> int:
    return steps.visualItemRect(steps.item(row)).top()


def one_line(steps: StepList) -> int:
    """The height of a row of one line ("Introduction", last and never current here)."""
    return steps.visualItemRect(steps.item(2)).height()


def test_the_current_step_gets_the_room_its_bold_title_needs(qtbot) -> None:
    """A title that wraps only in bold has two lines of room while it is current: the next
    step starts below both."""
    _window, steps = list_where_only_bold_wraps(qtbot, "Choose organisation")
    steps.mark(1)
    assert top(steps, 1) - top(steps, 0) > 1.5 * one_line(steps)


def test_a_done_step_is_no_taller_than_its_plain_title(qtbot) -> None:
    """Once the person moves on, that step takes one line again, with no blank strip under
    it: the next step starts one line below it."""
    _window, steps = list_where_only_bold_wraps(qtbot, "Choose organisation")
    steps.mark(1)
    steps.mark(2)
    assert top(steps, 1) - top(steps, 0) == one_line(steps)
