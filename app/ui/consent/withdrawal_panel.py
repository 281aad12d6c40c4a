"""Record a withdrawal inline: when, how, what, and who withdrew; a new event, never an edit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import Clock
from app.core.consent.decisions import CHANNELS, WITHDRAWN_BY, withdrawal_problems, withdrawal_time
from app.core.consent.form import ConsentRecord, Withdrawal
from app.ui.consent.common import MessageLabel, button, wrapped_label, wrapping_check
from app.ui.pages.base import clear_layout, wrapping_radio


class WithdrawalPanel(QGroupBox):
    """Signals:
    withdrawal_ready(object): a checked Withdrawal to append to the log.
    cancelled: the panel was closed without recording anything.
    """

    withdrawal_ready = Signal(object)
    cancelled = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record a withdrawal"), parent)
        self.clock = clock
        self.record: ConsentRecord | None = None
        self.purposes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "The consent as given stays on record; the withdrawal is added after it, with its "
                    "date and what it covers."
                )
            )
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setAccessibleName(self.tr("Date of the withdrawal"))
        form.addRow(self.tr("&Date:"), self.date)
        self.channel = QComboBox()
        self.channel.addItems([self.tr(c) for c in CHANNELS])
        self.channel.setAccessibleName(self.tr("How the withdrawal was received"))
        form.addRow(self.tr("&Received:"), self.channel)
        self.who = QComboBox()
        self.who.setAccessibleName(self.tr("Who withdrew the consent"))
        form.addRow(self.tr("&Withdrawn by:"), self.who)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note (optional)"))
        form.addRow(self.tr("&Note (optional):"), self.note)
        self.operator = QLineEdit()
        self.operator.setAccessibleName(self.tr("Your name and role"))
        form.addRow(self.tr("&Your name and role:"), self.operator)
        layout.addLayout(form)
        layout.addWidget(wrapped_label(self.tr("What is withdrawn:")))
        self.scope = QButtonGroup(self)
        for number, text in enumerate(
            (
                self.tr("Everything: every purpose still granted"),
                self.tr("Only the purposes ticked below"),
            )
        ):
            row, radio = wrapping_radio(text)
            self.scope.addButton(radio, number)
            layout.addWidget(row)
        self.scope.button(0).setChecked(True)
        self.scope.idToggled.connect(self._on_scope_toggled)
        self.purpose_layout = QVBoxLayout()
        self.purpose_layout.setContentsMargins(28, 0, 0, 0)
        layout.addLayout(self.purpose_layout)
        self.problems = MessageLabel(self.tr("Problems to put right before recording"))
        layout.addWidget(self.problems)
        actions = QHBoxLayout()
        self.save_button = button(
            self.tr("Record the &withdrawal"),
            self.tr("Record the withdrawal"),
            self._on_save_clicked,
        )
        self.cancel_button = button(
            self.tr("Cancel"), self.tr("Cancel the withdrawal"), self._on_cancel_clicked
        )
        actions.addWidget(self.save_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        layout.addLayout(actions)

    def start(self, record: ConsentRecord, officer: str = "") -> None:
        """Fill the panel in for `record` as it stands now; `officer` is the name and role
        already given in this window (kept if one was typed here before)."""
        self.record = record
        if officer and not self.operator.text().strip():
            self.operator.setText(officer)
        today = self.clock().date()
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.channel.setCurrentIndex(0)
        self.who.clear()
        for key, label in WITHDRAWN_BY:
            if key == "subject" or record.consenting_adult is not None:
                self.who.addItem(self.tr(label), key)
        self.note.clear()
        self.problems.clear_message()
        clear_layout(self.purpose_layout)
        self.purposes = {}
        for decision in record.decisions:
            if decision.granted:
                row, box = wrapping_check(decision.label)
                self.purposes[decision.purpose_key] = box
                self.purpose_layout.addWidget(row)
        self.scope.button(0).setChecked(True)
        self._on_scope_toggled(0, True)
        self.show()
        self.date.setFocus()

    def chosen_scope(self) -> tuple[str, ...] | None:
        """The purposes ticked, or None for everything."""
        if self.scope.checkedId() == 0:
            return None
        return tuple(key for key, box in self.purposes.items() if box.isChecked())

    def problems_with_input(self) -> list[str]:
        assert self.record is not None
        day = self.date.date()
        problems = withdrawal_problems(
            self.record,
            date(day.year(), day.month(), day.day()),
            self.clock().date(),
            self.chosen_scope(),
        )
        if not self.operator.text().strip():
            problems.append(self.tr("Type your name and role: you record the withdrawal."))
        return problems

    @Slot(int, bool)
    def _on_scope_toggled(self, number: int, checked: bool) -> None:
        only = self.scope.checkedId() == 1
        for box in self.purposes.values():
            row = box.parentWidget()
            if row is not None:
                row.setEnabled(only)

    @Slot()
    def _on_save_clicked(self) -> None:
        problems = self.problems_with_input()
        self.problems.show_problems(problems)
        if problems or self.record is None:
            return
        day = self.date.date()
        scope = self.chosen_scope()
        self.withdrawal_ready.emit(
            Withdrawal(
                self.record.record_id,
                withdrawal_time(
                    date(day.year(), day.month(), day.day()), self.clock(), self.record.recorded_at
                ),
                CHANNELS[self.channel.currentIndex()],
                "all" if scope is None else scope,
                note=" ".join(self.note.text().split()),
                withdrawn_by=self.who.currentData(),
                operator=" ".join(self.operator.text().split()),
            )
        )

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.hide()
        self.cancelled.emit()
