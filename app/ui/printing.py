"""Printing a PDF through the system print dialog, with a preview.

Pages are rendered with PDFium (pypdfium2), which draws form fields and signature
appearances, and painted onto the QPrinter the dialog configured.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

PRINT_DPI = 200  # sharp on paper, modest in memory


class PrintError(Exception):
    pass


def render_page_images(pdf_path: Path, dpi: int = PRINT_DPI) -> list[QImage]:
    """Each page of `pdf_path` as an image at `dpi`, form fields and annotations drawn."""
    import pypdfium2  # only needed when printing

    try:
        document = pypdfium2.PdfDocument(str(pdf_path))
    except (pypdfium2.PdfiumError, OSError) as error:
        raise PrintError(f"{pdf_path} could not be opened for printing: {error}") from None
    images = []
    try:
        document.init_forms()
        for page in document:
            bitmap = page.render(scale=dpi / 72, may_draw_forms=True, rev_byteorder=True)
            width, height = bitmap.width, bitmap.height
            image = QImage(
                bitmap.buffer,
                width,
                height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888
                if bitmap.n_channels == 4
                else QImage.Format.Format_RGB888,
            )
            images.append(image.copy())  # own the pixels before PDFium frees its buffer
    finally:
        document.close()
    return images


def print_pdf(pdf_path: Path, printer: QPrinter) -> int:
    """Draw every page of `pdf_path` on `printer`; returns the number of pages."""
    images = render_page_images(pdf_path)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("the printer could not be started")
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.x(), target.y(), size.width(), size.height()), image)
    finally:
        painter.end()
    return len(images)


def open_print_preview(pdf_path: Path, parent: QWidget) -> QPrintPreviewDialog:
    """Show the print preview (non-blocking); printing goes through the system dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(pdf_path.name)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print {pdf_path.name}")
    dialog.paintRequested.connect(lambda p: print_pdf(pdf_path, p))
    dialog.open()
    return dialog
