"""The search box and filters above the register table; they only describe what to show."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.register.status import STATUSES, FilterChoices, RowFilter
from app.ui.register.model import STATUS_WORDS
from app.ui.widgets.flow_layout import FlowLayout

TYPING_PAUSE_MS = 200  # search once the trustee pauses, not on every key


class FilterBar(QWidget):
    """Search, organisation, role, status, policy version, renewal due, countersign queue.

    Signals:
        changed: the filter changed; read it with current().
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Name, e-mail, membership number or file name"))
        self.search.setAccessibleName(self.tr("Search the register"))
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.changed)
        self.search.textChanged.connect(self._pause.start)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        rows.addLayout(search_row)

        self.organisation = self._combo(self.tr("Organisation"), self.tr("All organisations"))
        self.role = self._combo(self.tr("Role"), self.tr("All roles"))
        self.status = self._combo(self.tr("Status"), self.tr("Any status"))
        for status in STATUSES:
            self.status.addItem(self.tr(STATUS_WORDS[status]), status)
        self.version = self._combo(self.tr("Policy version"), self.tr("All versions"))
        # One row when there is room; at large text they wrap, two or one to a row.
        choices = FlowLayout()
        for text, combo in (
            (self.tr("&Organisation:"), self.organisation),
            (self.tr("&Role:"), self.role),
            (self.tr("S&tatus:"), self.status),
            (self.tr("&Version:"), self.version),
        ):
            choices.addWidget(_labelled(text, combo))
        rows.addLayout(choices)

        self.due_only = QCheckBox(self.tr("Due for &renewal only"))
        self.due_only.setAccessibleName(self.tr("Show only acknowledgements due for renewal"))
        self.queue_only = QCheckBox(self.tr("Countersign &queue: signed, not yet countersigned"))
        self.queue_only.setAccessibleName(self.tr("Show only the countersign queue"))
        for box in (self.due_only, self.queue_only):
            box.toggled.connect(self.changed)
        boxes = FlowLayout()
        boxes.addWidget(self.due_only)
        boxes.addWidget(self.queue_only)
        rows.addLayout(boxes)

    def _combo(self, name: str, anything: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(anything, "")
        combo.currentIndexChanged.connect(self.changed)
        return combo

    @Slot()
    def _on_search_return_pressed(self) -> None:
        self._pause.stop()
        self.changed.emit()

    def set_choices(self, choices: FilterChoices) -> None:
        """Offer the organisations, roles and versions found; keep what is chosen if still there."""
        for combo, items in (
            (self.organisation, [(name, pid) for pid, name in choices.packs]),
            (self.role, [(r, r) for r in choices.roles]),
            (self.version, [(v, v) for v in choices.versions]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def current(self) -> RowFilter:
        return RowFilter(
            text=self.search.text(),
            pack_id=self.organisation.currentData() or "",
            role=self.role.currentData() or "",
            status=self.status.currentData() or "",
            policy_version=self.version.currentData() or "",
            due_only=self.due_only.isChecked(),
            queue_only=self.queue_only.isChecked(),
        )


def _labelled(text: str, field: QWidget) -> QWidget:
    """`field` with its label before it, kept together when a row wraps; it widens to share
    the row's spare room."""
    pair = QWidget()
    pair.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    layout = QHBoxLayout(pair)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(field)
    layout.addWidget(label)
    layout.addWidget(field, 1)
    return pair
