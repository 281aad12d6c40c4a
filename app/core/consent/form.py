"""A consent form as shown or printed: template wording filled from the pack, and its SHA-256.

`ConsentForm` is plain data, no Qt: the PDF, the capture screen and the record all use
its filled-in blocks, its purposes (one opt-in each) and the hash of its exact text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from app.core.consent.records import (
    METHODS,
    ConsentDecision,
    ConsentingAdult,
    ConsentRecord,
    Subject,
    Withdrawal,
    effective_decisions,
    new_form_id,
    new_form_ids,
    new_record_id,
    refusal_reason,
)
from app.core.consent.settings import ConsentSettings
from app.core.consent.store import ConsentEvent, ConsentStore
from app.core.consent.templates import Block, ConsentTemplate, FieldSpec, Option, SignerSlot
from app.core.packs import Pack
from app.core.validation import add_months, parse_date

__all__ = [
    "METHODS",
    "ConsentDecision",
    "ConsentEvent",
    "ConsentForm",
    "ConsentRecord",
    "ConsentStore",
    "ConsentingAdult",
    "Purpose",
    "Subject",
    "Withdrawal",
    "age_on",
    "effective_decisions",
    "new_form_id",
    "new_form_ids",
    "new_record_id",
    "refusal_reason",
]

OTHER_ROLE = "Guest or other"
SIGNATURE_PARTS = ("Signature", "Printed name", "Date")
PRINTED_FIELDS = ("event", "event-date")  # filled in from the form itself, part of its text
_BRACES = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Purpose:
    """One opt-in: `key` is "<block id>.<option key>", stable across template versions."""

    key: str
    label: str
    group: str


class ConsentForm:
    """`template` filled in for `pack`; `prefill` may give "event", "date" and "partners".

    Those three are part of the form's text (and so of its hash). Any other prefill
    key is the value of the field with that key, for the PDF and the capture screen.
    """

    def __init__(
        self, pack: Pack, template: ConsentTemplate, prefill: Mapping[str, str] | None = None
    ) -> None:
        if pack.consent is None:
            raise ValueError(
                f"the pack {pack.id!r} has no [consent] table, so it cannot "
                "fill in consent forms (docs/packs.md)"
            )
        prefill = {k: str(v).strip() for k, v in (prefill or {}).items()}
        self.pack, self.template, self.consent = pack, template, pack.consent
        self.event = prefill.pop("event", "")
        self.date = prefill.pop("date", "")
        self.partners = prefill.pop("partners", "") or "none"
        self.values = prefill
        self.on = parse_date(self.date) if self.date else None
        self.months = (
            pack.consent.child_expiry_months
            if template.kind == "guardian"
            else pack.consent.expiry_months
        )
        self.expires_on = add_months(self.on, self.months) if self.on else None
        self._fill = self._placeholder_values()
        self.title = self.fill(template.title)
        self.intro = self.fill(template.intro)
        self.blocks = tuple(self._filled(b) for b in template.blocks)
        self.purposes = tuple(
            Purpose(f"{b.id}.{o.key}", o.label, b.id)
            for b in self.blocks
            if b.type == "opt_ins"
            for o in b.options
        )
        self.text = self._canonical_text()
        self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def version_label(self) -> str:
        return self.template.version_label

    @property
    def choices(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.type == "choice")

    def fill(self, text: str) -> str:
        return _BRACES.sub(lambda m: self._fill.get(m.group(1), m.group(0)), text)

    def value(self, key: str) -> str:
        """A field's prefilled value: the event and date come from the form itself."""
        printed = {"event": self.event, "event-date": long_date(self.on)}
        return printed.get(key) or self.values.get(key, "")

    def expiry_for(self, signed_on: date, dob: str = "") -> date:
        """When a consent signed on `signed_on` ends: the months after signing, and for a
        child no later than the birthday on which they consent for themselves (G9)."""
        until = add_months(signed_on, self.months)
        if self.template.kind == "guardian" and dob:
            born = parse_date(dob)
            until = min(until, add_months(born, 12 * self.consent.ages.adult_age))
        return until

    def decisions(self, granted: Iterable[str]) -> list[ConsentDecision]:
        """One decision per purpose of this form, granted for the keys in `granted`."""
        granted = set(granted)
        unknown = granted - {p.key for p in self.purposes}
        if unknown:
            raise ValueError(f"not purposes of this form: {', '.join(sorted(unknown))}")
        return [ConsentDecision(p.key, p.label, p.key in granted) for p in self.purposes]

    def make_record(
        self,
        *,
        subject: Subject,
        granted: Iterable[str],
        method: str,
        operator: str,
        recorded_at: str,
        form_id: str = "",
        consenting_adult: ConsentingAdult | None = None,
        identification: str = "",
        options: Mapping[str, str] | None = None,
        do_not_photograph: bool = False,
        child_agreement: bool | None = None,
        parental_disagreement: bool = False,
        witness: str = "",
        details: Mapping[str, str] | None = None,
        attachment: str = "",
    ) -> ConsentRecord:
        """A record of this form's answers, checked against the form (R1–R5, R7)."""
        if method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}")
        if self.template.kind == "guardian" and consenting_adult is None:
            raise ValueError("a parent or guardian form needs the consenting adult")
        chosen = dict(options or {})
        for block in self.choices:
            if block.id == "identification":
                continue
            chosen[block.id] = self._option(block, chosen.get(block.id, ""))
        ident = ""
        if any(b.id == "identification" for b in self.choices):
            ident = self._option(
                next(b for b in self.choices if b.id == "identification"), identification
            )
        # The form printed for a dated event states its expiry from that date: keep to it.
        signed_on = self.on or _moment(recorded_at).date()
        details = {
            "event": self.event,
            "date": self.date,
            "partners": self.partners,
            **(details or {}),
        }
        return ConsentRecord(
            record_id=new_record_id(),
            form_id=form_id,
            template_id=self.template.id,
            template_version=self.template.version,
            text_sha256=self.sha256,
            privacy_notice_version=self.consent.privacy_notice_version,
            pack_id=self.pack.id,
            subject=subject,
            consenting_adult=consenting_adult,
            decisions=self.decisions(() if do_not_photograph else granted),
            identification=ident,
            do_not_photograph=do_not_photograph,
            child_agreement=child_agreement,
            method=method,
            operator=operator,
            recorded_at=recorded_at,
            expires_on=self.expiry_for(signed_on, subject.dob).isoformat(),
            witness=witness,
            parental_disagreement=parental_disagreement,
            options=chosen,
            details=details,
            attachment=attachment,
        )

    def _option(self, block: Block, key: str) -> str:
        keys = [o.key for o in block.options]
        if key and key not in keys:
            raise ValueError(f"{key!r} is not an option of {block.id!r}: {', '.join(keys)}")
        return key or block.default

    def _placeholder_values(self) -> dict[str, str]:
        consent, org = self.consent, self.pack.organisation
        numbers = list(org.charity_numbers)
        charity = (
            " and ".join(numbers)
            if len(numbers) < 3
            else ", ".join(numbers[:-1]) + " and " + numbers[-1]
        )
        t = self.template
        home = org.registered_address
        if self.expires_on:
            expiry = (
                f"{long_date(self.expires_on)} ({self.months} months after {long_date(self.on)})"
            )
        else:
            expiry = f"{self.months} months after the date this form is signed"
        if t.kind == "guardian":
            expiry += f", or the child's {consent.ages.adult_age}th birthday if that comes sooner"
        return {
            "organisation": org.name,
            "short_name": org.short_name,
            "legal_name": org.legal_name,
            "charity_numbers": charity,
            "registered_address": org.registered_address,
            "website": org.website,
            "dp_contact": consent.data_protection.describe(home),
            "privacy_notice": consent.privacy_notice,
            "privacy_notice_url": consent.privacy_notice_url,
            "privacy_notice_version": consent.privacy_notice_version,
            "withdrawal_contact": consent.withdrawal.describe(home),
            "withdrawal_in_app": consent.withdrawal_in_app,
            "complaints_contact": complaints_contact(consent, home),
            "expiry": expiry,
            "expiry_months": str(consent.expiry_months),
            "child_expiry_months": str(consent.child_expiry_months),
            "keep_signed_form": (
                "while this consent lasts and for "
                f"{consent.keep_signed_form_months} months after it ends or is withdrawn"
            ),
            "keep_signed_form_months": str(consent.keep_signed_form_months),
            "adult_age": str(consent.ages.adult_age),
            "guardian_required_under": str(consent.ages.guardian_required_under),
            "event": self.event or "the event or programme named on this form",
            "date": long_date(self.on) if self.on else "the date on this form",
            "partners": self.partners,
            "channels": "; ".join(c.label for c in consent.channels),
            "template_id": t.id,
            "template_version": t.version,
            "template_date": t.date,
        }

    def _filled(self, b: Block) -> Block:
        f = self.fill
        options = tuple(Option(o.key, f(o.label)) for o in b.options)
        if b.pack_channels:
            options += tuple(Option(c.key, c.label) for c in self.consent.channels)
        return replace(
            b,
            heading=f(b.heading),
            intro=f(b.intro),
            paragraphs=tuple(f(p) for p in b.paragraphs),
            options=options,
            label=f(b.label),
            yes_label=f(b.yes_label),
            no_label=f(b.no_label),
            fields=tuple(replace(x, label=f(x.label), help=f(x.help)) for x in b.fields),
            signers=tuple(SignerSlot(s.role, f(s.label)) for s in b.signers),
        )

    def roles(self) -> tuple[str, ...]:
        return (*self.pack.roles, OTHER_ROLE)

    def _canonical_text(self) -> str:
        """The words of the form in reading order, one item a line: what the hash covers."""
        lines = [self.pack.organisation.name, self.title, self.version_label, self.intro]
        for b in self.blocks:
            lines += [f"## {b.heading}", b.intro, *b.paragraphs]
            lines += [_field_line(x, self) for x in b.fields]
            if b.type == "do_not_photograph":
                lines.append(f"[ ] {b.label}")
            if b.type == "free_text":
                lines.append(f"{b.label}: ____")
            lines += [f"[ ] {o.label}" for o in b.options]
            if b.type == "child_agreement":
                lines += [f"[ ] {b.yes_label}", f"[ ] {b.no_label}"]
            for s in b.signers:
                lines.append(s.label + ": " + " / ".join(SIGNATURE_PARTS))
        return "\n".join(line.strip() for line in lines if line.strip())


def _field_line(spec: FieldSpec, form: ConsentForm) -> str:
    if spec.kind == "confirm":
        return f"[ ] {spec.label}"
    if spec.kind == "roles":
        return f"{spec.label}: " + " ".join(f"[ ] {r}" for r in form.roles())
    printed = form.value(spec.key) if spec.key in PRINTED_FIELDS else ""
    return f"{spec.label}: {printed or '____'}"


def _moment(text: str) -> datetime:
    """An ISO 8601 timestamp that carries its UTC offset (R2), or ValueError."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset; a consent's time needs one")
    return moment


def age_on(dob: str, on: date) -> int:
    """Age in whole years on `on` of someone born on `dob` (YYYY-MM-DD)."""
    born = parse_date(dob)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def long_date(day: date | None) -> str:
    """21 November 2026."""
    return f"{day.day} {day:%B %Y}" if day else ""


def complaints_contact(consent: ConsentSettings, registered_address: str) -> str:
    """The complaints contact for a form; ways to reach it that are the data-protection
    contact's, already on the form, are referred to rather than printed twice."""
    complaints, questions = consent.complaints, consent.data_protection
    ways = complaints.ways(registered_address)
    if ways and ways == questions.ways(registered_address):
        return f"{complaints.role} (contact details as for data protection questions)"
    return complaints.describe(registered_address)
