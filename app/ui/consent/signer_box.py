"""One signer on the capture screen: typed name always, a drawing if they wish, a passphrase
when their key needs one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.core.onboarding.session import Drawing
from app.ui.consent.common import MessageLabel, wrapped_label
from app.ui.widgets.signature_pad import SignaturePad
from app.ui.widgets.signing_panel import same_name

MIN_PASSPHRASE = 8


class SignerBox(QGroupBox):
    """Signals:
    edited: the typed name, drawing or passphrase changed.
    """

    edited = Signal()

    def __init__(self, role: str, field: str, who: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Signature: %1").replace("%1", who), parent)
        self.role, self.field, self.who = role, field, who
        self.expected_name = ""
        self.email = ""  # the key's address, once signing has started
        self.new_passphrase = False
        self.for_root = False
        self._kept: dict[bool, str] = {}  # passphrases given so far: for_root -> passphrase
        layout = QVBoxLayout(self)
        self.prompt = wrapped_label(
            self.tr("%1, type your full name to sign, exactly as written above:").replace("%1", who)
        )
        layout.addWidget(self.prompt)
        self.typed_name = QLineEdit()
        self.typed_name.setAccessibleName(
            self.tr("%1: type your full name to sign").replace("%1", who)
        )
        self.typed_name.textChanged.connect(self.edited)
        layout.addWidget(self.typed_name)
        layout.addWidget(wrapped_label(self.tr("Draw a signature too, if you wish (optional):")))
        self.pad = SignaturePad()
        self.pad.setAccessibleName(
            self.tr("%1: signature drawing area (optional)").replace("%1", who)
        )
        self.pad.drawing_changed.connect(self.edited)
        layout.addWidget(self.pad)
        self.clear_button = QPushButton(self.tr("Clear the drawing"))
        self.clear_button.setAccessibleName(
            self.tr("%1: clear the drawn signature").replace("%1", who)
        )
        self.clear_button.clicked.connect(self.pad.clear)
        layout.addWidget(self.clear_button)

        self.passphrase_box = QWidget()
        box_layout = QVBoxLayout(self.passphrase_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        self.passphrase_reason = wrapped_label()
        self.passphrase_reason.setAccessibleName(self.tr("Why a passphrase is needed"))
        box_layout.addWidget(self.passphrase_reason)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase_again = QLineEdit()
        for edit, name in (
            (self.passphrase, self.tr("%1: passphrase")),
            (self.passphrase_again, self.tr("%1: passphrase again")),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name.replace("%1", who))
            edit.textChanged.connect(self.edited)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        form.addRow(self.tr("Again:"), self.passphrase_again)
        self._passphrase_form = form
        box_layout.addLayout(form)
        self.passphrase_box.hide()
        layout.addWidget(self.passphrase_box)
        self.status = MessageLabel(self.tr("%1: signing status").replace("%1", who))
        layout.addWidget(self.status)

    def set_expected_name(self, name: str) -> None:
        self.expected_name = " ".join(name.split())

    def typed(self) -> str:
        return " ".join(self.typed_name.text().split())

    def drawing(self) -> Drawing | None:
        return self.pad.drawing()

    def mark(self) -> Drawing | str:
        """What is drawn in the signature box of the PDF: the drawing, else the typed name."""
        return self.drawing() or self.typed()

    def problem(self) -> str:
        """Why this signer cannot sign yet, or ""."""
        if not self.expected_name:
            return ""
        if not same_name(self.typed_name.text(), self.expected_name):
            return (
                self.tr("%1: type the name exactly as written above: %2")
                .replace("%1", self.who)
                .replace("%2", self.expected_name)
            )
        if self.passphrase_box.isVisible():
            if len(self.passphrase.text()) < MIN_PASSPHRASE:
                return (
                    self.tr("%1: the passphrase needs at least %2 characters.")
                    .replace("%1", self.who)
                    .replace("%2", str(MIN_PASSPHRASE))
                )
            if self.new_passphrase and self.passphrase.text() != self.passphrase_again.text():
                return self.tr("%1: the two passphrases differ.").replace("%1", self.who)
        return ""

    def ask_passphrase(self, reason: str, new: bool, for_root: bool) -> None:
        """Show the passphrase fields inline; `new` asks for it twice."""
        if self.passphrase_box.isVisible():
            self._kept[self.for_root] = self.passphrase.text()
        self.new_passphrase, self.for_root = new, for_root
        self.passphrase.clear()
        self.passphrase_again.clear()
        self.passphrase_reason.setText(reason)
        self._passphrase_form.setRowVisible(self.passphrase_again, new)
        self.passphrase_box.show()
        self.setEnabled(True)
        self.typed_name.setEnabled(False)
        self.pad.setEnabled(False)
        self.clear_button.setEnabled(False)
        self.passphrase.setFocus()

    def passphrases(self) -> tuple[str | None, str | None]:
        """(passphrase, root_passphrase) to sign with, as the key asked."""
        given = dict(self._kept)
        if self.passphrase_box.isVisible():
            given[self.for_root] = self.passphrase.text()
        return given.get(False), given.get(True)

    def lock(self) -> None:
        """Once saved, the name and drawing are in the PDF: they can no longer change."""
        for widget in (self.typed_name, self.pad, self.clear_button):
            widget.setEnabled(False)
