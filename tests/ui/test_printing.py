"""Printing the acknowledgement: every page reaches the printer, with a preview first."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from app.core.onboarding.acknowledgement import build_record
from app.documents.acknowledgement import render_acknowledgement
from app.ui.printing import PrintError, pages_to_print, print_pdf, render_page_images
from tests.ui import driver
from tests.ui.test_wizard import run_to


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def test_every_page_is_printed(qapp, tmp_path: Path, iet_pack, completed_session) -> None:
    """Printing to a PDF printer yields as many pages as the acknowledgement has."""
    source = tmp_path / "ack.pdf"
    source.write_bytes(
        render_acknowledgement(build_record(iet_pack, completed_session(iet_pack), "t"))
    )
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(source, printer) == page_count(source)
    assert page_count(tmp_path / "printed.pdf") == page_count(source)


def test_the_printers_page_range_is_honoured(qapp) -> None:
    """Pages 2 to 3 of a 5-page document are the second and third, and only those."""
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    assert pages_to_print(printer, 5) == [0, 1, 2, 3, 4]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert pages_to_print(printer, 5) == [1, 2]


def test_printed_pages_keep_their_words(qapp, tmp_path: Path, iet_pack, completed_session) -> None:
    """A copy printed to a PDF printer can still be searched: pdftotext finds the name."""
    source = tmp_path / "ack.pdf"
    source.write_bytes(
        render_acknowledgement(build_record(iet_pack, completed_session(iet_pack), "t"))
    )
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_pdf(source, printer)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "printed.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Siân Llewelyn-Jones" in text


def test_rendered_pages_are_not_blank(qapp, tmp_path: Path, iet_pack, completed_session) -> None:
    """The first page has ink on it: PDFium really drew the text."""
    source = tmp_path / "ack.pdf"
    source.write_bytes(
        render_acknowledgement(build_record(iet_pack, completed_session(iet_pack), "t"))
    )
    image = next(render_page_images(source, dpi=40))
    pixels = [
        image.pixelColor(x, y).lightness()
        for x in range(image.width())
        for y in range(image.height())
    ]
    assert min(pixels) < 80 and max(pixels) > 240  # black text on white paper
    assert sum(p < 160 for p in pixels) > len(pixels) // 100


def test_unreadable_file_gives_a_clear_error(qapp, tmp_path: Path) -> None:
    """A file that is not a PDF is refused with its name, not a crash."""
    bad = tmp_path / "not.pdf"
    bad.write_text("hello")
    try:
        next(render_page_images(bad))
    except PrintError as error:
        assert "not.pdf could not be opened for printing" in str(error)
    else:
        raise AssertionError("no error for a file that is not a PDF")


def test_print_button_opens_a_preview(qtbot, make_wizard) -> None:
    """On the last page, Print opens the print preview of the saved PDF."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", "sign")
    driver.sign(qtbot, wizard, "Gwenllïan ap Dafydd")
    page = wizard.currentPage()
    driver.click(qtbot, page.print_button)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    assert Path(wizard.ctx.session.output_pdf).name in page.preview.windowTitle()
    page.preview.reject()
