"""Capture a consent in the app: set up, fill in the form with the person, save, sign."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import iso_time
from app.core.consent import capture as capture_answers
from app.core.consent.decisions import ONE_OFF
from app.core.consent.form import ConsentForm, ConsentRecord, ConsentStore
from app.core.consent.templates import ConsentTemplate
from app.ui.consent.capture_setup import CaptureSetup, SetupPage
from app.ui.consent.common import MessageLabel, button, wrapped_label
from app.ui.consent.confirmation import ConfirmationView
from app.ui.consent.form_view import FormView
from app.ui.consent.signer_box import SignerBox
from app.ui.context import Services
from app.ui.widgets.labels import esc
from app.ui.worker import run_in_background

SIGN_INTENT = (
    "By typing your name and selecting Save and sign, you confirm that the answers "
    "above are yours and sign this consent form."
)


class CaptureView(QWidget):
    """Signals:
    recorded(object): a ConsentRecord was stored (its PDF saved; signing may follow).
    records_requested: the person wants to see the list of records.
    """

    recorded = Signal(object)
    records_requested = Signal()

    def __init__(
        self,
        services: Services,
        templates: dict[str, ConsentTemplate],
        store: ConsentStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.templates, self.store = services, templates, store
        self.setup: CaptureSetup | None = None
        self.form: ConsentForm | None = None
        self.view: FormView | None = None
        self.record: ConsentRecord | None = None
        self.path: Path | None = None
        self.pending: list[SignerBox] = []
        self.signed: list[str] = []
        self.stack = QStackedWidget()
        QVBoxLayout(self).addWidget(self.stack)
        self.setup_page = SetupPage(services, templates)
        self.setup_page.started.connect(self._on_setup_started)
        self.stack.addWidget(self.setup_page)
        self.stack.addWidget(self._build_form_page())
        self.confirmation = ConfirmationView(services)
        self.confirmation.another_requested.connect(self._on_another_requested)
        self.confirmation.records_requested.connect(self.records_requested)
        self.stack.addWidget(self.confirmation)

    def _build_form_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.summary = wrapped_label()
        self.summary.setAccessibleName(self.tr("Organisation, form and event"))
        bar.addWidget(self.summary, 1)
        self.change_button = button(
            self.tr("&Change event or form…"),
            self.tr("Change the event or form (the answers are cleared)"),
            self._on_change_clicked,
        )
        bar.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(bar)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        inner = QWidget()
        self.form_layout = QVBoxLayout(inner)
        self.form_layout.setContentsMargins(16, 12, 16, 12)
        self.form_layout.setSpacing(12)
        self.form_layout.addWidget(QWidget())  # replaced by the form
        self.form_layout.addWidget(wrapped_label(f"<b>{esc(self.tr(SIGN_INTENT))}</b>", True))
        self.status = MessageLabel(self.tr("What to put right, or how saving went"))
        self.form_layout.addWidget(self.status)
        actions = QHBoxLayout()
        self.save_button = button(
            self.tr("&Save and sign"), self.tr("Save and sign"), self._on_save_clicked
        )
        self.save_button.setMinimumHeight(40)
        self.skip_button = button(
            self.tr("Finish &without a digital signature"),
            self.tr("Finish without a digital signature"),
            self._on_skip_clicked,
        )
        self.skip_button.hide()
        actions.addWidget(self.save_button)
        actions.addWidget(self.skip_button)
        actions.addStretch(1)
        self.form_layout.addLayout(actions)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Saving and signing"))
        self.progress.hide()
        self.form_layout.addWidget(self.progress)
        self.form_layout.addStretch(1)
        self.scroll_area.setWidget(inner)
        outer.addWidget(self.scroll_area, 1)
        return page

    # -- starting ---------------------------------------------------------------------------

    @Slot(object)
    def _on_setup_started(self, setup: CaptureSetup, carried: dict[str, str] | None = None) -> None:
        self.setup = setup
        self.form = ConsentForm(
            setup.pack, setup.template, {"event": setup.event, "date": setup.date}
        )
        item = self.form_layout.itemAt(0)
        old = item.widget() if item is not None else None
        self.view = FormView(self.form, self.services.clock().date())
        if old is not None:
            self.form_layout.replaceWidget(old, self.view)
            old.hide()
            old.deleteLater()
        self.view.switch_requested.connect(self._on_switch_requested)
        self.view.edited.connect(self._on_form_edited)
        if self.view.receiver is not None:
            self.view.receiver.setText(setup.receiver)
        self.view.prefill(carried or {})
        when = f", {self.form.value('event-date')}" if setup.date else ""
        self.summary.setText(
            f"{setup.pack.organisation.name} · {self.form.title} · {setup.event}{when}"
        )
        self.record, self.path, self.pending, self.signed = None, None, [], []
        self.status.clear_message()
        self.save_button.setText(self.tr("&Save and sign"))
        self.save_button.setEnabled(True)
        self.skip_button.hide()
        self.change_button.setEnabled(True)
        self.stack.setCurrentIndex(1)
        self.scroll_area.verticalScrollBar().setValue(0)
        (self.view.lines.get("name") or self.view).setFocus()

    @Slot(str, object)
    def _on_switch_requested(self, kind: str, carried: dict[str, str]) -> None:
        template = next((t for t in self.templates.values() if t.kind == kind), None)
        if template is None or self.setup is None:
            return
        self.setup_page.choose(template.id)
        setup = CaptureSetup(
            self.setup.pack,
            template,
            self.setup.event,
            self.setup.date,
            self.setup.receiver,
            self.setup.folder,
        )
        self._on_setup_started(setup, carried)

    @Slot()
    def _on_change_clicked(self) -> None:
        self.stack.setCurrentIndex(0)
        self.setup_page.start_button.setFocus()

    @Slot()
    def _on_another_requested(self) -> None:
        if self.setup is not None:
            self._on_setup_started(self.setup)

    @Slot()
    def _on_form_edited(self) -> None:
        if self.record is None and self.status.isVisible() and self.status.styleSheet():
            self.status.clear_message()

    # -- saving -----------------------------------------------------------------------------

    def problems(self) -> list[str]:
        assert self.view is not None and self.form is not None
        self.view.expected_names()
        today = self.services.clock().date()
        out = capture_answers.problems(self.form, self.view.values(), today)
        return out + [p for p in (box.problem() for box in self.view.needed_signers()) if p]

    @Slot()
    def _on_save_clicked(self) -> None:
        if self.record is not None:
            self._sign_next()
            return
        problems = self.problems()
        self.status.show_problems(problems)
        if problems or self.view is None or self.form is None or self.setup is None:
            return
        form, setup, values = self.form, self.setup, self.view.values()
        marks, store = self.view.signatures(), self.store
        today, at = self.services.clock().date(), iso_time(self.services.clock())

        def work() -> object:
            from app.documents.consent.saving import save_captured

            return save_captured(
                form,
                values,
                store=store,
                folder=setup.folder,
                today=today,
                recorded_at=at,
                signatures=marks,  # type: ignore[arg-type]
            )

        self._busy(self.tr("Saving…"))
        self.view.setEnabled(False)
        run_in_background(
            work, lambda saved: self._on_saved(saved.record, saved.path), self._on_save_failed, self
        )

    def _busy(self, message: str) -> None:
        self.progress.show()
        self.save_button.setEnabled(False)
        self.change_button.setEnabled(False)
        self.skip_button.hide()
        self.status.show_plain(message)

    def _on_saved(self, record: ConsentRecord, path: Path) -> None:
        assert self.view is not None
        self.record, self.path = record, path
        self.view.setEnabled(True)
        self.view.lock()
        self.pending = self.view.needed_signers()
        self.recorded.emit(record)
        self._sign_next()

    def _on_save_failed(self, error: BaseException) -> None:
        assert self.view is not None
        self.view.setEnabled(True)
        self.progress.hide()
        self.save_button.setEnabled(True)
        self.change_button.setEnabled(True)
        self.status.show_problems(
            [
                self.tr(
                    "The consent could not be saved, and nothing was recorded: %1. Check that the "
                    "folder exists and you can write to it (or choose another with Change event or "
                    "form), then select Save and sign again."
                ).replace("%1", str(error))
            ]
        )

    # -- signing ----------------------------------------------------------------------------

    def _sign_next(self) -> None:
        if not self.pending:
            self._finish()
            return
        box = self.pending[0]
        problem = box.problem()
        if problem:
            self.status.show_problems([problem])
            return
        assert self.record is not None and self.path is not None and self.setup is not None
        path, org_id = self.path, self.setup.pack.id
        name, email, role = capture_answers.signer_identity(
            self.record, self.setup.template.kind, box.role
        )
        box.email = email
        typed, drawing = box.typed(), box.drawing()
        passphrase, root_passphrase = box.passphrases()

        def work() -> Exception | None:
            from app.signing.service import Signer, SigningError, sign_pdf

            try:
                sign_pdf(
                    path,
                    box.field,
                    Signer(name, email, role),
                    org_id=org_id,
                    typed_name=typed,
                    drawing=drawing,
                    passphrase=passphrase,
                    root_passphrase=root_passphrase,
                )
            except SigningError as error:
                return error
            return None

        self._busy(self.tr("Signing for %1…").replace("%1", name))
        run_in_background(
            work, lambda error: self._on_signed(box, error), self._on_sign_crashed, self
        )

    def _on_signed(self, box: SignerBox, error: Exception | None) -> None:
        from app.signing.service import PassphraseNeeded

        self.progress.hide()
        self.save_button.setEnabled(True)
        if error is None:
            box.status.show_good(self.tr("Signed."))
            box.passphrase_box.hide()
            self.signed.append(box.field)
            self.pending.pop(0)
            self._sign_next()
            return
        self.save_button.setText(self.tr("&Sign"))
        if isinstance(error, PassphraseNeeded):
            reason = str(error)
            if error.creating and not error.for_root and box.email.endswith(ONE_OFF):
                reason += " " + self.tr(
                    "No e-mail address was given, so this key is made for "
                    "this form alone: the passphrase is not asked again."
                )
            box.ask_passphrase(reason, error.creating, error.for_root)
            self.status.show_plain(
                self.tr(
                    "The consent is saved and recorded. To sign it, enter the passphrase above, "
                    "then select Sign."
                )
            )
        else:
            box.status.show_problems([str(error)])
            self.status.show_problems(
                [
                    self.tr("The consent is saved and recorded, but not signed yet: %1").replace(
                        "%1", str(error)
                    )
                ]
            )
        self.skip_button.show()

    def _on_sign_crashed(self, error: BaseException) -> None:
        self._on_signed(self.pending[0], error if isinstance(error, Exception) else None)

    @Slot()
    def _on_skip_clicked(self) -> None:
        self.pending = []
        self._finish()

    def _finish(self) -> None:
        self.progress.hide()
        assert self.record is not None and self.path is not None and self.form is not None
        self.confirmation.show_record(self.record, self.path, self.signed, self.form)
        self.stack.setCurrentIndex(2)
        self.confirmation.open_button.setFocus()
