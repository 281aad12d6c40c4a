"""The three verdicts people read, per signature and per file: a pure decision.

valid: intact, unchanged since, chains to the organisation root, not revoked when made;
needs a trustee: intact and unchanged, but made on a computer the organisation has not
enrolled (self-signed or unknown issuer), until a valid trustee countersignature vouches
for it; broken: altered, changed after, revoked before it was made, or a countersignature
by someone the root has not authorised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509

from app.signing.certs import is_ca, issued_by
from app.signing.revocation import Revocation

VALID = "valid"
NEEDS_TRUSTEE = "needs a trustee"
BROKEN = "broken"

# How a signer's certificate reaches a trusted root.
COMPUTER = "enrolled computer"  # one-off certificate ← enrolled computer ← root
TRUSTEE = "trustee"  # trustee certificate ← root
SELF = "self-signed"
UNKNOWN = "unknown issuer"
TRUSTEE_ROLE = "Trustee"


@dataclass(frozen=True)
class Chain:
    """How the signer's certificate chains: its kind and the certificates below the root."""

    kind: str
    certs: tuple[x509.Certificate, ...]  # signer first; the root is not included
    computer: str = ""  # the enrolled computer's name, for COMPUTER


def classify(
    signer: x509.Certificate,
    others: list[x509.Certificate],
    roots: list[x509.Certificate],
    role: str,
) -> Chain:
    """Which kind of chain `signer` has, given the certificates the signature carries
    (`others`) and the trusted `roots`. Only shape and signatures are looked at here;
    validity dates are pyHanko's to check."""
    if signer.issuer == signer.subject and issued_by(signer, signer):
        return Chain(SELF, (signer,))
    for root in roots:
        if signer.issuer == root.subject and issued_by(signer, root) and not is_ca(signer):
            return Chain(TRUSTEE if role == TRUSTEE_ROLE else UNKNOWN, (signer,))
    for middle in others:
        if middle.subject != signer.issuer or not is_ca(middle) or not issued_by(signer, middle):
            continue
        for root in roots:
            if middle.issuer == root.subject and issued_by(middle, root):
                name = middle.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
                return Chain(COMPUTER, (signer, middle), str(name[0].value) if name else "")
    return Chain(UNKNOWN, (signer,))


@dataclass(frozen=True)
class Facts:
    """What was found about one signature, before its verdict."""

    field: str
    signer: str
    is_countersignature: bool
    intact: bool
    unchanged_after: bool
    chain: str  # a kind from classify()
    chain_valid: bool  # pyHanko: the chain checks out at the signing time
    revoked: Revocation | None  # a certificate of the chain revoked before it signed
    signed_at: datetime | None
    change: str = ""  # what changed after it, when unchanged_after is False


@dataclass(frozen=True)
class Verdict:
    kind: str
    words: str  # one plain line, naming nobody (the caller prefixes field and signer)


def signature_verdict(facts: Facts) -> Verdict:
    """The verdict of one signature on its own (vouching comes in file_verdicts)."""
    if not facts.intact:
        return Verdict(BROKEN, "the signed content has been altered since it was signed.")
    if not facts.unchanged_after:
        what = f" ({facts.change})" if facts.change else ""
        return Verdict(BROKEN, f"the document was changed after this signature{what}.")
    if facts.revoked is not None:
        return Verdict(
            BROKEN,
            f"its certificate was {facts.revoked.describe()}, before this signature was made.",
        )
    if facts.is_countersignature:
        if facts.chain == TRUSTEE and facts.chain_valid:
            return Verdict(VALID, "countersigned by a trustee the organisation has authorised.")
        if facts.chain == TRUSTEE:
            return Verdict(
                BROKEN, "signed outside the trustee's term (their certificate was not valid then)."
            )
        return Verdict(BROKEN, "not signed by a trustee the organisation has authorised.")
    if facts.chain == COMPUTER and facts.chain_valid:
        return Verdict(VALID, "signed on a computer the organisation has enrolled.")
    if facts.chain == COMPUTER:
        return Verdict(
            BROKEN, "signed when the enrolled computer's certificate was not valid (expired?)."
        )
    return Verdict(
        NEEDS_TRUSTEE,
        "signed on a computer the organisation has not enrolled: a trustee needs to check "
        "and countersign it.",
    )


def file_verdicts(facts: list[Facts], countersigner: str, countersigned_on: str) -> list[Verdict]:
    """Each signature's verdict, with "needs a trustee" turned into a vouched-for valid
    when the file carries a valid trustee countersignature (`countersigner`, else "")."""
    verdicts = [signature_verdict(f) for f in facts]
    vouched = any(
        f.is_countersignature and v.kind == VALID for f, v in zip(facts, verdicts, strict=True)
    )
    if not vouched:
        return verdicts
    return [
        Verdict(VALID, f"vouched for by {countersigner} on {countersigned_on}.")
        if v.kind == NEEDS_TRUSTEE
        else v
        for v in verdicts
    ]


def overall(kinds: list[str]) -> str:
    """The file's verdict: broken if any is, valid if all are, else needs a trustee."""
    if not kinds or BROKEN in kinds:
        return BROKEN
    return VALID if all(k == VALID for k in kinds) else NEEDS_TRUSTEE
