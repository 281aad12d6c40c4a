"""What reaches the register from the app: completed onboardings, imports dropped on the
window, and countersignatures made from a row or from the home window's check window."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from app.core.onboarding import flow
from app.core.onboarding.acknowledgement import PERSON_FIELD, TRUSTEE_FIELD, build_record
from app.core.packs import Pack
from app.core.register.kinds import COUNTERSIGNED
from app.documents.acknowledgement import save_acknowledgement
from app.signing.authority import add_trustee
from app.signing.service import Signer, init_org, sign_pdf
from app.ui.context import Services
from app.ui.main_window import MainWindow
from tests.ui import driver
from tests.ui.driver import PASSPHRASE, click, type_text
from tests.ui.test_register_window import after, column, open_register
from tests.ui.test_wizard import run_to

VOLUNTEER = Signer("Siân Llewelyn-Jones", "sian@example.org", "Volunteer")


@pytest.fixture
def signed_pdf(iet_pack: Pack, completed_session, tmp_path: Path) -> Path:
    """A volunteer's acknowledgement, signed (on "another laptop": a folder of its own)."""
    session = completed_session(iet_pack)
    pdf = save_acknowledgement(build_record(iet_pack, session, "test"), tmp_path / "usb")
    sign_pdf(
        pdf,
        PERSON_FIELD,
        VOLUNTEER,
        org_id="iet",
        typed_name=VOLUNTEER.name,
        passphrase=PASSPHRASE,
        root_passphrase=PASSPHRASE,
    )
    return pdf


def test_a_completed_onboarding_is_in_the_register(qtbot, make_wizard, services: Services) -> None:
    """The wizard, end to end: once signed, the trustee view lists the person as signed."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name="Gwenllïan ap Dafydd", role="Volunteer")
    driver.sign(qtbot, wizard, "Gwenllïan ap Dafydd")
    qtbot.waitUntil(lambda: len(services.register.rows()) == 1, timeout=30000)
    window = open_register(qtbot, services)
    row = window.model.row_at(0)
    assert column(window, "Person") == ["Gwenllïan ap Dafydd"]
    assert (
        column(window, "Role"),
        column(window, "Organisation"),
        column(window, "Version"),
        column(window, "Status"),
    ) == (["Volunteer"], ["IET"], ["1.5"], ["Signed"])
    session = wizard.ctx.session
    assert row.session_id == session.id and row.file_path == session.output_pdf
    assert row.email == "volunteer@example.org" and row.membership_number == "1100222"
    assert len(row.fingerprint) == 64 and row.source == "signed on this computer"
    assert row.renew_by == "2027-11-21"


def test_a_childs_onboarding_is_registered_once_the_guardian_signs(
    qtbot, make_wizard, services: Services
) -> None:
    """Under 18: nothing after the child signs; after the guardian, one row naming them."""
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
    driver.sign(qtbot, wizard, "Zoë Novák")
    assert wizard.current_key() == flow.GUARDIAN
    driver.guardian_signs(qtbot, wizard, "Robin Guardian")
    qtbot.waitUntil(lambda: len(services.register.rows()) == 1, timeout=30000)
    assert services.register.rows()[0].guardian_name == "Robin Guardian"
    window = open_register(qtbot, services)
    window.table.selectRow(0)
    assert "with Robin Guardian as parent or guardian" in window.details.text()


def test_dropping_pdfs_imports_them_and_reports_each(
    qtbot, services: Services, signed_pdf: Path, tmp_path: Path
) -> None:
    """A good file is added, the same again is a duplicate, a letter is unreadable."""
    window = open_register(qtbot, services)
    letter = tmp_path / "letter.pdf"
    letter.write_text("Dear trustee")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (signed_pdf, signed_pdf, letter)])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.event(enter)  # as Qt's drag and drop delivers it (sendEvent needs a real drag)
    assert enter.isAccepted()
    with qtbot.waitSignal(window.row_actions.imported, timeout=60000) as imported:
        window.event(drop)
    assert [r.outcome for r in imported.args[0]] == ["added", "duplicate", "unreadable"]
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=30000)
    assert column(window, "Person") == [VOLUNTEER.name]
    lines = window.results.toPlainText().splitlines()
    assert lines[0].startswith(f"added: {signed_pdf.name}: {VOLUNTEER.name} (Volunteer)")
    assert any(line.startswith(f"duplicate: {signed_pdf.name}") for line in lines)
    assert "unreadable: letter.pdf: not a PDF file." in lines
    assert "Imported 3 files: 1 added, 1 duplicate, 1 unreadable." in window.message.text()


def test_countersigning_from_a_row_records_it(
    qtbot, services: Services, iet_pack: Pack, completed_session, tmp_path: Path
) -> None:
    """Countersign… opens the check window on the row's PDF; once signed, the row says so."""
    init_org("iet", iet_pack.organisation.name, PASSPHRASE)
    add_trustee("iet", "Dafydd Trustee", "dafydd@example.org", date.today() + timedelta(days=9))
    session = completed_session(iet_pack)
    pdf = save_acknowledgement(build_record(iet_pack, session, "test"), tmp_path)
    sign_pdf(
        pdf,
        PERSON_FIELD,
        VOLUNTEER,
        org_id="iet",
        typed_name=VOLUNTEER.name,
        passphrase=PASSPHRASE,
        root_passphrase=PASSPHRASE,
    )
    window = open_register(qtbot, services)
    with qtbot.waitSignal(window.row_actions.imported, timeout=60000):
        window.row_actions.import_paths([pdf])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=30000)
    after(qtbot, window, lambda: click(qtbot, window.filters.queue_only))
    assert column(window, "Person") == [VOLUNTEER.name]
    window.table.selectRow(0)
    click(qtbot, window.countersign_button)
    verify = window.row_actions.verify_window
    assert verify is not None and verify.isVisible()
    qtbot.addWidget(verify)
    qtbot.waitUntil(lambda: verify.countersign_box.isVisible(), timeout=30000)
    type_text(qtbot, verify.trustee_name, "Dafydd Trustee")
    type_text(qtbot, verify.trustee_email, "dafydd@example.org")
    panel = verify.panel
    type_text(qtbot, panel.typed_name, "Dafydd Trustee")
    with qtbot.waitSignal(window.view_updated, timeout=60000, check_params_cb=lambda n: n == 0):
        driver.countersign(qtbot, panel, lambda: bool(services.register.events(kind=COUNTERSIGNED)))
    assert window.model.rowCount() == 0  # out of the queue
    after(qtbot, window, lambda: click(qtbot, window.filters.queue_only))
    assert column(window, "Status") == ["Countersigned"]
    assert column(window, "Countersigned by") == ["Dafydd Trustee"]
    assert "Dafydd Trustee countersigned the acknowledgement" in window.message.text()


def test_the_home_check_window_records_a_countersignature(
    qtbot, services: Services, iet_pack: Pack, completed_session, tmp_path: Path
) -> None:
    """A PDF countersigned from "Check or countersign" lands in the register, with its person."""
    init_org("iet", iet_pack.organisation.name, PASSPHRASE)
    add_trustee("iet", "Dafydd Trustee", "dafydd@example.org", date.today() + timedelta(days=9))
    session = completed_session(iet_pack)
    pdf = save_acknowledgement(build_record(iet_pack, session, "test"), tmp_path)
    for field, signer in (
        (PERSON_FIELD, VOLUNTEER),
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
    qtbot.waitUntil(lambda: bool(services.register.events(kind=COUNTERSIGNED)), timeout=30000)
    (row,) = services.register.rows()
    assert (row.person, row.countersigned_by) == (VOLUNTEER.name, "Dafydd Trustee")
    assert [e.kind for e in services.register.events()] == [
        "imported",
        "acknowledgement signed",
        "countersigned",
    ]
