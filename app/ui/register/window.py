"""The register window: every acknowledgement with its status, searchable and filterable,
the countersign queue, who is due to renew, and import and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.packs import review_notices
from app.core.register.query import PAGE, View
from app.core.register.status import AckRow, FilterChoices, RowFilter
from app.ui.context import Services
from app.ui.register.actions import RowActions
from app.ui.register.filters import FilterBar
from app.ui.register.inbox import InboxPanel
from app.ui.register.model import SIGNED_COLUMN, RegisterModel
from app.ui.register.recording import pack_rules
from app.ui.screen_fit import fit_to_screen, scrollable
from app.ui.widgets.flow_layout import FlowLayout
from app.ui.widgets.labels import BAD, esc
from app.ui.worker import run_in_background

Found = tuple[View, list[AckRow]]  # a view and its first page
Summary = tuple[FilterChoices, int, int]  # the filters' choices, total, how many due
SIZE_FROM_ROWS = 40
MAX_COLUMN_EMS = 14  # a long role or name is cut short in the table, shown in full below it


def plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


class RegisterWindow(QWidget):
    """Signals:
    rows_shown(): the first rows of a load, filter or sort are on screen.
    view_updated(int): the table now shows this many rows (once they are counted).
    """

    rows_shown = Signal()
    view_updated = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} — register")
        self.setAcceptDrops(True)
        fit_to_screen(self, 1240, 780)
        self.services = services
        self.loading = False
        self._generation = 0
        self._sort = ("signed_at", True)
        body = QWidget()  # scrolls when the screen is smaller than the window's controls
        layout = QVBoxLayout(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrollable(body))
        intro = QLabel(
            self.tr(
                "Who acknowledged which policy version, who countersigned, and who is due to "
                "acknowledge again. Drop signed PDFs from other computers here to import them."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.due_banner = QLabel()
        self.due_banner.setTextFormat(Qt.TextFormat.RichText)
        self.due_banner.setAccessibleName(self.tr("Renewals due"))
        self.due_banner.linkActivated.connect(self._on_due_banner_link_activated)
        self.due_banner.hide()
        layout.addWidget(self.due_banner)
        # Policies past their next review date: trustees are told; nobody is stopped.
        overdue = review_notices(services.catalogue.packs.values(), services.clock().date())
        self.review_notice = QLabel("\n".join(overdue))
        self.review_notice.setWordWrap(True)
        self.review_notice.setAccessibleName(self.tr("Policies past their review date"))
        self.review_notice.setVisible(bool(overdue))
        layout.addWidget(self.review_notice)
        self.filters = FilterBar()
        self.filters.changed.connect(self.refilter)
        layout.addWidget(self.filters)

        self.model = RegisterModel(self)
        self.model.sort_requested.connect(self._on_model_sort_requested)
        self.model.page_reader = self._read_page
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Acknowledgements in the register"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSortIndicator(SIGNED_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        layout.addWidget(self.table, 1)

        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.count_label.setAccessibleName(self.tr("How many acknowledgements are shown"))
        layout.addWidget(self.count_label)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("The chosen acknowledgement"))
        layout.addWidget(self.details)

        # The chosen row's actions, then the register's: side by side when there is room,
        # the second group under the first at large text.
        chosen, whole = QHBoxLayout(), QHBoxLayout()
        self.open_button = self._button(
            chosen, self.tr("&Open the PDF"), self.tr("Open the chosen acknowledgement's PDF")
        )
        self.verify_button = self._button(
            chosen, self.tr("&Check signatures"), self.tr("Check the chosen PDF's signatures")
        )
        self.countersign_button = self._button(
            chosen, self.tr("Cou&ntersign…"), self.tr("Countersign the chosen acknowledgement")
        )
        chosen.addStretch(1)
        self.import_button = self._button(
            whole, self.tr("&Import signed PDFs…"), self.tr("Import signed acknowledgement PDFs")
        )
        self.export_button = self._button(
            whole, self.tr("&Export to CSV…"), self.tr("Export the rows shown to a CSV file")
        )
        self.refresh_button = self._button(
            whole, self.tr("Re&fresh"), self.tr("Read the register again")
        )
        buttons = FlowLayout()
        for group, grows in ((chosen, True), (whole, False)):
            holder = QWidget()
            holder.setSizePolicy(
                QSizePolicy.Policy.Expanding if grows else QSizePolicy.Policy.Preferred,
                QSizePolicy.Policy.Preferred,
            )
            group.setContentsMargins(0, 0, 0, 0)
            holder.setLayout(group)
            buttons.addWidget(holder)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setAccessibleName(self.tr("What just happened"))
        layout.addWidget(self.message)
        self.results = QPlainTextEdit()
        self.results.setReadOnly(True)
        self.results.setAccessibleName(self.tr("Import results, one line per file"))
        self.results.setMaximumHeight(self.fontMetrics().height() * 7)
        self.results.hide()
        layout.addWidget(self.results)
        self.inbox_panel = InboxPanel(services)
        self.inbox_panel.imported.connect(self.reload)
        layout.addWidget(self.inbox_panel)

        self.row_actions = RowActions(self)
        self.refresh_button.clicked.connect(self.reload)
        self._on_selection_changed()
        self._loaded_once = False
        self._sized = False
        self._total = 0  # acknowledgements in the register
        self._summary_pending = False

    def _button(self, row: QHBoxLayout, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        row.addWidget(button)
        return button

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.reload()

    # -- loading, filtering, sorting ----------------------------------------------------------

    @Slot()
    @Slot()
    def _on_table_double_clicked(self) -> None:
        self.row_actions.open_selected()

    def reload(self) -> None:
        """Read the register afresh, off the UI thread, and show it with the current filter."""
        register, rules = self.services.register, pack_rules(self.services)
        today = self.services.clock().date()
        row_filter = self.filters.current()
        find = self._finder(row_filter)
        self.loading = True
        self._generation += 1
        generation = self._generation
        self.count_label.setText(self.tr("Reading the register…"))
        self.refresh_button.setEnabled(False)

        self._summary_pending = True

        def summary() -> Summary:
            return (
                register.choices(rules),
                register.acknowledgements(),
                register.due_count(rules, today),
            )

        def found(result: Found) -> None:
            self._on_loaded(generation, row_filter, result)
            # The filters' choices, the total and the renewals due: after the first rows.
            run_in_background(
                summary, lambda r: self._on_summary(row_filter, r), self._on_load_failed, self
            )

        run_in_background(find, found, self._on_load_failed, self)

    def _finder(self, row_filter: RowFilter):
        """What to run off the UI thread to find the rows `row_filter` picks, in order."""
        register, rules = self.services.register, pack_rules(self.services)
        today = self.services.clock().date()
        key, descending = self._sort

        def find() -> Found:
            view = register.view(rules, today, row_filter, key, descending)
            return view, view.page(0)

        return find

    def _show_found(self, generation: int, found: Found) -> None:
        """Show the first page now; count the rest off the UI thread, then say how many."""
        view, first = found
        self.model.set_view(view, len(first), first)
        self.rows_shown.emit()
        if len(first) < PAGE:  # that is all of them
            self._view_ready()
            return

        def counted(count: int) -> None:
            if generation == self._generation:
                self.model.set_count(count)
                self._view_ready()

        run_in_background(view.count, counted, self._on_load_failed, self)

    def _on_loaded(self, generation: int, row_filter: RowFilter, found: Found) -> None:
        self.refresh_button.setEnabled(True)
        if generation == self._generation and self.filters.current() == row_filter:
            self._show_found(generation, found)
            if not self._sized:
                self._size_columns()
        else:  # the filter changed while reading: filter the new rows
            self.refilter()

    def _on_summary(self, row_filter: RowFilter, result: Summary) -> None:
        found, self._total, due = result
        self.filters.set_choices(found)
        self._show_due(due)
        self._summary_pending = False
        if self.filters.current() != row_filter:  # a choice made is gone from the register
            self.refilter()
        elif not self.loading:
            self._view_ready()

    def _size_columns(self) -> None:
        """Fit the columns to their contents once, without letting one take the window.

        One column per turn of the event loop: measuring all ten at once held the window
        for tens of milliseconds just as the first rows appeared.
        """
        self._sized = bool(self.model.rowCount())
        for header in (self.table.horizontalHeader(), self.table.verticalHeader()):
            header.setResizeContentsPrecision(SIZE_FROM_ROWS)  # not all 100,000 of them
        self._size_column(0)

    def _size_column(self, column: int) -> None:
        header = self.table.horizontalHeader()
        if column >= self.model.columnCount():
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the person's name
            return
        self.table.resizeColumnToContents(column)
        widest = self.table.fontMetrics().horizontalAdvance("M") * MAX_COLUMN_EMS
        header.resizeSection(column, min(header.sectionSize(column), widest))
        QTimer.singleShot(0, self, lambda: self._size_column(column + 1))

    def _read_page(self, view: View, number: int) -> None:
        """Read page `number` of `view` off the UI thread; the model shows it when read."""
        run_in_background(
            lambda: view.page(number * PAGE),
            lambda rows: self.model.add_page(view, number, rows),
            self._on_load_failed,
            self,
        )

    def _on_load_failed(self, error: BaseException) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.count_label.setText(
            self.tr("The register could not be read: %1").replace("%1", str(error))
        )

    @Slot()
    def refilter(self) -> None:
        """Ask SQLite, off the UI thread, for the rows of the current filter and order."""
        row_filter = self.filters.current()
        find = self._finder(row_filter)
        self._generation += 1
        generation = self._generation
        self.loading = True

        def done(result: Found) -> None:
            if generation == self._generation:
                self._show_found(generation, result)

        run_in_background(find, done, self._on_load_failed, self)

    def _view_ready(self) -> None:
        self.loading = False
        if self._summary_pending:  # said once the total is known (_on_summary)
            return
        shown, total = self.model.rowCount(), self._total
        if total:
            self.count_label.setText(
                self.tr("Showing %1 of %2.")
                .replace("%1", f"{shown:,}")
                .replace("%2", plural(total, "acknowledgement", "acknowledgements"))
            )
        else:
            self.count_label.setText(
                self.tr(
                    "The register is empty. Onboardings completed on this computer appear here; "
                    "import signed PDFs from other computers with Import or by dropping them here."
                )
            )
        self._on_selection_changed()
        self.view_updated.emit(shown)

    @Slot(str, bool)
    def _on_model_sort_requested(self, key: str, descending: bool) -> None:
        if self._sort != (key, descending):
            self._sort = (key, descending)
            self.refilter()

    def _show_due(self, due: int) -> None:
        self.due_banner.setVisible(bool(due))
        self.due_banner.setText(
            f"<b style='color:{BAD}'>"
            + esc(plural(due, "acknowledgement is", "acknowledgements are"))
            + esc(self.tr(" due for renewal."))
            + "</b> <a href='due'>"
            + esc(self.tr("Show them"))
            + "</a>"
        )

    @Slot(str)
    def _on_due_banner_link_activated(self, _link: str) -> None:
        self.filters.due_only.setChecked(True)

    # -- the chosen row -------------------------------------------------------------------

    def selected_row(self) -> AckRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    @Slot()
    def _on_selection_changed(self, *_: QItemSelection) -> None:
        row = self.selected_row()
        for button in (self.open_button, self.verify_button, self.countersign_button):
            button.setEnabled(row is not None)
        if row is not None:
            self.countersign_button.setEnabled(not row.countersigned)
        self.details.setText(
            self.row_actions.describe(row)
            if row
            else self.tr(
                "Choose a row to see its file and certificate, and to open, check or countersign it."
            )
        )

    # -- dropping files -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if any(u.toLocalFile().lower().endswith(".pdf") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.row_actions.import_paths(files)
