"""Save and sign a PDF off the UI thread, asking for a passphrase when the key needs one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.onboarding.session import Drawing
from app.ui.widgets.signing_panel import SigningPanel
from app.ui.worker import run_in_background


class SigningJob(QObject):
    """Runs render-then-sign for one signature field and reports to its SigningPanel.

    Signals:
        finished(object, str): the PDF path (None if nothing was saved) and the field now
            signed ("" when signing did not happen: a passphrase is needed, or it failed).
    """

    finished = Signal(object, str)

    def __init__(self, owner: QObject, panel: SigningPanel) -> None:
        super().__init__(owner)
        self.panel = panel
        self._field = ""
        self._email = ""
        # A personal key and, to issue its certificate, the organisation root may each need
        # a passphrase; the panel asks for one at a time and this remembers which is which.
        self._personal_passphrase: str | None = None
        self._root_passphrase: str | None = None
        self._asking_for_root = False
        self._described = ""

    def describe_key(self, email: str, org_id: str = "", role: str = "") -> None:
        """Tell the signer, before signing, which key signs and who vouches for it.

        Whether this computer is enrolled is read from the data folder off the UI thread;
        an answer for an e-mail changed since is dropped.
        """
        self._described = email

        def work() -> str:
            from app.signing.service import signing_notice

            return signing_notice(org_id, role)

        run_in_background(
            work,
            lambda text: self._show_key(email, text),
            lambda _error: self._show_key(email, ""),
            self,
        )

    def _show_key(self, email: str, text: str) -> None:
        if email == self._described:
            self.panel.key_note.setText(text)

    def start(
        self,
        *,
        field: str,
        name: str,
        email: str,
        role: str,
        org_id: str,
        typed_name: str,
        drawing: Drawing | None,
        passphrase: str,
        signed_at: datetime | None = None,
        render: Callable[[], Path] | None = None,
        path: Path | None = None,
    ) -> None:
        """Render (if `render` is given) and sign `field` as the named person."""
        if self._email and email != self._email:
            self._personal_passphrase = None
        self._field, self._email = field, email
        if passphrase:
            if self._asking_for_root:
                self._root_passphrase = passphrase
            else:
                self._personal_passphrase = passphrase
        personal, root = self._personal_passphrase, self._root_passphrase
        self.panel.set_busy(True, self.tr("Saving and signing…"))

        def work() -> tuple[Path, Exception | None]:
            from app.signing.preload import ONE_AT_A_TIME

            with ONE_AT_A_TIME:  # after the review page's warm-up, if it is still running
                return render_and_sign()

        def render_and_sign() -> tuple[Path, Exception | None]:
            from app.signing.service import Signer, SigningError, sign_pdf

            target = render() if render is not None else path
            assert target is not None
            try:
                sign_pdf(
                    target,
                    field,
                    Signer(name, email, role),
                    org_id=org_id,
                    typed_name=typed_name,
                    drawing=drawing,
                    passphrase=personal,
                    root_passphrase=root,
                    signed_at=signed_at,
                )
            except SigningError as error:
                return target, error
            return target, None

        run_in_background(work, self._on_worked, self._on_crashed, self)

    def _on_worked(self, result: tuple[Path, Exception | None]) -> None:
        from app.signing.service import PassphraseNeeded, WrongPassphrase

        path, error = result
        if error is None:
            # Passphrases are kept only while one signature asks for them in turn: the next
            # signature, on a shared computer perhaps by someone else, asks again.
            self._personal_passphrase = self._root_passphrase = None
            self.panel.set_busy(False, self.tr("Signed."))
            self.finished.emit(path, self._field)
            return
        if isinstance(error, PassphraseNeeded):
            self._asking_for_root = error.for_root
            self.panel.set_busy(False)
            self.panel.ask_passphrase(str(error), new=error.creating)
        else:
            if isinstance(error, WrongPassphrase):
                if self._asking_for_root:
                    self._root_passphrase = None
                else:
                    self._personal_passphrase = None
                self.panel.passphrase.clear()
            self.panel.show_problem(str(error))
        self.finished.emit(path, "")

    def _on_crashed(self, error: BaseException) -> None:
        self.panel.show_problem(
            self.tr(
                "Your acknowledgement could not be saved: %1. Your answers are kept. Check that the "
                "folder exists and you can write to it (or choose another with Change folder), then "
                "select Sign again."
            ).replace("%1", str(error))
        )
        self.finished.emit(None, "")
