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

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted and self.unchanged_after


@dataclass(frozen=True)
class VerificationReport:
    """Every signature of one file, its empty signature fields, or why it could not be read."""

    path: Path
    signatures: tuple[SignatureCheck, ...] = ()
    unsigned_fields: tuple[str, ...] = ()
    error: str = ""  # set when the file cannot be read as a PDF

    @property
    def ok(self) -> bool:
        """Every signature intact, unchanged after and trusted, and at least one signature."""
        return not self.error and bool(self.signatures) and all(s.ok for s in self.signatures)

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
