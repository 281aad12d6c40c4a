"""Organisation keys, for trustees: create the organisation root, export the verification
kit anyone can check signatures with, and (org_actions.py) back up and restore the root,
enrol computers, list trustees and revoke."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.packs import Pack
from app.ui.context import Services
from app.ui.org_actions import TrustActions
from app.ui.worker import run_in_background

BAD = "#b00020"
MIN_PASSPHRASE = 8


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class OrganisationKeys(QGroupBox):
    """One organisation's root: its state, creating it, exporting its verification kit."""

    def __init__(self, pack: Pack, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(pack.organisation.name, parent)
        self.pack = pack
        self.services = services
        self.kit_files: list[Path] = []
        layout = QVBoxLayout(self)
        self.state = _label()
        self.state.setAccessibleName(f"{pack.organisation.short_name} organisation root")
        layout.addWidget(self.state)

        self.passphrase_box = QWidget()
        form = QFormLayout(self.passphrase_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.passphrase_reason = _label()
        form.addRow(self.passphrase_reason)
        self.passphrase = QLineEdit()
        self.passphrase_again = QLineEdit()
        for line, name in (
            (self.passphrase, self.tr("Root passphrase")),
            (self.passphrase_again, self.tr("Root passphrase again")),
        ):
            line.setEchoMode(QLineEdit.EchoMode.Password)
            line.setAccessibleName(name)
            form.addRow(f"{name}:", line)
        self.passphrase_box.hide()
        layout.addWidget(self.passphrase_box)

        buttons = QHBoxLayout()
        short = pack.organisation.short_name
        self.create_button = QPushButton(self.tr("Create the %1 root").replace("%1", short))
        self.create_button.setAccessibleName(self.create_button.text())
        self.create_button.clicked.connect(self._on_create_clicked)
        self.kit_button = QPushButton(self.tr("Export the verification kit…"))
        self.kit_button.setAccessibleName(
            self.tr("Export the %1 verification kit").replace("%1", short)
        )
        self.kit_button.clicked.connect(self._on_kit_clicked)
        self.open_kit_button = QPushButton(self.tr("Open the kit's folder"))
        self.open_kit_button.setAccessibleName(self.tr("Open the folder of the exported kit"))
        self.open_kit_button.clicked.connect(
            lambda: self.services.open_path(self.kit_files[0].parent) if self.kit_files else None
        )
        self.open_kit_button.hide()
        for button in (self.create_button, self.kit_button, self.open_kit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = _label()
        self.status.setAccessibleName(self.tr("Result"))
        layout.addWidget(self.status)
        self.trust = TrustActions(pack)
        self.trust.changed.connect(self.refresh)
        layout.addWidget(self.trust)
        self.refresh()

    def refresh(self) -> None:
        from app.signing.certs import fingerprint, grouped
        from app.signing.org import load_root_cert, root_protection

        cert = load_root_cert(self.pack.id)
        if cert is None:
            self.state.setText(
                self.tr(
                    "No organisation root on this computer. Create it once, on the computer trustees "
                    "countersign on (or restore it there from its backup): it enrols induction "
                    "computers and issues trustees' certificates. Induction laptops never hold it."
                )
            )
        else:
            self.state.setText(
                self.tr(
                    "Organisation root present. Certificate SHA-256: %1. Its key is kept in: %2."
                )
                .replace("%1", grouped(fingerprint(cert)))
                .replace("%2", root_protection(self.pack.id) or "?")
            )
        self.create_button.setVisible(cert is None)
        self.kit_button.setEnabled(cert is not None)

    @Slot()
    def _on_create_clicked(self) -> None:
        passphrase = None
        if self.passphrase_box.isVisible():
            passphrase = self.passphrase.text()
            if len(passphrase) < MIN_PASSPHRASE:
                self._problem(self.tr("The passphrase needs at least 8 characters."))
                return
            if passphrase != self.passphrase_again.text():
                self._problem(self.tr("The two passphrases differ."))
                return
        self.create_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Creating the organisation root…"))
        pack = self.pack

        def work() -> str:
            from app.signing.service import PassphraseNeeded, SigningError, init_org

            try:
                init_org(pack.id, pack.organisation.name, passphrase)
            except PassphraseNeeded as error:
                return f"passphrase:{error}"
            except SigningError as error:
                return f"error:{error}"
            return ""

        run_in_background(work, self._on_created, lambda e: self._problem(str(e)), self)

    def _on_created(self, outcome: str) -> None:
        self.create_button.setEnabled(True)
        kind, _, message = outcome.partition(":")
        if kind == "passphrase":
            self.passphrase_reason.setText(message)
            self.passphrase_box.show()
            self.passphrase.setFocus()
            self.status.setText("")
        elif kind == "error":
            self._problem(message)
        else:
            self.passphrase_box.hide()
            self.status.setText(self.tr("Created."))
            self.refresh()
            self.trust.refresh()

    @Slot()
    def _on_kit_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Folder for the verification kit"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.export_kit_to)
        dialog.open()

    @Slot(str)
    def export_kit_to(self, folder: str) -> None:
        from app.signing.service import SigningError, export_kit

        if not folder:
            return
        try:
            self.kit_files = export_kit(self.pack.id, Path(folder))
        except SigningError as error:
            self._problem(str(error))
            return
        self.status.setStyleSheet("")
        self.status.setText(
            self.tr("Verification kit written: %1").replace(
                "%1", ", ".join(p.name for p in self.kit_files)
            )
        )
        self.open_kit_button.show()

    def _problem(self, message: str) -> None:
        self.create_button.setEnabled(True)
        self.status.setStyleSheet(f"color: {BAD}")
        self.status.setText(message)


class OrganisationWindow(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} — organisation keys")
        self.resize(880, 720)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                self.tr(
                    "Each organisation has a root certificate on the computer its trustees countersign "
                    "on. Share the verification kit (the root certificate, its fingerprint and a short "
                    "guide) so anyone can check that signatures are genuine."
                )
            )
        )
        self.sections: dict[str, OrganisationKeys] = {}
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        for pack in sorted(services.catalogue.packs.values(), key=lambda p: p.organisation.name):
            self.sections[pack.id] = OrganisationKeys(pack, services)
            inner_layout.addWidget(self.sections[pack.id])
        inner_layout.addStretch(1)
        scroll = QScrollArea()  # several organisations' actions do not fit one screen
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
