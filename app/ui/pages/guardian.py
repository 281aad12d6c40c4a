"""For anyone under 18: their parent or guardian signs next, in the same sitting."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from app import __version__
from app.core.clock import iso_time
from app.core.onboarding.acknowledgement import GUARDIAN_FIELD, build_record
from app.core.onboarding.session import Drawing, Signature
from app.ui.context import OnboardingContext
from app.ui.pages.base import OnboardingPage, scrolling
from app.ui.pages.signing_job import SigningJob
from app.ui.register.recording import record_acknowledgement
from app.ui.widgets.labels import esc, wrapped_label
from app.ui.widgets.signing_panel import SigningPanel


class GuardianPage(OnboardingPage):
    """Signals:
    signed: the guardian's signature is in the PDF.
    """

    signed = Signal()

    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = scrolling(self)
        self.intro = wrapped_label()
        layout.addWidget(self.intro)
        self.panel = SigningPanel(self.tr("Parent or guardian"))
        self.panel.sign_requested.connect(self._on_sign_requested)
        self.panel.edited.connect(self.changed)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        self.job = SigningJob(self, self.panel)
        self.job.finished.connect(self._on_job_finished)

    def declaration(self) -> tuple[list[str], str]:
        """The statements and the signing statement, word for word as the PDF prints them."""
        record = build_record(*self.ctx.require(), __version__)
        return list(record.guardian_declaration), record.guardian_signing_statement

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        _, session = self.ctx.require()
        who = session.identity
        self.intro.setText(
            self.tr(
                "%1 has signed. Now %2, please read the declaration and sign on the same computer."
            )
            .replace("%1", who.full_name)
            .replace("%2", who.guardian_name)
        )
        statements, signing_statement = self.declaration()
        lines = "".join(f"<li>{esc(s)}</li>" for s in statements)
        self.panel.set_declaration(f"<ul>{lines}</ul><p><b>{esc(signing_statement)}</b></p>")
        signature = session.guardian_signature
        self.panel.load(
            who.guardian_name,
            signature.typed_name if signature else "",
            signature.drawing if signature else None,
        )
        self.job.describe_key(who.guardian_email, self.ctx.require()[0].id)

    @Slot(str, object, str)
    def _on_sign_requested(self, typed: str, drawing: Drawing | None, passphrase: str) -> None:
        pack, session = self.ctx.require()
        who = session.identity
        statements, signing_statement = self.declaration()
        session.guardian_signature = Signature(
            typed, statements, iso_time(self.ctx.services.clock()), drawing, signing_statement
        )
        self.ctx.save()
        self.job.start(
            field=GUARDIAN_FIELD,
            name=who.guardian_name,
            email=who.guardian_email,
            role="Guardian",
            org_id=pack.id,
            typed_name=typed,
            drawing=drawing,
            passphrase=passphrase,
            path=Path(session.output_pdf),
            signed_at=datetime.fromisoformat(session.guardian_signature.signed_at),
        )

    @Slot(object, str)
    def _on_job_finished(self, path: Path | None, signed_field: str) -> None:
        _, session = self.ctx.require()
        if signed_field:
            session.signed_fields.append(signed_field)
            session.completed = True
        self.ctx.save(finished=True)  # a failure is shown beside the steps
        if signed_field:
            record_acknowledgement(
                self,
                self.ctx.services,
                *self.ctx.require(),
                on_done=self.ctx.forget_when_registered(session),
            )
            self.completeChanged.emit()
            self.signed.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return bool(self.ctx.session and GUARDIAN_FIELD in self.ctx.session.signed_fields)
