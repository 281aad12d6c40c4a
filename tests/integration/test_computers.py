"""The whole workflow on separate computers, each with its own data folder and its own
real Secret Service: an induction laptop, the office computer that holds the root, a
clean verifier with only the kit, and (for the backup) a fresh office computer."""

from __future__ import annotations

import re
import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from PySide6.QtWidgets import QApplication

from app.core.onboarding import flow
from app.ui.verify_window import VerifyWindow
from tests.conftest import FixedClock
from tests.integration.computers import Computer
from tests.integration.conftest import pdfsig
from tests.ui import driver
from tests.ui.test_wizard import run_to

TRUSTEE = ("Dafydd ap Gwilym", "dafydd@example.org")
TRUSTEE_PASSPHRASE = "heron lantern quarry violet"
BACKUP_PASSPHRASE = "otter mitten glacier saffron"
VALID = "Signature Validation: Signature is Valid."
TRUSTED = "Certificate Validation: Certificate is Trusted."


@pytest.fixture
def clock() -> FixedClock:
    """The wizard's clock starts now: a signature dated before the laptop's enrolment
    would rightly be broken."""
    return FixedClock(datetime.now().astimezone())


def _ok(result) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _passphrase_file(folder: Path, text: str) -> Path:
    path = folder / f"pass-{abs(hash(text))}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _set_up_office_and_enrol_laptop(office: Computer, laptop: Computer, folder: Path) -> None:
    _ok(office.induct("org", "init", "--pack", "iet"))
    until = (date.today() + timedelta(days=365)).isoformat()
    _ok(
        office.induct(
            "org",
            "trustee",
            "add",
            "--pack",
            "iet",
            "--name",
            TRUSTEE[0],
            "--email",
            TRUSTEE[1],
            "--until",
            until,
        )
    )
    request = folder / "laptop-3.request"
    cert = folder / "laptop-3.cert"
    _ok(
        laptop.induct(
            "computer", "request", "--pack", "iet", "--name", "Laptop 3", "--out", request
        )
    )
    _ok(office.induct("org", "enrol", request, "--out", cert, "--months", "12"))
    assert "is enrolled by IET until" in _ok(laptop.induct("computer", "install", cert))


def _onboard(qtbot, make_wizard, name: str, under_18: bool) -> Path:
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name=name, under_18=under_18)
    note = wizard.sign_page.panel.key_note
    qtbot.waitUntil(lambda: "one-off signing key" in note.text(), timeout=10000)
    assert "This computer (Laptop 3) is enrolled by IET" in note.text()
    driver.sign(qtbot, wizard, name)
    if under_18:
        driver.guardian_signs(qtbot, wizard, "Robin Guardian")
    assert not wizard.sign_page.panel.passphrase_box.isVisible()  # one-off keys: no passphrase
    return Path(wizard.ctx.session.output_pdf)


def _countersign_in_the_app(qtbot, pdf: Path) -> None:
    window = VerifyWindow()
    qtbot.addWidget(window)
    window.show()
    window.check(pdf)
    qtbot.waitUntil(lambda: window.countersign_box.isVisible(), timeout=60000)
    assert "✓" in window.verdict.text()
    driver.type_text(qtbot, window.trustee_name, TRUSTEE[0])
    driver.type_text(qtbot, window.trustee_email, TRUSTEE[1])
    driver.type_text(qtbot, window.panel.typed_name, TRUSTEE[0])
    done: list[Path] = []
    window.countersigned.connect(done.append)
    panel = window.panel
    driver.click(qtbot, panel.sign_button)
    qtbot.waitUntil(
        lambda: panel.passphrase_box.isVisible() and not panel.progress.isVisible(), timeout=60000
    )
    driver.type_text(qtbot, panel.passphrase, TRUSTEE_PASSPHRASE)
    if panel.passphrase_again.isVisible():
        driver.type_text(qtbot, panel.passphrase_again, TRUSTEE_PASSPHRASE)
    driver.click(qtbot, panel.sign_button)
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: "Every signature is valid" in window.verdict.text(), timeout=60000)


def _nss_as_the_guide_says(kit: Path, pdf: Path) -> str:
    """Run the guide's pdfsig commands literally, in the kit's folder, on `pdf`."""
    import shlex
    import subprocess

    guide = (kit / "GUIDE.md").read_text(encoding="utf-8")
    section = guide.split("## With poppler's pdfsig")[1].split("\n## ")[0]
    commands = [line.strip() for line in section.splitlines() if line.startswith("    ")]
    shutil.copy(pdf, kit / "acknowledgement.pdf")
    output = ""
    for command in commands:
        result = subprocess.run(
            shlex.split(command), cwd=kit, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, f"{command}: {result.stderr}"
        output = result.stdout
        if command.startswith("certutil -d sql:nssdb -L"):
            fingerprint = guide.split("fingerprint:\n\n      ")[1].split("\n")[0]
            assert fingerprint in " ".join(result.stdout.split()).replace(": ", ":")
    shutil.rmtree(kit / "nssdb")
    (kit / "acknowledgement.pdf").unlink()
    return output


def _pyhanko_all_valid(pdf: Path, root_pem: Path) -> bool:
    """pyHanko's own validator, trusting only the kit's root: every signature intact,
    valid and trusted."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _, _, der = pem.unarmor(root_pem.read_bytes())
    root = asn1_x509.Certificate.load(der)
    with pdf.open("rb") as stream:
        reader = PdfFileReader(stream)
        statuses = [
            validate_pdf_signature(sig, ValidationContext(trust_roots=[root], allow_fetching=False))
            for sig in reader.embedded_signatures
        ]
    return bool(statuses) and all(s.intact and s.valid and s.trusted for s in statuses)


def test_the_ordinary_workflow_on_two_computers_is_valid_everywhere(
    qtbot,
    make_wizard,
    computers: dict[str, Computer],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Enrol, onboard an adult and an under-18 on the laptop, countersign at the office
    (CLI and app): valid in induct verify, pdfsig (root in NSS) and pyHanko; the laptop's
    Secret Service holds only the computer's key."""
    laptop, office, verifier = computers["laptop"], computers["office"], computers["verifier"]
    moved = tmp_path / "usb"
    moved.mkdir()
    _set_up_office_and_enrol_laptop(office, laptop, moved)
    with laptop.inside(monkeypatch):
        adult = _onboard(qtbot, make_wizard, "Gwenllïan ap Dafydd", under_18=False)
        young = _onboard(qtbot, make_wizard, "Rhys Bach", under_18=True)
    adult = Path(shutil.copy(adult, moved / "adult.pdf"))
    young = Path(shutil.copy(young, moved / "young.pdf"))
    assert not list(laptop.data.glob("keys/*"))  # no volunteer key was ever kept

    secret = _passphrase_file(moved, TRUSTEE_PASSPHRASE)
    out = _ok(
        office.induct(
            "countersign",
            adult,
            "--name",
            TRUSTEE[0],
            "--email",
            TRUSTEE[1],
            "--passphrase-file",
            secret,
        )
    )
    assert "Countersigned the Trustee field" in out
    with office.inside(monkeypatch):
        _countersign_in_the_app(qtbot, young)

    kit = tmp_path / "kit"
    _ok(office.induct("org", "export-kit", kit, "--pack", "iet"))
    for pdf, count in ((adult, 2), (young, 3)):
        checked = verifier.induct(
            "verify", "--trust", kit / "iet-root.pem", "--crl", kit / "iet-revoked.crl", pdf
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert len(re.findall(r"^  \w+: .*: VALID: ", checked.stdout, re.M)) == count
        shown = _nss_as_the_guide_says(kit, pdf)
        assert re.findall(r"Signature Field Name: (\w+)", shown)[-1] == "Trustee"
        assert shown.count(VALID) == count and shown.count(TRUSTED) == count, shown
        assert _pyhanko_all_valid(pdf, kit / "iet-root.pem")


def test_what_must_fail_fails_and_what_was_valid_stays_valid(
    qtbot,
    make_wizard,
    computers: dict[str, Computer],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    completed_session,
    iet_pack,
) -> None:
    """A second person typing the first one's e-mail gets a different key; a non-trustee
    is refused; a revoked laptop's later signatures are broken, its earlier ones valid; a
    tampered copy is broken; a restored backup countersigns with the same root on a fresh
    computer and keeps the revocation."""
    from app.core.onboarding.acknowledgement import PERSON_FIELD
    from app.signing.service import Signer, sign_pdf
    from tests.unit.signing.support import acknowledgement

    laptop, office, verifier = computers["laptop"], computers["office"], computers["verifier"]
    moved = tmp_path / "usb"
    moved.mkdir()
    _set_up_office_and_enrol_laptop(office, laptop, moved)

    def signed_on_laptop(folder: str, name: str = "Siân Llewelyn-Jones") -> Path:
        with laptop.inside(monkeypatch):
            pdf = acknowledgement(iet_pack, completed_session(iet_pack), moved / folder)
            signer = Signer(name, "sian@example.org", "Volunteer")
            sign_pdf(pdf, PERSON_FIELD, signer, org_id="iet", typed_name=name)
        return pdf

    before = signed_on_laptop("before")
    impostor = signed_on_laptop("impostor", "Someone Else")  # typing Siân's e-mail
    fingerprints = {
        re.search(r"certificate SHA-256 ([0-9A-F:]+)", verifier.induct("verify", pdf).stdout)[1]  # type: ignore[index]
        for pdf in (before, impostor)
    }
    assert len(fingerprints) == 2  # a different key for each signature
    visitor = office.induct(
        "countersign", before, "--name", "Random Visitor", "--email", "v@example.com"
    )
    assert visitor.returncode == 1
    assert "v@example.com is not a trustee of IET" in visitor.stderr

    _ok(
        office.induct(
            "org", "revoke", "--pack", "iet", "--computer", "Laptop 3", "--reason", "lost"
        )
    )
    time.sleep(2.1)  # the revocation time is rounded up to the next whole second
    after = signed_on_laptop("after")
    kit = tmp_path / "kit"
    _ok(office.induct("org", "export-kit", kit, "--pack", "iet"))
    trust = ("--trust", kit / "iet-root.pem", "--crl", kit / "iet-revoked.crl")
    assert verifier.induct("verify", *trust, before).returncode == 0
    broken = verifier.induct("verify", *trust, after)
    assert broken.returncode == 1
    assert (
        f"its certificate was revoked on {date.today().isoformat()} (lost or stolen), "
        "before this signature was made."
    ) in broken.stdout

    tampered = moved / "tampered.pdf"
    raw = bytearray(before.read_bytes())
    raw[len(raw) // 3] ^= 0x01
    tampered.write_bytes(bytes(raw))
    assert verifier.induct("verify", *trust, tampered).returncode == 1
    assert "Digest Mismatch" in pdfsig(tampered).stdout

    backup = moved / "iet-root.backup"
    _ok(
        office.induct(
            "org",
            "backup",
            "--pack",
            "iet",
            backup,
            "--passphrase-file",
            _passphrase_file(moved, BACKUP_PASSPHRASE),
        )
    )
    fresh = Computer(tmp_path / "computers", "new-office")
    try:
        without_kit = fresh.induct(
            "org",
            "restore",
            backup,
            "--passphrase-file",
            _passphrase_file(moved, BACKUP_PASSPHRASE),
        )
        assert without_kit.returncode == 1 and "revocation list" in without_kit.stderr
        restored = _ok(
            fresh.induct(
                "org",
                "restore",
                backup,
                "--passphrase-file",
                _passphrase_file(moved, BACKUP_PASSPHRASE),
                "--crl",
                kit / "iet-revoked.crl",
            )
        )
        assert "Restored the IET organisation root." in restored
        _ok(
            fresh.induct(
                "org",
                "trustee",
                "add",
                "--pack",
                "iet",
                "--name",
                TRUSTEE[0],
                "--email",
                TRUSTEE[1],
                "--until",
                (date.today() + timedelta(days=30)).isoformat(),
            )
        )
        _ok(
            fresh.induct(
                "countersign",
                before,
                "--name",
                TRUSTEE[0],
                "--email",
                TRUSTEE[1],
                "--passphrase-file",
                _passphrase_file(moved, TRUSTEE_PASSPHRASE),
            )
        )
        new_kit = tmp_path / "new-kit"
        _ok(fresh.induct("org", "export-kit", new_kit, "--pack", "iet"))
    finally:
        fresh.close()
    assert verifier.induct("verify", *trust, before).returncode == 0  # the kit handed out earlier
    still = verifier.induct(
        "verify", "--trust", new_kit / "iet-root.pem", "--crl", new_kit / "iet-revoked.crl", after
    )
    assert still.returncode == 1 and "(lost or stolen)" in still.stdout  # revocation kept
