"""The trust model end to end on one test computer: enrolled, not enrolled, trustees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.core.onboarding.acknowledgement import GUARDIAN_FIELD, PERSON_FIELD
from app.core.onboarding.session import OnboardingSession
from app.signing.secrets import SecretStore
from app.signing.service import sign_pdf, verify_pdf

from .support import GUARDIAN, PERSON, countersign, enrol_here, make_root

MakePdf = Callable[..., tuple[Path, OnboardingSession]]


def _sign_person_and_guardian(pdf: Path, store: SecretStore) -> None:
    for field, signer in ((PERSON_FIELD, PERSON), (GUARDIAN_FIELD, GUARDIAN)):
        sign_pdf(pdf, field, signer, org_id="iet", typed_name=signer.name, store=store)


def test_an_enrolled_computer_makes_valid_signatures(
    make_pdf: MakePdf, store: SecretStore, tmp_path: Path
) -> None:
    """Person and guardian signed on an enrolled computer, then countersigned: all valid."""
    make_root(store)
    enrol_here(store, tmp_path)
    pdf, _ = make_pdf()
    _sign_person_and_guardian(pdf, store)
    countersign(pdf, store)
    report = verify_pdf(pdf)
    assert [(s.field, s.verdict) for s in report.signatures] == [
        ("Person", "valid"),
        ("Guardian", "valid"),
        ("Trustee", "valid"),
    ], report.problems


def test_a_signature_on_a_computer_not_enrolled_needs_a_trustee(
    make_pdf: MakePdf, store: SecretStore
) -> None:
    """Self-signed, intact: the file reads "needs a trustee", not broken."""
    pdf, _ = make_pdf()
    _sign_person_and_guardian(pdf, store)
    assert verify_pdf(pdf).verdict == "needs a trustee"


def test_a_trustee_countersignature_vouches_for_self_signed_ones(
    make_pdf: MakePdf, store: SecretStore
) -> None:
    """After a listed trustee countersigns, the self-signed ones read "vouched for by"."""
    pdf, _ = make_pdf()
    _sign_person_and_guardian(pdf, store)
    make_root(store)
    countersign(pdf, store)
    report = verify_pdf(pdf)
    assert report.verdict == "valid", report.problems
    assert report.signatures[0].verdict_words.startswith("vouched for by Dafydd ap Gwilym on ")


def test_the_countersignature_carries_the_roots_revocation_list(
    make_pdf: MakePdf, store: SecretStore, tmp_path: Path
) -> None:
    """The file's document security store holds the root's CRL, signed by the root, so a
    checker years later needs nothing else."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from app.signing.org import load_root_cert
    from app.signing.pdfcheck import embedded_crls

    make_root(store)
    enrol_here(store, tmp_path)
    pdf, _ = make_pdf()
    _sign_person_and_guardian(pdf, store)
    with pdf.open("rb") as stream:
        assert embedded_crls(PdfFileReader(stream)) == []
    countersign(pdf, store)
    with pdf.open("rb") as stream:
        (crl,) = embedded_crls(PdfFileReader(stream))
    root = load_root_cert("iet")
    assert root is not None
    assert crl.issuer == root.subject and crl.is_signature_valid(root.public_key())  # type: ignore[arg-type]
