"""Printing in the background: the pages go to the printer on a worker thread while a small
window shows how far it has got, with Cancel; the window it came from stays usable.

Qt allows a QPainter on a QPrinter outside the UI thread (QPixmap and widgets it does not),
so the whole of print_pdf runs on the worker; the printer is not touched by anything else
until it finishes.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.ui.print_pages import PrintCancelledError, print_pdf
from app.ui.worker import run_in_background

_RUNNING: set[PrintJob] = set()  # a job outlives the preview that started it


class _Relay(QObject):
    """Carries each page's progress from the worker thread to the UI thread."""

    advanced = Signal(int, int)


class PrintJob(QDialog):
    """The progress of one print, with Cancel; says how it ended.

    Signals:
    ended(str): "printed", "cancelled" or "failed", once the printer is done with.
    """

    ended = Signal(str)

    def __init__(self, pdf_path: Path, printer: QPrinter, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.pdf_path = pdf_path
        self.printer = printer  # kept alive here until printing ends
        self.outcome = ""
        self.printed = 0
        self._cancel = threading.Event()
        self.setWindowTitle(self.tr("Printing %1").replace("%1", pdf_path.name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Starting the printer…"))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("How printing is going"))
        layout.addWidget(self.status)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Pages printed"))
        self.bar.setFormat(self.tr("%v of %m pages"))
        self.bar.setRange(0, 0)  # busy until the first page is in
        layout.addWidget(self.bar)
        self.button = QPushButton(self.tr("Cancel"))
        self.button.setAccessibleName(self.tr("Cancel printing"))
        self.button.setDefault(True)
        self.button.clicked.connect(self._on_button_clicked)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(min(420, self.screen().availableGeometry().width() - 40))
        self._relay = _Relay()  # no parent: the worker may emit on it until it ends
        self._relay.advanced.connect(self._on_advanced)

    def start(self) -> None:
        _RUNNING.add(self)
        self.show()
        relay, cancel = self._relay, self._cancel

        def work() -> int:
            return print_pdf(self.pdf_path, self.printer, relay.advanced.emit, cancel.is_set)

        run_in_background(work, self._on_printed, self._on_failed, self)

    def cancel(self) -> None:
        """Stop after the page being printed; a file being printed to is removed."""
        self._cancel.set()
        if not self.outcome:
            self._say(self.tr("Cancelling…"))
            self.button.setEnabled(False)

    @Slot(int, int)
    def _on_advanced(self, done: int, total: int) -> None:
        self.printed = done
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        if not self._cancel.is_set():
            self._say(
                self.tr("Printing page %1 of %2…")
                .replace("%1", str(done))
                .replace("%2", str(total))
            )

    def _on_printed(self, pages: int) -> None:
        self.bar.setRange(0, max(pages, 1))
        self.bar.setValue(pages)
        target = self.printer.outputFileName()
        if target:  # its name: the person chose its folder in the print dialog
            text = (
                self.tr("%1 pages printed to %2.")
                .replace("%1", str(pages))
                .replace("%2", Path(target).name)
            )
            self.status.setToolTip(target)
        else:
            text = self.tr("%1 pages sent to the printer.").replace("%1", str(pages))
        self._end("printed", text)

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, PrintCancelledError):
            if error.to_file:
                text = self.tr("Printing cancelled: no file was written.")
            elif error.dropped:
                text = self.tr("Printing cancelled: nothing was sent to the printer.")
            else:
                text = self.tr(
                    "Printing stopped after %1 of %2 pages: those %1 pages have gone to the "
                    "printer and will still print."
                )
                text = text.replace("%1", str(error.printed)).replace("%2", str(error.total))
            self._end("cancelled", text)
        else:
            self._end("failed", self.tr("Printing failed: %1").replace("%1", str(error)))

    def _end(self, outcome: str, text: str) -> None:
        self.outcome = outcome
        self._say(text)
        self.button.setText(self.tr("Close"))
        self.button.setAccessibleName(self.tr("Close"))
        self.button.setEnabled(True)
        self.button.setFocus()
        _RUNNING.discard(self)
        self.ended.emit(outcome)

    def _say(self, text: str) -> None:
        """Show `text`, the window growing to fit it (a longer message must not be cut off)."""
        if text != self.status.text():
            self.status.setText(text)
            self.adjustSize()

    @Slot()
    def _on_button_clicked(self) -> None:
        if self.outcome:
            self.close()
        else:
            self.cancel()

    def reject(self) -> None:  # Escape or the window's close button: cancel first
        if self.outcome:
            super().reject()
        else:
            self.cancel()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.outcome:
            super().closeEvent(event)
        else:  # the printer is still in use: it stops at the next page, then may close
            self.cancel()
            event.ignore()


def start_printing(pdf_path: Path, printer: QPrinter, parent: QWidget | None) -> PrintJob:
    """Print `pdf_path` on `printer` (as the print dialog set it up) in the background."""
    job = PrintJob(pdf_path, printer, parent)
    job.start()
    return job
