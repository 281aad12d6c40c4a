"""The organisation keys window's trust actions, for one organisation: back up and
restore the root, enrol computers, list trustees, revoke; and enrol this computer.

Thin: every decision is in app.signing.authority and app.signing.computer; this only
asks for files and passphrases and shows what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.packs import Pack
from app.ui.worker import run_in_background

GOOD = "#1b5e20"
BAD = "#b00020"
REASONS = (("lost", "Lost or stolen"), ("resigned", "Resigned"), ("retired", "No longer used"))


def _password(name: str) -> QLineEdit:
    line = QLineEdit()
    line.setEchoMode(QLineEdit.EchoMode.Password)
    line.setAccessibleName(name)
    return line


def _button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(slot)
    return button


class TrustActions(QWidget):
    """Signals:
    changed(): the root, its trustees or this computer's enrolment changed.
    """

    changed = Signal()

    def __init__(self, pack: Pack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.root_box = QGroupBox(self.tr("The root (on the computer trustees countersign on)"))
        root_form = QFormLayout(self.root_box)
        self.root_passphrase = _password(self.tr("The root's passphrase"))
        self.root_passphrase_row = QLabel(self.tr("The root's passphrase:"))
        root_form.addRow(self.root_passphrase_row, self.root_passphrase)
        self.backup_passphrase = _password(self.tr("Backup passphrase"))
        self.backup_again = _password(self.tr("Backup passphrase again"))
        root_form.addRow(self.tr("Backup passphrase:"), self.backup_passphrase)
        root_form.addRow(self.tr("Backup passphrase again:"), self.backup_again)
        self.backup_button = _button(
            self.tr("Back up the root…"), self.tr("Back up the root"), self._on_backup_clicked
        )
        self.restore_button = _button(
            self.tr("Restore the root from a backup…"),
            self.tr("Restore the root from a backup"),
            self._on_restore_clicked,
        )
        root_form.addRow(self._row(self.backup_button, self.restore_button))

        self.trustees = QListWidget()
        self.trustees.setAccessibleName(self.tr("Trustees and their terms"))
        root_form.addRow(self.tr("Trustees:"), self.trustees)
        self.trustee_name = QLineEdit()
        self.trustee_name.setAccessibleName(self.tr("New trustee's full name"))
        self.trustee_email = QLineEdit()
        self.trustee_email.setAccessibleName(self.tr("New trustee's e-mail address"))
        self.trustee_until = QDateEdit(QDate.currentDate().addYears(3))
        self.trustee_until.setCalendarPopup(True)
        self.trustee_until.setDisplayFormat("yyyy-MM-dd")
        self.trustee_until.setAccessibleName(self.tr("Last day of the trustee's term"))
        root_form.addRow(self.tr("Trustee's full name:"), self.trustee_name)
        root_form.addRow(self.tr("Trustee's e-mail:"), self.trustee_email)
        root_form.addRow(self.tr("Term ends on:"), self.trustee_until)
        self.add_trustee_button = _button(
            self.tr("Add trustee"), self.tr("Add the trustee"), self._on_add_trustee
        )
        self.end_trustee_button = _button(
            self.tr("End the selected trustee's term"),
            self.tr("End the selected trustee's term today"),
            self._on_end_trustee,
        )
        root_form.addRow(self._row(self.add_trustee_button, self.end_trustee_button))

        self.months = QSpinBox()
        self.months.setRange(1, 60)
        self.months.setValue(12)
        self.months.setSuffix(self.tr(" months"))
        self.months.setAccessibleName(self.tr("How long the computer stays enrolled"))
        self.enrol_button = _button(
            self.tr("Enrol a computer from its request…"),
            self.tr("Enrol a computer from its request file"),
            self._on_enrol_clicked,
        )
        root_form.addRow(self.tr("Enrol for:"), self._row(self.months, self.enrol_button))

        self.revoke_what = QComboBox()
        self.revoke_what.setAccessibleName(self.tr("Computer or trustee to revoke"))
        self.revoke_reason = QComboBox()
        self.revoke_reason.setAccessibleName(self.tr("Why"))
        for code, words in REASONS:
            self.revoke_reason.addItem(self.tr(words), code)
        self.revoke_button = _button(
            self.tr("Revoke"), self.tr("Revoke the chosen certificate"), self._on_revoke
        )
        root_form.addRow(
            self.tr("Revoke:"), self._row(self.revoke_what, self.revoke_reason, self.revoke_button)
        )
        layout.addWidget(self.root_box)

        self.computer_box = QGroupBox(self.tr("This computer (an induction laptop)"))
        computer_form = QFormLayout(self.computer_box)
        self.enrolment = QLabel()
        self.enrolment.setWordWrap(True)
        self.enrolment.setAccessibleName(self.tr("This computer's enrolment"))
        computer_form.addRow(self.enrolment)
        self.computer_name = QLineEdit()
        self.computer_name.setAccessibleName(self.tr("This computer's name"))
        self.computer_name.setPlaceholderText(self.tr("for example Laptop 3"))
        computer_form.addRow(self.tr("This computer's name:"), self.computer_name)
        self.computer_passphrase = _password(self.tr("This computer's key passphrase"))
        self.computer_passphrase_label = QLabel(self.tr("Passphrase for this computer's key:"))
        computer_form.addRow(self.computer_passphrase_label, self.computer_passphrase)
        self.request_button = _button(
            self.tr("Make the enrolment request…"),
            self.tr("Make this computer's enrolment request"),
            self._on_request_clicked,
        )
        self.install_button = _button(
            self.tr("Install the enrolment certificate…"),
            self.tr("Install this computer's enrolment certificate"),
            self._on_install_clicked,
        )
        computer_form.addRow(self._row(self.request_button, self.install_button))
        layout.addWidget(self.computer_box)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Result"))
        layout.addWidget(self.status)
        for box in (self.trustee_until, self.months):  # their inner text fields, for readers
            for line in box.findChildren(QLineEdit):
                line.setAccessibleName(box.accessibleName())
        self.refresh()

    def _row(self, *widgets: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        return box

    # -- state ------------------------------------------------------------------------------

    def refresh(self) -> None:
        from app.signing import authority, computer
        from app.signing.org import load_root_cert, root_protection

        pack_id = self.pack.id
        has_root = load_root_cert(pack_id) is not None
        in_file = (root_protection(pack_id) or "").startswith("passphrase file")
        self.root_passphrase.setVisible(has_root and in_file)
        self.root_passphrase_row.setVisible(has_root and in_file)
        for widget in (
            self.backup_button,
            self.backup_again,
            self.trustees,
            self.trustee_name,
            self.trustee_email,
            self.trustee_until,
            self.add_trustee_button,
            self.end_trustee_button,
            self.months,
            self.enrol_button,
            self.revoke_what,
            self.revoke_reason,
            self.revoke_button,
        ):
            widget.setEnabled(has_root)
        self.restore_button.setEnabled(not has_root)
        self.trustees.clear()
        self.revoke_what.clear()
        if has_root:
            today = date.today()
            for trustee in authority.list_trustees(pack_id):
                self.trustees.addItem(
                    f"{trustee.name} <{trustee.email}>: {trustee.standing(today)}"
                )
                if trustee.current(today):
                    self.revoke_what.addItem(
                        self.tr("Trustee %1").replace("%1", trustee.name),
                        ("trustee", trustee.email),
                    )
            for name in sorted({c.name for c in authority.list_computers(pack_id)}):
                self.revoke_what.addItem(
                    self.tr("Computer %1").replace("%1", name), ("computer", name)
                )
        enrolled = computer.enrolment(pack_id)
        self.enrolment.setText(
            self.tr("Enrolled as %1 until %2.")
            .replace("%1", enrolled.name)
            .replace("%2", enrolled.until)
            if enrolled
            else self.tr(
                "Not enrolled: signatures made here are checked and countersigned by a trustee."
            )
        )
        self.computer_passphrase.setVisible(False)
        self.computer_passphrase_label.setVisible(False)

    def _root_pass(self) -> str | None:
        return self.root_passphrase.text() if self.root_passphrase.isVisible() else None

    def _run(self, work: Callable[[], str], busy: str) -> None:
        """Run `work` off the UI thread; show its message, or its error in red."""
        self.status.setStyleSheet("")
        self.status.setText(busy)

        def guarded() -> tuple[bool, str]:
            from app.signing.errors import PassphraseNeeded, SigningError

            try:
                return True, work()
            except PassphraseNeeded as error:
                return False, f"passphrase:{error}"
            except SigningError as error:
                return False, str(error)

        run_in_background(guarded, self._on_done, lambda e: self._on_done((False, str(e))), self)

    def _on_done(self, result: tuple[bool, str]) -> None:
        ok, message = result
        if not ok and message.startswith("passphrase:"):
            message = message.partition(":")[2]
            self.computer_passphrase.setVisible(True)
            self.computer_passphrase_label.setVisible(True)
            self.computer_passphrase.setFocus()
        self.status.setStyleSheet(f"color: {GOOD if ok else BAD}")
        self.status.setText(message)
        if ok:
            keep = self.computer_passphrase.isVisible()
            self.refresh()
            self.changed.emit()
            if keep:
                self.computer_passphrase.clear()

    def _choose(
        self, title: str, pick: Callable[[str], None], *, save: bool, suggested: str = ""
    ) -> None:
        dialog = QFileDialog(self, title)
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.selectFile(suggested)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: pick(name) if name else None)
        dialog.open()

    # -- the root ---------------------------------------------------------------------------

    @Slot()
    def _on_backup_clicked(self) -> None:
        if self.backup_passphrase.text() != self.backup_again.text():
            self._on_done((False, self.tr("The two backup passphrases differ.")))
            return
        self._choose(
            self.tr("Save the root's backup"),
            self.backup_to,
            save=True,
            suggested=f"{self.pack.id}-root.backup",
        )

    def backup_to(self, file: str) -> None:
        from app.signing.authority import backup

        passphrase, root = self.backup_passphrase.text(), self._root_pass()

        def work() -> str:
            path = backup(self.pack.id, Path(file), passphrase, root_passphrase=root)
            return self.tr(
                "Backup written: %1. Keep it, and its passphrase, in two different safe places."
            ).replace("%1", path.name)

        self._run(work, self.tr("Writing the backup…"))

    @Slot()
    def _on_restore_clicked(self) -> None:
        def then_the_list(backup_file: str) -> None:
            # the kit's revocation list, so nothing revoked so far is forgotten
            dialog = QFileDialog(self, self.tr("Open the verification kit's revocation list"))
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            dialog.setNameFilter(self.tr("Revocation lists (*.crl)"))
            dialog.fileSelected.connect(lambda name: self.restore_from(backup_file, name or None))
            dialog.rejected.connect(lambda: self.restore_from(backup_file, None))
            dialog.open()

        self._choose(self.tr("Open the root's backup"), then_the_list, save=False)

    def restore_from(self, file: str, crl: str | None = None) -> None:
        from app.signing.authority import restore

        passphrase = self.backup_passphrase.text()
        new = self.computer_passphrase.text() or None

        def work() -> str:
            org_id = restore(
                Path(file), passphrase, new_passphrase=new, crl=Path(crl) if crl else None
            )
            return self.tr("The %1 root is back on this computer.").replace("%1", org_id.upper())

        self._run(work, self.tr("Restoring the root…"))

    # -- trustees ---------------------------------------------------------------------------

    @Slot()
    def _on_add_trustee(self) -> None:
        from app.signing.authority import add_trustee

        name, email = self.trustee_name.text(), self.trustee_email.text()
        until: date = self.trustee_until.date().toPython()  # type: ignore[assignment]

        def work() -> str:
            trustee = add_trustee(self.pack.id, name, email, until)
            return (
                self.tr("%1 is a trustee until %2.")
                .replace("%1", trustee.name)
                .replace("%2", trustee.until)
            )

        self._run(work, self.tr("Adding the trustee…"))

    @Slot()
    def _on_end_trustee(self) -> None:
        from app.signing.authority import end_trustee, list_trustees

        row = self.trustees.currentRow()
        if row < 0:
            self._on_done((False, self.tr("Select the trustee whose term ends.")))
            return
        email = list_trustees(self.pack.id)[row].email
        root = self._root_pass()

        def work() -> str:
            done = end_trustee(self.pack.id, email, root_passphrase=root)
            return self.tr(
                "%1's term ended today; their earlier countersignatures stay valid. Export the "
                "verification kit again for checkers."
            ).replace("%1", done.name)

        self._run(work, self.tr("Ending the term…"))

    # -- computers and revocation -----------------------------------------------------------

    @Slot()
    def _on_enrol_clicked(self) -> None:
        self._choose(self.tr("Open a computer's enrolment request"), self.enrol_from, save=False)

    def enrol_from(self, request: str) -> None:
        from app.signing.authority import enrol

        months, root = self.months.value(), self._root_pass()
        out = Path(request).with_suffix(".cert")

        def work() -> str:
            done = enrol(Path(request), out, months, org_id=self.pack.id, root_passphrase=root)
            return (
                self.tr("Enrolled %1 until %2. Take %3 back to that computer and install it there.")
                .replace("%1", done.computer)
                .replace("%2", done.until)
                .replace("%3", out.name)
            )

        self._run(work, self.tr("Enrolling…"))

    @Slot()
    def _on_revoke(self) -> None:
        from app.signing.authority import revoke

        chosen = self.revoke_what.currentData()
        if not chosen:
            self._on_done((False, self.tr("There is nothing to revoke.")))
            return
        kind, who = chosen
        reason, root = self.revoke_reason.currentData(), self._root_pass()

        def work() -> str:
            revoke(
                self.pack.id,
                computer=who if kind == "computer" else "",
                trustee=who if kind == "trustee" else "",
                reason=reason,
                root_passphrase=root,
            )
            return self.tr(
                "Revoked. Signatures made before now stay valid; later ones are broken. "
                "Export the verification kit again for checkers."
            )

        self._run(work, self.tr("Revoking…"))

    # -- this computer ----------------------------------------------------------------------

    @Slot()
    def _on_request_clicked(self) -> None:
        if not self.computer_name.text().strip():
            self._on_done((False, self.tr("Give this computer a name trustees will recognise.")))
            return
        suggested = "-".join(self.computer_name.text().lower().split()) + ".request"
        self._choose(
            self.tr("Save this computer's enrolment request"),
            self.request_to,
            save=True,
            suggested=suggested,
        )

    def request_to(self, file: str) -> None:
        from app.signing.computer import make_request

        name = self.computer_name.text()
        passphrase = self.computer_passphrase.text() or None

        def work() -> str:
            path = make_request(self.pack.id, name, Path(file), passphrase=passphrase)
            return self.tr(
                "Request written: %1. Take it to the computer that holds the root."
            ).replace("%1", path.name)

        self._run(work, self.tr("Making the request…"))

    @Slot()
    def _on_install_clicked(self) -> None:
        self._choose(self.tr("Open the enrolment certificate"), self.install_from, save=False)

    def install_from(self, file: str) -> None:
        from app.signing.certs import grouped
        from app.signing.computer import install

        def work() -> str:
            done = install(Path(file), self.pack.id)
            return (
                self.tr(
                    "This computer is enrolled as %1 until %2. The root's SHA-256 fingerprint is %3: "
                    "compare it with the verification kit's."
                )
                .replace("%1", done.name)
                .replace("%2", done.until)
                .replace("%3", grouped(done.root_fingerprint))
            )

        self._run(work, self.tr("Installing…"))
