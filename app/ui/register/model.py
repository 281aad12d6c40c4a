"""The acknowledgements as a Qt table model over a snapshot read once from the register.

Filtering and sorting are not done here: the window works out which rows to show, in
which order, off the UI thread (app.core.register.status.select_rows) and hands the
model that list; `sort()` only asks for it. So 100,000 rows never pass through Python
comparisons on the UI thread, as a QSortFilterProxyModel would make them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

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
    ("Countersigned by", "countersigned_by"),
    ("Renew by", "renew_by"),
    ("E-mail", "email"),
    ("Membership no.", "membership_number"),
)
SIGNED_COLUMN = 4
STATUS_WORDS = {
    SIGNED: "Signed",
    COUNTERSIGNED: "Countersigned",
    SUPERSEDED: "Superseded",
    RENEWAL_DUE: "Renewal due",
}
_COLOURS = {COUNTERSIGNED: QColor("#1b5e20"), RENEWAL_DUE: QColor("#b00020")}


def cell_text(row: AckRow, key: str) -> str:
    if key == "signed_at":
        return row.signed_at[:10]
    if key == "organisation":
        return row.organisation_short
    if key == "status":
        return STATUS_WORDS.get(row.status, row.status)
    if key == "renew_by" and row.due:
        return "now"
    return str(getattr(row, key))


class RegisterModel(QAbstractTableModel):
    """Read-only rows of the register; `view` lists which snapshot rows show, in order.

    Signals:
        sort_requested(str, bool): the column key to sort by, and whether descending.
    """

    sort_requested = Signal(str, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[AckRow] = []
        self.view: list[int] = []

    def set_rows(self, rows: list[AckRow], view: list[int]) -> None:
        """A new snapshot and the rows of it to show."""
        self.beginResetModel()
        self.rows, self.view = rows, view
        self.endResetModel()

    def set_view(self, view: list[int]) -> None:
        """Show these rows of the current snapshot, in this order."""
        self.beginResetModel()
        self.view = view
        self.endResetModel()

    def row_at(self, row: int) -> AckRow:
        return self.rows[self.view[row]]

    def shown(self) -> list[AckRow]:
        return [self.rows[i] for i in self.view]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(self.view)

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
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.view):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self.view)
            or not 0 <= index.column() < len(COLUMNS)
        ):
            return None
        row = self.rows[self.view[index.row()]]
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
