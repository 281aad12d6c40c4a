"""Recording in the register what happens in the app: an onboarding completed here, and a
countersignature made here. Both run off the UI thread; the PDF is checked first.

When the register cannot take it, the person is told on screen (the signed PDF is kept and
can be imported later) and the details go to the problem log in the data folder.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.core.register.events import Event
from app.core.register.importing import ImportResult
from app.core.register.recording import (
    ACKNOWLEDGEMENT,
    NotRecorded,
    not_recorded,
)
from app.core.register.recording import (
    record_countersignature as record_in_register,
)
from app.core.register.records import acknowledgement_from_session
from app.core.register.status import PackRule, rules_for
from app.ui.context import Services
from app.ui.worker import run_in_background


def pack_rules(services: Services) -> dict[str, PackRule]:
    """The renewal rule and current policy of every pack on this computer."""
    return rules_for(services.catalogue.packs.values())


def record_acknowledgement(
    owner: QObject,
    services: Services,
    pack: Pack,
    session: OnboardingSession,
    on_done: Callable[[tuple[bool, Event]], None] | None = None,
) -> None:
    """Add the completed onboarding `session` to the register, once its PDF checks out."""
    session = copy.deepcopy(session)  # the page may go on changing its own
    path, register = Path(session.output_pdf), services.register

    def work() -> tuple[bool, Event]:
        from app.signing.service import verify_pdf  # pyHanko: only when recording

        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        report = verify_pdf(path)
        if (
            report.error
            or not report.signatures
            or not all(s.intact and s.unchanged_after for s in report.signatures)
        ):
            raise ValueError("; ".join(report.problems) or "the PDF does not check out")
        fingerprints = {s.field: s.fingerprint for s in report.signatures}
        trusted = all(s.trusted for s in report.signatures)
        return register.add_acknowledgement(
            acknowledgement_from_session(pack, session, str(path), digest, fingerprints, trusted)
        )

    def failed(error: BaseException) -> None:
        tell(owner, not_recorded(ACKNOWLEDGEMENT, path, error))

    run_in_background(work, on_done or (lambda _: None), failed, owner)


def record_countersignature(
    owner: QObject,
    services: Services,
    path: Path,
    on_done: Callable[[ImportResult], None] | None = None,
) -> None:
    """Add the countersignature just made on `path` (and the acknowledgement, if new)."""
    register, clock = services.register, services.clock

    def work() -> ImportResult | NotRecorded:
        from app.signing.service import verify_pdf  # pyHanko: only when recording

        return record_in_register(register, Path(path), verify_pdf, clock)

    def done(outcome: ImportResult | NotRecorded) -> None:
        if isinstance(outcome, NotRecorded):
            tell(owner, outcome)
        elif on_done is not None:
            on_done(outcome)

    def failed(error: BaseException) -> None:
        tell(owner, not_recorded("countersignature", Path(path), error))

    run_in_background(work, done, failed, owner)


def tell(owner: QObject, problem: NotRecorded) -> QMessageBox:
    """Say on screen, over the window that signed, that the register does not have it yet."""
    parent = owner.window() if isinstance(owner, QWidget) else None
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        owner.tr("Not in the register yet"),
        problem.message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAccessibleName(owner.tr("Not in the register yet"))
    box.setObjectName("not-in-register")
    box.open()  # not modal to the whole app: the person can carry on
    return box
