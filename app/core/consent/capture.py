"""What the capture screen collected, checked and turned into a consent record (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.core.consent.decisions import Age, child_asked, guardian_needed, parse_age, signer_email
from app.core.consent.form import ConsentForm, ConsentingAdult, ConsentRecord, Subject

# Field keys with a meaning of their own (docs/forms.md); any other is stored under its key.
SUBJECT_KEYS = ("name", "role", "dob", "membership")
ADULT_KEYS = ("guardian-name", "relationship", "parental-responsibility")
PRINTED_KEYS = ("event", "event-date")
OFFICE_KEYS = ("received-by", "copy-given")  # filled in by whoever records the consent
REQUIRED_FREE_TEXT = ("quote",)


@dataclass
class FormValues:
    """The answers as shown on screen: field texts, ticks, choices and free texts."""

    fields: dict[str, str] = field(default_factory=dict)  # by field key, incl. "dob"
    confirms: dict[str, bool] = field(default_factory=dict)  # "confirm" fields by key
    granted: list[str] = field(default_factory=list)  # purpose keys ticked
    choices: dict[str, str] = field(default_factory=dict)  # choice block id -> option key
    free_texts: dict[str, str] = field(default_factory=dict)  # free_text block id -> text
    do_not_photograph: bool = False
    child_agreement: bool | None = None
    parental_disagreement: bool = False
    receiver: str = ""


def age_of(form: ConsentForm, values: FormValues, today: date) -> tuple[Age, str]:
    """The age typed on the form and a problem with it ("" if none)."""
    try:
        return parse_age(values.fields.get("dob", ""), today), ""
    except ValueError as error:
        return Age(), str(error)


def needs_adult(form: ConsentForm, age: Age) -> bool:
    """A parent or guardian consents: always on the guardian form, else by the pack's ages."""
    rules = form.consent.ages
    return form.template.kind == "guardian" or guardian_needed(rules, age)


def problems(form: ConsentForm, values: FormValues, today: date) -> list[str]:
    """What must be put right before this consent can be saved; empty when nothing."""
    out: list[str] = []
    age, age_problem = age_of(form, values, today)
    kind, rules = form.template.kind, form.consent.ages
    who = "the child" if kind == "guardian" else "the person"
    for spec in form.template.field_specs():
        if spec.optional or spec.kind == "confirm" or spec.key in PRINTED_KEYS + OFFICE_KEYS:
            continue
        if not values.fields.get(spec.key, "").strip():
            out.append(f"Fill in “{form.fill(spec.label)}”.")
    if age_problem:
        out.append(age_problem)
    elif kind == "guardian" and age.years is not None and not guardian_needed(rules, age):
        out.append(
            f"At {age.years}, {who} consents for themselves: use the publicity or quote "
            "form instead of the parent or guardian form."
        )
    elif kind == "publicity" and guardian_needed(rules, age):
        out.append(
            f"At {age.years}, a parent or guardian must consent for {who}: use the "
            "parent or guardian form."
        )
    if needs_adult(form, age) and kind != "guardian":
        for key, label in (
            ("guardian-name", "the parent's or guardian's full name"),
            ("relationship", "their relationship to the person"),
        ):
            if not values.fields.get(key, "").strip():
                out.append(f"Fill in {label}.")
    if kind == "guardian" and child_asked(rules, age) and values.child_agreement is None:
        out.append("Ask the child for their own agreement, and tick yes or no.")
    for block_id in REQUIRED_FREE_TEXT:
        if (
            any(b.id == block_id for b in form.blocks)
            and not values.free_texts.get(block_id, "").strip()
        ):
            out.append("Write the quote, word for word.")
    if not values.receiver.strip():
        out.append("Type the name of whoever receives this consent (you).")
    return out


def record_inputs(
    form: ConsentForm, values: FormValues, today: date, form_id: str
) -> dict[str, Any]:
    """The keyword arguments for `form.make_record`, except method, operator and time."""
    age, _ = age_of(form, values, today)
    text = {k: " ".join(v.split()) for k, v in values.fields.items()}
    internal_id = text.get("membership") or f"form {form_id}"
    subject = Subject(
        text.get("name", ""),
        internal_id,
        text.get("role", ""),
        age.dob,
        None if age.dob else age.years,
    )
    adult = None
    if needs_adult(form, age):
        adult = ConsentingAdult(
            text.get("guardian-name", ""),
            text.get("relationship", ""),
            values.confirms.get("parental-responsibility", False),
        )
    details = {
        k: v for k, v in text.items() if v and k not in SUBJECT_KEYS + ADULT_KEYS + PRINTED_KEYS
    }
    details |= {k: v.strip() for k, v in values.free_texts.items() if v.strip()}
    if any(s.key == "received-by" for s in form.template.field_specs()):
        details["received-by"] = values.receiver.strip()
    identification = values.choices.get("identification", "")
    child = values.child_agreement if form.template.kind == "guardian" else None
    if form.template.kind == "guardian" and not child_asked(form.consent.ages, age):
        child = None
    return {
        "subject": subject,
        "consenting_adult": adult,
        "form_id": form_id,
        "granted": [] if values.do_not_photograph else list(values.granted),
        "identification": identification,
        "options": {k: v for k, v in values.choices.items() if k != "identification"},
        "do_not_photograph": values.do_not_photograph,
        "child_agreement": child,
        "parental_disagreement": values.parental_disagreement and adult is not None,
        "witness": values.receiver.strip(),
        "details": details,
    }


def signer_identity(record: ConsentRecord, kind: str, role: str) -> tuple[str, str, str]:
    """Name, key e-mail and role of whoever signs as `role` ("subject" or "guardian").

    The contact on the form is the person's, or on the guardian form the parent's; someone
    who gave no e-mail address signs with a key made for this consent alone.
    """
    contact = record.details.get("contact", "")
    adult = record.consenting_adult
    if role == "guardian" and adult is not None:
        email = signer_email(contact if kind == "guardian" else "", record.record_id, role)
        return adult.name, email, "Parent or guardian"
    return (
        record.subject.name,
        signer_email(contact, record.record_id, role),
        record.subject.role or "Person consenting",
    )
