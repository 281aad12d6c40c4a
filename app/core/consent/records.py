"""What is stored per consent (R1–R8): the record, one decision per purpose, withdrawals.

Plain data with a JSON form. `effective_decisions` applies the rules that override
ticks: "do not photograph me", a child's objection, a missing confirmation of parental
responsibility, two parents who disagree, and any withdrawals since.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any, Literal

from app.core.validation import is_due

# How a consent was given; a paper form returned and scanned keeps the scan (its hash too).
METHODS = ("in-app typed name", "signed PDF", "paper form, scanned")
IN_APP, SIGNED_PDF, PAPER_SCANNED = METHODS
ALL = "all"
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O or U to misread


@dataclass(frozen=True)
class ConsentDecision:
    purpose_key: str
    label: str
    granted: bool


@dataclass(frozen=True)
class Subject:
    """The person shown or quoted (R1); `dob` is YYYY-MM-DD when known, else `age`."""

    name: str
    internal_id: str
    role: str = ""
    dob: str = ""
    age: int | None = None


@dataclass(frozen=True)
class ConsentingAdult:
    """The parent or guardian who consents for a child (G2)."""

    name: str
    relationship: str
    parental_responsibility: bool


@dataclass
class ConsentRecord:
    record_id: str
    form_id: str
    template_id: str
    template_version: str
    text_sha256: str
    privacy_notice_version: str
    pack_id: str
    subject: Subject
    consenting_adult: ConsentingAdult | None
    decisions: list[ConsentDecision]
    identification: str
    do_not_photograph: bool
    child_agreement: bool | None
    method: str
    operator: str
    recorded_at: str
    expires_on: str
    witness: str = ""
    parental_disagreement: bool = False
    options: dict[str, str] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
    attachment: str = ""  # the signed PDF or the scan of the paper form, if any
    scan_sha256: str = ""  # SHA-256 of the kept scan of a returned paper form

    def due_for_review(self, today: date) -> bool:
        """True once it has expired while it still grants something."""
        granted = any(d.granted for d in self.decisions)
        return granted and is_due(date.fromisoformat(self.expires_on), today)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConsentRecord:
        data = dict(data)
        data["subject"] = Subject(**data["subject"])
        adult = data.get("consenting_adult")
        data["consenting_adult"] = ConsentingAdult(**adult) if adult else None
        data["decisions"] = [ConsentDecision(**d) for d in data["decisions"]]
        return cls(**data)

    def granted(self) -> list[str]:
        """The purposes granted now, after every override and withdrawal applied so far."""
        return [d.purpose_key for d in effective_decisions(self) if d.granted]


@dataclass(frozen=True)
class Withdrawal:
    """Consent taken back, for some purposes or all, as a new event (R6, G10)."""

    record_id: str
    withdrawn_at: str
    channel: str
    scope: tuple[str, ...] | Literal["all"]
    note: str = ""
    withdrawn_by: str = ""
    operator: str = ""

    def covers(self, purpose_key: str) -> bool:
        return self.scope == ALL or purpose_key in self.scope

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["scope"] = ALL if self.scope == ALL else list(self.scope)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Withdrawal:
        data = dict(data)
        data["scope"] = ALL if data["scope"] == ALL else tuple(data["scope"])
        return cls(**data)


def refusal_reason(record: ConsentRecord) -> str:
    """Why every purpose counts as refused whatever was ticked, or "" if nothing overrides."""
    if record.do_not_photograph:
        return "The person asked not to be photographed, filmed or recorded."
    if record.child_agreement is False:
        return "The child does not agree, and a child's objection overrides a parent's consent."
    if record.parental_disagreement:
        return "Two people with parental responsibility disagree, which counts as no consent."
    adult = record.consenting_adult
    if adult is not None and not adult.parental_responsibility:
        return "Parental responsibility was not confirmed."
    return ""


def effective_decisions(
    record: ConsentRecord, withdrawals: Iterable[Withdrawal] = ()
) -> list[ConsentDecision]:
    """One decision per purpose as it stands: overrides first, then every withdrawal."""
    refuse_all = bool(refusal_reason(record))
    withdrawals = list(withdrawals)
    return [
        replace(
            d,
            granted=d.granted
            and not refuse_all
            and not any(w.covers(d.purpose_key) for w in withdrawals),
        )
        for d in record.decisions
    ]


def new_record_id() -> str:
    return secrets.token_hex(16)


def new_form_id(pack_id: str, template_id: str) -> str:
    """A printed form's ID: pack, template and 40 random bits, e.g. IET-PUB-7K3M-Q9XD."""
    code = "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
    return f"{pack_id.upper()}-{template_id.upper()[:3]}-{code[:4]}-{code[4:]}"


def new_form_ids(pack_id: str, template_id: str, count: int) -> list[str]:
    """`count` form IDs, all different."""
    ids: dict[str, None] = {}
    while len(ids) < count:
        ids[new_form_id(pack_id, template_id)] = None
    return list(ids)
