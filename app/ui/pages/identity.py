"""About you: name, e-mail, membership number, role, age, and whether you run an account."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.onboarding import identity as identity_rules
from app.core.onboarding.session import Identity
from app.ui.context import OnboardingContext
from app.ui.pages.base import OnboardingPage, scrolling, wrapping_check
from app.ui.widgets.labels import BAD, wrapped_label


class IdentityPage(OnboardingPage):
    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = scrolling(self)
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "These details go on your acknowledgement. Write your name as you would sign it; "
                    "any alphabet is fine."
                )
            )
        )
        form = QFormLayout()
        # Labels go above their fields when both do not fit side by side (200% text).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.full_name = QLineEdit()
        self.email = QLineEdit()
        self.membership_number = QLineEdit()
        self.role = QComboBox()
        self.under_18 = QCheckBox(self.tr("I am under 18"))
        runs_account_row, self.runs_account = wrapping_check("")
        label = runs_account_row.findChild(QLabel)
        assert label is not None  # wrapping_check makes the row with its label
        self.runs_account_label: QLabel = label
        self._loading = False
        for widget, name in (
            (self.full_name, self.tr("Full name")),
            (self.email, self.tr("E-mail address")),
            (self.membership_number, self.tr("Membership number (if you have one)")),
            (self.role, self.tr("Your role")),
        ):
            widget.setAccessibleName(name)
            form.addRow(f"{name}:", widget)
        self.email.setPlaceholderText("name@example.org")
        # Across the form, not in its field column: at 200% that column is a third of the
        # page, and the account question wrapped to four lines in it.
        form.addRow(self.under_18)
        form.addRow(runs_account_row)
        layout.addLayout(form)
        self.guardian_box = QGroupBox(self.tr("Your parent or guardian"))
        guardian_layout = QVBoxLayout(self.guardian_box)
        self.guardian_note = wrapped_label(
            self.tr(
                "Because you are under 18, a parent or guardian signs your acknowledgement after you, "
                "at the end. Please have them with you when you reach the Sign step."
            )
        )
        guardian_layout.addWidget(self.guardian_note)
        guardian_form = QFormLayout()
        guardian_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.guardian_name = QLineEdit()
        self.guardian_relationship = QComboBox()
        self.guardian_relationship.setEditable(True)
        self.guardian_relationship.addItems(
            [self.tr("Parent"), self.tr("Guardian"), self.tr("Carer"), self.tr("Local authority")]
        )
        self.guardian_relationship.setCurrentText("")
        self.guardian_email = QLineEdit()
        for widget, name in (
            (self.guardian_name, self.tr("Parent or guardian's full name")),
            (self.guardian_relationship, self.tr("Their relationship to you")),
            (self.guardian_email, self.tr("Parent or guardian's e-mail address")),
        ):
            widget.setAccessibleName(name)
            guardian_form.addRow(f"{name}:", widget)
        guardian_layout.addLayout(guardian_form)
        layout.addWidget(self.guardian_box)
        self.problem = wrapped_label()
        self.problem.setStyleSheet(f"color: {BAD}")
        self.problem.setAccessibleName(self.tr("What is still needed"))
        layout.addWidget(self.problem)
        layout.addStretch(1)

        for line in (
            self.full_name,
            self.email,
            self.membership_number,
            self.guardian_name,
            self.guardian_email,
        ):
            line.textChanged.connect(self._on_input_changed)
        self.guardian_relationship.currentTextChanged.connect(self._on_input_changed)
        self.role.currentIndexChanged.connect(self._on_input_changed)
        self.under_18.toggled.connect(self._on_input_changed)
        self.runs_account.toggled.connect(self._on_input_changed)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        pack, session = self.ctx.require()
        identity = session.identity
        self._loading = True  # filling the fields must not write half-loaded values back
        self.role.blockSignals(True)
        self.role.clear()
        self.role.addItem(self.tr("Choose your role…"), "")
        for role in pack.roles:
            self.role.addItem(role, role)
        self.role.setCurrentIndex(max(self.role.findData(identity.role), 0))
        self.role.blockSignals(False)
        runs_account = self.tr(
            "I run, or plan to set up, a social media account connected with the %1"
        ).replace("%1", pack.organisation.short_name)
        self.runs_account_label.setText(runs_account)
        self.runs_account.setAccessibleName(runs_account)
        self.full_name.setText(identity.full_name)
        self.email.setText(identity.email)
        self.membership_number.setText(identity.membership_number)
        self.under_18.setChecked(identity.under_18)
        self.guardian_name.setText(identity.guardian_name)
        self.guardian_relationship.setCurrentText(identity.guardian_relationship)
        self.guardian_email.setText(identity.guardian_email)
        self.runs_account.setChecked(identity.runs_account)
        self.runs_account.setVisible(pack.has_questionnaire)  # nothing to ask otherwise
        self._loading = False
        self._on_input_changed()
        self.full_name.setFocus()

    def missing(self) -> list[str]:
        identity = self.ctx.session.identity if self.ctx.session else Identity()
        return [self.tr(message) for message in identity_rules.missing(identity)]

    @Slot()
    def _on_input_changed(self) -> None:
        if self.ctx.session is None or self._loading:
            return
        identity = self.ctx.session.identity
        identity.full_name = identity_rules.tidy_name(self.full_name.text())
        identity.email = self.email.text().strip()
        identity.membership_number = self.membership_number.text().strip()
        identity.role = self.role.currentData() or ""
        identity.under_18 = self.under_18.isChecked()
        identity.runs_account = self.runs_account.isChecked()
        identity.guardian_name = identity_rules.tidy_name(self.guardian_name.text())
        identity.guardian_relationship = self.guardian_relationship.currentText().strip()
        identity.guardian_email = self.guardian_email.text().strip()
        self.guardian_box.setVisible(identity.under_18)
        touched = any(w.text() for w in (self.full_name, self.email))
        self.problem.setText("\n".join(self.missing()) if touched else "")
        self.changed.emit()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return not self.missing()
