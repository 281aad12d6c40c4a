"""The officers' lists in the window: choose one, see it, save it as CSV or print it.

The lists themselves are made in app.core.consent.lists; this only asks and shows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.consent import lists
from app.core.consent.form import ConsentStore
from app.core.consent.lists import Listing
from app.ui.consent.common import MessageLabel, button, heading_label, wrapped_label
from app.ui.context import Services
from app.ui.printing import PrintError, open_print_preview

EVENT, DUE, PHOTOGRAPHER, PERSON = "event", "due", "photographer", "person"


class ListsView(QWidget):
    """Consents by event, due for review, the photographer's list, one person."""

    def __init__(self, services: Services, store: ConsentStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.store = services, store
        self.listing: Listing | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Which list"))
        for key, label in (
            (PHOTOGRAPHER, self.tr("Photographer's list for an event")),
            (EVENT, self.tr("Consents for an event")),
            (DUE, self.tr("Consents due for review or expiring soon")),
            (PERSON, self.tr("Everything recorded for one person")),
        ):
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        form.addRow(self.tr("&List:"), self.kind)
        self.query = QComboBox()
        self.query.setEditable(True)
        self.query.setAccessibleName(self.tr("Event, or the person's name, e-mail or form ID"))
        form.addRow(self.tr("&For:"), self.query)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.show_button = button(self.tr("&Show the list"), self.tr("Show the list"), self.refresh)
        self.csv_button = button(
            self.tr("Save as &CSV…"), self.tr("Save the list as CSV"), self._on_csv_clicked
        )
        self.print_button = button(
            self.tr("&Print…"), self.tr("Print the list"), self._on_print_clicked
        )
        for widget in (self.show_button, self.csv_button, self.print_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.title = heading_label("")
        layout.addWidget(self.title)
        self.subtitle = wrapped_label()
        layout.addWidget(self.subtitle)
        self.table = QTableWidget()
        self.table.setAccessibleName(self.tr("The list"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.message = MessageLabel(self.tr("How saving or printing went"))
        layout.addWidget(self.message)
        self._set_actions(False)

    def reload(self) -> None:
        """Offer the events recorded so far; keep what was typed."""
        typed = self.query.currentText()
        self.query.clear()
        if self.kind.currentData() in (EVENT, PHOTOGRAPHER):
            self.query.addItems(lists.events(self.store))
        self.query.setEditText(typed or self.query.itemText(0))

    @Slot(int)
    def _on_kind_current_index_changed(self, _index: int) -> None:
        self.query.setEnabled(self.kind.currentData() != DUE)
        self.query.setEditText("")
        self.reload()

    @Slot()
    def refresh(self) -> None:
        kind, query = self.kind.currentData(), " ".join(self.query.currentText().split())
        today = self.services.clock().date()
        if kind != DUE and not query:
            self.message.show_problems(
                [
                    self.tr("Type the person's name, e-mail or form ID.")
                    if kind == PERSON
                    else self.tr("Choose or type the event.")
                ]
            )
            return
        self.message.clear_message()
        self.show_listing(self._make(kind, query, today))

    def _make(self, kind: str, query: str, today: date) -> Listing:
        if kind == EVENT:
            return lists.by_event(self.store, query, today)
        if kind == DUE:
            return lists.due(self.store, today)
        if kind == PHOTOGRAPHER:
            return lists.photographer(self.store, query, today)
        return lists.person(self.store, query, today)

    def show_listing(self, listing: Listing) -> None:
        self.listing = listing
        self.title.setText(listing.title)
        self.subtitle.setText(listing.subtitle if listing.rows else listing.empty)
        self.table.clear()
        self.table.setColumnCount(len(listing.headers))
        self.table.setHorizontalHeaderLabels(list(listing.headers))
        self.table.setRowCount(len(listing.rows))
        for r, row in enumerate(listing.rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self._set_actions(True)

    def _set_actions(self, enabled: bool) -> None:
        self.csv_button.setEnabled(enabled)
        self.print_button.setEnabled(enabled)

    def _file_name(self, suffix: str) -> Path:
        assert self.listing is not None
        from app.documents.acknowledgement import safe_file_part

        return self.services.output_dir / f"{safe_file_part(self.listing.title)[:80]}{suffix}"

    @Slot()
    def _on_csv_clicked(self) -> None:
        if self.listing is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the list as CSV"), str(self._file_name(".csv")), "CSV (*.csv)"
        )
        if name:
            self.save_csv(Path(name))

    def save_csv(self, path: Path) -> None:
        assert self.listing is not None
        try:
            count = self.listing.write_csv(path)
        except OSError as error:
            self.message.show_problems(
                [self.tr("The list could not be saved: %1").replace("%1", str(error))]
            )
            return
        self.message.show_good(
            self.tr("%1 rows saved to %2").replace("%1", str(count)).replace("%2", str(path))
        )

    @Slot()
    def _on_print_clicked(self) -> None:
        if self.listing is None:
            return
        try:
            path = self.write_pdf(self._file_name(".pdf"))
            self.preview = open_print_preview(path, self)
        except (OSError, PrintError) as error:
            self.message.show_problems([str(error)])

    def write_pdf(self, path: Path) -> Path:
        """The list as a PDF to print (the photographer's at 40 people a page)."""
        from app.core.atomic import write_atomic
        from app.documents.consent.listing import render_listing

        assert self.listing is not None
        write_atomic(path, render_listing(self.listing))
        return path
