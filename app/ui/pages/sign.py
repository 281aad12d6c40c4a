"""Sign: the typed full name (always), a drawing (optional), the declaration right above Sign."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core.acknowledgement import build_record
from app.core.clock import stamp
from app.core.session import Signature
from app.ui.context import OnboardingContext
from app.ui.pages.base import BAD, OnboardingPage, esc, scrolling, wrapped_label
from app.ui.widgets.signature_pad import SignaturePad
from app.ui.worker import run_in_background

INTENT = ("By typing my name and selecting Sign, I confirm the statements above and sign this "
          "acknowledgement.")


def same_name(typed: str, expected: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(expected.split()).casefold()


class SignPage(OnboardingPage):
    """Signals:
    signed: the acknowledgement PDF is saved; the wizard moves on to Done.
    """

    signed = Signal()

    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = scrolling(self)
        self.output_dir = ctx.services.output_dir

        self.typed_name = QLineEdit()
        self.typed_name.setAccessibleName(self.tr("Type your full name to sign"))
        self.typed_name.textChanged.connect(self._on_typed_name_changed)
        layout.addWidget(wrapped_label(self.tr("Type your full name to sign:")))
        layout.addWidget(self.typed_name)

        drawing_box = QGroupBox(self.tr("Draw your signature too (optional)"))
        drawing_layout = QVBoxLayout(drawing_box)
        self.pad = SignaturePad()
        self.pad.drawing_changed.connect(self.changed)
        drawing_layout.addWidget(self.pad)
        clear = QPushButton(self.tr("C&lear drawing"))
        clear.setAccessibleName(self.tr("Clear the drawn signature"))
        clear.clicked.connect(self.pad.clear)
        drawing_layout.addWidget(clear)
        layout.addWidget(drawing_box)

        folder_row = QHBoxLayout()
        self.folder_label = wrapped_label()
        self.folder_label.setAccessibleName(self.tr("Folder the PDF is saved in"))
        change_folder = QPushButton(self.tr("Change &folder…"))
        change_folder.setAccessibleName(self.tr("Change the folder the PDF is saved in"))
        change_folder.clicked.connect(self._on_change_folder_clicked)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(change_folder)
        layout.addLayout(folder_row)

        self.declaration_box = QGroupBox(self.tr("Your declaration"))
        declaration_layout = QVBoxLayout(self.declaration_box)
        self.declaration = wrapped_label(rich=True)
        self.declaration.setAccessibleName(self.tr("Declaration"))
        declaration_layout.addWidget(self.declaration)
        layout.addWidget(self.declaration_box)

        self.sign_button = QPushButton(self.tr("&Sign"))
        self.sign_button.setAccessibleName(self.tr("Sign the acknowledgement"))
        self.sign_button.setMinimumHeight(40)
        self.sign_button.clicked.connect(self._on_sign_clicked)
        layout.addWidget(self.sign_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Saving your acknowledgement"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = wrapped_label()
        self.status.setAccessibleName(self.tr("Signing status"))
        layout.addWidget(self.status)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        pack, session = self.ctx.require()
        statements = "".join(f"<li>{esc(s)}</li>" for s in pack.declaration)
        self.declaration.setText(f"<ul>{statements}</ul><p><b>{esc(INTENT)}</b></p>")
        if session.signature:
            self.typed_name.setText(session.signature.typed_name)
            self.pad.set_drawing(session.signature.drawing)
        self.folder_label.setText(self.tr("Saved in: %1").replace("%1", str(self.output_dir)))
        self._on_typed_name_changed()
        self.typed_name.setFocus()

    def expected_name(self) -> str:
        return self.ctx.session.identity.full_name if self.ctx.session else ""

    @Slot()
    def _on_typed_name_changed(self) -> None:
        typed = self.typed_name.text()
        ok = same_name(typed, self.expected_name())
        self.sign_button.setEnabled(ok and not self.progress.isVisible())
        if typed.strip() and not ok:
            self.status.setStyleSheet(f"color: {BAD}")
            self.status.setText(self.tr("Type your name as you gave it under 'About you': %1")
                                .replace("%1", self.expected_name()))
        else:
            self.status.setText("")
        self.changed.emit()

    @Slot()
    def _on_change_folder_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Folder for your acknowledgement"), str(self.output_dir))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self._on_folder_selected)
        dialog.open()

    @Slot(str)
    def _on_folder_selected(self, folder: str) -> None:
        if folder:
            self.output_dir = Path(folder)
            self.folder_label.setText(self.tr("Saved in: %1").replace("%1", folder))

    @Slot()
    def _on_sign_clicked(self) -> None:
        pack, session = self.ctx.require()
        if not same_name(self.typed_name.text(), self.expected_name()):
            return
        session.signature = Signature(
            typed_name=" ".join(self.typed_name.text().split()),
            declaration=[*pack.declaration, INTENT],
            signed_at=stamp(self.ctx.services.clock()),
            drawing=self.pad.drawing(),
        )
        self.ctx.save()
        record = build_record(pack, session, __version__)
        folder = self.output_dir
        self.sign_button.setEnabled(False)
        self.progress.show()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Saving your acknowledgement…"))

        def work() -> Path:
            from app.documents.acknowledgement import save_acknowledgement

            return save_acknowledgement(record, folder)

        run_in_background(work, self._on_saved, self._on_failed, self)

    def _on_saved(self, path: Path) -> None:
        _, session = self.ctx.require()
        session.output_pdf = str(path)
        session.completed = True
        self.ctx.services.store.save(session)
        self.progress.hide()
        self.status.setText(self.tr("Saved."))
        self.completeChanged.emit()
        self.signed.emit()

    def _on_failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.sign_button.setEnabled(True)
        self.status.setStyleSheet(f"color: {BAD}")
        self.status.setText(self.tr(
            "Your acknowledgement could not be saved: %1. Your answers are kept. Check that the "
            "folder exists and you can write to it (or choose another with Change folder), "
            "then select Sign again.").replace("%1", str(error)))

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return bool(self.ctx.session and self.ctx.session.completed)
