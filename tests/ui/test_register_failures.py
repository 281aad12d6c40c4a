"""A signature that does not reach the register is told on screen, over the window that
signed, and the problem log keeps the details; no background error is dropped."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from app.core import paths
from app.core.display import display_path
from app.core.onboarding import flow
from app.core.onboarding.acknowledgement import PERSON_FIELD, TRUSTEE_FIELD, build_record
from app.core.register.register import Register
from app.documents.acknowledgement import save_acknowledgement
from app.signing.authority import add_trustee
from app.signing.service import Signer, init_org, sign_pdf
from app.ui.context import Services
from app.ui.main_window import MainWindow
from app.ui.worker import run_in_background
from tests.ui import driver
from tests.ui.driver import PASSPHRASE
from tests.ui.test_wizard import run_to


@pytest.fixture
def damaged_register(services: Services, tmp_path: Path) -> Path:
    """The register file on this computer is damaged (not a database any more)."""
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(b"not a register at all\n" * 200)
    services.register = Register(path)
    return path


def test_signing_with_a_damaged_register_says_so_and_logs_it(
    qtbot, make_wizard, services: Services, damaged_register: Path
) -> None:
    """The wizard shows "signed and saved, but not in the register yet", naming the PDF and
    the log; the log holds the error."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name="Gwenllïan ap Dafydd", role="Volunteer")
    driver.sign(qtbot, wizard, "Gwenllïan ap Dafydd")

    def notice() -> QMessageBox | None:
        boxes = [b for b in wizard.findChildren(QMessageBox) if b.isVisible()]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: notice() is not None, timeout=30000)
    box = notice()
    assert box is not None and box.windowTitle() == "Not in the register yet"
    text = box.text()
    pdf = Path(wizard.ctx.session.output_pdf)
    assert text.startswith("The acknowledgement is signed and saved, but not in the register yet: ")
    assert f"import {display_path(pdf)} into it" in text
    log = paths.data_dir() / "problems.log"
    assert text.endswith(f"The details are in {display_path(log)}.")
    assert f"The acknowledgement in {pdf} was not added to the register" in log.read_text()
    assert pdf.is_file()
    box.accept()


def test_the_home_window_says_when_the_register_cannot_be_read(
    qtbot, services: Services, damaged_register: Path
) -> None:
    """A damaged register is named on the home window, not dropped."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "could not be read" in window.due_notice.text(), timeout=10000)
    assert window.due_notice.isVisible()
    assert "problems.log" in window.due_notice.text()


def test_background_work_needs_a_failure_handler(qtbot) -> None:
    """Leaving out the failure handler is refused at once, before any work runs."""
    owner = QObject()
    with pytest.raises(TypeError, match="needs a failure handler"):
        run_in_background(lambda: 1, lambda _: None, None, owner)  # type: ignore[arg-type]


def test_an_error_for_a_closed_window_goes_to_the_log(qtbot) -> None:
    """Work that fails after its window is gone still leaves its error in the log."""
    owner = QObject()

    def work() -> None:
        raise RuntimeError("the disk went away")

    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner))
    run_in_background(work, lambda _: None, lambda _: None, owner)
    log = paths.data_dir() / "problems.log"
    qtbot.waitUntil(lambda: log.is_file() and "the disk went away" in log.read_text())
    assert "Background work for a window closed since failed" in log.read_text()


def test_a_countersignature_from_the_check_window_that_misses_the_register_is_told(
    qtbot, services: Services, iet_pack, completed_session, tmp_path: Path, damaged_register: Path
) -> None:
    """Countersigned in the check window, register damaged: the home window says so."""
    init_org("iet", iet_pack.organisation.name, PASSPHRASE)
    add_trustee("iet", "Dafydd Trustee", "dafydd@example.org", date.today() + timedelta(days=9))
    pdf = save_acknowledgement(
        build_record(iet_pack, completed_session(iet_pack), "test"), tmp_path / "signed"
    )
    for field, signer in (
        (PERSON_FIELD, Signer("Siân Llewelyn-Jones", "sian@example.org", "Volunteer")),
        (TRUSTEE_FIELD, Signer("Dafydd Trustee", "dafydd@example.org", "Trustee")),
    ):
        sign_pdf(
            pdf,
            field,
            signer,
            org_id="iet",
            typed_name=signer.name,
            passphrase=PASSPHRASE,
            root_passphrase=PASSPHRASE,
        )
    home = MainWindow(services)
    qtbot.addWidget(home)
    verify = home.open_verify()
    qtbot.addWidget(verify)
    verify.countersigned.emit(pdf)  # as VerifyWindow does once its countersignature is saved

    def notice() -> QMessageBox | None:
        boxes = [b for b in home.findChildren(QMessageBox) if b.isVisible()]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: notice() is not None, timeout=30000)
    box = notice()
    assert box is not None
    assert box.text().startswith(
        "The countersignature is signed and saved, but not in the register yet: "
    )
    assert (
        f"The countersignature in {pdf} was not added"
        in (paths.data_dir() / "problems.log").read_text()
    )
    box.accept()
