"""`verify_pdf`: what it says about unsigned, unreadable and signed files, and whom it trusts."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core import paths
from app.core.onboarding.session import OnboardingSession
from app.signing.computer import installed_root_path
from app.signing.errors import SigningError
from app.signing.org import root_cert_path
from app.signing.secrets import SecretStore
from app.signing.service import verify_pdf

from .support import (
    ORG_NAME,
    PERSON,
    TRUSTEE,
    TRUSTEE_PASSPHRASE,
    enrol_here,
    make_root,
    sign_chain,
)

MakePdf = Callable[..., tuple[Path, OnboardingSession]]


def test_a_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    """A text file, or no file at all, is an error, not a missing signature."""
    text = tmp_path / "notes.pdf"
    text.write_text("just some notes\n", encoding="utf-8")
    report = verify_pdf(text)
    assert report.error == "not a PDF file." and not report.ok
    assert report.problems == ("not a PDF file.",)
    missing = verify_pdf(tmp_path / "nowhere.pdf")
    assert missing.error == "cannot be read (No such file or directory)."


def test_a_pdf_with_a_broken_structure(tmp_path: Path) -> None:
    """A file that starts like a PDF but is not one is reported unreadable."""
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not really a PDF\n")
    report = verify_pdf(broken)
    assert report.error.startswith("cannot be read as a PDF (") and not report.signatures


def test_an_unsigned_acknowledgement_lists_its_empty_fields(make_pdf: MakePdf) -> None:
    """No signature yet: not ok, says so, and names the fields still to sign."""
    pdf, _ = make_pdf(under_18=True)
    report = verify_pdf(pdf)
    assert not report.ok and not report.error
    assert report.unsigned_fields == ("Person", "Guardian", "Trustee")
    assert report.problems == ("The document has no signature.",)


def test_a_bad_trust_file_is_an_error(make_pdf: MakePdf, tmp_path: Path) -> None:
    """A --trust file that is not a certificate stops the check with its name."""
    pdf, _ = make_pdf()
    bad = tmp_path / "root.pem"
    bad.write_text("not a certificate", encoding="utf-8")
    with pytest.raises(SigningError, match=r"root.pem: not a certificate file \(PEM or DER\)"):
        verify_pdf(pdf, trust=[bad])


def test_roots_are_trusted_from_this_computer_a_pack_or_the_command_line(
    make_pdf: MakePdf, store: SecretStore, tmp_path: Path
) -> None:
    """The same file is valid with the org root here, in a pack, or given; else the
    enrolled signatures need a trustee and the countersignature is not authorised."""
    pdf, session = make_pdf()
    make_root(store)
    enrol_here(store, tmp_path)
    sign_chain(pdf, session, store=store, passphrase=TRUSTEE_PASSPHRASE)
    assert verify_pdf(pdf).ok
    root = tmp_path / "iet-root.pem"
    shutil.move(root_cert_path("iet"), root)  # as on a checker's computer without the root
    shutil.rmtree(installed_root_path("iet").parent)
    report = verify_pdf(pdf)
    assert [s.verdict for s in report.signatures] == ["needs a trustee"] * 2 + ["broken"]
    assert report.problems[-1] == (
        f"Trustee ({TRUSTEE.name}): not signed by a trustee the organisation has authorised."
    )
    assert verify_pdf(pdf, trust=[root]).ok
    pack = paths.user_packs_dir() / "iet"
    shutil.copytree(paths.bundled_packs_dir() / "iet", pack)  # a whole pack, passing its check
    (pack / "trust").mkdir()
    shutil.copy(root, pack / "trust" / "iet-root.pem")
    assert verify_pdf(pdf).ok


def test_each_check_names_field_signer_email_and_fingerprint(
    make_pdf: MakePdf, store: SecretStore, tmp_path: Path
) -> None:
    """Every signature comes back with who signed which field, and its issuer and key."""
    pdf, session = make_pdf()
    make_root(store)
    enrol_here(store, tmp_path)
    summaries = sign_chain(pdf, session, store=store, passphrase=TRUSTEE_PASSPHRASE)
    person = verify_pdf(pdf).signatures[0]
    assert (person.field, person.signer, person.email) == ("Person", PERSON.name, PERSON.email)
    assert person.fingerprint == summaries[0].fingerprint
    assert person.issuer == f"O={ORG_NAME},CN=Laptop 3"
    assert person.reason == "Volunteer signature in Induct; one-off key, destroyed after signing"
    assert person.signed_at == summaries[0].signed_at
