"""Returned paper forms: drop or choose scans, see each form found, record its ticks
beside the scanned page. Every decision is in app.core.consent.returns; this only shows."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import iso_time
from app.core.consent.batches import BatchLog
from app.core.consent.form import ConsentForm, ConsentStore
from app.core.consent.returns import READY, ReturnedForm, Returns, match, printed_form, typed
from app.core.consent.templates import ConsentTemplate
from app.ui.consent.common import FolderRow, MessageLabel, button, heading_label, wrapped_label
from app.ui.consent.form_view import FormView
from app.ui.context import Services
from app.ui.worker import run_in_background

SCAN_WIDTH = 420  # pixels: side 1 of the scan, whole, beside the form
SCAN_FILTER = "Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp)"


def scan_paths(urls: list[QUrl]) -> list[Path]:
    """The local files among dropped `urls` that may be scans (PDF or pictures)."""
    from app.documents.consent.scans import SCAN_SUFFIXES

    paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in SCAN_SUFFIXES]


class ReturnsView(QWidget):
    """Signals:
    recorded(object): a ConsentRecord was stored from a returned paper form.
    """

    recorded = Signal(object)

    def __init__(
        self,
        services: Services,
        templates: dict[str, ConsentTemplate],
        store: ConsentStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.templates, self.store = services, templates, store
        self.log = BatchLog.beside(store.path)
        self.returns = Returns([], [])
        self.current: ReturnedForm | None = None
        self.form: ConsentForm | None = None
        self.view: FormView | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "Drop the scans of returned forms on this window (a PDF from the scanner, "
                    "or pictures, in any order), or choose them. Each form is found by its QR "
                    "code; then tick what the person ticked on paper, beside the scan."
                )
            )
        )
        top = QHBoxLayout()
        top.addWidget(
            button(self.tr("C&hoose scans…"), self.tr("Choose scans"), self._on_choose_clicked)
        )
        self.typed_id = QLineEdit()
        self.typed_id.setAccessibleName(self.tr("Form ID typed from the paper"))
        self.typed_id.setPlaceholderText(self.tr("or type a form ID, such as IET-PUB-7K3M-Q9XD"))
        self.typed_id.returnPressed.connect(self._on_find_clicked)
        top.addWidget(self.typed_id, 1)
        self.find_button = button(
            self.tr("&Find"), self.tr("Find this form ID"), self._on_find_clicked
        )
        top.addWidget(self.find_button)
        layout.addLayout(top)
        officer = QFormLayout()
        self.receiver = QLineEdit()
        self.receiver.setAccessibleName(self.tr("Your name and role"))
        officer.addRow(self.tr("&Your name and role:"), self.receiver)
        layout.addLayout(officer)
        self.folder = FolderRow(
            services.output_dir / "Scanned consent forms", self.tr("scanned consent forms")
        )
        layout.addWidget(self.folder)
        self.status = MessageLabel(self.tr("What was found in the scans"))
        layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Returned forms found"))
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        splitter.addWidget(self.list)
        self.scan_label = QLabel()
        self.scan_label.setAccessibleName(self.tr("The scanned page"))
        self.scan_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        scan_area = QScrollArea()
        scan_area.setWidgetResizable(True)
        scan_area.setWidget(self.scan_label)
        splitter.addWidget(scan_area)
        right = QWidget()
        self.form_layout = QVBoxLayout(right)
        self.form_heading = heading_label(self.tr("Select a form to record it."))
        self.form_layout.addWidget(self.form_heading)
        # One form per returned paper form, kept while the officer moves between them, so
        # ticks already made are never lost; index 0 is the empty page.
        self.forms = QStackedWidget()
        self.forms.addWidget(QWidget())
        self.views: dict[str, tuple[ConsentForm, FormView]] = {}
        self.form_layout.addWidget(self.forms)
        self.save_status = MessageLabel(self.tr("How recording went"))
        self.form_layout.addWidget(self.save_status)
        self.save_button = button(
            self.tr("&Record this paper form"),
            self.tr("Record this paper form"),
            self._on_save_clicked,
        )
        self.save_button.setEnabled(False)
        self.form_layout.addWidget(self.save_button)
        self.form_layout.addStretch(1)
        form_area = QScrollArea()
        form_area.setWidgetResizable(True)
        form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_area.setWidget(right)
        splitter.addWidget(form_area)
        splitter.setSizes([220, 380, 420])
        layout.addWidget(splitter, 1)

    # -- finding ----------------------------------------------------------------------------

    def load(self, paths: list[Path]) -> None:
        """Read the QR codes of these scans in the background, then list the forms."""
        from app.documents.consent.scans import read_scans

        log, store = self.log, self.store
        self.status.show_plain(self.tr("Reading the scans…"))

        def work() -> Returns:
            return match(read_scans(paths), log, store)

        run_in_background(work, self._on_loaded, self._on_load_failed, self)

    def _on_loaded(self, returns: Returns) -> None:
        self.returns = returns
        self.list.clear()
        for form in returns.forms:
            item = QListWidgetItem(form.message())
            if form.status != READY:
                item.setText("⚠ " + form.message())
            self.list.addItem(item)
        for page in returns.unread:
            self.list.addItem(
                QListWidgetItem(
                    "⚠ "
                    + self.tr("%1: no form ID could be read; type the ID printed on it.").replace(
                        "%1", page.where()
                    )
                )
            )
        ready = sum(1 for f in returns.forms if f.status == READY)
        self.status.show_plain(
            self.tr("%1 forms found, %2 ready to record.")
            .replace("%1", str(len(returns.forms)))
            .replace("%2", str(ready))
        )
        if returns.forms:
            self.list.setCurrentRow(0)

    def _on_load_failed(self, error: BaseException) -> None:
        self.status.show_problems([str(error)])

    @Slot()
    def _on_choose_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Scans of returned forms"), str(self.folder.folder), SCAN_FILTER
        )
        if names:
            self.load([Path(n) for n in names])

    @Slot()
    def _on_find_clicked(self) -> None:
        found = typed(self.typed_id.text(), self.log, self.store)
        if isinstance(found, str):
            self.status.show_problems([found])
            return
        # A typed ID carries the pages of the scans already read, if any show it.
        pages = [p for f in self.returns.forms if f.form_id == found.form_id for p in f.pages]
        found.pages = pages or [p for p in self.returns.unread]
        self.returns.forms.insert(0, found)
        self.list.insertItem(0, QListWidgetItem(found.message()))
        self.list.setCurrentRow(0)

    # -- recording --------------------------------------------------------------------------

    @Slot(int)
    def _on_list_current_row_changed(self, row: int) -> None:
        self.current = self.returns.forms[row] if 0 <= row < len(self.returns.forms) else None
        self.save_status.clear_message()
        self._show_scan()
        self._show_form()

    def _show_scan(self) -> None:
        form = self.current
        if form is None or not form.pages:
            self.scan_label.setText(self.tr("No scanned page"))
            return
        from app.documents.consent.scans import page_image

        picture = io.BytesIO()
        page_image(form.pages[0], dpi=100).save(picture, "PNG")
        pixmap = QPixmap()
        pixmap.loadFromData(picture.getvalue())
        width = SCAN_WIDTH * self.devicePixelRatioF()
        self.scan_label.setPixmap(
            pixmap.scaledToWidth(round(width), Qt.TransformationMode.SmoothTransformation)
        )

    def _show_form(self) -> None:
        self.form, self.view = None, None
        form = self.current
        self.save_button.setEnabled(False)
        self.forms.setCurrentIndex(0)
        if form is None or form.status != READY or form.batch is None:
            self.form_heading.setText(
                form.message() if form is not None else self.tr("Select a form to record it.")
            )
            return
        if form.form_id not in self.views:
            try:
                printed = printed_form(form.batch, self.services.catalogue.packs, self.templates)
            except ValueError as error:
                self.form_heading.setText(str(error))
                return
            view = FormView(printed, self.services.clock().date())
            if view.receiver is not None:
                view.receiver.setText(self.receiver.text())
            self.views[form.form_id] = (printed, view)
            self.forms.addWidget(view)
        self.form, self.view = self.views[form.form_id]
        self.form_heading.setText(
            self.tr("%1: tick what was ticked on paper").replace("%1", form.form_id)
        )
        self.forms.setCurrentWidget(self.view)
        self.save_button.setEnabled(True)

    @Slot()
    def _on_save_clicked(self) -> None:
        from app.documents.consent.saving import NotSavedError, save_scanned
        from app.documents.consent.scans import kept_scan

        current, form, view = self.current, self.form, self.view
        if current is None or form is None or view is None:
            return
        values = view.values()
        if not values.receiver.strip():
            values.receiver = " ".join(self.receiver.text().split())
        store, folder, now = self.store, self.folder.folder, self.services.clock()

        def work() -> object:
            if not current.pages:
                raise NotSavedError(
                    ["Choose the scan of this paper form first: it is kept with the consent."]
                )
            scan = kept_scan(current.pages)
            return save_scanned(
                form, values, scan, form_id=current.form_id, store=store, folder=folder,
                today=now.date(), recorded_at=iso_time(now),
            )  # fmt: skip

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            problems = error.problems if isinstance(error, NotSavedError) else [str(error)]
            self.save_status.show_problems(problems)

        def saved(result: object) -> None:
            record = result.record  # type: ignore[attr-defined]
            current.recorded = [record]
            row = self.list.currentRow()
            self.list.item(row).setText("✓ " + current.message())
            self.save_status.show_good(
                self.tr("Recorded for %1; the scan is kept with it.").replace(
                    "%1", record.subject.name
                )
            )
            self.recorded.emit(record)

        self.save_button.setEnabled(False)
        run_in_background(work, saved, failed, self)
