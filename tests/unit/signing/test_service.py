"""Signing the acknowledgement's fields: keys made on first use, certificates, appearance."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.core.onboarding.session import OnboardingSession
from app.signing import service
from app.signing.errors import PassphraseNeeded, SigningError, WrongPassphrase
from app.signing.org import init_org
from app.signing.secrets import SecretStore
from app.signing.service import Signer, sign_pdf, verify_pdf

from ..documents.pdftools import flat, pdf_text
from .support import GUARDIAN, PERSON, TRUSTEE, locked_store, sign_chain

MakePdf = Callable[..., tuple[Path, OnboardingSession]]
WHEN = datetime(2026, 11, 21, 19, 5, tzinfo=timezone(timedelta(hours=1)))
ORG = "The Institution of Engineering and Technology"


def _signature_page(pdf: Path) -> str:
    pages = pdf_text(pdf).split("\f")
    return flat(next(page for page in pages if "Signature field “Person”" in page))


def test_the_chain_signed_with_the_organisation_root_verifies(
    make_pdf: MakePdf, store: SecretStore
) -> None:
    """Person, guardian and trustee sign in turn; every signature stays intact and trusted."""
    pdf, session = make_pdf()
    init_org("iet", ORG, store=store)
    summaries = sign_chain(pdf, session, store=store)
    report = verify_pdf(pdf)
    assert report.ok, report.problems
    assert [s.field for s in report.signatures] == ["Person", "Guardian", "Trustee"]
    assert [s.signer for s in report.signatures] == [PERSON.name, GUARDIAN.name, TRUSTEE.name]
    assert [s.fingerprint for s in report.signatures] == [s.fingerprint for s in summaries]
    assert report.unsigned_fields == ()
    assert {s.issuer for s in summaries} == {"IET Induct signing root"}
    assert all(s.key_protection == "keyring: test keyring" for s in summaries)


def test_the_appearance_shows_name_date_fingerprint_and_key_protection(
    make_pdf: MakePdf, store: SecretStore
) -> None:
    """The Person box shows the typed name, the date with UTC offset and the fingerprint."""
    pdf, session = make_pdf()
    summary = sign_pdf(
        pdf,
        "Person",
        PERSON,
        org_id="iet",
        typed_name=PERSON.name,
        drawing=session.signature.drawing if session.signature else None,
        signed_at=WHEN,
        store=store,
    )
    page = _signature_page(pdf)
    assert "Siân Llewelyn-Jones Volunteer · sian@example.org" in page
    assert "Signed 21 Nov 2026, 19:05:00 (UTC+01:00)" in page
    assert f"Certificate SHA-256 {summary.fingerprint[:8]}…{summary.fingerprint[-8:]}" in page
    assert "Self-signed certificate" in page
    assert "Private key kept in the test keyring" in page
    assert summary.signed_at == "2026-11-21T19:05:00+01:00"
    assert verify_pdf(pdf).signatures[0].signed_at == "2026-11-21T19:05:00+01:00"


def test_without_the_root_a_volunteer_signs_self_signed_and_is_not_trusted(
    make_pdf: MakePdf, store: SecretStore
) -> None:
    """A self-signed signature is intact but reported untrusted, unless its cert is given."""
    pdf, _ = make_pdf()
    summary = sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    assert summary.issuer == "self-signed"
    report = verify_pdf(pdf)
    check = report.signatures[0]
    assert check.intact and check.unchanged_after and not check.trusted and not report.ok
    assert report.problems == (
        f"Person ({PERSON.name}): certificate not trusted: it is not issued by an "
        "organisation root this computer knows (check its fingerprint with the signer, or use "
        "the organisation's verification kit: induct verify --trust ROOT.pem).",
    )
    assert report.unsigned_fields == ("Guardian", "Trustee")
    cert = next((Path(service.key_slot(PERSON.email).folder)).glob("cert-self.pem"))
    assert verify_pdf(pdf, trust=[cert]).signatures[0].trusted


def test_countersigning_needs_the_organisation_root(make_pdf: MakePdf, store: SecretStore) -> None:
    """The Trustee field without the root here is refused, saying how to set the root up;
    a trustee's own acknowledgement is signed like anyone's (self-signed without it)."""
    pdf, _ = make_pdf()
    before = pdf.read_bytes()
    with pytest.raises(SigningError, match=r"induct org init --pack iet"):
        sign_pdf(pdf, "Trustee", TRUSTEE, org_id="iet", typed_name=TRUSTEE.name, store=store)
    assert pdf.read_bytes() == before
    assert service.key_protection(TRUSTEE.email) == "none yet"  # no key for nothing
    own = sign_pdf(
        make_pdf(under_18=False)[0],
        "Person",
        TRUSTEE,
        org_id="iet",
        typed_name=TRUSTEE.name,
        store=store,
    )
    assert own.issuer == "self-signed"


def test_fields_are_signed_once_and_must_exist(make_pdf: MakePdf, store: SecretStore) -> None:
    """A signed field cannot be signed again; an unknown field is named in the error."""
    pdf, _ = make_pdf(under_18=False)
    sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    before = pdf.read_bytes()
    with pytest.raises(SigningError, match="Person field of this document is already signed"):
        sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    with pytest.raises(SigningError, match="no signature field named Guardian"):
        sign_pdf(pdf, "Guardian", GUARDIAN, org_id="iet", typed_name="x", store=store)
    assert pdf.read_bytes() == before


def test_the_certificate_is_reused_until_the_name_changes(
    make_pdf: MakePdf, store: SecretStore
) -> None:
    """The same person signing again keeps their certificate; a new name gets a new one."""
    first = sign_pdf(
        make_pdf()[0], "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=store
    )
    again = sign_pdf(
        make_pdf()[0], "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=store
    )
    renamed = Signer("Siân Jones", PERSON.email, "Volunteer")
    other = sign_pdf(
        make_pdf()[0], "Person", renamed, org_id="iet", typed_name=renamed.name, store=store
    )
    assert first.fingerprint == again.fingerprint != other.fingerprint


def test_key_protection_is_shown_before_signing(make_pdf: MakePdf, store: SecretStore) -> None:
    """Before the first signature there is no key; afterwards it says where the key is."""
    assert service.key_protection(PERSON.email) == "none yet"
    assert service.planned_key_protection(PERSON.email, store=store) == "keyring: test keyring"
    folder = service.key_slot(PERSON.email).folder
    assert service.planned_key_protection(PERSON.email, store=locked_store()) == (
        f"passphrase file: {folder / 'key.p12'}"
    )
    sign_pdf(make_pdf()[0], "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    assert service.key_protection(PERSON.email) == "keyring: test keyring"


def test_without_a_store_the_passphrase_is_asked_for_then_used(make_pdf: MakePdf) -> None:
    """No credential store: PassphraseNeeded, then signing with a passphrase file works."""
    pdf, _ = make_pdf()
    with pytest.raises(PassphraseNeeded) as asked:
        sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=locked_store())
    assert asked.value.creating and not asked.value.for_root
    summary = sign_pdf(
        pdf,
        "Person",
        PERSON,
        org_id="iet",
        typed_name=PERSON.name,
        passphrase="a long passphrase",
        store=locked_store(),
    )
    assert summary.key_protection.startswith("passphrase file: ")
    assert "Private key kept in a passphrase-protected file" in _signature_page(pdf)
    pdf2, _ = make_pdf()
    with pytest.raises(WrongPassphrase):
        sign_pdf(
            pdf2,
            "Person",
            PERSON,
            org_id="iet",
            typed_name=PERSON.name,
            passphrase="not the passphrase",
            store=locked_store(),
        )


def test_a_root_in_a_file_asks_for_the_roots_passphrase(
    make_pdf: MakePdf, store: SecretStore
) -> None:
    """Issuing with a root kept in a file asks for the root's passphrase, saying whose."""
    pdf, _ = make_pdf()
    init_org("iet", ORG, "root passphrase", store=locked_store())
    with pytest.raises(PassphraseNeeded) as asked:
        sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    assert asked.value.for_root and not asked.value.creating
    assert str(asked.value).startswith("The IET organisation root's key is kept in a file")
    assert "Enter the IET organisation root's passphrase." in str(asked.value)
    summary = sign_pdf(
        pdf,
        "Person",
        PERSON,
        org_id="iet",
        typed_name=PERSON.name,
        root_passphrase="root passphrase",
        store=store,
    )
    assert summary.issuer == "IET Induct signing root"
    assert verify_pdf(pdf).ok


def test_signing_needs_a_name_and_an_email(make_pdf: MakePdf, store: SecretStore) -> None:
    """An empty typed name or a missing e-mail address is refused before anything is made."""
    pdf, _ = make_pdf()
    with pytest.raises(SigningError, match="Type your full name"):
        sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name="  ", store=store)
    with pytest.raises(SigningError, match="not an e-mail address"):
        sign_pdf(
            pdf,
            "Person",
            Signer("Ana", "ana", "Volunteer"),
            org_id="iet",
            typed_name="Ana",
            store=store,
        )


def test_no_claims_beyond_a_digital_signature() -> None:
    """Neither code nor docs call these signatures qualified or equal to handwriting (E10)."""
    root = Path(service.__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in root.glob("*.py")]
    docs = root.parent.parent / "docs" / "signing.md"
    texts.append(docs.read_text(encoding="utf-8"))
    for text in texts:
        lowered = re.sub(r"\s+", " ", text.lower())
        assert "qualified" not in lowered
        assert "equivalent to a handwritten" not in lowered
        assert "advanced electronic signature" not in lowered
