"""The print preview: one page at a time, rendered in the background as wide as the window,
with Previous and Next; Print… opens the system print dialog and prints in the background.

Only the page on show is held as an image (Qt's own preview dialog records every page of
the document, which for a 1,000-copy batch is thousands of page images, drawn on the UI
thread before it shows anything).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QImage, QKeySequence, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.print_job import PrintJob, start_printing
from app.ui.print_pages import PrintError, page_count, render_one_page
from app.ui.worker import run_in_background

MARGIN_PX = 24  # around the page, so its edge shows against the background


class PrintPreview(QDialog):
    """The preview of `pdf_path`, owning the printer the print dialog sets up."""

    def __init__(self, pdf_path: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.pdf_path = pdf_path
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer.setDocName(pdf_path.name)
        self.count = 0  # pages, known once the first one is rendered
        self.job: PrintJob | None = None
        self._asked = 0  # the latest render asked for; older ones are dropped
        self.shown = (-1, 0)
        self.setWindowTitle(self.tr("Print %1").replace("%1", pdf_path.name))
        layout = QVBoxLayout(self)

        pages = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("&Previous page"))
        self.previous_button.clicked.connect(self._on_previous_clicked)
        self.page = QSpinBox()
        self.page.setRange(1, 1)
        self.page.setAccessibleName(self.tr("Page shown"))
        self.page.setKeyboardTracking(False)
        self.page.valueChanged.connect(self._on_page_changed)
        self.of_pages = QLabel()
        self.next_button = QPushButton(self.tr("&Next page"))
        self.next_button.clicked.connect(self._on_next_clicked)
        for widget in (self.previous_button, self.page, self.of_pages, self.next_button):
            pages.addWidget(widget)
        pages.addStretch(1)
        layout.addLayout(pages)

        self.view = QLabel(self.tr("Preparing the preview…"))
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setAccessibleName(self.tr("Preview of the page"))
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setWidget(self.view)
        layout.addWidget(self.area, 1)

        self.print_action = QAction(self.tr("&Print…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self._on_print_triggered)
        self.addAction(self.print_action)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(
            self.tr("&Print…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button.setAccessibleName(self.tr("Print"))
        self.print_button.setDefault(True)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the preview"))
        buttons.accepted.connect(self.print_action.trigger)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_navigation()

        self._resized = QTimer(self)  # one render once a resize has settled, not one a step
        self._resized.setSingleShot(True)
        self._resized.setInterval(150)
        self._resized.timeout.connect(self._render)
        available = (parent.screen() if parent else self.screen()).availableGeometry()
        self.resize(min(820, available.width() * 9 // 10), available.height() * 9 // 10)
        self.print_button.setFocus()
        QTimer.singleShot(0, self, self._render)

    def printer(self) -> QPrinter:
        return self._printer

    def _show_navigation(self) -> None:
        number = self.page.value()
        self.previous_button.setEnabled(number > 1)
        self.next_button.setEnabled(number < self.count)
        self.page.setEnabled(self.count > 1)
        self.of_pages.setText(self.tr("of %1").replace("%1", str(self.count or "…")))

    @Slot()
    def _on_previous_clicked(self) -> None:
        self.page.setValue(self.page.value() - 1)

    @Slot()
    def _on_next_clicked(self) -> None:
        self.page.setValue(self.page.value() + 1)

    @Slot(int)
    def _on_page_changed(self, number: int) -> None:
        self._show_navigation()
        self._render()

    def _render(self) -> None:
        ratio = self.devicePixelRatioF()
        width = round(max(self.area.viewport().width() - MARGIN_PX, 100) * ratio)
        self._asked += 1
        asked, path, index = self._asked, self.pdf_path, self.page.value() - 1
        run_in_background(
            lambda: render_one_page(path, index, width),
            lambda result: self._on_rendered(asked, ratio, result, (index, width)),
            self._on_render_failed,
            self,
        )

    def _on_rendered(
        self, asked: int, ratio: float, result: tuple[int, QImage], page: tuple[int, int]
    ) -> None:
        if asked != self._asked:
            return  # a later page or size was asked for meanwhile
        self.shown = page  # the page's index and the width it was rendered at
        count, image = result
        if count != self.count:
            self.count = count
            self.page.setMaximum(count)
        self._show_navigation()
        pixmap = QPixmap.fromImage(image)  # the one page held, replacing the last
        pixmap.setDevicePixelRatio(ratio)
        self.view.setPixmap(pixmap)
        self.view.setAccessibleDescription(
            self.tr("Page %1 of %2").replace("%1", str(self.page.value())).replace("%2", str(count))
        )

    def _on_render_failed(self, error: BaseException) -> None:
        self.view.setText(str(error))  # the file went away or was damaged after opening
        self.print_action.setEnabled(False)
        self.print_button.setEnabled(False)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._resized.start()

    @Slot()
    def _on_print_triggered(self) -> None:
        if not self.count:  # Print… pressed before the first page was shown
            try:
                self.count = page_count(self.pdf_path)
            except PrintError as error:
                self._on_render_failed(error)
                return
        dialog = QPrintDialog(self._printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, self.count)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        # The job keeps the printer; this dialog may close (and go) while pages print.
        self.job = start_printing(self.pdf_path, self._printer, self.parentWidget())
        self.accept()
