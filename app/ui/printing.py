"""What the windows call to print a PDF: a preview of one page at a time, whose Print…
button opens the system print dialog and then prints in the background.

print_pages.py renders and paints the pages, print_job.py runs a print with progress and
Cancel, print_preview.py is the preview dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.ui.print_pages import PrintError, pages_to_print, print_pdf, render_page_images
from app.ui.print_preview import PrintPreview

__all__ = [
    "PrintError",
    "PrintPreview",
    "open_print_preview",
    "pages_to_print",
    "print_pdf",
    "render_page_images",
]


def open_print_preview(pdf_path: Path, parent: QWidget) -> PrintPreview:
    """Show the print preview of `pdf_path` (non-blocking)."""
    if not pdf_path.is_file():
        raise PrintError(f"{pdf_path.name} could not be opened for printing: it is not there")
    dialog = PrintPreview(pdf_path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
