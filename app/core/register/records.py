"""What the register stores per event: an acknowledgement, a countersignature, an import.

Plain data with a JSON form (the event's payload). The trustee view reads the facts by
these keys from the payload itself (app.core.register.acks.payload_fact).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Self

from app.core.onboarding.acknowledgement import GUARDIAN_FIELD, PERSON_FIELD
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack

SIGNED_HERE = "signed on this computer"
COUNTERSIGNED_HERE = "countersigned on this computer"
IMPORTED_FROM_FILE = "imported"
FROM_RECORD = "embedded record"
FROM_PRINTED_TEXT = "printed text (earlier format)"


class _Payload:
    """An event's payload as stored (a JSON object), and back; unknown keys are ignored so
    a newer register's extra facts do not stop an older reader."""

    def payload(self) -> dict[str, Any]:
        fields: dict[str, Any] = asdict(self)  # type: ignore[call-overload]
        return fields

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Self:
        fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
        return cls(**{k: v for k, v in data.items() if k in fields})


@dataclass(frozen=True)
class Acknowledgement(_Payload):
    """A signed acknowledgement (A1–A3): who, which policy version, which file, which key."""

    session_id: str
    person: str
    email: str
    membership_number: str
    role: str
    pack_id: str
    organisation: str
    policy_title: str
    policy_version: str
    policy_sha256: str
    signed_at: str  # the person's signature, ISO 8601 with UTC offset
    file_path: str
    file_sha256: str
    fingerprint: str  # SHA-256 of the person's signing certificate
    trusted: bool = False  # the person's certificate led to a trusted organisation root
    guardian_name: str = ""
    guardian_relationship: str = ""
    guardian_email: str = ""
    guardian_fingerprint: str = ""
    source: str = SIGNED_HERE
    read_from: str = ""  # an imported file: FROM_RECORD or FROM_PRINTED_TEXT
    record_sha256: str = ""  # of the embedded record the facts were read from


@dataclass(frozen=True)
class Countersignature(_Payload):
    """A trustee's countersignature (A8), and the file as it is after it."""

    session_id: str
    trustee: str
    email: str
    fingerprint: str
    signed_at: str
    file_path: str
    file_sha256: str  # of the countersigned file
    trusted: bool = False
    source: str = COUNTERSIGNED_HERE


@dataclass(frozen=True)
class SignatureSeen:
    """One signature of an imported file, as the check found it."""

    field: str
    signer: str
    email: str
    fingerprint: str
    signed_at: str
    trusted: bool


@dataclass(frozen=True)
class ImportedFile:
    """A signed PDF brought in from another computer, and what its check found."""

    file_path: str
    file_sha256: str
    session_id: str
    pack_id: str
    imported_at: str
    signatures: tuple[SignatureSeen, ...] = ()
    notes: tuple[str, ...] = field(default=())  # e.g. "not trusted: …"

    def payload(self) -> dict[str, Any]:
        data = asdict(self)
        data["signatures"] = [asdict(s) for s in self.signatures]
        data["notes"] = list(self.notes)
        data["source"] = IMPORTED_FROM_FILE
        return data


def acknowledgement_from_session(
    pack: Pack,
    session: OnboardingSession,
    file_path: str,
    file_sha256: str,
    fingerprints: dict[str, str],
    trusted: bool = False,
) -> Acknowledgement:
    """The register's entry for an onboarding just completed on this computer.

    Args:
        fingerprints: certificate SHA-256 by signature field ("Person", "Guardian").
    """
    who = session.identity
    signature = session.signature
    return Acknowledgement(
        session_id=session.id,
        person=who.full_name,
        email=who.email,
        membership_number=who.membership_number,
        role=who.role,
        pack_id=pack.id,
        organisation=pack.organisation.name,
        policy_title=pack.policy.title,
        policy_version=session.policy_version,
        policy_sha256=session.policy_sha256,
        signed_at=signature.signed_at if signature else "",
        file_path=file_path,
        file_sha256=file_sha256,
        fingerprint=fingerprints.get(PERSON_FIELD, ""),
        trusted=trusted,
        guardian_name=who.guardian_name if who.under_18 else "",
        guardian_relationship=who.guardian_relationship if who.under_18 else "",
        guardian_email=who.guardian_email if who.under_18 else "",
        guardian_fingerprint=fingerprints.get(GUARDIAN_FIELD, ""),
    )
