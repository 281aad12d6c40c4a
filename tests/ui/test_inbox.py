"""Two induction laptops and one register computer share a folder: every acknowledgement
reaches the register exactly once, even one written slowly while the watcher runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding import flow
from app.core.onboarding.acknowledgement import GUARDIAN_FIELD, PERSON_FIELD
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.core.register.importing import REFUSED
from app.core.register.inbox import InboxSettings, copy_to_inbox, save_settings
from app.signing.secrets import SecretStore
from app.signing.service import Signer, sign_pdf
from app.ui.context import Services
from app.ui.main_window import MainWindow
from app.ui.register.inbox import InboxPanel, InboxWatcher
from tests.ui import driver
from tests.ui.test_wizard import run_to
from tests.unit.signing.support import acknowledgement, memory_store

CHUNK = 16 * 1024


@pytest.fixture
def laptop(
    iet_pack: Pack, completed_session: Callable[..., OnboardingSession], tmp_path: Path
) -> Callable[..., tuple[Path, str]]:
    """An induction laptop of its own (own folder, own keys) where someone signs."""

    def sign_on(name: str, person: str, *, under_18: bool = False) -> tuple[Path, str]:
        store: SecretStore = memory_store()
        session = completed_session(iet_pack, full_name=person, under_18=under_18)
        first = person.split()[0].lower()
        email = "".join(c for c in first if c.isascii() and c.isalpha()) + "@example.org"
        session.identity.email = email
        if under_18:
            who = session.identity
            who.guardian_name, who.guardian_relationship = "Robin Guardian", "Father"
            who.guardian_email = "robin@example.org"
        pdf = acknowledgement(iet_pack, session, tmp_path / name)
        sign_pdf(
            pdf,
            PERSON_FIELD,
            Signer(person, email, "Volunteer"),
            org_id="iet",
            typed_name=person,
            store=store,
        )
        if under_18:
            sign_pdf(
                pdf,
                GUARDIAN_FIELD,
                Signer("Robin Guardian", "robin@example.org", "Guardian"),
                org_id="iet",
                typed_name="Robin Guardian",
                store=store,
            )
        return pdf, session.id

    return sign_on


def test_two_laptops_one_register_every_acknowledgement_once(
    qtbot, services: Services, laptop, tmp_path: Path
) -> None:
    """Copies before and after start, a duplicate, a slow writer and a stray file: each
    acknowledgement is in the register once, the stray file is listed, nothing is deleted."""
    shared = tmp_path / "shared"
    a1, s1 = laptop("laptop-a", "Siân Llewelyn-Jones")
    a2, s2 = laptop("laptop-a", "Dafydd ap Gwilym", under_18=True)
    b1, s3 = laptop("laptop-b", "Zoë Novák")
    b2, s4 = laptop("laptop-b", "Oluwaseun Adeyemi")
    copy_to_inbox(a1, shared)  # before the register computer starts: found by the first look
    save_settings(InboxSettings(str(shared), watch=True))
    watcher = InboxWatcher(services, settle_seconds=1.0)
    services.inbox = watcher
    panel = InboxPanel(services)
    qtbot.addWidget(panel)
    watcher.setParent(panel)  # destroyed with the panel, on this thread
    scans = []
    watcher.scanned.connect(scans.append)
    assert watcher.start()
    copy_to_inbox(a2, shared)
    copy_to_inbox(b1, shared)
    (shared / "copied twice.pdf").write_bytes(a1.read_bytes())  # laptop B had it too
    (shared / "minutes.pdf").write_text("not an acknowledgement")
    # Laptop B's sync tool writes the last file in place, a chunk at a time.
    data = b2.read_bytes()
    with (shared / b2.name).open("wb") as slow:
        for start in range(0, len(data), CHUNK):
            slow.write(data[start : start + CHUNK])
            slow.flush()
            qtbot.wait(150)

    def settled() -> bool:
        last = watcher.last
        return bool(last and not last.waiting and len(services.register.rows()) == 4)

    qtbot.waitUntil(settled, timeout=60000)
    qtbot.wait(1500)  # one more look changes nothing
    # The slow file was seen part-written and waited; it was never refused.
    assert any(b2.name in scan.waiting for scan in scans)
    assert all(
        r.outcome != REFUSED for scan in scans for r in scan.results if r.path.name == b2.name
    )
    assert sorted(r.session_id for r in services.register.rows()) == sorted([s1, s2, s3, s4])
    assert watcher.last is not None
    assert watcher.last.refused == (("minutes.pdf", "not a PDF file."),)
    assert "minutes.pdf: not a PDF file." in panel.refused.toPlainText()
    assert panel.refused.isVisible() or not panel.isVisible()
    assert "1 refused (below)" in panel.status.text()
    assert sorted(p.name for p in shared.iterdir()) == sorted(
        [a1.name, a2.name, b1.name, b2.name, "copied twice.pdf", "minutes.pdf"]
    )
    watcher.stop()


def test_the_done_page_copies_the_signed_pdf_into_the_shared_folder(
    qtbot, make_wizard, tmp_path: Path
) -> None:
    """With copying on, the finished acknowledgement appears in the shared folder, and the
    Done page says where."""
    shared = tmp_path / "shared"
    shared.mkdir()
    save_settings(InboxSettings(str(shared), copy_signed=True))
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name="Gwenllïan ap Dafydd", role="Volunteer")
    driver.sign(qtbot, wizard, "Gwenllïan ap Dafydd")
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: "A copy is in the shared inbox folder" in page.shared_note.text())
    pdf = Path(wizard.ctx.session.output_pdf)
    assert (shared / pdf.name).read_bytes() == pdf.read_bytes()


def test_the_home_window_starts_watching_and_imports_what_is_already_there(
    qtbot, services: Services, laptop, tmp_path: Path
) -> None:
    """On the register computer, opening Induct looks at the shared folder at once."""
    shared = tmp_path / "shared"
    pdf, session_id = laptop("laptop-a", "Siân Llewelyn-Jones")
    copy_to_inbox(pdf, shared)
    save_settings(InboxSettings(str(shared), watch=True))
    home = MainWindow(services)
    qtbot.addWidget(home)
    home.show()  # it looks once the window has painted
    qtbot.waitExposed(home)
    qtbot.waitUntil(lambda: len(services.register.rows()) == 1, timeout=30000)
    assert services.register.rows()[0].session_id == session_id
    assert services.inbox is not None and services.inbox.folder == shared
