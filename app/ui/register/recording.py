"""Recording in the register what happens in the app: an onboarding completed here, and a
countersignature made here. Both run off the UI thread; the PDF is checked first."""

from __future__ import annotations

import copy
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.core.register.events import Event
from app.core.register.importing import ImportResult, import_file
from app.core.register.records import acknowledgement_from_session
from app.core.register.status import PackRule, rules_for
from app.ui.context import Services
from app.ui.worker import run_in_background

log = logging.getLogger(__name__)


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
        log.error(
            "The acknowledgement %s was not added to the register: %s. Import the PDF "
            "in the register window to add it.",
            path,
            error,
        )

    run_in_background(work, on_done or (lambda _: None), failed, owner)


def record_countersignature(
    owner: QObject,
    services: Services,
    path: Path,
    on_done: Callable[[ImportResult], None] | None = None,
) -> None:
    """Add the countersignature just made on `path` (and the acknowledgement, if new)."""
    register, clock = services.register, services.clock

    def work() -> ImportResult:
        from app.signing.service import verify_pdf  # pyHanko: only when recording

        return import_file(register, Path(path), verify_pdf, clock, countersigned_here=True)

    def failed(error: BaseException) -> None:
        log.error("The countersignature of %s was not added to the register: %s", path, error)

    run_in_background(work, on_done or (lambda _: None), failed, owner)
