"""The three verdicts, decided from what was found about each signature (no PDF needed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from app.signing.revocation import Revocation
from app.signing.verdicts import (
    BROKEN,
    COMPUTER,
    NEEDS_TRUSTEE,
    SELF,
    TRUSTEE,
    UNKNOWN,
    VALID,
    Facts,
    file_verdicts,
    overall,
    signature_verdict,
)

WHEN = datetime(2026, 11, 21, 19, 0, tzinfo=UTC)
ENROLLED = Facts("Person", "Siân", False, True, True, COMPUTER, True, None, WHEN)
HOME = replace(ENROLLED, chain=SELF, chain_valid=False)
COUNTERSIGNED = Facts("Trustee", "Dafydd", True, True, True, TRUSTEE, True, None, WHEN)


def test_an_enrolled_computers_signature_is_valid() -> None:
    """Intact, unchanged, chained through an enrolled computer: valid."""
    assert signature_verdict(ENROLLED).kind == VALID


def test_a_self_signed_signature_needs_a_trustee() -> None:
    """Intact but self-signed: needs a trustee, and says so plainly."""
    verdict = signature_verdict(HOME)
    assert (verdict.kind, verdict.words) == (
        NEEDS_TRUSTEE,
        "signed on a computer the organisation has not enrolled: a trustee needs to check "
        "and countersign it.",
    )


def test_a_valid_countersignature_vouches_for_the_others() -> None:
    """The self-signed signature reads "vouched for by" the trustee, and counts as valid."""
    verdicts = file_verdicts([HOME, COUNTERSIGNED], "Dafydd", "2026-11-22")
    assert [v.kind for v in verdicts] == [VALID, VALID]
    assert verdicts[0].words == "vouched for by Dafydd on 2026-11-22."


def test_a_countersignature_by_someone_not_authorised_is_broken_and_vouches_for_nothing() -> None:
    """A Trustee field signed outside the root's trustees: broken; the rest still waits."""
    visitor = replace(COUNTERSIGNED, chain=SELF, chain_valid=False)
    verdicts = file_verdicts([HOME, visitor], "Random Visitor", "2026-11-22")
    assert [v.kind for v in verdicts] == [NEEDS_TRUSTEE, BROKEN]
    assert verdicts[1].words == "not signed by a trustee the organisation has authorised."


def test_a_trustee_signing_outside_their_term_is_broken() -> None:
    """A trustee certificate not valid at the signing time: broken, with the reason."""
    late = replace(COUNTERSIGNED, chain_valid=False)
    assert signature_verdict(late).words.startswith("signed outside the trustee's term")


def test_revoked_before_signing_is_broken_with_date_and_reason() -> None:
    """A certificate revoked before the signature names the date and the reason."""
    lost = replace(
        ENROLLED, revoked=Revocation(datetime(2026, 11, 20, tzinfo=UTC), "lost or stolen")
    )
    assert signature_verdict(lost).words == (
        "its certificate was revoked on 2026-11-20 (lost or stolen), before this signature "
        "was made."
    )


def test_altered_or_changed_after_is_broken_whatever_the_chain() -> None:
    """Damage outranks everything else, even a valid chain."""
    assert signature_verdict(replace(ENROLLED, intact=False)).kind == BROKEN
    changed = signature_verdict(replace(ENROLLED, unchanged_after=False, change="a page"))
    assert changed.words == "the document was changed after this signature (a page)."


def test_an_unknown_issuer_needs_a_trustee() -> None:
    """A certificate from a root this computer does not know: a trustee has to check it."""
    assert signature_verdict(replace(ENROLLED, chain=UNKNOWN, chain_valid=False)).kind == (
        NEEDS_TRUSTEE
    )


def test_the_files_verdict() -> None:
    """Broken if one is, valid if all are, else needs a trustee; no signature is broken."""
    assert overall([VALID, VALID]) == VALID
    assert overall([VALID, NEEDS_TRUSTEE]) == NEEDS_TRUSTEE
    assert overall([NEEDS_TRUSTEE, BROKEN]) == BROKEN
    assert overall([]) == BROKEN
