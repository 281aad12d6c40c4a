"""Printing a PDF through the system print dialog, with a preview.

Pages are rendered with PDFium (pypdfium2), which draws form fields and signature
appearances, and painted onto the QPrinter the dialog configured, one page at a time: only
the page being printed is ever held as an image, so a 1,000-copy batch prints in the memory
of one page. The words of each page are laid over the image as invisible text, so a copy
printed to a PDF can still be searched and copied from.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.core.pdfium import PDFIUM

PRINT_DPI = 200  # sharp on paper, modest in memory
PAGES_PER_OPENING = 50


class PrintError(Exception):
    pass


def _open(pdf_path: Path):
    import pypdfium2  # only needed when printing

    try:
        document = pypdfium2.PdfDocument(str(pdf_path))
    except (pypdfium2.PdfiumError, OSError) as error:
        raise PrintError(f"{pdf_path} could not be opened for printing: {error}") from None
    document.init_forms()
    return document


def _page_image(page, dpi: float) -> QImage:
    """`page` as an image at `dpi`, form fields and annotations drawn; owns its pixels."""
    bitmap = page.render(scale=dpi / 72, may_draw_forms=True, rev_byteorder=True)
    image = QImage(
        bitmap.buffer,
        bitmap.width,
        bitmap.height,
        bitmap.stride,
        QImage.Format.Format_RGBX8888 if bitmap.n_channels == 4 else QImage.Format.Format_RGB888,
    )
    return image.copy()  # the preview keeps the image; PDFium frees its buffer


def render_page_images(pdf_path: Path, dpi: int = PRINT_DPI) -> Iterator[QImage]:
    """Each page of `pdf_path` as an image at `dpi`, one at a time."""
    with PDFIUM:
        document = _open(pdf_path)
        try:
            for page in document:
                try:
                    yield _page_image(page, dpi)
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


def _draw_words(painter: QPainter, page, target: QRectF) -> None:
    """Lay the page's words over its image as invisible text, where they are on the page."""
    width, height = page.get_size()
    scale_x, scale_y = target.width() / width, target.height() / height
    text_page = page.get_textpage()
    try:
        painter.save()
        painter.setPen(QPen(QColor(0, 0, 0, 0)))
        font = QFont(painter.font())
        for index in range(text_page.count_rects()):
            left, bottom, right, top = text_page.get_rect(index)
            words = text_page.get_text_bounded(left, bottom, right, top).strip()
            if not words:
                continue
            box = QRectF(
                target.x() + left * scale_x,
                target.y() + (height - top) * scale_y,
                (right - left) * scale_x,
                (top - bottom) * scale_y,
            )
            font.setPixelSize(max(1, round(box.height() * 0.8)))
            painter.setFont(font)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words)
        painter.restore()
    finally:
        text_page.close()


def print_pdf(pdf_path: Path, printer: QPrinter) -> int:
    """Draw the pages of `pdf_path` the printer's range asks for; returns how many."""
    with PDFIUM:
        document = _open(pdf_path)
        try:
            wanted = pages_to_print(printer, len(document))
        finally:
            document.close()
        dpi = min(PRINT_DPI, printer.resolution())  # no finer than the printer can show
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError("the printer could not be started")
        try:
            for start in range(0, len(wanted), PAGES_PER_OPENING):
                # PDFium keeps what it has parsed until the document closes: reopening it every
                # so many pages keeps a 3,000-page batch in the memory of a short one
                document = _open(pdf_path)
                try:
                    for number, index in enumerate(
                        wanted[start : start + PAGES_PER_OPENING], start
                    ):
                        if number:
                            printer.newPage()
                        _draw_page(painter, document[index], dpi)
                finally:
                    document.close()
        finally:
            painter.end()
        return len(wanted)


def _draw_page(painter: QPainter, page, dpi: float) -> None:
    try:
        image = _page_image(page, dpi)
        viewport = painter.viewport()
        size = image.size().scaled(viewport.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(viewport.x(), viewport.y(), size.width(), size.height())
        painter.drawImage(target, image)
        del image  # only this page's pixels are ever held
        _draw_words(painter, page, target)
    finally:
        page.close()


class PrintPreview(QPrintPreviewDialog):
    """The preview dialog, owning its printer: Qt keeps painting on the printer for as long
    as the dialog lives, so the printer must live exactly as long (a printer kept only by a
    caller's local variable is freed under the dialog and crashes the app)."""

    def __init__(self, pdf_path: Path, parent: QWidget) -> None:
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer.setDocName(pdf_path.name)
        super().__init__(self._printer, parent)
        self.pdf_path = pdf_path
        self.setWindowTitle(self.tr("Print %1").replace("%1", pdf_path.name))
        self.paintRequested.connect(self._paint)

    def printer(self) -> QPrinter:
        return self._printer

    def _paint(self, printer: QPrinter) -> None:
        try:
            print_pdf(self.pdf_path, printer)
        except PrintError as error:  # the file went away after the preview opened
            self.setWindowTitle(str(error))


def open_print_preview(pdf_path: Path, parent: QWidget) -> QPrintPreviewDialog:
    """Show the print preview (non-blocking); printing goes through the system dialog."""
    if not pdf_path.is_file():
        raise PrintError(f"{pdf_path.name} could not be opened for printing: it is not there")
    dialog = PrintPreview(pdf_path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
