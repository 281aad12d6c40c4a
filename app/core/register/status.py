"""Each acknowledgement's status, derived from its events, the packs and today's date.

Nothing here is stored: signed, countersigned, superseded (a newer policy version, or the
person signed again) and renewal due are worked out afresh every time the register is
read, from the events and the pack's `[register]` rule (docs/packs.md).

Only trusted signatures make facts about a person: an acknowledgement whose signature
needs a trustee (made on a computer the organisation has not enrolled) waits in the
countersign queue and neither supersedes another nor is superseded until a trusted
countersignature vouches for it; a countersignature that was not trusted never counts.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from app.core.packs import RENEW_AFTER_MONTHS, Pack
from app.core.validation import add_months, is_due

SIGNED = "signed"
COUNTERSIGNED = "countersigned"
SUPERSEDED = "superseded"
RENEWAL_DUE = "renewal due"
STATUSES = (SIGNED, COUNTERSIGNED, SUPERSEDED, RENEWAL_DUE)
# The person's signature, as checked when it came in and as vouched for since.
TRUSTED, VOUCHED_FOR, NEEDS_TRUSTEE = "trusted", "vouched for by a trustee", "needs a trustee"


@dataclass(frozen=True)
class PackRule:
    """What the register needs to know of a pack on this computer."""

    pack_id: str
    short_name: str
    policy_version: str
    policy_sha256: str
    renew_after_months: int = RENEW_AFTER_MONTHS


def rules_for(packs: Iterable[Pack]) -> dict[str, PackRule]:
    return {
        p.id: PackRule(
            p.id,
            p.organisation.short_name,
            p.policy.version,
            p.policy_sha256,
            p.register.renew_after_months,
        )
        for p in packs
    }


@dataclass(slots=True)
class AckRow:
    """One acknowledgement in the trustee view: its facts, then what is derived from them."""

    seq: int
    trusted: bool  # the person's signature led to a root this computer trusts
    session_id: str
    person: str
    email: str
    membership_number: str
    role: str
    pack_id: str
    organisation: str
    policy_version: str
    policy_sha256: str
    signed_at: str
    file_path: str
    file_sha256: str
    fingerprint: str
    guardian_name: str
    source: str
    countersigned_by: str = ""
    countersigned_at: str = ""
    current_path: str = ""  # the newest copy: the countersigned one when there is one
    # derived by derive_statuses():
    organisation_short: str = ""
    status: str = SIGNED
    renew_by: str = ""  # YYYY-MM-DD, when a new acknowledgement is due
    due: bool = False  # the person must acknowledge again now
    note: str = ""  # why it is superseded or due, in words
    signed_ts: float = 0.0
    search: str = ""  # everything searchable, case-folded

    @property
    def countersigned(self) -> bool:
        return bool(self.countersigned_by)

    @property
    def vouched(self) -> bool:
        """The person's signature is trusted, or a trusted countersignature vouches for it."""
        return bool(self.trusted) or self.countersigned

    @property
    def signature_verdict(self) -> str:
        """The person's signature: TRUSTED, VOUCHED_FOR or NEEDS_TRUSTEE."""
        if self.trusted:
            return TRUSTED
        return VOUCHED_FOR if self.countersigned else NEEDS_TRUSTEE

    @property
    def countersignature_verdict(self) -> str:
        """Only a trusted countersignature is ever counted (app.core.register.acks)."""
        return TRUSTED if self.countersigned else ""


_ACK_FIELDS = frozenset(f.name for f in fields(AckRow))


def ack_row(names: Sequence[str], row: Sequence[Any]) -> AckRow:
    """An AckRow from a query's row, each value matched by its column's name (so a query
    that adds or moves a column can never shift the facts into the wrong places)."""
    return AckRow(
        **{name: value for name, value in zip(names, row, strict=True) if name in _ACK_FIELDS}
    )


def column_names(cursor: sqlite3.Cursor) -> list[str]:
    return [column[0] for column in cursor.description]


def version_key(version: str) -> tuple[int, ...]:
    """ "1.10" after "1.9": the numbers in a version, in order."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


def person_key(row: AckRow) -> tuple[str, str]:
    """Whose acknowledgement of which pack: by e-mail address, else by name, as the trusted
    certificate says; one that needs a trustee is nobody's but its own until vouched for."""
    if not row.vouched:
        return row.pack_id, f"\n{row.seq}"
    return row.pack_id, (row.email or row.person).strip().casefold()


def _moment(iso: str) -> datetime | None:
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


def derive_statuses(rows: list[AckRow], rules: Mapping[str, PackRule], today: date) -> None:
    """Fill in each row's status, renewal date, note and search text, in place."""
    latest: dict[tuple[str, str], AckRow] = {}
    for row in rows:
        moment = _moment(row.signed_at)
        row.signed_ts = moment.timestamp() if moment else 0.0
        key = person_key(row)
        best = latest.get(key)
        if best is None or (row.signed_ts, row.seq) > (best.signed_ts, best.seq):
            latest[key] = row
    for row in rows:
        best = latest[person_key(row)]
        _derive(row, rules.get(row.pack_id), today, "" if best is row else best.signed_at)


def derive_one(
    row: AckRow, rule: PackRule | None, today: date, is_latest: bool, latest_signed_at: str
) -> None:
    """derive_statuses() for one row whose place among the person's is known already."""
    moment = _moment(row.signed_at)
    row.signed_ts = moment.timestamp() if moment else 0.0
    _derive(row, rule, today, "" if is_latest else latest_signed_at or "?")


def _derive(row: AckRow, rule: PackRule | None, today: date, again_on: str) -> None:
    """Fill in `row`; `again_on` is when the person signed again, "" if this is the latest."""
    months = rule.renew_after_months if rule else RENEW_AFTER_MONTHS
    moment = _moment(row.signed_at)
    renew_on = add_months(moment.date(), months) if moment else today
    row.renew_by = renew_on.isoformat()
    row.organisation_short = rule.short_name if rule else row.pack_id.upper()
    row.due, row.note = False, ""
    changed = rule is not None and (
        row.policy_version != rule.policy_version
        or bool(row.policy_sha256 and row.policy_sha256 != rule.policy_sha256)
    )
    if changed and rule and version_key(row.policy_version) > version_key(rule.policy_version):
        changed = False
        row.note = (
            f"signed version {row.policy_version}, newer than the pack on this "
            f"computer ({rule.policy_version})"
        )
    if again_on:
        row.status = SUPERSEDED
        row.note = f"signed again on {again_on[:10]}"
    elif changed and rule:
        row.status, row.due = SUPERSEDED, True
        row.note = (
            f"the policy is now version {rule.policy_version}"
            if row.policy_version != rule.policy_version
            else "the policy text has changed since"
        )
    elif is_due(renew_on, today):
        row.status, row.due = RENEWAL_DUE, True
        row.note = f"signed more than {months} months ago"
    else:
        row.status = COUNTERSIGNED if row.countersigned else SIGNED
    row.search = "\n".join(
        (
            row.person,
            row.email,
            row.membership_number,
            row.role,
            row.organisation,
            row.organisation_short,
            row.policy_version,
            row.guardian_name,
            row.countersigned_by,
            PurePath(row.current_path or row.file_path).name,
            row.session_id,
        )
    ).casefold()


@dataclass(frozen=True)
class RowFilter:
    """What the trustee asked to see; an empty field means any."""

    text: str = ""
    pack_id: str = ""
    role: str = ""
    status: str = ""
    policy_version: str = ""
    due_only: bool = False
    queue_only: bool = False  # signed, not yet countersigned: the countersign queue

    def matches(self, row: AckRow) -> bool:
        return (
            (not self.pack_id or row.pack_id == self.pack_id)
            and (not self.role or row.role == self.role)
            and (not self.status or row.status == self.status)
            and (not self.policy_version or row.policy_version == self.policy_version)
            and (not self.due_only or row.due)
            and (not self.queue_only or row.status == SIGNED)
        )


SORT_KEYS: dict[str, Callable[[AckRow], Any]] = {
    "person": lambda r: r.person.casefold(),
    "role": lambda r: r.role.casefold(),
    "organisation": lambda r: r.organisation_short.casefold(),
    "policy_version": lambda r: version_key(r.policy_version),
    "signed_at": lambda r: r.signed_ts,
    "status": lambda r: r.status,
    "signature_verdict": lambda r: int(r.trusted) * 2 + r.countersigned,
    "countersigned_by": lambda r: r.countersigned_by.casefold(),
    "renew_by": lambda r: r.renew_by,
    "email": lambda r: r.email.casefold(),
    "membership_number": lambda r: r.membership_number.casefold(),
}


def select_rows(
    rows: list[AckRow],
    row_filter: RowFilter,
    sort_key: str = "signed_at",
    descending: bool = True,
    among: list[int] | None = None,
) -> list[int]:
    """Indices of the rows that pass `row_filter`, ordered by `sort_key` (ties by seq).

    Args:
        among: indices already known to pass `row_filter`, when only the order changes.
    """
    if among is not None:
        chosen = list(among)
    else:
        words = row_filter.text.casefold().split()
        check = row_filter.matches
        chosen = [
            i
            for i, row in enumerate(rows)
            if check(row) and all(word in row.search for word in words)
        ]
    key = SORT_KEYS.get(sort_key, SORT_KEYS["signed_at"])
    chosen.sort(key=lambda i: rows[i].seq, reverse=descending)
    chosen.sort(key=lambda i: key(rows[i]), reverse=descending)
    return chosen


def due_rows(rows: Iterable[AckRow]) -> list[AckRow]:
    """The people who must acknowledge again, by pack and then by renewal date."""
    return sorted((r for r in rows if r.due), key=lambda r: (r.pack_id, r.renew_by, r.person))


@dataclass(frozen=True)
class FilterChoices:
    """The values each filter can take in the rows at hand."""

    packs: tuple[tuple[str, str], ...] = ()  # (pack id, organisation's short name)
    roles: tuple[str, ...] = ()
    versions: tuple[str, ...] = ()


def choices(rows: Iterable[AckRow]) -> FilterChoices:
    packs: dict[str, str] = {}
    roles: set[str] = set()
    versions: set[str] = set()
    for row in rows:
        packs.setdefault(row.pack_id, row.organisation_short)
        roles.add(row.role)
        versions.add(row.policy_version)
    return FilterChoices(
        tuple(sorted(packs.items(), key=lambda p: p[1].casefold())),
        tuple(sorted(roles, key=str.casefold)),
        tuple(sorted(versions, key=version_key)),
    )
