"""The recorded consents: search, select one to see its decisions and history, withdraw."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import readable
from app.core.consent.decisions import WITHDRAWN_BY
from app.core.consent.form import ConsentRecord, ConsentStore, Withdrawal
from app.ui.consent.common import BAD, GOOD, MessageLabel, button, heading_label, wrapped_label
from app.ui.consent.records_model import SORT_ROLE, RecordRow, RecordsModel, make_row
from app.ui.consent.withdrawal_panel import WithdrawalPanel
from app.ui.context import Services
from app.ui.widgets.labels import esc
from app.ui.worker import run_in_background


def history_html(row: RecordRow) -> str:
    """Every event of one consent, oldest first, each with its date and what it did."""
    labels = {d.purpose_key: d.label for d in row.original.decisions}
    who = dict(WITHDRAWN_BY)
    items = []
    for event in row.history:
        when = esc(readable(event.at))
        if event.kind == "record":
            given = row.original
            granted = sum(d.granted for d in given.decisions)
            by = f"; recorded by {esc(given.operator)}" if given.operator else ""
            items.append(
                f"<li><b>{when}</b>: consent given ({esc(given.method)}), "
                f"{granted} of {len(given.decisions)} purposes ticked{by}.</li>"
            )
        else:
            w = Withdrawal.from_dict(event.payload)
            what = (
                "everything"
                if w.scope == "all"
                else "; ".join(esc(labels.get(k, k)) for k in w.scope)
            )
            note = f" Note: {esc(w.note)}." if w.note else ""
            by = f" Recorded by {esc(w.operator)}." if w.operator else ""
            items.append(
                f"<li><b>{when}</b>: withdrawn by "
                f"{esc(who.get(w.withdrawn_by, w.withdrawn_by or 'not said').lower())}, "
                f"{esc(w.channel)}: {what}.{note}{by}</li>"
            )
    return "<ul>" + "".join(items) + "</ul>"


def decisions_table(row: RecordRow) -> str:
    """Purpose by purpose: as ticked when given, and as it counts now."""
    now = {d.purpose_key: d.granted for d in row.record.decisions}
    lines = [
        "<tr><th align='left'>Purpose</th><th align='left'>Given</th><th align='left'>Now</th></tr>"
    ]
    for d in row.original.decisions:
        current = now.get(d.purpose_key, False)
        colour, word = (GOOD, "Granted") if current else (BAD, "Refused")
        lines.append(
            f"<tr><td style='padding-right:12px'>{esc(d.label)}</td>"
            f"<td style='padding-right:12px'>{'Ticked' if d.granted else 'Not ticked'}"
            f"</td><td><b style='color:{colour}'>{word}</b></td></tr>"
        )
    return "<table>" + "".join(lines) + "</table>"


class RecordsView(QWidget):
    """Signals:
    withdrawn(object): a Withdrawal was appended to the log.
    """

    withdrawn = Signal(object)

    def __init__(
        self,
        services: Services,
        store: ConsentStore,
        kinds: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.store = services, store
        self.selected_id = ""
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name, event, status or form ID"))
        self.search.setAccessibleName(self.tr("Search the records"))
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.search, 1)
        self.refresh_button = button(
            self.tr("R&efresh"), self.tr("Refresh the records"), self.reload
        )
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.count = wrapped_label()
        self.count.setAccessibleName(self.tr("Number of records shown"))
        layout.addWidget(self.count)

        self.model = RecordsModel(kinds, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SORT_ROLE)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Recorded consents"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.officer = ""  # whoever records consents in this window: fills the withdrawal in
        self.detail = self._build_detail()
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([260, 440])
        layout.addWidget(splitter, 1)
        self.problem = MessageLabel(self.tr("Problem with the records"))
        layout.addWidget(self.problem)

    def _build_detail(self) -> QScrollArea:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.detail_heading = heading_label(
            self.tr("Select a consent to see its decisions and history.")
        )
        layout.addWidget(self.detail_heading)
        self.facts = wrapped_label(rich=True)
        self.facts.setAccessibleName(self.tr("About this consent"))
        layout.addWidget(self.facts)
        self.decisions_heading = heading_label(self.tr("Decisions, one per purpose"))
        layout.addWidget(self.decisions_heading)
        self.decisions = wrapped_label(rich=True)
        self.decisions.setAccessibleName(self.tr("Decisions as given and as they stand now"))
        layout.addWidget(self.decisions)
        self.history_heading = heading_label(self.tr("History"))
        layout.addWidget(self.history_heading)
        self.history = wrapped_label(rich=True)
        self.history.setAccessibleName(self.tr("History of this consent"))
        layout.addWidget(self.history)
        row = QHBoxLayout()
        self.open_button = button(
            self.tr("&Open the PDF"), self.tr("Open this consent's PDF"), self._on_open_clicked
        )
        self.withdraw_button = button(
            self.tr("Record a &withdrawal…"),
            self.tr("Record a withdrawal"),
            self._on_withdraw_clicked,
        )
        row.addWidget(self.open_button)
        row.addWidget(self.withdraw_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.panel = WithdrawalPanel(self.services.clock)
        self.panel.withdrawal_ready.connect(self._on_withdrawal_ready)
        self.panel.cancelled.connect(self.withdraw_button.setFocus)
        self.panel.hide()
        layout.addWidget(self.panel)
        layout.addStretch(1)
        for widget in (
            self.decisions_heading,
            self.history_heading,
            self.open_button,
            self.withdraw_button,
        ):
            widget.hide()
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setWidget(inner)
        return area

    # -- loading ----------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Read every consent and its events from the log, off the UI thread."""
        store, today = self.store, self.services.clock().date()

        def work() -> list[RecordRow]:
            rows = []
            for record in store.records():
                history = store.history(record.record_id)
                original = ConsentRecord.from_dict(history[0].payload)
                rows.append(
                    make_row(record, original, history, store.withdrawals(record.record_id), today)
                )
            return rows

        self.refresh_button.setEnabled(False)
        run_in_background(work, self._on_loaded, self._on_load_failed, self)

    def _on_loaded(self, rows: list[RecordRow]) -> None:
        self.refresh_button.setEnabled(True)
        self.problem.clear_message()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._show_count()
        if self.selected_id:
            self.select(self.selected_id)

    def _on_load_failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.problem.show_problems(
            [self.tr("The records could not be read: %1").replace("%1", str(error))]
        )

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            self.count.setText(self.tr("No consent has been recorded on this computer yet."))
        elif shown == total:
            self.count.setText(
                self.tr("1 consent recorded.")
                if total == 1
                else self.tr("%1 consents recorded.").replace("%1", str(total))
            )
        else:
            self.count.setText(
                self.tr("%1 of %2 consents match the search.")
                .replace("%1", str(shown))
                .replace("%2", str(total))
            )

    # -- one record -------------------------------------------------------------------------

    def select(self, record_id: str) -> None:
        row = self.model.row_for(record_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def current_row(self) -> RecordRow | None:
        row = self.model.row_for(self.selected_id)
        return self.model.rows[row] if row >= 0 else None

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        source = self.proxy.mapToSource(rows[0]).row()
        row = self.model.rows[source]
        if row.record.record_id != self.selected_id:
            self.panel.hide()
        self.selected_id = row.record.record_id
        self._show_detail(row)

    def _show_detail(self, row: RecordRow) -> None:
        record = row.record
        adult = record.consenting_adult
        self.detail_heading.setText(f"{record.subject.name}: {row.status}")
        facts = [
            ("Event", record.details.get("event", "")),
            ("Template", f"{record.template_id}, version {record.template_version}"),
            ("SHA-256 of the text", record.text_sha256),
            ("Expires (review by)", record.expires_on),
            ("Form ID", record.form_id),
            ("PDF", record.attachment or "none"),
        ]
        if adult is not None:
            facts.insert(0, ("Parent or guardian", f"{adult.name}, {adult.relationship}"))
        self.facts.setText(
            "<table>"
            + "".join(
                f"<tr><td style='padding-right:12px'><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>"
                for k, v in facts
                if v
            )
            + "</table>"
        )
        self.decisions.setText(decisions_table(row))
        self.history.setText(history_html(row))
        for widget in (
            self.decisions_heading,
            self.history_heading,
            self.open_button,
            self.withdraw_button,
        ):
            widget.show()
        self.open_button.setEnabled(bool(record.attachment))
        self.withdraw_button.setEnabled(any(d.granted for d in record.decisions))
        self.withdraw_button.setToolTip(
            ""
            if self.withdraw_button.isEnabled()
            else self.tr("Nothing is granted now, so there is nothing to withdraw.")
        )

    @Slot()
    def _on_open_clicked(self) -> None:
        row = self.current_row()
        if row is not None and row.record.attachment:
            self.services.open_path(Path(row.record.attachment))

    @Slot()
    def _on_withdraw_clicked(self) -> None:
        row = self.current_row()
        if row is not None:
            self.panel.start(row.record, self.officer)
            # Once laid out, scroll the panel into view: it opens below the history.
            QTimer.singleShot(0, self, self._show_panel)

    def _show_panel(self) -> None:
        """Bring the whole panel into view: on a short window (or at 200% text) the table
        gives up its spare rows to it, and the panel's top is shown, its heading and first
        field, not a middle cut through a sentence."""
        table, viewport = self.table, self.detail.viewport()
        needed = self.panel.height() - viewport.height()
        rows = max(1, min(self.proxy.rowCount(), 3))  # the chosen row and its neighbours
        header = table.horizontalHeader().height() + 2 * table.frameWidth()
        least = max(
            header + rows * table.verticalHeader().defaultSectionSize() + 4,
            table.minimumSizeHint().height(),
        )
        if needed > 0 and table.height() > least:
            give = min(needed, table.height() - least)
            top, bottom = self.splitter.sizes()
            self.splitter.setSizes([top - give, bottom + give])
            QTimer.singleShot(0, self, self._scroll_to_panel)  # once the splitter has moved
        else:
            self._scroll_to_panel()

    def _scroll_to_panel(self) -> None:
        viewport = self.detail.viewport()
        if self.panel.height() <= viewport.height():
            self.detail.ensureWidgetVisible(self.panel, 0, 0)
        else:  # taller than the view: its top, the rest by scrolling
            self.detail.verticalScrollBar().setValue(self.panel.y())
        self.detail.ensureWidgetVisible(self.panel.date)
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current)

    @Slot(object)
    def _on_withdrawal_ready(self, withdrawal: Withdrawal) -> None:
        store = self.store
        self.panel.save_button.setEnabled(False)

        def work() -> Withdrawal:
            store.withdraw(withdrawal)
            return withdrawal

        run_in_background(work, self._on_withdrawn, self._on_withdraw_failed, self)

    def _on_withdrawn(self, withdrawal: Withdrawal) -> None:
        self.panel.save_button.setEnabled(True)
        self.panel.hide()
        self.problem.show_good(self.tr("Withdrawal recorded."))
        self.withdrawn.emit(withdrawal)
        self.reload()
        self.withdraw_button.setFocus()

    def _on_withdraw_failed(self, error: BaseException) -> None:
        self.panel.save_button.setEnabled(True)
        self.panel.problems.show_problems(
            [self.tr("The withdrawal could not be recorded: %1").replace("%1", str(error))]
        )
