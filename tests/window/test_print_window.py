"""Printing in a real window: Print… from the Done page and from the consent batch opens a
preview that survives, and its Print… button, through the print dialog, writes the document
in the background, with progress, while the window stays usable."""

from __future__ import annotations

import gc
import re
import subprocess
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication

from app.ui.consent.window import ConsentWindow
from app.ui.print_preview import PrintPreview
from tests.ui import driver
from tests.ui.test_wizard import run_to
from tests.window.layout import problems_in, screenshot

NAME = "Gwen ap Dafydd"
FORM_ID = re.compile(r"IET-PUB-[0-9A-Z]{4}-[0-9A-Z]{4}")


def pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def print_through(qtbot, preview: PrintPreview, out: Path) -> list[str]:
    """Press the preview's Print… button and accept the print dialog it opens, with the
    printer set to write a PDF file; wait for the background print to end; returns what
    is wrong with the dialog's and the progress window's layout."""
    printer = preview.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    problems: list[str] = []

    def answer() -> None:  # the print dialog is modal: it is answered from the event loop
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            problems.append(f"no print dialog but {dialog!r}")
            if dialog is not None:
                dialog.close()
            return
        screenshot(dialog, "20-print-dialog")
        problems.extend(problems_in(dialog))
        dialog.accept()

    QTimer.singleShot(1500, answer)
    preview.print_button.click()
    qtbot.waitUntil(lambda: preview.job is not None)
    job = preview.job
    qtbot.waitUntil(lambda: job.outcome != "", timeout=60000)
    assert job.outcome == "printed", job.status.text()
    screenshot(job, "21-print-progress")
    problems.extend(problems_in(job))
    job.close()
    return problems


def pages_of(pdf: Path, first: int = 1, last: int = 0) -> list[str]:
    """The text of pages `first` to `last` (0: the end) of `pdf`, by pdftotext."""
    run = subprocess.run(
        ["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.split("\f")[:-1]


def test_print_from_done_survives_and_prints_the_acknowledgement(
    qtbot, make_wizard, keys, tmp_path: Path
) -> None:
    """Alt+P on Done opens a preview that outlives garbage collection; printing it to a PDF
    file gives every page, with the person's name in the text."""
    wizard = make_wizard()
    wizard.activateWindow()
    run_to(qtbot, wizard, "iet", "sign", name=NAME)
    driver.sign(qtbot, wizard, NAME)
    page = wizard.currentPage()
    qtbot.waitUntil(wizard.isActiveWindow)
    keys.press("alt+p")
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    gc.collect()  # the printer used to die here, taking the app with it
    for _ in range(20):
        QApplication.processEvents()
        qtbot.wait(20)
    out = tmp_path / "printed.pdf"
    assert print_through(qtbot, page.preview, out) == []
    text = pdftotext(out)
    assert NAME in text
    source_pages = pdftotext(Path(wizard.ctx.session.output_pdf)).count("\f")
    assert text.count("\f") == source_pages


def test_print_from_a_consent_batch_honours_the_page_range(
    qtbot, services, keys, tmp_path: Path
) -> None:
    """Printing pages 2–3 of a 5-copy batch through the preview writes exactly those 2
    pages: the form IDs of source pages 2 and 3, in that order."""
    window = ConsentWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view = window.print_view
    view.pack.setCurrentIndex(view.pack.findData("iet"))
    view.template.setCurrentIndex(view.template.findData("publicity"))
    driver.type_text(qtbot, view.event_name, "Open day")
    view.copies.setValue(5)
    driver.click(qtbot, view.build_button)
    qtbot.waitUntil(lambda: view.print_button.isVisible(), timeout=60000)
    driver.click(qtbot, view.print_button)
    qtbot.waitUntil(lambda: view.preview is not None and view.preview.isVisible())
    gc.collect()
    printer = view.preview.printer()
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    out = tmp_path / "pages.pdf"
    assert print_through(qtbot, view.preview, out) == []
    printed = [FORM_ID.findall(page) for page in pages_of(out)]
    assert printed == [FORM_ID.findall(page) for page in pages_of(view.written[0], 2, 3)]
    assert len(printed) == 2 and all(printed)
