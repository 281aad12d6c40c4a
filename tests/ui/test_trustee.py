"""Trustees in the app: organisation keys, checking a signed PDF, countersigning it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from PySide6.QtWidgets import QWidget

from app.core.onboarding.acknowledgement import build_record
from app.documents.acknowledgement import save_acknowledgement
from app.signing.authority import add_trustee
from app.signing.service import Signer, init_org, sign_pdf, verify_pdf
from app.ui.main_window import MainWindow
from app.ui.org_window import OrganisationWindow
from app.ui.verify_window import VerifyWindow
from tests.ui import driver
from tests.ui.driver import PASSPHRASE, click, type_text


@pytest.fixture
def signed_ack(tmp_path: Path, iet_pack, completed_session) -> Path:
    """An IET volunteer's acknowledgement, signed by the volunteer on this computer."""
    session = completed_session(iet_pack)
    pdf = save_acknowledgement(build_record(iet_pack, session, "test"), tmp_path / "out")
    sign_pdf(
        pdf,
        "Person",
        Signer(session.identity.full_name, session.identity.email, "Volunteer"),
        org_id="iet",
        typed_name=session.identity.full_name,
        passphrase=PASSPHRASE,
        root_passphrase=PASSPHRASE,
    )
    return pdf


def wait_for_report(qtbot, window: VerifyWindow) -> None:
    qtbot.waitUntil(
        lambda: (
            (window.report is not None and window.model.rowCount() > 0)
            or "Could not" in window.verdict.text()
        ),
        timeout=30000,
    )


def row_texts(window: VerifyWindow) -> list[list[str]]:
    model = window.model
    return [
        [model.item(r, c).text() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_home_window_opens_each_job(qtbot, services) -> None:
    """The home window is titled Induct and each big button opens its window."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Induct"
    click(qtbot, window.onboarding_button)
    assert window.wizard is not None and window.wizard.isVisible()
    click(qtbot, window.verify_button)
    assert window.verify_window.isVisible()
    click(qtbot, window.org_button)
    assert window.org_window.isVisible()
    for child in (window.wizard, window.verify_window, window.org_window):
        qtbot.addWidget(child)


def test_organisation_root_is_created_and_its_kit_exported(qtbot, services, tmp_path) -> None:
    """A trustee creates the IET root in the app and exports the verification kit."""
    window = OrganisationWindow(services)
    qtbot.addWidget(window)
    window.show()
    section = window.sections["iet"]
    assert "No organisation root" in section.state.text()
    assert not section.kit_button.isEnabled()
    click(qtbot, section.create_button)
    qtbot.waitUntil(lambda: "present" in section.state.text(), timeout=30000)
    assert not section.passphrase_box.isVisible()  # the root's key went into the store
    assert "Certificate SHA-256" in section.state.text()
    section.export_kit_to(str(tmp_path / "kit"))
    names = sorted(p.name for p in (tmp_path / "kit").iterdir())
    assert "GUIDE.md" in names and "iet-root.pem" in names
    click(qtbot, section.open_kit_button)
    assert services.open_path is not None


def test_verify_window_shows_each_signature(qtbot, signed_ack: Path) -> None:
    """Checking a signed PDF lists the signature and the fields still unsigned."""
    window = VerifyWindow()
    qtbot.addWidget(window)
    window.show()
    window.check(signed_ack)
    wait_for_report(qtbot, window)
    rows = row_texts(window)
    assert rows[0][:3] == ["Person", rows[0][1], "Needs a trustee"]
    assert rows[-1][:2] == ["Trustee", "not signed yet"]
    # self-signed on a computer not enrolled: intact, waiting for a trustee
    assert "Intact, but a trustee has yet to check and countersign it:" in window.verdict.text()
    assert window.countersign_box.isHidden() is False


def test_a_tampered_copy_is_reported_and_cannot_be_countersigned(
    qtbot, signed_ack: Path, tmp_path: Path
) -> None:
    """One changed byte inside the signed content makes the check fail; no countersigning."""
    data = bytearray(signed_ack.read_bytes())
    middle = len(data) // 3
    data[middle] = (data[middle] + 1) % 256
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    window = VerifyWindow()
    qtbot.addWidget(window)
    window.show()
    window.check(tampered)
    qtbot.waitUntil(lambda: window.report is not None, timeout=30000)
    assert "✗" in window.verdict.text()
    assert window.countersign_box.isHidden()


def test_not_a_pdf(qtbot, tmp_path: Path) -> None:
    """A file that is not a PDF gets a plain message."""
    bogus = tmp_path / "letter.pdf"
    bogus.write_text("Dear trustee")
    window = VerifyWindow()
    qtbot.addWidget(window)
    window.show()
    window.check(bogus)
    qtbot.waitUntil(lambda: window.report is not None, timeout=30000)
    assert window.report.error and window.report.error in window.verdict.text()


def test_trustee_countersigns_in_the_app(
    qtbot, tmp_path: Path, iet_pack, completed_session
) -> None:
    """A listed trustee vouches for a volunteer who signed at home; both are then valid."""
    init_org("iet", iet_pack.organisation.name, PASSPHRASE)
    add_trustee("iet", "Dafydd Trustee", "dafydd@example.org", date.today() + timedelta(days=9))
    session = completed_session(iet_pack)
    pdf = save_acknowledgement(build_record(iet_pack, session, "test"), tmp_path)
    sign_pdf(
        pdf,
        "Person",
        Signer(session.identity.full_name, "sian@example.org", "Volunteer"),
        org_id="iet",
        typed_name=session.identity.full_name,
        passphrase=PASSPHRASE,
        root_passphrase=PASSPHRASE,
    )
    window = VerifyWindow()
    qtbot.addWidget(window)
    window.show()
    window.check(pdf)
    wait_for_report(qtbot, window)
    assert "a trustee has yet to check" in window.verdict.text()
    assert window.countersign_box.isVisible()
    assert "vouch for their signature" in window.panel.declaration.text()
    type_text(qtbot, window.trustee_name, "Dafydd Trustee")
    type_text(qtbot, window.trustee_email, "dafydd@example.org")
    panel = window.panel
    type_text(qtbot, panel.typed_name, "Dafydd Trustee")
    countersigned: list[Path] = []
    window.countersigned.connect(countersigned.append)
    driver.countersign(qtbot, panel, lambda: bool(countersigned))
    assert countersigned == [pdf], panel.status.text()
    report = verify_pdf(pdf)
    assert [c.field for c in report.signatures] == ["Person", "Trustee"]
    assert report.ok, report.problems
    qtbot.waitUntil(
        lambda: window.model.rowCount() == 2 and window.countersign_box.isHidden(), timeout=30000
    )


def test_every_trustee_control_is_named(qtbot, services) -> None:
    """The trustee windows give every button and field an accessible name."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    for window in (VerifyWindow(), OrganisationWindow(services)):
        qtbot.addWidget(window)
        window.show()
        for control in window.findChildren(QWidget):
            if isinstance(control, QAbstractButton | QLineEdit) and control.isVisible():
                name = QAccessible.queryAccessibleInterface(control).text(QAccessible.Text.Name)
                assert name.strip(), f"unnamed {type(control).__name__} in {window.windowTitle()}"


def test_a_wrong_trustee_passphrase_is_said_and_stays_said(
    qtbot, tmp_path: Path, iet_pack, completed_session
) -> None:
    """A second countersignature asks for the passphrase again; a wrong one is said, and the
    message stays until the trustee types again."""
    init_org("iet", iet_pack.organisation.name, PASSPHRASE)
    add_trustee("iet", "Dafydd Trustee", "dafydd@example.org", date.today() + timedelta(days=9))
    countersigned: list[Path] = []
    windows = []
    for number in range(2):
        session = completed_session(iet_pack)
        pdf = save_acknowledgement(build_record(iet_pack, session, "test"), tmp_path / str(number))
        sign_pdf(
            pdf,
            "Person",
            Signer(session.identity.full_name, "sian@example.org", "Volunteer"),
            org_id="iet",
            typed_name=session.identity.full_name,
        )
        window = VerifyWindow()
        qtbot.addWidget(window)
        window.show()
        window.check(pdf)
        wait_for_report(qtbot, window)
        window.countersigned.connect(countersigned.append)
        type_text(qtbot, window.trustee_name, "Dafydd Trustee")
        type_text(qtbot, window.trustee_email, "dafydd@example.org")
        type_text(qtbot, window.panel.typed_name, "Dafydd Trustee")
        windows.append(window)
    driver.countersign(qtbot, windows[0].panel, lambda: bool(countersigned))
    panel = windows[1].panel
    click(qtbot, panel.sign_button)
    qtbot.waitUntil(
        lambda: panel.passphrase_box.isVisible() and not panel.progress.isVisible(), timeout=30000
    )
    type_text(qtbot, panel.passphrase, "not the passphrase at all")
    click(qtbot, panel.sign_button)
    qtbot.waitUntil(lambda: "does not open" in panel.status.text(), timeout=30000)
    qtbot.wait(200)
    shown = panel.status.text()
    type_text(qtbot, panel.passphrase, "x")
    assert ("does not open" in shown, panel.status.text(), len(countersigned)) == (True, "", 1)
