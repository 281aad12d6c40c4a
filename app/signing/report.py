"""What checking a signed PDF found: one result per signature, and the file's report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SignatureCheck:
    """One signature's result; `problems` holds one clear line per thing that is wrong."""

    field: str
    signer: str
    email: str
    fingerprint: str  # SHA-256 of the certificate, lower-case hex without colons
    intact: bool  # the signed bytes are exactly those signed
    trusted: bool  # the certificate leads to a trusted organisation root
    unchanged_after: bool  # nothing changed after it beyond what later signatures added
    signed_at: str  # as the signer's computer stated it, ISO 8601 with UTC offset
    problems: tuple[str, ...]
    issuer: str = ""
    reason: str = ""  # the signature's stated reason, naming the key protection
    verdict: str = "broken"  # "valid", "needs a trustee" or "broken" (app.signing.verdicts)
    verdict_words: str = ""  # the verdict's reason in one plain line

    @property
    def ok(self) -> bool:
        """Valid: intact, unchanged after, from the organisation (or vouched for)."""
        return self.verdict == "valid"


@dataclass(frozen=True)
class VerificationReport:
    """Every signature of one file, its empty signature fields, or why it could not be read."""

    path: Path
    signatures: tuple[SignatureCheck, ...] = ()
    unsigned_fields: tuple[str, ...] = ()
    error: str = ""  # set when the file cannot be read as a PDF

    @property
    def ok(self) -> bool:
        """Every signature valid (vouched-for counts), and at least one signature."""
        return self.verdict == "valid"

    @property
    def verdict(self) -> str:
        """The file's verdict: "valid", "needs a trustee" or "broken"."""
        if self.error or not self.signatures:
            return "broken"
        kinds = {s.verdict for s in self.signatures}
        if "broken" in kinds:
            return "broken"
        return "valid" if kinds == {"valid"} else "needs a trustee"

    @property
    def problems(self) -> tuple[str, ...]:
        """One line per problem, each naming the field and signer it is about."""
        if self.error:
            return (self.error,)
        if not self.signatures:
            return ("The document has no signature.",)
        return tuple(
            f"{s.field} ({s.signer or 'unknown signer'}): {problem}"
            for s in self.signatures
            for problem in s.problems
        )
