"""The whole chain in the app, as people do it: a 16-year-old and their parent sign in the
wizard, a trustee countersigns in the Check window; pdfsig and `induct verify` agree."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.core.onboarding import flow
from app.signing.org import root_cert_path
from app.signing.secrets import SecretStore
from app.signing.service import init_org, verify_pdf
from app.ui.verify_window import VerifyWindow
from tests.integration.conftest import induct, nss_db_trusting, pdfsig
from tests.ui import driver
from tests.ui.test_wizard import run_to

VALID = "Signature Validation: Signature is Valid."
TRUSTED = "Certificate Validation: Certificate is Trusted."


def test_volunteer_guardian_and_trustee_sign_in_the_app(
    qtbot, make_wizard, secret_service: SecretStore, tmp_path: Path
) -> None:
    """Signed in the app, with keys in the real Secret Service; valid and trusted everywhere."""
    init_org("iet", "The Institution of Engineering and Technology")
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name="Gwenllïan ap Dafydd", under_18=True)
    driver.sign(qtbot, wizard, "Gwenllïan ap Dafydd")
    driver.guardian_signs(qtbot, wizard, "Robin Guardian")
    pdf = Path(wizard.ctx.session.output_pdf)
    assert not wizard.sign_page.panel.passphrase_box.isVisible()  # the keyring held the keys

    window = VerifyWindow()
    qtbot.addWidget(window)
    window.show()
    window.check(pdf)
    qtbot.waitUntil(lambda: window.countersign_box.isVisible(), timeout=30000)
    assert "Every signature checks out" in window.verdict.text()
    driver.type_text(qtbot, window.trustee_name, "Dafydd Trustee")
    driver.type_text(qtbot, window.trustee_email, "dafydd@example.org")
    driver.type_text(qtbot, window.panel.typed_name, "Dafydd Trustee")
    done: list[Path] = []
    window.countersigned.connect(done.append)
    driver.click(qtbot, window.panel.sign_button)
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    QApplication.processEvents()

    report = verify_pdf(pdf)
    assert [c.field for c in report.signatures] == ["Person", "Guardian", "Trustee"]
    assert report.ok, report.problems
    result = induct("verify", pdf)
    assert result.returncode == 0, result.stdout + result.stderr
    nss = nss_db_trusting(root_cert_path("iet"), tmp_path / "nss")
    checked = pdfsig(pdf, nss).stdout
    assert re.findall(r"Signature Field Name: (\w+)", checked) == ["Person", "Guardian", "Trustee"]
    assert checked.count(VALID) == 3 and checked.count(TRUSTED) == 3

    tampered = tmp_path / "tampered.pdf"
    raw = bytearray(pdf.read_bytes())
    raw[len(raw) // 4] ^= 0x01
    tampered.write_bytes(bytes(raw))
    assert induct("verify", tampered).returncode == 1
