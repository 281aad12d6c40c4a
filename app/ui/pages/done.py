"""Done: where the acknowledgement was saved, and ways to open, find and print it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from app.core.display import display_path
from app.core.onboarding.acknowledgement import todo_items
from app.core.register.inbox import copy_to_inbox, load_settings
from app.ui.context import OnboardingContext
from app.ui.pages.base import OnboardingPage, scrolling
from app.ui.printing import PrintError, open_print_preview
from app.ui.register.inbox import InboxDialog
from app.ui.widgets.announce import announce
from app.ui.widgets.labels import BAD, esc, wrapped_label
from app.ui.worker import run_in_background


class DonePage(OnboardingPage):
    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setFinalPage(True)
        layout = scrolling(self)
        self.message = wrapped_label()
        self.message.setAccessibleName(self.tr("Where your acknowledgement was saved"))
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open the PDF"))
        self.folder_button = QPushButton(self.tr("Open the f&older"))
        self.print_button = QPushButton(self.tr("&Print…"))
        for button, name, slot in (
            (self.open_button, self.tr("Open the acknowledgement PDF"), self._on_open_clicked),
            (
                self.folder_button,
                self.tr("Open the folder holding the PDF"),
                self._on_folder_clicked,
            ),
            (self.print_button, self.tr("Print the acknowledgement"), self._on_print_clicked),
        ):
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.next_steps = wrapped_label()
        layout.addWidget(self.next_steps)
        self.todo = wrapped_label(rich=True)  # the "Not yet" answers, as a to-do list
        self.todo.setAccessibleName(self.tr("Your to-do list"))
        layout.addWidget(self.todo)
        self.contacts = wrapped_label(rich=True)  # who to reach, and how
        self.contacts.setAccessibleName(self.tr("Who to contact"))
        layout.addWidget(self.contacts)
        shared = QHBoxLayout()
        self.shared_note = wrapped_label()
        self.shared_note.setAccessibleName(self.tr("Copy in the shared inbox folder"))
        self.shared_button = QPushButton(self.tr("Copy to the &shared folder…"))
        self.shared_button.setAccessibleName(
            self.tr("Copy the PDF into the shared inbox folder, or choose that folder")
        )
        self.shared_button.clicked.connect(self._on_shared_clicked)
        shared.addWidget(self.shared_note, 1)
        shared.addWidget(self.shared_button)
        layout.addLayout(shared)
        self.inbox_dialog: InboxDialog | None = None
        self.problem = wrapped_label()
        self.problem.setStyleSheet(f"color: {BAD}")
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.preview: QDialog | None = None

    def pdf_path(self) -> Path:
        return Path(self.ctx.session.output_pdf) if self.ctx.session else Path()

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        pack, session = self.ctx.require()
        self.message.setText(
            self.tr("Thank you, %1. Your acknowledgement of the %2 is signed and saved as:\n\n%3")
            .replace("%1", session.identity.full_name)
            .replace("%2", pack.policy.title)
            .replace("%3", display_path(self.pdf_path()))
        )
        trustee = self.tr(
            "Keep a copy, and send the PDF to your %1 contact so that a trustee can countersign it."
        ).replace("%1", pack.organisation.short_name)
        self.next_steps.setText(trustee)
        todo = todo_items(pack, session)
        self.todo.setVisible(bool(todo))
        self.todo.setText(
            f"<b>{esc(self.tr('Your to-do list'))}</b> "
            + esc(self.tr("(you answered “Not yet”; it is in the PDF too):"))
            + "<ul>"
            + "".join(f"<li>{esc(t.statement)} <i>({esc(t.source)})</i></li>" for t in todo)
            + "</ul>"
        )
        self.contacts.setText(
            f"<b>{esc(self.tr('Who to contact'))}</b><ul>"
            + "".join(
                f"<li><b>{esc(c.role)}</b>: {esc(c.purpose)}<br>{esc(' · '.join(c.routes))}</li>"
                for c in pack.contacts
            )
            + "</ul>"
        )
        self.shared_note.clear()
        settings = load_settings()
        if settings.copy_signed and settings.path:
            self._copy_to_shared(settings.path)
        self.open_button.setFocus()

    def _copy_to_shared(self, folder: Path) -> None:
        """Copy the signed PDF into the shared inbox folder, off the UI thread."""
        pdf = self.pdf_path()
        self.shared_note.setText(self.tr("Copying into the shared folder…"))
        run_in_background(
            lambda: copy_to_inbox(pdf, folder),
            self._on_copied,
            lambda error: self._on_copy_failed(folder, error),
            self,
        )

    def _on_copied(self, copy: Path) -> None:
        self.shared_note.setText(
            self.tr("A copy is in the shared inbox folder: %1").replace("%1", display_path(copy))
        )

    def _on_copy_failed(self, folder: Path, error: BaseException) -> None:
        self.shared_note.setText(
            self.tr(
                "The copy into the shared folder %1 failed: %2. The PDF is saved on this "
                "computer; select Copy to the shared folder to try again."
            )
            .replace("%1", display_path(folder))
            .replace("%2", str(error))
        )

    @Slot()
    def _on_shared_clicked(self) -> None:
        settings = load_settings()
        if settings.path is not None and settings.path.is_dir():
            self._copy_to_shared(settings.path)
            return
        self.inbox_dialog = InboxDialog(self)
        self.inbox_dialog.copy_signed.setChecked(True)
        self.inbox_dialog.accepted.connect(self._on_shared_chosen)
        self.inbox_dialog.open()

    @Slot()
    def _on_shared_chosen(self) -> None:
        settings = load_settings()
        if self.ctx.services.inbox is not None:
            self.ctx.services.inbox.start(settings)  # this computer may import now, too
        if settings.path is not None:
            self._copy_to_shared(settings.path)

    @Slot()
    def _on_open_clicked(self) -> None:
        self._open(self.pdf_path())

    @Slot()
    def _on_folder_clicked(self) -> None:
        self._open(self.pdf_path().parent)

    def _open(self, path: Path) -> None:
        if self.ctx.services.open_path(path) is False:  # no program here opens it
            announce(
                self.problem,
                self.tr(
                    "%1 could not be opened: this computer has no program for it. "
                    "It is saved; open it from the folder."
                ).replace("%1", display_path(path)),
            )

    @Slot()
    def _on_print_clicked(self) -> None:
        try:
            self.preview = open_print_preview(self.pdf_path(), self)
        except PrintError as error:
            announce(self.problem, str(error))
