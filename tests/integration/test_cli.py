"""`induct verify`, `induct countersign` and `induct org` from the shell: exit codes, words."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.session import OnboardingSession
from app.signing.secrets import SecretStore
from app.signing.service import sign_pdf

from ..unit.signing.support import (
    GUARDIAN,
    PERSON,
    TRUSTEE,
    TRUSTEE_PASSPHRASE,
    stamp_text_after_signing,
)
from .conftest import induct, nss_db_trusting, pdfsig

MakePdf = Callable[..., tuple[Path, OnboardingSession]]


def _ok(*args: str | Path) -> str:
    result = induct(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def signed_by_person_and_guardian(
    make_pdf: MakePdf, secret_service: SecretStore, tmp_path: Path
) -> Path:
    """The root made with `induct org init` on a computer that enrols itself and lists a
    trustee (all from the shell); then person and guardian sign on it."""
    made = _ok("org", "init", "--pack", "iet")
    assert "Its private key is kept in: keyring: Secret Service" in made
    _ok(
        "org",
        "trustee",
        "add",
        "--pack",
        "iet",
        "--name",
        TRUSTEE.name,
        "--email",
        TRUSTEE.email,
        "--until",
        "2099-12-31",
    )
    _ok("computer", "request", "--pack", "iet", "--name", "Office", "--out", tmp_path / "r")
    _ok("org", "enrol", tmp_path / "r", "--out", tmp_path / "c", "--months", "6")
    _ok("computer", "install", tmp_path / "c")
    pdf, session = make_pdf(under_18=True)
    drawing = session.signature.drawing if session.signature else None
    sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name, drawing=drawing)
    sign_pdf(pdf, "Guardian", GUARDIAN, org_id="iet", typed_name=GUARDIAN.name)
    return pdf


def _countersign(pdf: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return induct(
        "countersign",
        pdf,
        "--name",
        TRUSTEE.name,
        "--email",
        TRUSTEE.email,
        *extra,
        env={"INDUCT_PASSPHRASE": TRUSTEE_PASSPHRASE},
    )


def test_countersign_verifies_first_then_signs_the_trustee_field(
    signed_by_person_and_guardian: Path,
) -> None:
    """The trustee sees the check, countersigns, and `induct verify` then exits 0."""
    pdf = signed_by_person_and_guardian
    result = _countersign(pdf)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"  Person: {PERSON.name} <{PERSON.email}>" in out
    assert ": VALID: signed on a computer the organisation has enrolled." in out
    assert "  Trustee: not signed" in out
    assert out.index("Trustee: not signed") < out.index(
        f"Countersigned the Trustee field as {TRUSTEE.name} <{TRUSTEE.email}>"
    )
    verified = induct("verify", pdf)
    assert verified.returncode == 0, verified.stdout
    assert verified.stdout.strip().endswith(f"{pdf}: VALID: every signature is valid")
    assert verified.stdout.count(": VALID: signed on a computer the organisation has enrolled") == 2
    assert ": VALID: countersigned by a trustee the organisation has authorised." in verified.stdout
    again = _countersign(pdf)
    assert again.returncode == 1 and "it has no empty Trustee field" in again.stderr


def test_countersign_refuses_a_document_changed_after_signing(
    signed_by_person_and_guardian: Path,
) -> None:
    """A changed document is shown as such and left unsigned by the trustee."""
    pdf = signed_by_person_and_guardian
    stamp_text_after_signing(pdf)
    before = pdf.read_bytes()
    result = _countersign(pdf)
    assert result.returncode == 1
    assert "not countersigned" in result.stderr
    assert "the document was changed after this signature" in result.stdout
    assert "Traceback" not in result.stderr and pdf.read_bytes() == before


def test_a_non_trustee_cannot_countersign(signed_by_person_and_guardian: Path) -> None:
    """Someone not on the root's list of trustees is refused by name; nothing is signed."""
    pdf = signed_by_person_and_guardian
    before = pdf.read_bytes()
    result = induct("countersign", pdf, "--name", "Random Visitor", "--email", "v@example.com")
    assert result.returncode == 1
    assert result.stderr.startswith("induct: v@example.com is not a trustee of IET: only a ")
    assert pdf.read_bytes() == before


def test_verify_exit_codes(signed_by_person_and_guardian: Path, tmp_path: Path) -> None:
    """0 when all is valid, 1 when broken or unsigned, 2 for a file that is not a PDF."""
    pdf = signed_by_person_and_guardian
    assert induct("verify", pdf).returncode == 0
    text = tmp_path / "notes.txt"
    text.write_text("hello\n", encoding="utf-8")
    not_pdf = induct("verify", pdf, text)
    assert not_pdf.returncode == 2
    assert f"{text}: not a PDF file." in not_pdf.stdout
    tampered = tmp_path / "tampered.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    result = induct("verify", tampered)
    assert result.returncode == 1
    assert (
        f"{tampered}: Guardian ({GUARDIAN.name}): the signed content has been altered"
        in result.stdout
    )
    for run in (not_pdf, result):
        assert "Traceback" not in run.stdout + run.stderr


def test_verify_on_an_unsigned_acknowledgement(make_pdf: MakePdf) -> None:
    """No signature: exit 1 and one line that says so."""
    pdf, _ = make_pdf()
    result = induct("verify", pdf)
    assert result.returncode == 1
    assert f"{pdf}: The document has no signature." in result.stdout


def test_verify_json(signed_by_person_and_guardian: Path) -> None:
    """--json gives each signature's field, signer, fingerprint and checks."""
    result = induct("verify", "--json", signed_by_person_and_guardian)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["ok"] is True
    [report] = data["files"]
    assert report["verdict"] == "valid"
    assert [s["field"] for s in report["signatures"]] == ["Person", "Guardian"]
    assert report["unsigned_fields"] == ["Trustee"]
    person = report["signatures"][0]
    assert person["signer"] == PERSON.name and len(person["fingerprint"]) == 64
    assert person["verdict"] == "valid" and person["intact"] and person["unchanged_after"]


def test_the_kit_lets_another_computer_check(
    signed_by_person_and_guardian: Path, tmp_path: Path
) -> None:
    """The exported kit makes verify --trust and pdfsig trust the signatures elsewhere;
    without it, they need a trustee (exit 3)."""
    kit = induct("org", "export-kit", tmp_path / "kit", "--pack", "iet")
    assert kit.returncode == 0, kit.stderr
    root = tmp_path / "kit" / "iet-root.pem"
    assert str(root) in kit.stdout
    elsewhere = {"XDG_DATA_HOME": str(tmp_path / "elsewhere")}  # no organisation root there
    pdf = signed_by_person_and_guardian
    untrusted = induct("verify", pdf, env=elsewhere)
    assert untrusted.returncode == 3
    assert untrusted.stdout.strip().endswith(
        "NEEDS A TRUSTEE: intact, but a trustee has yet to countersign"
    )
    assert induct("verify", "--trust", root, pdf, env=elsewhere).returncode == 0
    nss = nss_db_trusting(root, tmp_path / "nss")
    assert pdfsig(pdf, nss).stdout.count("Certificate Validation: Certificate is Trusted.") == 2


def test_a_bad_trust_file_exits_2(signed_by_person_and_guardian: Path, tmp_path: Path) -> None:
    """--trust with a file that is not a certificate: exit 2 and a one-line message."""
    bad = tmp_path / "root.pem"
    bad.write_text("nope", encoding="utf-8")
    result = induct("verify", "--trust", bad, signed_by_person_and_guardian)
    assert result.returncode == 2
    assert result.stderr.strip() == f"induct: {bad}: not a certificate file (PEM or DER)."
