"""Printing consent forms for an event from the app: batches, progress, cancel, printing."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate

from app.ui.consent.window import ConsentWindow
from app.ui.context import Services
from tests.ui import driver

FORM_ID = re.compile(r"IET-PUB-[0-9A-Z]{4}-[0-9A-Z]{4}")


def open_window(qtbot, services: Services) -> ConsentWindow:
    """A consent window on screen, as the home window opens it."""
    window = ConsentWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def set_up_batch(qtbot, window: ConsentWindow, copies: int, pack: str = "iet") -> None:
    view = window.print_view
    view.pack.setCurrentIndex(view.pack.findData(pack))
    view.template.setCurrentIndex(view.template.findData("publicity"))
    driver.type_text(qtbot, view.event_name, "Open day")
    view.copies.setValue(copies)


def test_a_20_copy_batch_is_built_with_a_progress_bar(
    qtbot, services: Services, opened: list[Path]
) -> None:
    """Build fills the bar to 20 of 20 and names one PDF holding 20 different form IDs."""
    window = open_window(qtbot, services)
    view = window.print_view
    set_up_batch(qtbot, window, 20)
    driver.click(qtbot, view.build_button)
    assert view.cancel_button.isEnabled() and not view.build_button.isEnabled()
    qtbot.waitUntil(lambda: view.folder_button.isVisible(), timeout=60000)
    assert view.progress.value() == view.progress.maximum() == 20
    assert view.progress.text() == "20 of 20 copies"
    [pdf] = view.written
    assert pdf.is_file() and pdf.parent == services.output_dir / "Blank consent forms"
    assert str(pdf) in view.result.text() and "20 copies saved in one PDF" in view.result.text()
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert len(set(FORM_ID.findall(text))) == 20
    driver.click(qtbot, view.folder_button)
    assert opened == [pdf.parent]


def test_cancel_stops_a_1000_copy_batch_and_leaves_no_file(qtbot, services: Services) -> None:
    """Cancel during a 1,000-copy build stops it early: no PDF, no half-written file."""
    window = open_window(qtbot, services)
    view = window.print_view
    set_up_batch(qtbot, window, 1000)
    driver.click(qtbot, view.build_button)
    # At once: a 1,000-copy batch now takes a few seconds, so waiting to see progress first
    # could let it finish before the click arrives.
    assert view.cancel_button.isEnabled()
    driver.click(qtbot, view.cancel_button)
    qtbot.waitUntil(lambda: view.build_button.isEnabled(), timeout=60000)
    assert view.result.text() == "Cancelled: no file was written."
    assert view.progress.value() < 1000
    assert view.written == []
    folder = services.output_dir / "Blank consent forms"
    assert not folder.exists() or list(folder.iterdir()) == []
    assert not view.print_button.isVisible() and not view.folder_button.isVisible()


def test_print_opens_the_preview_of_the_batch(qtbot, services: Services) -> None:
    """Print… opens the system print preview of the PDF just built, without blocking."""
    window = open_window(qtbot, services)
    view = window.print_view
    set_up_batch(qtbot, window, 2)
    driver.click(qtbot, view.build_button)
    qtbot.waitUntil(lambda: view.print_button.isVisible(), timeout=60000)
    driver.click(qtbot, view.print_button)
    qtbot.waitUntil(lambda: view.preview is not None and view.preview.isVisible())
    assert view.written[0].name in view.preview.windowTitle()
    view.preview.reject()


def test_fillable_forms_are_one_pdf_each(qtbot, services: Services) -> None:
    """Fillable: three copies give three PDFs; Print is not offered for a set of files."""
    window = open_window(qtbot, services)
    view = window.print_view
    set_up_batch(qtbot, window, 3)
    driver.click(qtbot, view.kind.button(1))
    driver.click(qtbot, view.build_button)
    qtbot.waitUntil(lambda: view.folder_button.isVisible(), timeout=60000)
    assert len(view.written) == 3 and all(p.is_file() for p in view.written)
    assert "3 fillable forms saved" in view.result.text()
    assert not view.print_button.isVisible()


def test_bad_input_is_explained_where_it_is(qtbot, services: Services, clock) -> None:
    """A past date or a pack without consent details says what is wrong; Build waits."""
    plain = replace(services.catalogue.packs["iom3"], id="plain", consent=None)
    services.catalogue.packs["plain"] = plain
    window = open_window(qtbot, services)
    view = window.print_view
    set_up_batch(qtbot, window, 5)
    yesterday = clock().date() - timedelta(days=1)
    view.date.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    assert "is in the past" in view.problems.text() and not view.build_button.isEnabled()
    driver.click(qtbot, view.has_date)
    assert not view.problems.isVisible() and view.build_button.isEnabled()
    view.pack.setCurrentIndex(view.pack.findData("plain"))
    assert "has no consent details" in view.problems.text()
    assert "[consent]" in view.problems.text() and not view.build_button.isEnabled()
    assert (view.copies.minimum(), view.copies.maximum()) == (1, 5000)
    view.copies.lineEdit().selectAll()
    driver.type_text(qtbot, view.copies, "9999")
    assert view.copies.value() <= 5000
