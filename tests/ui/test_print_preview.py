"""The print preview shows one page at a time, the page asked for, rendered in the
background; Previous and Next move through the document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from app.ui.print_pages import render_one_page
from app.ui.printing import open_print_preview
from tests.ui import driver
from tests.ui.test_print_job import batch


def shown_image(preview) -> QImage:
    return preview.view.pixmap().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_next_shows_the_second_page_and_only_it(qtbot, tmp_path: Path) -> None:
    """Next shows page 2 of 6, exactly as PDFium draws page 2; Previous is then enabled."""
    source = batch(tmp_path, 6)  # one page a copy
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    preview = open_print_preview(source, window)
    qtbot.waitUntil(
        lambda: preview.count == 6 and not preview.view.pixmap().isNull(), timeout=30_000
    )
    assert preview.of_pages.text() == "of 6" and not preview.previous_button.isEnabled()
    driver.click(qtbot, preview.next_button)
    qtbot.waitUntil(lambda: preview.view.accessibleDescription() == "Page 2 of 6", timeout=30_000)
    shown = shown_image(preview)
    index, width = preview.shown
    assert index == 1
    _, expected = render_one_page(source, index, width)
    assert shown == expected.convertToFormat(QImage.Format.Format_RGB32)
    assert preview.previous_button.isEnabled() and preview.next_button.isEnabled()
    preview.reject()
