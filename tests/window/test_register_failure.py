"""In a real window: a signature the register cannot take is told over the wizard, in view,
and the problem log keeps the details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from app.core import paths
from app.core.onboarding import flow
from app.core.register.register import Register
from app.ui.context import Services
from tests.ui import driver
from tests.ui.test_wizard import run_to


def test_a_register_that_refuses_is_told_in_the_real_window(
    qtbot, make_wizard, services: Services, tmp_path: Path
) -> None:
    """With the register damaged, signing shows "not in the register yet" on screen, and the
    log names the PDF."""
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a register at all\n" * 200)
    services.register = Register(damaged)
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name="Gwenllïan ap Dafydd", role="Volunteer")
    driver.sign(qtbot, wizard, "Gwenllïan ap Dafydd")

    def notice() -> QMessageBox | None:
        boxes = [b for b in wizard.findChildren(QMessageBox) if b.isVisible()]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: notice() is not None, timeout=30000)
    box = notice()
    assert box is not None
    qtbot.waitExposed(box)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    pdf = Path(wizard.ctx.session.output_pdf)
    log = (paths.data_dir() / "problems.log").read_text(encoding="utf-8")
    assert (
        box.windowTitle(),
        box.text().startswith("The acknowledgement is signed and saved, but not in the register"),
        screen.contains(box.frameGeometry()),
        f"The acknowledgement in {pdf} was not added to the register" in log,
    ) == ("Not in the register yet", True, True, True)
    box.accept()
