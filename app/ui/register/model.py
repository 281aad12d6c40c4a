"""The acknowledgements as a Qt table model that reads only the rows on screen.

Filtering and sorting are not done here: the window asks SQLite, off the UI thread, how
many rows a filter and order give (app.core.register.query.View) and hands the model
that view with its first page; the model reads further pages of PAGE rows when the table
shows them, and keeps the last few. `sort()` only asks the window for a new view. So a
register of a million events costs no more memory or time than one of a thousand.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from app.core.register.query import PAGE, View
from app.core.register.status import (
    COUNTERSIGNED,
    RENEWAL_DUE,
    SIGNED,
    SUPERSEDED,
    AckRow,
)

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole  # the AckRow behind a cell
# (title, AckRow attribute and sort key)
COLUMNS = (
    ("Person", "person"),
    ("Role", "role"),
    ("Organisation", "organisation"),
    ("Version", "policy_version"),
    ("Signed", "signed_at"),
    ("Status", "status"),
    ("Signature", "signature_verdict"),
    ("Countersigned by", "countersigned_by"),
    ("Renew by", "renew_by"),
    ("E-mail", "email"),
    ("Membership no.", "membership_number"),
)
SIGNED_COLUMN = 4
KEPT_PAGES = 32  # pages of PAGE rows kept read; the rest are read again when shown
STATUS_WORDS = {
    SIGNED: "Signed",
    COUNTERSIGNED: "Countersigned",
    SUPERSEDED: "Superseded",
    RENEWAL_DUE: "Renewal due",
}
_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        ROW_ROLE,
    )
)
_COLOURS = {
    COUNTERSIGNED: QColor("#1b5e20"),
    RENEWAL_DUE: QColor("#b00020"),
}


def cell_text(row: AckRow, key: str) -> str:
    if key == "signed_at":
        return row.signed_at[:10]
    if key == "organisation":
        return row.organisation_short
    if key == "status":
        return STATUS_WORDS.get(row.status, row.status)
    if key == "renew_by" and row.due:
        return "now"
    if key == "signature_verdict":
        return row.signature_verdict.capitalize()
    return str(getattr(row, key))


class RegisterModel(QAbstractTableModel):
    """Read-only rows of the register; `view` lists which snapshot rows show, in order.

    Signals:
        sort_requested(str, bool): the column key to sort by, and whether descending.
    """

    sort_requested = Signal(str, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query: View | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[AckRow]] = OrderedDict()
        # Set by the window: reads page `number` of `view` off the UI thread and hands it
        # to add_page(), so scrolling never waits for SQLite. Unset, pages are read here.
        self.page_reader: Callable[[View, int], None] | None = None
        self._asked: set[int] = set()

    def set_view(self, query: View | None, count: int, first: list[AckRow]) -> None:
        """Show `count` rows of `query` (as many as known so far); `first` is its first page."""
        self.beginResetModel()
        self.query, self._count = query, count
        self._pages.clear()
        self._asked.clear()
        if query is not None:
            self._pages[0] = first
        self.endResetModel()

    def set_count(self, count: int) -> None:
        """The view has `count` rows in all (counted after its first page was shown)."""
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()

    def row_at(self, row: int) -> AckRow | None:
        """The row shown at `row`, read with its page if need be (None if it has gone)."""
        number, place = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None:
            assert self.query is not None
            page = self.query.page(number * PAGE)
            self._keep(number, page)
        else:
            self._pages.move_to_end(number)
        return page[place] if place < len(page) else None

    def add_page(self, query: View, number: int, rows: list[AckRow]) -> None:
        """Page `number` of `query`, read off the UI thread: shown if `query` still is."""
        if query is not self.query:
            return
        self._asked.discard(number)
        self._keep(number, rows)
        first = number * PAGE
        last = min(first + len(rows), self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _keep(self, number: int, rows: list[AckRow]) -> None:
        self._pages[number] = rows
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)

    def _shown_row(self, row: int) -> AckRow | None:
        """The row at `row` if its page is read; else None, its page asked for."""
        if self.page_reader is None or self.query is None:
            return self.row_at(row)
        number, place = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None:
            if number not in self._asked:
                self._asked.add(number)
                self.page_reader(self.query, number)
            return None
        self._pages.move_to_end(number)
        return page[place] if place < len(page) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 (Qt override)
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section][0])
        if orientation == Qt.Orientation.Vertical and 0 <= section < self._count:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role not in _ROLES  # the view asks for a dozen roles a cell; answer those fast
            or not index.isValid()
            or not 0 <= index.row() < self._count
            or not 0 <= index.column() < len(COLUMNS)
        ):
            return None
        row = self._shown_row(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell_text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "status" and row.note:
                return f"{cell_text(row, key)}: {row.note}"
            if key == "renew_by":
                return row.note or f"renew by {row.renew_by}"
            return None
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return _COLOURS.get(RENEWAL_DUE if row.due else row.status)
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask for the rows in a new order; the window answers with set_view()."""
        if 0 <= column < len(COLUMNS):
            self.sort_requested.emit(COLUMNS[column][1], order == Qt.SortOrder.DescendingOrder)
