"""Save and sign a PDF off the UI thread, asking for a passphrase when the key needs one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.session import Drawing
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

    def describe_key(self, email: str) -> None:
        """Tell the signer where their signing key is (or will be) kept."""
        from app.signing.service import key_protection

        where = key_protection(email)
        if where == "none yet":
            text = self.tr("Signing creates your personal signing key on this computer.")
        else:
            text = self.tr("Your signing key is kept in: %1.").replace("%1", where)
        self.panel.key_note.setText(text)

    def start(self, *, field: str, name: str, email: str, role: str, org_id: str,
              typed_name: str, drawing: Drawing | None, passphrase: str,
              render: Callable[[], Path] | None = None, path: Path | None = None) -> None:
        """Render (if `render` is given) and sign `field` as the named person."""
        self._field, self._email = field, email
        self.panel.set_busy(True, self.tr("Saving and signing…"))

        def work() -> tuple[Path, Exception | None]:
            from app.signing.service import Signer, SigningError, sign_pdf

            target = render() if render is not None else path
            assert target is not None
            try:
                sign_pdf(target, field, Signer(name, email, role), org_id=org_id,
                         typed_name=typed_name, drawing=drawing, passphrase=passphrase or None)
            except SigningError as error:
                return target, error
            return target, None

        run_in_background(work, self._on_worked, self._on_crashed, self)

    def _on_worked(self, result: tuple[Path, Exception | None]) -> None:
        from app.signing.service import PassphraseNeeded, key_protection

        path, error = result
        if error is None:
            self.panel.set_busy(False, self.tr("Signed."))
            self.finished.emit(path, self._field)
            return
        if isinstance(error, PassphraseNeeded):
            self.panel.set_busy(False)
            self.panel.ask_passphrase(str(error), new=key_protection(self._email) == "none yet")
        else:
            self.panel.show_problem(str(error))
        self.finished.emit(path, "")

    def _on_crashed(self, error: BaseException) -> None:
        self.panel.show_problem(self.tr(
            "Your acknowledgement could not be saved: %1. Your answers are kept. Check that the "
            "folder exists and you can write to it (or choose another with Change folder), then "
            "select Sign again.").replace("%1", str(error)))
        self.finished.emit(None, "")
