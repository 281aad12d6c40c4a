"""Check a signed PDF: each signature's verdict (valid, needs a trustee, broken) with who
signed and why; and, for a trustee, countersigning it unless a signature is broken."""

from __future__ import annotations

from html import escape as esc
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.onboarding.acknowledgement import TRUSTEE_FIELD
from app.core.onboarding.session import Drawing
from app.ui.pages.signing_job import SigningJob
from app.ui.widgets.signing_panel import SigningPanel
from app.ui.worker import run_in_background

GOOD = "#1b5e20"
WAIT = "#8a5a00"
BAD = "#b00020"
COLUMNS = ("Signature field", "Signed by", "Outcome", "Why", "Certificate")
VERDICT_WORDS = {"valid": "Valid", "needs a trustee": "Needs a trustee", "broken": "Broken"}
COUNTERSIGN_DECLARATION = (
    "As a trustee I have checked this acknowledgement, and the person's answers are as "
    "recorded. By typing my name and selecting Sign, I countersign it."
)
VOUCH_DECLARATION = (
    "The signatures above are intact, but were made on a computer the organisation has not "
    "enrolled. As a trustee I have confirmed with %1 that they signed this acknowledgement, "
    "and the answers are as recorded. By typing my name and selecting Sign, I countersign it "
    "and vouch for their signature."
)


class VerifyWindow(QWidget):
    """Signals:
    countersigned(object): the path of a PDF a trustee has just countersigned.
    """

    countersigned = Signal(object)

    def __init__(self, org_id: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} — check a signed PDF")
        self.setAcceptDrops(True)
        self.resize(960, 640)
        self.org_id = org_id
        self.path: Path | None = None
        self.report = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        intro = QLabel(
            self.tr(
                "Open a signed acknowledgement or consent form, or drop it here, "
                "to check its signatures."
            )
        )
        intro.setWordWrap(True)
        top.addWidget(intro, 1)
        self.open_button = QPushButton(self.tr("&Open a PDF…"))
        self.open_button.setAccessibleName(self.tr("Open a PDF to check"))
        self.open_button.clicked.connect(self._on_open_clicked)
        top.addWidget(self.open_button)
        layout.addLayout(top)

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(self.tr("Result of the check"))
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.verdict)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Signatures in the PDF"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        for corner in self.table.findChildren(QAbstractButton):  # Qt's unnamed "select all"
            corner.setAccessibleName(self.tr("Select every row"))
        layout.addWidget(self.table, 1)

        self.countersign_box = QGroupBox(self.tr("Countersign as a trustee"))
        box_layout = QVBoxLayout(self.countersign_box)
        form = QFormLayout()
        self.trustee_name = QLineEdit()
        self.trustee_name.setAccessibleName(self.tr("Trustee's full name"))
        self.trustee_email = QLineEdit()
        self.trustee_email.setAccessibleName(self.tr("Trustee's e-mail address"))
        form.addRow(self.tr("Trustee's full name:"), self.trustee_name)
        form.addRow(self.tr("Trustee's e-mail:"), self.trustee_email)
        box_layout.addLayout(form)
        self.panel = SigningPanel(self.tr("Trustee"))
        self.panel.set_declaration(f"<p><b>{self.tr(COUNTERSIGN_DECLARATION)}</b></p>")
        self.panel.sign_requested.connect(self._on_sign_requested)
        self.trustee_name.textChanged.connect(self._on_trustee_changed)
        # where the trustee's key is kept is looked up once the address is typed, not per key
        self.trustee_email.editingFinished.connect(self._on_trustee_email_finished)
        box_layout.addWidget(self.panel)
        self.countersign_box.hide()
        layout.addWidget(self.countersign_box)
        self.job = SigningJob(self, self.panel)
        self.job.finished.connect(self._on_countersign_finished)

    # -- opening and checking ---------------------------------------------------------------

    @Slot()
    def _on_open_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Open a signed PDF"))
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.check(Path(name)) if name else None)
        dialog.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if any(u.toLocalFile().lower().endswith(".pdf") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.check(files[0])

    def check(self, path: Path) -> None:
        """Verify `path` in the background and show the result."""
        self.path = path
        self.verdict.setText(self.tr("Checking %1…").replace("%1", path.name))
        self.model.removeRows(0, self.model.rowCount())
        self.countersign_box.hide()

        def work():
            from app.documents.metadata import induct_keywords
            from app.signing.service import verify_pdf

            return verify_pdf(path), induct_keywords(path).get("pack", "")

        run_in_background(work, self._show_report, self._on_check_crashed, self)

    def _on_check_crashed(self, error: BaseException) -> None:
        self.verdict.setText(
            f"<b style='color:{BAD}'>{self.tr('Could not check the file:')}</b> {error}"
        )

    def _show_report(self, result) -> None:
        report, pack_id = result
        self.report = report
        self.org_id = pack_id or self.org_id
        self.model.removeRows(0, self.model.rowCount())
        if report.error:
            self.verdict.setText(f"<b style='color:{BAD}'>{report.error}</b>")
            return
        from app.signing.certs import short_fingerprint

        for check in report.signatures:
            row = [
                check.field,
                f"{check.signer} <{check.email}>" if check.email else check.signer,
                self.tr(VERDICT_WORDS[check.verdict]),
                check.verdict_words,
                short_fingerprint(check.fingerprint) if check.fingerprint else "",
            ]
            self.model.appendRow([QStandardItem(text) for text in row])
        for name in report.unsigned_fields:
            self.model.appendRow(
                [QStandardItem(name), QStandardItem(self.tr("not signed yet"))]
                + [QStandardItem("") for _ in COLUMNS[2:]]
            )
        if not report.signatures:
            text = f"<b style='color:{BAD}'>✗ {self.tr('This PDF has no signature.')}</b>"
        elif report.verdict == "valid":
            text = f"<b style='color:{GOOD}'>✓ {self.tr('Every signature is valid.')}</b>"
        elif report.verdict == "needs a trustee":
            text = (
                f"<b style='color:{WAIT}'>● "
                f"{self.tr('Intact, but a trustee has yet to check and countersign it:')}</b>"
            )
        else:
            text = f"<b style='color:{BAD}'>✗ {self.tr('Broken: do not rely on this file:')}</b>"
        problems = [
            f"{esc(c.field)} ({esc(c.signer or '?')}): {esc(p)}"
            for c in report.signatures
            for p in c.problems
        ]
        if problems:
            text += "<ul>" + "".join(f"<li>{p}</li>" for p in problems) + "</ul>"
        self.verdict.setText(text)
        can_countersign = (
            TRUSTEE_FIELD in report.unsigned_fields
            and report.signatures
            and report.verdict != "broken"
        )
        self.countersign_box.setVisible(bool(can_countersign))
        if can_countersign:
            waiting = [c.signer for c in report.signatures if c.verdict == "needs a trustee"]
            declaration = (
                self.tr(VOUCH_DECLARATION).replace("%1", " and ".join(waiting))
                if waiting
                else self.tr(COUNTERSIGN_DECLARATION)
            )
            self.panel.set_declaration(f"<p><b>{esc(declaration)}</b></p>")
            self._on_trustee_changed()

    # -- countersigning ---------------------------------------------------------------------

    @Slot()
    def _on_trustee_changed(self) -> None:
        name = " ".join(self.trustee_name.text().split())
        typed = self.panel.typed_name.text()
        self.panel.load(name, typed, self.panel.pad.drawing())

    @Slot()
    def _on_trustee_email_finished(self) -> None:
        email = self.trustee_email.text().strip()
        if "@" in email:
            self.job.describe_key(email, self.org_id, "Trustee")

    @Slot(str, object, str)
    def _on_sign_requested(self, typed: str, drawing: Drawing | None, passphrase: str) -> None:
        if self.path is None:
            return
        email = self.trustee_email.text().strip()
        if "@" not in email:
            self.panel.show_problem(self.tr("Type the trustee's e-mail address first."))
            return
        self.job.start(
            field=TRUSTEE_FIELD,
            name=" ".join(self.trustee_name.text().split()),
            email=email,
            role="Trustee",
            org_id=self.org_id,
            typed_name=typed,
            drawing=drawing,
            passphrase=passphrase,
            path=self.path,
        )

    @Slot(object, str)
    def _on_countersign_finished(self, path: Path | None, signed_field: str) -> None:
        if signed_field and path is not None:
            self.countersigned.emit(path)
            self.check(path)
