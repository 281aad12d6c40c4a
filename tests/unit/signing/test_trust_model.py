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
