"""The consent-forms window: print forms for an event, capture a consent, records,
returned paper forms and the officers' lists."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app import APP_NAME
from app.core.consent.form import ConsentRecord, ConsentStore
from app.core.consent.templates import ConsentTemplate, bundled_forms_dir, load_templates
from app.ui.consent.capture_view import CaptureView
from app.ui.consent.lists_view import ListsView
from app.ui.consent.print_view import PrintView
from app.ui.consent.records_view import RecordsView
from app.ui.consent.returns_view import ReturnsView, scan_paths
from app.ui.context import Services

PRINT_TAB, CAPTURE_TAB, RECORDS_TAB, RETURNS_TAB, LISTS_TAB = range(5)


class ConsentWindow(QWidget):
    """Five tabs: Print forms, Record a consent, Records and withdrawals, Returned paper
    forms, Lists."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        store: ConsentStore | None = None,
        templates: dict[str, ConsentTemplate] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} — consent forms")
        self.resize(1000, 760)
        self.services = services
        self.store = store or ConsentStore(services.register.path)  # the one register
        self.templates = templates if templates is not None else load_templates(bundled_forms_dir())
        kinds = {t.id: t.kind for t in self.templates.values()}
        self.print_view = PrintView(services, self.templates)
        self.capture_view = CaptureView(services, self.templates, self.store)
        self.records_view = RecordsView(services, self.store, kinds)
        self.returns_view = ReturnsView(services, self.templates, self.store)
        self.lists_view = ListsView(services, self.store)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Consent forms"))
        self.tabs.addTab(self.print_view, self.tr("&Print forms for an event"))
        self.tabs.addTab(self.capture_view, self.tr("Record a &consent"))
        self.tabs.addTab(self.records_view, self.tr("Records and &withdrawals"))
        self.tabs.addTab(self.returns_view, self.tr("Returned &paper forms"))
        self.tabs.addTab(self.lists_view, self.tr("&Lists"))
        self.setAcceptDrops(True)  # scans of returned forms may be dropped anywhere here
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.capture_view.records_requested.connect(self.show_records)
        self.capture_view.recorded.connect(self._on_capture_view_recorded)
        self.capture_view.setup_page.receiver.textChanged.connect(self._on_officer_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    @Slot()
    def show_records(self) -> None:
        self.tabs.setCurrentIndex(RECORDS_TAB)

    @Slot(str)
    def _on_officer_changed(self, text: str) -> None:
        """The name and role typed once, in the capture set-up, fill in the other tabs."""
        officer = " ".join(text.split())
        if self.returns_view.receiver.text() == self.records_view.officer:
            self.returns_view.receiver.setText(officer)  # unless changed there by hand
        self.records_view.officer = officer

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if scan_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        paths = scan_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.tabs.setCurrentIndex(RETURNS_TAB)
            self.returns_view.load(paths)

    @Slot(object)
    def _on_capture_view_recorded(self, record: ConsentRecord) -> None:
        self.records_view.selected_id = record.record_id  # shown first in the records

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if index == RECORDS_TAB:
            self.records_view.reload()
        elif index == LISTS_TAB:
            self.lists_view.reload()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.print_view.cancel()  # a batch still being built stops at its next copy
        super().closeEvent(event)
