"""Once the signed PDF is saved and in the register, the session's personal data leaves
the data folder: the PDF and the register are the record."""

from __future__ import annotations

from pathlib import Path

from app.core import paths
from app.core.onboarding import flow
from app.ui.context import Services
from tests.ui import driver
from tests.ui.test_wizard import run_to


def _mentions(folder: Path, text: str) -> list[str]:
    return [
        p.name for p in folder.rglob("*") if p.is_file() and text in p.read_text(errors="replace")
    ]


def test_a_registered_onboarding_leaves_no_session_file(
    qtbot, make_wizard, services: Services
) -> None:
    """After signing and registering, no file in the sessions folder holds the name or e-mail."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name="Gwenllïan ap Dafydd", role="Volunteer")
    session_file = services.store.path_for(wizard.ctx.session)
    qtbot.waitUntil(  # saved while under way, a moment after the last change
        lambda: "Gwenllïan" in session_file.read_text(encoding="utf-8"), timeout=2000
    )
    driver.sign(qtbot, wizard, "Gwenllïan ap Dafydd")
    qtbot.waitUntil(lambda: len(services.register.rows()) == 1, timeout=30000)
    qtbot.waitUntil(lambda: not session_file.exists(), timeout=5000)
    sessions = paths.sessions_dir()
    assert _mentions(sessions, "Gwenllïan") == []
    assert _mentions(sessions, "volunteer@example.org") == []
    assert Path(wizard.ctx.session.output_pdf).is_file()


def test_a_child_session_stays_until_the_guardian_signs(
    qtbot, make_wizard, services: Services
) -> None:
    """Between the child's and the guardian's signature the session is still needed."""
    wizard = make_wizard()
    run_to(
        qtbot,
        wizard,
        "iom3",
        flow.SIGN,
        name="Zoë Novák",
        role="Member",
        under_18=True,
        runs_account=False,
    )
    session_file = services.store.path_for(wizard.ctx.session)
    driver.sign(qtbot, wizard, "Zoë Novák")
    assert wizard.current_key() == flow.GUARDIAN
    assert session_file.is_file()
    driver.guardian_signs(qtbot, wizard, "Robin Guardian")
    qtbot.waitUntil(lambda: len(services.register.rows()) == 1, timeout=30000)
    qtbot.waitUntil(lambda: not session_file.exists(), timeout=5000)
