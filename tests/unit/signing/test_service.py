"""Signing the acknowledgement's fields: one-off keys, enrolled computers, trustees."""

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
from .support import (
    GUARDIAN,
    PERSON,
    TRUSTEE,
    TRUSTEE_PASSPHRASE,
    countersign,
    enrol_here,
    locked_store,
    make_root,
    sign_chain,
)

MakePdf = Callable[..., tuple[Path, OnboardingSession]]
WHEN = datetime(2026, 11, 21, 19, 5, tzinfo=timezone(timedelta(hours=1)))
ORG = "The Institution of Engineering and Technology"


def _signature_page(pdf: Path, field: str = "Person") -> str:
    pages = pdf_text(pdf).split("\f")
    return flat(next(page for page in pages if f"Signature field “{field}”" in page))


def test_the_chain_signed_on_an_enrolled_computer_verifies(
    make_pdf: MakePdf, store: SecretStore, tmp_path: Path
) -> None:
    """Person, guardian and trustee sign in turn; every signature is valid."""
    pdf, session = make_pdf()
    make_root(store)
    enrol_here(store, tmp_path)
    summaries = sign_chain(pdf, session, store=store, passphrase=TRUSTEE_PASSPHRASE)
    report = verify_pdf(pdf)
    assert report.ok, report.problems
    assert [s.field for s in report.signatures] == ["Person", "Guardian", "Trustee"]
    assert [s.signer for s in report.signatures] == [PERSON.name, GUARDIAN.name, TRUSTEE.name]
    assert [s.fingerprint for s in report.signatures] == [s.fingerprint for s in summaries]
    assert [s.issuer for s in summaries] == [
        "Laptop 3, enrolled by IET",
        "Laptop 3, enrolled by IET",
        "IET Induct signing root",
    ]
    assert [s.key_protection for s in summaries[:2]] == [service.ONE_OFF] * 2


def test_the_appearance_shows_name_date_fingerprint_and_a_one_off_key(
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
    digest = summary.fingerprint.upper()
    short = ":".join(digest[i : i + 2] for i in range(0, 8, 2))
    end = ":".join(digest[i : i + 2] for i in range(56, 64, 2))
    assert f"Certificate SHA-256 {short}…{end}" in page
    assert "Self-signed certificate: a trustee checks it" in page
    assert "One-off key, destroyed after signing" in page
    assert summary.signed_at == "2026-11-21T19:05:00+01:00"
    assert verify_pdf(pdf).signatures[0].signed_at == "2026-11-21T19:05:00+01:00"


def test_not_enrolled_a_volunteer_signs_self_signed_and_needs_a_trustee(
    make_pdf: MakePdf, store: SecretStore
) -> None:
    """A self-signed signature is intact and reads "needs a trustee", naming the signer."""
    pdf, _ = make_pdf()
    summary = sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    assert summary.issuer == "self-signed"
    report = verify_pdf(pdf)
    assert report.verdict == "needs a trustee"
    assert report.problems == (
        f"Person ({PERSON.name}): signed on a computer the organisation has not enrolled: "
        "a trustee needs to check and countersign it.",
    )
    assert report.unsigned_fields == ("Guardian", "Trustee")


def test_every_signature_has_its_own_key_even_for_the_same_email(
    make_pdf: MakePdf, store: SecretStore, tmp_path: Path
) -> None:
    """Two people typing the same e-mail on one laptop sign with different keys, and
    nothing of either key is kept in the data folder or the credential store."""
    make_root(store)
    enrol_here(store, tmp_path)
    items_before = dict(store.backend.items)  # type: ignore[attr-defined]
    first = sign_pdf(
        make_pdf()[0], "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=store
    )
    impostor = Signer("Someone Else", PERSON.email, "Volunteer")
    second = sign_pdf(
        make_pdf()[0], "Person", impostor, org_id="iet", typed_name=impostor.name, store=store
    )
    assert first.fingerprint != second.fingerprint
    assert dict(store.backend.items) == items_before  # type: ignore[attr-defined]
    assert not (tmp_path / "home" / "data" / "Induct" / "keys").exists()


def test_the_sign_page_notice_says_who_vouches(store: SecretStore, tmp_path: Path) -> None:
    """Not enrolled: a trustee will check and countersign; enrolled: the computer is named."""
    assert service.signing_notice("iet").endswith(
        "This computer is not enrolled by IET, so a trustee will check your signature "
        "and countersign it."
    )
    make_root(store)
    enrol_here(store, tmp_path)
    assert "This computer (Laptop 3) is enrolled by IET" in service.signing_notice("iet")


def test_countersigning_needs_the_root_here(make_pdf: MakePdf, store: SecretStore) -> None:
    """The Trustee field without the root on this computer is refused, file untouched."""
    pdf, _ = make_pdf()
    before = pdf.read_bytes()
    with pytest.raises(SigningError, match="countersigns on the computer that holds the IET"):
        countersign(pdf, store)
    assert pdf.read_bytes() == before


def test_only_a_listed_current_trustee_countersigns(make_pdf: MakePdf, store: SecretStore) -> None:
    """Anyone else is refused by name, with nothing written."""
    pdf, _ = make_pdf()
    make_root(store)
    before = pdf.read_bytes()
    visitor = Signer("Random Visitor", "v@example.com", "Trustee")
    with pytest.raises(SigningError, match=r"v@example\.com is not a trustee of IET"):
        sign_pdf(
            pdf,
            "Trustee",
            visitor,
            org_id="iet",
            typed_name=visitor.name,
            passphrase=TRUSTEE_PASSPHRASE,
            store=store,
        )
    assert pdf.read_bytes() == before


def test_the_trustee_key_needs_its_passphrase_every_time(
    make_pdf: MakePdf, store: SecretStore
) -> None:
    """First use asks to choose one (weak ones refused); later uses ask for it; wrong fails."""
    make_root(store)
    pdf, _ = make_pdf(under_18=False)
    with pytest.raises(PassphraseNeeded) as asked:
        sign_pdf(pdf, "Trustee", TRUSTEE, org_id="iet", typed_name=TRUSTEE.name, store=store)
    assert asked.value.creating
    with pytest.raises(SigningError, match="too short"):
        sign_pdf(
            pdf,
            "Trustee",
            TRUSTEE,
            org_id="iet",
            typed_name=TRUSTEE.name,
            passphrase="dafydd",
            store=store,
        )
    countersign(pdf, store)
    second, _ = make_pdf(under_18=False)
    with pytest.raises(PassphraseNeeded) as again:
        sign_pdf(second, "Trustee", TRUSTEE, org_id="iet", typed_name=TRUSTEE.name, store=store)
    assert not again.value.creating
    with pytest.raises(WrongPassphrase):
        sign_pdf(
            second,
            "Trustee",
            TRUSTEE,
            org_id="iet",
            typed_name=TRUSTEE.name,
            passphrase="heron lantern quarry wrong",
            store=store,
        )


def test_an_enrolled_computer_with_its_key_in_a_file_asks_for_its_passphrase(
    make_pdf: MakePdf, tmp_path: Path
) -> None:
    """No credential store on the laptop: signing asks for the computer's passphrase."""
    from app.signing.authority import enrol
    from app.signing.computer import install, make_request

    init_org("iet", ORG, "root passphrase", store=locked_store())
    make_request(
        "iet", "Laptop 3", tmp_path / "r.csr", store=locked_store(), passphrase="laptop key"
    )
    enrol(
        tmp_path / "r.csr",
        tmp_path / "c.pem",
        6,
        root_passphrase="root passphrase",
        store=locked_store(),
    )
    install(tmp_path / "c.pem")
    pdf, _ = make_pdf()
    with pytest.raises(PassphraseNeeded) as asked:
        sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name, store=locked_store())
    assert "this computer's key is kept in a file" in str(asked.value).lower()
    summary = sign_pdf(
        pdf,
        "Person",
        PERSON,
        org_id="iet",
        typed_name=PERSON.name,
        passphrase="laptop key",
        store=locked_store(),
    )
    assert summary.issuer == "Laptop 3, enrolled by IET"
    assert verify_pdf(pdf).signatures[0].verdict == "valid"


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
        lowered = lowered.replace(".as_qualified(", "(")  # pyHanko's rule API, not a claim
        assert "qualified" not in lowered
        assert "equivalent to a handwritten" not in lowered
        assert "advanced electronic signature" not in lowered
