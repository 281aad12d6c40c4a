"""The root computer's actions: enrol, trustees for a term, revoke, back up and restore."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from cryptography import x509

from app.core.clock import local_now
from app.core.onboarding.acknowledgement import PERSON_FIELD
from app.core.onboarding.session import OnboardingSession
from app.signing import authority, computer, org
from app.signing.certs import fingerprint, same_public_key
from app.signing.errors import SigningError, WrongPassphrase
from app.signing.revocation import load_crls
from app.signing.secrets import SecretStore
from app.signing.service import sign_pdf, verify_pdf
from app.signing.strength import weakness

from .support import PERSON, TRUSTEE, countersign, enrol_here, make_root, memory_store

MakePdf = Callable[..., tuple[Path, OnboardingSession]]
STRONG = "otter mitten glacier saffron"


def test_enrolment_writes_the_computer_its_root_and_the_crl(
    store: SecretStore, tmp_path: Path
) -> None:
    """The CERT file holds the computer's CA, the root and the CRL; the computer is listed."""
    make_root(store)
    cert_file = enrol_here(store, tmp_path)
    text = cert_file.read_bytes()
    assert text.count(b"BEGIN CERTIFICATE") == 2 and b"BEGIN X509 CRL" in text
    (listed,) = authority.list_computers("iet")
    assert listed.name == "Laptop 3" and listed.until == computer.enrolment("iet").until


def test_a_request_that_is_not_one_is_named(store: SecretStore, tmp_path: Path) -> None:
    """Enrolling a file that is not a request says which file and what to do."""
    make_root(store)
    bad = tmp_path / "notes.txt"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(SigningError, match=r"notes.txt: not an enrolment request"):
        authority.enrol(bad, tmp_path / "out.pem", 6, store=store)


def test_a_certificate_for_another_computer_is_refused(store: SecretStore, tmp_path: Path) -> None:
    """Installing a certificate issued for a different request changes nothing."""
    make_root(store)
    enrol_here(store, tmp_path)
    shutil.rmtree(computer.computer_dir("iet"))
    computer.make_request("iet", "Laptop 4", tmp_path / "other.csr", store=store)
    with pytest.raises(SigningError, match="was not issued for this computer's request"):
        computer.install(tmp_path / "Laptop 3.pem")
    assert computer.enrolment("iet") is None


def test_a_trustees_term_can_be_ended(make_pdf: MakePdf, store: SecretStore) -> None:
    """After `trustee end`, they can no longer countersign; earlier ones stay valid."""
    make_root(store)
    earlier, _ = make_pdf(under_18=False)
    sign_pdf(earlier, PERSON_FIELD, PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    countersign(earlier, store)
    authority.end_trustee("iet", TRUSTEE.email, store=store)
    later, _ = make_pdf(under_18=False)
    sign_pdf(later, PERSON_FIELD, PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    with pytest.raises(SigningError, match=r"cannot countersign: their term ended"):
        countersign(later, store)
    assert verify_pdf(earlier).ok


def test_a_term_in_the_past_is_refused(store: SecretStore) -> None:
    """`--until` before today is refused with the field named."""
    make_root(store)
    with pytest.raises(SigningError, match=r"has passed already \(--until\)"):
        authority.add_trustee("iet", "Ana", "ana@example.org", date.today() - timedelta(days=1))


def test_a_revoked_laptops_later_signatures_are_broken(
    make_pdf: MakePdf, store: SecretStore, tmp_path: Path
) -> None:
    """Revoked now: a signature dated after it is broken; one dated before stays valid."""
    make_root(store)
    enrol_here(store, tmp_path)
    before, _ = make_pdf(under_18=False)
    sign_pdf(before, PERSON_FIELD, PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    before = Path(shutil.move(before, tmp_path / "before.pdf"))
    authority.revoke("iet", computer="Laptop 3", reason="lost", store=store)
    (crl,) = load_crls(org.crl_path("iet"))
    assert len(list(crl)) == 1
    after, _ = make_pdf(under_18=False)
    sign_pdf(
        after,
        PERSON_FIELD,
        PERSON,
        org_id="iet",
        typed_name=PERSON.name,
        store=store,
        signed_at=local_now() + timedelta(seconds=2),
    )
    assert verify_pdf(before).ok
    broken = verify_pdf(after)
    assert broken.verdict == "broken"
    assert "revoked on" in broken.problems[0] and "(lost or stolen)" in broken.problems[0]


def test_revoking_needs_a_known_computer_and_a_reason(store: SecretStore) -> None:
    """Unknown names and reasons are refused with what to give instead."""
    make_root(store)
    with pytest.raises(SigningError, match="No computer named 'Laptop 9'"):
        authority.revoke("iet", computer="Laptop 9", reason="lost", store=store)
    with pytest.raises(SigningError, match="Say why with --reason: one of"):
        authority.revoke("iet", computer="Laptop 9", reason="bored", store=store)


def test_a_weak_backup_passphrase_is_refused_with_the_reason(store: SecretStore) -> None:
    """Short, or easy to guess (zxcvbn), is refused; four unrelated words will do."""
    make_root(store)
    with pytest.raises(SigningError, match="too short"):
        authority.backup("iet", Path("unused"), "iet2026", store=store)
    assert "too easy to guess" in weakness("password1234", whose="the root's")
    assert weakness(STRONG, whose="the root's") == ""


def test_a_backup_restores_the_same_root_on_a_fresh_computer(
    store: SecretStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Backup here, restore in another data folder and store: the same root, usable."""
    make_root(store)
    before = fingerprint(org.load_root_cert("iet"))  # type: ignore[arg-type]
    backup = authority.backup("iet", tmp_path / "iet.backup", STRONG, store=store)
    kit_crl = org.export_kit("iet", tmp_path / "kit")[3]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    fresh = memory_store()
    with pytest.raises(WrongPassphrase):
        authority.restore(backup, "not the passphrase", store=fresh, crl=kit_crl)
    with pytest.raises(SigningError, match="Give the verification kit's revocation list"):
        authority.restore(backup, STRONG, store=fresh)
    assert authority.restore(backup, STRONG, store=fresh, crl=kit_crl) == "iet"
    root = org.load_root_cert("iet")
    assert root is not None and fingerprint(root) == before
    assert same_public_key(root, org.load_root_key("iet", root, fresh, None))
    assert x509.load_pem_x509_crl(org.crl_path("iet").read_bytes()).issuer == root.subject
