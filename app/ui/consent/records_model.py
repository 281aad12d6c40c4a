"""The recorded consents as a Qt table model: who, which form, event, dates and status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.core.clock import readable
from app.core.consent.decisions import status
from app.core.consent.form import ConsentEvent, ConsentRecord, Withdrawal

COLUMNS = ("Person", "Form", "Event", "Recorded", "Expires", "Status", "Form ID")
FORM_NAMES = {"publicity": "Publicity", "quote": "Quote", "guardian": "Parent or guardian"}
SORT_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RecordRow:
    """One consent as it stands now, the events behind it, and its status line."""

    record: ConsentRecord  # current: overrides and withdrawals applied
    original: ConsentRecord  # as given, never changed
    history: tuple[ConsentEvent, ...]
    withdrawals: tuple[Withdrawal, ...]
    status: str


def make_row(
    record: ConsentRecord,
    original: ConsentRecord,
    history: list[ConsentEvent],
    withdrawals: list[Withdrawal],
    today: date,
) -> RecordRow:
    return RecordRow(
        record, original, tuple(history), tuple(withdrawals), status(record, withdrawals, today)
    )


class RecordsModel(QAbstractTableModel):
    """Read-only; `UserRole` gives a sort key (ISO dates sort as dates)."""

    def __init__(self, kinds: dict[str, str] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RecordRow] = []
        self.kinds = kinds or {}  # template id -> kind

    def set_rows(self, rows: list[RecordRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_for(self, record_id: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r.record.record_id == record_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 (Qt override)
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, index.column())
        if role == SORT_ROLE:
            record = row.record
            if index.column() == 3:
                return record.recorded_at
            if index.column() == 4:
                return record.expires_on
            return self._text(row, index.column()).casefold()
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            adult = row.record.consenting_adult
            return f"Consent given by {adult.name} ({adult.relationship})" if adult else None
        return None

    def _text(self, row: RecordRow, column: int) -> str:
        record = row.record
        kind = self.kinds.get(record.template_id, record.template_id)
        return (
            record.subject.name,
            f"{FORM_NAMES.get(kind, record.template_id)} (version {record.template_version})",
            record.details.get("event", ""),
            readable(record.recorded_at)[:18],
            record.expires_on,
            row.status,
            record.form_id,
        )[column]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
