"""Printing a PDF's pages: each rendered with PDFium (pypdfium2) and painted on a QPrinter.

PDFium draws form fields and signature appearances. Pages are rendered and painted one at a
time, only those in the printer's page range: only the page being printed is ever held as an
image, so a 1,000-copy batch prints in the memory of one page. The words of each page are
laid over its image as invisible text, so a copy printed to a PDF can still be searched.

`print_pdf` may run on any thread: Qt allows a QPainter on a QPrinter (or a QImage) outside
the UI thread, and PDFium is only ever called holding `PDFIUM`, one page at a time, so a
long print never keeps other windows from PDFium for long. print_job.py runs it in the
background with progress and Cancel; print_preview.py shows the preview; printing.py is
what the windows call.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from app.core.pdfium import PDFIUM

PRINT_DPI = 200  # sharp on paper, modest in memory
PAGES_PER_OPENING = 50
STRIP_PIXELS = 150_000  # a band of a page image painted at once (under 10 ms of Qt's time)


class PrintError(Exception):
    pass


class PrintCancelledError(Exception):
    """Printing stopped at the person's request after `printed` pages."""

    def __init__(self, printed: int, total: int) -> None:
        super().__init__(f"cancelled after {printed} of {total} pages")
        self.printed, self.total = printed, total
        self.to_file = False  # printing to a file: the part written is removed
        self.dropped = False  # the printer dropped the job: nothing of it prints


@dataclass(frozen=True)
class RenderedPage:
    """One page ready to paint: its image and its words, each with its box in points."""

    image: QImage
    width: float  # the page's size in points
    height: float
    words: tuple[tuple[float, float, float, float, str], ...]  # left, bottom, right, top


def _open(pdf_path: Path):
    import pypdfium2  # only needed when printing

    try:
        document = pypdfium2.PdfDocument(str(pdf_path))
    except (pypdfium2.PdfiumError, OSError) as error:
        raise PrintError(f"{pdf_path} could not be opened for printing: {error}") from None
    document.init_forms()
    return document


def _page_image(page, scale: float) -> QImage:
    """`page` as an image at `scale` pixels a point, forms drawn; owns its pixels."""
    # BGRX bytes are Qt's RGB32 on a little-endian machine: the format Qt's PDF and print
    # engines take without converting (a third less of their time holding Python's lock)
    little = sys.byteorder == "little"
    bitmap = page.render(
        scale=scale, may_draw_forms=True, prefer_bgrx=little, rev_byteorder=not little
    )
    formats = {
        "BGRX": QImage.Format.Format_RGB32,
        "RGBX": QImage.Format.Format_RGBX8888,
        "RGB": QImage.Format.Format_RGB888,
    }
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, formats[bitmap.mode])
    return image.copy()  # PDFium frees its buffer when the bitmap goes


def render_page_images(pdf_path: Path, dpi: int = PRINT_DPI) -> Iterator[QImage]:
    """Each page of `pdf_path` as an image at `dpi`, one at a time."""
    with PDFIUM:
        document = _open(pdf_path)
        try:
            for page in document:
                try:
                    yield _page_image(page, dpi / 72)
                finally:
                    page.close()
        finally:
            document.close()


def page_count(pdf_path: Path) -> int:
    with PDFIUM:
        document = _open(pdf_path)
        try:
            return len(document)
        finally:
            document.close()


def render_one_page(pdf_path: Path, index: int, width_px: int) -> tuple[int, QImage]:
    """The page count of `pdf_path` and its page `index` (clamped) `width_px` pixels wide."""
    with PDFIUM:
        document = _open(pdf_path)
        try:
            count = len(document)
            page = document[max(0, min(index, count - 1))]
            try:
                return count, _page_image(page, max(width_px, 1) / page.get_width())
            finally:
                page.close()
        finally:
            document.close()


def pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages of a `count`-page document that the printer's page range asks for."""
    ranges = printer.pageRanges()
    if printer.printRange() != QPrinter.PrintRange.PageRange or ranges.isEmpty():
        return list(range(count))
    return [index for index in range(count) if ranges.contains(index + 1)]


def _render(page, dpi: float) -> RenderedPage:
    """Everything PDFium is needed for on one page; the caller holds PDFIUM."""
    width, height = page.get_size()
    image = _page_image(page, dpi / 72)
    text_page = page.get_textpage()
    try:
        words = []
        for index in range(text_page.count_rects()):
            left, bottom, right, top = text_page.get_rect(index)
            text = text_page.get_text_bounded(left, bottom, right, top).strip()
            if text:
                words.append((left, bottom, right, top, text))
    finally:
        text_page.close()
    return RenderedPage(image, width, height, tuple(words))


def _paint(painter: QPainter, page: RenderedPage) -> None:
    """The page's image fitted to the paper, its words over it as invisible text."""
    viewport = painter.viewport()
    size = page.image.size().scaled(viewport.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(viewport.x(), viewport.y(), size.width(), size.height())
    # In bands: Qt compresses each image it is given for the PDF or the printer holding
    # Python's lock, and a whole page at once would stall the window for over 100 ms.
    image, rows = page.image, max(1, STRIP_PIXELS // max(page.image.width(), 1))
    for first in range(0, image.height(), rows):
        count = min(rows, image.height() - first)
        band = QRectF(
            target.x(),
            target.y() + target.height() * first / image.height(),
            target.width(),
            target.height() * count / image.height(),
        )
        painter.drawImage(band, image, QRectF(0, first, image.width(), count))
        time.sleep(0.001)  # let the UI thread have Python's lock between bands
    scale_x, scale_y = target.width() / page.width, target.height() / page.height
    painter.save()
    painter.setPen(QPen(QColor(0, 0, 0, 0)))
    font = QFont(painter.font())
    for left, bottom, right, top, text in page.words:
        box = QRectF(
            target.x() + left * scale_x,
            target.y() + (page.height - top) * scale_y,
            (right - left) * scale_x,
            (top - bottom) * scale_y,
        )
        font.setPixelSize(max(1, round(box.height() * 0.8)))
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    painter.restore()


def _partial_name(target: str) -> str:
    """Where a PDF printed to `target` is written until its last page is in (.pdf kept, so
    Qt keeps writing a PDF)."""
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name}.printing.pdf")


def print_pdf(
    pdf_path: Path,
    printer: QPrinter,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Draw the pages of `pdf_path` the printer's range asks for, one at a time; returns
    how many. `progress(done, total)` hears of each page; when `cancelled()` turns true,
    printing stops and PrintCancelledError is raised. A PDF printed to a file appears under its
    name only once complete: a cancelled or failed one leaves no file behind."""
    wanted = pages_to_print(printer, page_count(pdf_path))
    dpi = min(PRINT_DPI, printer.resolution())  # no finer than the printer can show
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    target = printer.outputFileName() if to_file else ""
    if target:
        printer.setOutputFileName(_partial_name(target))
    painter = QPainter()
    finished = False
    try:
        if not painter.begin(printer):
            raise PrintError("the printer could not be started")
        try:
            _print_pages(pdf_path, printer, painter, wanted, dpi, progress, cancelled)
            finished = True
        except PrintCancelledError as stop:
            stop.to_file = bool(target)  # the part written is removed below
            stop.dropped = bool(target) or printer.abort()
            raise
        finally:
            painter.end()
        if target:
            os.replace(_partial_name(target), target)
    finally:
        if target:
            if not finished:
                Path(_partial_name(target)).unlink(missing_ok=True)
            printer.setOutputFileName(target)
    return len(wanted)


def _print_pages(
    pdf_path: Path,
    printer: QPrinter,
    painter: QPainter,
    wanted: list[int],
    dpi: float,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    total = len(wanted)
    for start in range(0, total, PAGES_PER_OPENING):
        # PDFium keeps what it has parsed until the document closes: reopening it every so
        # many pages keeps a 3,000-page batch in the memory of a short one
        with PDFIUM:
            document = _open(pdf_path)
        try:
            for number, index in enumerate(wanted[start : start + PAGES_PER_OPENING], start):
                if cancelled is not None and cancelled():
                    raise PrintCancelledError(number, total)
                with PDFIUM:  # held for one page only: other windows may need PDFium too
                    page = document[index]
                    try:
                        rendered = _render(page, dpi)
                    finally:
                        page.close()
                if number:
                    printer.newPage()
                _paint(painter, rendered)
                del rendered  # only this page's pixels are ever held
                if progress is not None:
                    progress(number + 1, total)
        finally:
            with PDFIUM:
                document.close()
