"""Printing a consent batch in the background, as the preview's Print… button does: the
chosen pages only, the window responsive throughout, and Cancel leaving no file."""

from __future__ import annotations

import itertools
import re
import subprocess
import time
from pathlib import Path

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from app.core import paths
from app.core.consent.templates import bundled_forms_dir, load_templates
from app.core.packs import load_pack
from app.documents.consent.form import build_batch
from app.ui.print_job import PrintJob, start_printing

FORM_ID = re.compile(r"IET-PUB-[0-9A-Z]{4}-[0-9A-Z]{4}")


def batch(folder: Path, copies: int) -> Path:
    """A real printable consent batch of `copies` copies (the IET publicity form)."""
    pack = load_pack(paths.bundled_packs_dir() / "iet")
    template = load_templates(bundled_forms_dir())["publicity"]
    (pdf,) = build_batch(pack, template, event="Open day", copies=copies, out_dir=folder)
    return pdf


def pages_of(pdf: Path) -> list[str]:
    """The text of each page of `pdf`, by pdftotext."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def pdf_printer(out: Path, resolution: int | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # as the preview makes it
    if resolution:
        printer.setResolution(resolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


@pytest.fixture
def window(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def wait_for_end(qtbot, job: PrintJob, timeout: int = 120_000) -> str:
    qtbot.waitUntil(lambda: job.outcome != "", timeout=timeout)
    return job.outcome


def test_pages_2_to_3_of_5_print_those_two_pages(qtbot, window, tmp_path: Path) -> None:
    """Pages 2–3 of a 5-page batch print as 2 pages holding the text of source pages 2, 3."""
    source = batch(tmp_path / "batch", 5)
    wanted = pages_of(source)[1:3]
    assert len(pages_of(source)) >= 5
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    job = start_printing(source, printer, window)
    assert wait_for_end(qtbot, job) == "printed"
    printed = pages_of(out)
    assert [FORM_ID.findall(page) for page in printed] == [FORM_ID.findall(p) for p in wanted]
    assert job.status.text() == "2 pages printed to printed.pdf."
    job.close()


def test_the_window_keeps_ticking_while_30_pages_print(qtbot, window, tmp_path: Path) -> None:
    """A 20 ms timer on the UI thread never waits 100 ms or more while 30 pages print."""
    source = batch(tmp_path / "batch", 30)
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 30)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    job = start_printing(source, printer, window)
    assert wait_for_end(qtbot, job) == "printed"
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    print(f"\n{len(ticks)} ticks while 30 pages printed; longest gap {max(gaps) * 1000:.0f} ms")
    assert len(pages_of(out)) == 30
    assert max(gaps) < 0.100
    job.close()


def test_cancel_stops_early_and_leaves_no_file(qtbot, window, tmp_path: Path) -> None:
    """Cancel after the first page of 40: printing stops early, no file is left in the
    folder (not even part of one), and the window says so."""
    source = batch(tmp_path / "batch", 40)
    folder = tmp_path / "printed"
    folder.mkdir()
    job = start_printing(source, pdf_printer(folder / "out.pdf"), window)
    qtbot.waitUntil(lambda: job.printed >= 1, timeout=60_000)
    job.button.click()  # Cancel
    assert wait_for_end(qtbot, job) == "cancelled"
    assert job.printed < 40
    assert list(folder.iterdir()) == []
    assert job.status.text() == "Printing cancelled: no file was written."
    job.close()
