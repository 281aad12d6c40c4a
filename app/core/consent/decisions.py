"""Plain decisions the consent views make, without Qt: ages, input problems, statuses, keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from app.core.consent.form import ConsentRecord, Withdrawal, age_on, refusal_reason
from app.core.consent.settings import AgeRules
from app.core.packs import Pack
from app.core.validation import is_email

MAX_COPIES = 5000
_UK_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
WITHDRAWN_BY = (
    ("subject", "The person themselves"),
    ("guardian", "Their parent or guardian"),
    ("child", "The child"),
)
CHANNELS = ("in person", "e-mail", "phone", "letter", "in app")
ONE_OFF = "@induct.invalid"  # the domain of keys made for one consent form alone


def no_consent_details(pack: Pack) -> str:
    """What to say when `pack` cannot fill in consent forms, or "" when it can."""
    if pack.consent is not None:
        return ""
    return (
        f"The {pack.organisation.name} pack ({pack.id}) has no consent details, so it "
        "cannot fill in consent forms. Add a [consent] table to its pack.toml: the "
        "data-protection contact, privacy notice, withdrawal and complaints contacts, "
        "how long a consent lasts, and where pictures may be used (docs/packs.md, "
        "“Consent forms”)."
    )


def batch_problems(pack: Pack, event_date: date | None, today: date, copies: int) -> list[str]:
    """Why a batch cannot be built as asked; empty when it can."""
    problems = [p for p in [no_consent_details(pack)] if p]
    if not 1 <= copies <= MAX_COPIES:
        problems.append(f"The number of copies must be between 1 and {MAX_COPIES:,}.")
    if event_date is not None and event_date < today:
        problems.append(
            f"The event date, {event_date:%d %B %Y}, is in the past. Forms are "
            "printed before an event: choose today or a later date, or leave "
            "the date off."
        )
    return problems


@dataclass(frozen=True)
class Age:
    """A date of birth or an age as typed: `dob` is YYYY-MM-DD when a date was given."""

    dob: str = ""
    years: int | None = None


def parse_age(text: str, on: date) -> Age:
    """ "2012-09-30", "30/09/2012" or "15" as of `on`; empty text gives an unknown age.

    Raises:
        ValueError: with a message saying how to write it.
    """
    text = text.strip()
    if not text:
        return Age()
    if text.isdigit():
        years = int(text)
        if years > 120:
            raise ValueError(f"{text} is not an age in years.")
        return Age("", years)
    match = _UK_DATE.match(text)
    try:
        born = (
            date(int(match[3]), int(match[2]), int(match[1])) if match else date.fromisoformat(text)
        )
    except ValueError:
        raise ValueError(
            f"“{text}” is not a date of birth or an age: write a date such as "
            "30/09/2012 or 2012-09-30, or the age in years."
        ) from None
    if born > on:
        raise ValueError(f"The date of birth, {born:%d %B %Y}, is after {on:%d %B %Y}.")
    return Age(born.isoformat(), age_on(born.isoformat(), on))


def guardian_needed(rules: AgeRules, age: Age) -> bool:
    return age.years is not None and rules.needs_guardian(age.years)


def child_asked(rules: AgeRules, age: Age) -> bool:
    """Whether the child is asked for their own agreement (unknown age: asked)."""
    return age.years is None or rules.asks_child(age.years)


def signer_email(contact: str, record_id: str, role: str) -> str:
    """The e-mail address a signer's key is kept under: their own if they gave one, otherwise
    an address of this consent alone (.invalid is reserved: it can never reach anyone)."""
    contact = contact.strip()
    if is_email(contact):
        return contact
    return f"consent-{record_id[:12]}-{role}{ONE_OFF}"


def withdrawal_time(day: date, now: datetime, not_before: str = "") -> str:
    """The moment of a withdrawal on `day`: now's time of day and UTC offset, as ISO 8601,
    but never before `not_before` (the consent's own time, when it was given that day)."""
    moment = datetime.combine(day, now.timetz())
    if not_before:
        moment = max(moment, datetime.fromisoformat(not_before))
    return moment.isoformat(timespec="seconds")


def withdrawal_problems(
    record: ConsentRecord, day: date, today: date, scope: tuple[str, ...] | None
) -> list[str]:
    """Why this withdrawal cannot be recorded; `scope` None means everything."""
    problems = []
    recorded = datetime.fromisoformat(record.recorded_at).date()
    if day > today:
        problems.append("A withdrawal cannot be dated in the future.")
    elif day < recorded:
        problems.append(
            f"The consent was given on {recorded:%d %B %Y}; a withdrawal cannot "
            "be dated before that."
        )
    if scope is not None and not scope:
        problems.append("Tick what is withdrawn, or choose “Everything”.")
    return problems


def status(record: ConsentRecord, withdrawals: list[Withdrawal], today: date) -> str:
    """One line for the records table: "granted 5 of 9", "withdrawn", "due for review"..."""
    granted = sum(d.granted for d in record.decisions)
    total = len(record.decisions)
    if record.due_for_review(today):
        return "due for review"
    if not granted:
        if withdrawals:
            return "withdrawn"
        return "no consent" if refusal_reason(record) else "refused"
    text = f"granted {granted} of {total}"
    return text + ", partly withdrawn" if withdrawals else text
