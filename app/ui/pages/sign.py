"""Sign: the person signs their acknowledgement (typed name always; drawing optional)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from app import __version__
from app.core.clock import iso_time
from app.core.onboarding.acknowledgement import PERSON_FIELD, SIGNING_STATEMENT, build_record
from app.core.onboarding.session import Drawing, Signature
from app.ui.context import OnboardingContext
from app.ui.pages.base import OnboardingPage, scrolling
from app.ui.pages.signing_job import SigningJob
from app.ui.register.recording import record_acknowledgement
from app.ui.widgets.folder_row import FolderRow
from app.ui.widgets.labels import esc
from app.ui.widgets.signing_panel import SigningPanel


class SignPage(OnboardingPage):
    """Signals:
    signed: the acknowledgement is saved and carries the person's signature.
    """

    signed = Signal()

    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Once signed, the answers are in a signed PDF: no going back to change them.
        self.setCommitPage(True)
        layout = scrolling(self)
        self.output_dir = ctx.services.output_dir
        self.panel = SigningPanel(self.tr("You"))
        self.panel.sign_requested.connect(self._on_sign_requested)
        self.panel.edited.connect(self.changed)

        self.folder = FolderRow(self.output_dir, self.tr("acknowledgements"))
        self.folder.folder_changed.connect(self._on_folder_changed)
        layout.addWidget(self.folder)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        self.job = SigningJob(self, self.panel)
        self.job.finished.connect(self._on_job_finished)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        pack, session = self.ctx.require()
        statements = "".join(f"<li>{esc(s)}</li>" for s in pack.declaration)
        self.panel.set_declaration(f"<ul>{statements}</ul><p><b>{esc(SIGNING_STATEMENT)}</b></p>")
        signature = session.signature
        self.panel.load(
            session.identity.full_name,
            signature.typed_name if signature else "",
            signature.drawing if signature else None,
        )
        self.job.describe_key(session.identity.email, pack.id)

    @Slot(object)
    def _on_folder_changed(self, folder: Path) -> None:
        self.output_dir = folder

    @Slot(str, object, str)
    def _on_sign_requested(self, typed: str, drawing: Drawing | None, passphrase: str) -> None:
        pack, session = self.ctx.require()
        if PERSON_FIELD in session.signed_fields:  # signed already: the PDF must not change
            self.panel.show_problem(self.tr("You have signed already."))
            return
        session.signature = Signature(
            typed_name=typed,
            declaration=list(pack.declaration),
            signed_at=iso_time(self.ctx.services.clock()),
            drawing=drawing,
            statement=SIGNING_STATEMENT,
        )
        self.ctx.save()
        record = build_record(pack, session, __version__)
        folder = self.output_dir
        previous = Path(session.output_pdf) if session.output_pdf else None

        def render() -> Path:
            from app.documents.acknowledgement import save_acknowledgement

            if previous is not None and PERSON_FIELD not in session.signed_fields:
                previous.unlink(missing_ok=True)  # our own unsigned copy, superseded
            return save_acknowledgement(record, folder)

        identity = session.identity
        self.job.start(
            render=render,
            field=PERSON_FIELD,
            name=identity.full_name,
            email=identity.email,
            role=identity.role,
            org_id=pack.id,
            typed_name=typed,
            drawing=drawing,
            passphrase=passphrase,
            signed_at=datetime.fromisoformat(session.signature.signed_at),
        )

    @Slot(object, str)
    def _on_job_finished(self, path: Path | None, signed_field: str) -> None:
        _, session = self.ctx.require()
        if path is not None:
            session.output_pdf = str(path)
        if signed_field:
            session.signed_fields.append(signed_field)
            session.completed = not session.identity.under_18
        self.ctx.save(finished=True)  # a failure is shown beside the steps
        if signed_field and session.completed:
            record_acknowledgement(
                self,
                self.ctx.services,
                *self.ctx.require(),
                on_done=self.ctx.forget_when_registered(session),
            )
        if signed_field:
            self.completeChanged.emit()
            self.signed.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return bool(self.ctx.session and PERSON_FIELD in self.ctx.session.signed_fields)
