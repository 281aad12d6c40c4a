"""A pack's `[consent]` table: who the consent forms name, where they publish, the age rules.

Read by `app.core.packs` with the same `TableReader`, so a mistake here is reported
as FILE:LINE: message like any other in pack.toml (docs/packs.md, "Consent forms").
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.schema import TableReader
from app.core.validation import is_email, is_id

CHANNEL_KINDS = (
    "internal",
    "website",
    "print",
    "social",
    "press",
    "venue",
    "partner",
    "advertising",
    "other",
)
MAX_EXPIRY_MONTHS = 60  # sector practice: a consent lasts at most five years (C10)


@dataclass(frozen=True)
class ContactPoint:
    """A role and the ways to reach it; never a person's name."""

    role: str
    email: str = ""
    phone: str = ""
    address: str = ""
    web: str = ""

    def describe(self, registered_address: str = "") -> str:
        """One line for a form: "Communications Department (e-mail: x; telephone: y)".

        An address that is the organisation's `registered_address` is not spelled out
        again (a form already states it): "post: the registered address"."""
        ways = self.ways(registered_address)
        return f"{self.role} ({'; '.join(ways)})" if ways else self.role

    def ways(self, registered_address: str = "") -> list[str]:
        """Each way to reach this role, as printed: "e-mail: x", "telephone: y", ..."""
        address = self.address
        if address and _same_text(address, registered_address):
            address = "the registered address"
        ways = [
            f"e-mail: {self.email}" if self.email else "",
            f"telephone: {self.phone}" if self.phone else "",
            f"web: {self.web}" if self.web else "",
            f"post: {address}" if address else "",
        ]
        return [w for w in ways if w]


def _same_text(a: str, b: str) -> bool:
    """The same words, whatever the spacing and case."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


@dataclass(frozen=True)
class Channel:
    """One place where images or words may be published; each is its own opt-in."""

    key: str
    label: str
    kind: str


@dataclass(frozen=True)
class AgeRules:
    """Who needs a parent's or guardian's consent, and whose own agreement is asked."""

    guardian_required_under: int = 18
    self_consent_from: int | None = None
    child_agreement_from: int = 0

    def needs_guardian(self, age: int) -> bool:
        """True when someone of `age` cannot consent alone."""
        if self.self_consent_from is not None and age >= self.self_consent_from:
            return False
        return age < self.guardian_required_under

    def asks_child(self, age: int) -> bool:
        """True when a child of `age` is asked for their own agreement (G6)."""
        return self.needs_guardian(age) and age >= self.child_agreement_from

    @property
    def adult_age(self) -> int:
        """The age at which a person consents alone, and a child's consent must be renewed."""
        if self.self_consent_from is not None:
            return min(self.self_consent_from, self.guardian_required_under)
        return self.guardian_required_under


@dataclass(frozen=True)
class ConsentSettings:
    data_protection: ContactPoint
    privacy_notice: str
    privacy_notice_url: str
    privacy_notice_version: str
    withdrawal: ContactPoint
    withdrawal_in_app: str
    complaints: ContactPoint
    expiry_months: int
    child_expiry_months: int
    ages: AgeRules
    channels: tuple[Channel, ...]
    # How long the signed form itself is kept after the consent ends (expires or is withdrawn).
    keep_signed_form_months: int = 0


def read_consent(t: TableReader) -> ConsentSettings:
    """The `[consent]` table, with every problem recorded on `t`."""
    notice = t.sub("privacy_notice")
    privacy = (notice.text("title"), notice.text("url"), notice.text("version"))
    notice.finish()
    withdrawal_table = t.sub("withdrawal")
    withdrawal = _contact(withdrawal_table, finish=False)
    in_app = withdrawal_table.text("in_app")
    withdrawal_table.finish()
    expiry = t.sub("expiry")
    months = _months(expiry, "months")
    child_months = _months(expiry, "child_months")
    kept_months = _months(expiry, "keep_signed_form_months")
    if expiry.raw("keep_signed_form_months", required=False) == 0:  # _months lets 0 pass
        expiry.problem(
            f"'{expiry.name}.keep_signed_form_months' is 0; it must be between 1 and "
            f"{MAX_EXPIRY_MONTHS} months",
            ("keep_signed_form_months",),
        )
    expiry.finish()
    settings = ConsentSettings(
        data_protection=_contact(t.sub("data_protection")),
        privacy_notice=privacy[0],
        privacy_notice_url=privacy[1],
        privacy_notice_version=privacy[2],
        withdrawal=withdrawal,
        withdrawal_in_app=in_app,
        complaints=_contact(t.sub("complaints")),
        expiry_months=months,
        child_expiry_months=child_months,
        ages=_ages(t.sub("ages", required=False)),
        channels=_channels(t),
        keep_signed_form_months=kept_months,
    )
    t.finish()
    return settings


def _contact(t: TableReader, finish: bool = True) -> ContactPoint:
    contact = ContactPoint(
        role=t.text("role"),
        email=t.text("email", required=False),
        phone=t.text("phone", required=False),
        address=t.text("address", required=False),
        web=t.text("web", required=False),
    )
    if contact.email and not is_email(contact.email):
        t.problem(f"'{contact.email}' is not an e-mail address", ("email",))
    if not (contact.email or contact.phone or contact.address or contact.web):
        t.problem(f"'{t.name}' needs at least one way to reach it: email, phone, address or web")
    if finish:
        t.finish()
    return contact


def _months(t: TableReader, key: str) -> int:
    value = t.integer(key)
    if value and not 1 <= value <= MAX_EXPIRY_MONTHS:
        t.problem(
            f"'{t.name}.{key}' is {value}; it must be between 1 and {MAX_EXPIRY_MONTHS} months",
            (key,),
        )
    return value


def _ages(t: TableReader) -> AgeRules:
    def age(key: str, default: int | None) -> int | None:
        if t.raw(key, required=False) is None:
            return default
        value = t.integer(key)
        if not 0 <= value <= 25:
            t.problem(f"'{t.name}.{key}' is {value}; an age must be between 0 and 25", (key,))
        return value

    under = age("guardian_required_under", 18) or 18
    rules = AgeRules(
        guardian_required_under=under,
        self_consent_from=age("self_consent_from", None),
        child_agreement_from=age("child_agreement_from", 0) or 0,
    )
    if rules.self_consent_from is not None and rules.self_consent_from > under:
        t.problem(
            f"'{t.name}.self_consent_from' is above guardian_required_under ({under})",
            ("self_consent_from",),
        )
    t.finish()
    return rules


def _channels(t: TableReader) -> tuple[Channel, ...]:
    channels = []
    seen: set[str] = set()
    for index, c in enumerate(t.array("channels")):
        channel = Channel(
            key=c.text("key"), label=c.text("label"), kind=c.choice("kind", CHANNEL_KINDS)
        )
        if channel.key and not is_id(channel.key):
            c.problem("'key' must be lower-case letters, digits and '-'", ("key",))
        if channel.key in seen:
            t.problem(f"channel key {channel.key!r} is used twice", ("channels", index, "key"))
        seen.add(channel.key)
        c.finish()
        channels.append(channel)
    return tuple(channels)
