"""The lists an events officer needs, as plain tables: shown, exported as CSV, printed.

- consents for one event;
- consents due for review (expired while still granting something) or expiring soon;
- the photographer's list for an event: who may be photographed and named, who may be
  photographed but not named, and who must not be photographed at all;
- everything recorded for one person, found by name, e-mail or form ID, with each
  withdrawal in the order it was made.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.core.atomic import write_text_atomic
from app.core.consent.batches import normalise_form_id
from app.core.consent.records import ConsentRecord, Withdrawal
from app.core.consent.store import RECORD, ConsentStore
from app.core.register.export import cell

SOON_DAYS = 30  # "expiring soon": within this many days
MUST_NOT, NOT_NAMED, NAMED = (
    "Do NOT photograph or film",
    "May photograph, do not name",
    "May photograph and name",
)
_PHOTO_PURPOSES = ("media.photo", "media.video")
_NAMING = {"full-name": "full name", "first-name": "first name only"}


@dataclass(frozen=True)
class Listing:
    """A titled table; `per_page` rows to a printed page (0: as many as fit)."""

    title: str
    subtitle: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    per_page: int = 0
    empty: str = "Nothing to list."

    def csv_text(self) -> str:
        """CSV with every cell a spreadsheet would run as a formula made plain text."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.headers)
        for row in self.rows:
            writer.writerow([cell(value) for value in row])
        return buffer.getvalue()

    def write_csv(self, path: Path) -> int:
        """UTF-8 with a byte-order mark, which Excel needs for names in any script."""
        write_text_atomic(Path(path), "\ufeff" + self.csv_text())
        return len(self.rows)

    def text(self) -> str:
        """The table as aligned plain text, for a terminal."""
        lines = [self.title, self.subtitle, ""]
        if not self.rows:
            return "\n".join([*lines, self.empty])
        widths = [max(len(h), *(len(r[i]) for r in self.rows)) for i, h in enumerate(self.headers)]
        lines.append("  ".join(h.ljust(w) for h, w in zip(self.headers, widths, strict=True)))
        for row in self.rows:
            lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
        return "\n".join(line.rstrip() for line in lines)


def _event_of(record: ConsentRecord) -> str:
    return record.details.get("event", "")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _granted(record: ConsentRecord, on: date) -> list[str]:
    if date.fromisoformat(record.expires_on) < on:
        return []
    return [d.label for d in record.decisions if d.granted]


def events(store: ConsentStore) -> list[str]:
    """Every event named on a consent, as first written, in order of first use."""
    seen: dict[str, str] = {}
    for record in store.records():
        name = _event_of(record)
        if name:
            seen.setdefault(" ".join(name.split()).casefold(), name)
    return list(seen.values())


def _named(store: ConsentStore, event: str) -> str:
    """The event as first written on a consent, whatever the case or spacing typed."""
    return next((e for e in events(store) if _same(e, event)), " ".join(event.split()))


def by_event(store: ConsentStore, event: str, on: date) -> Listing:
    """Every consent recorded for `event`, by name, with what it grants on `on`."""
    event = _named(store, event)
    rows = sorted(
        (
            (
                r.subject.name,
                r.template_id,
                r.form_id,
                r.recorded_at[:10],
                r.expires_on,
                "; ".join(_granted(r, on)) or "nothing",
            )
            for r in store.records()
            if _same(_event_of(r), event)
        ),
        key=lambda row: row[0].casefold(),
    )
    return Listing(
        f"Consents for {event}",
        f"{len(rows)} consent{'s' if len(rows) != 1 else ''}, as they stand on {on.isoformat()}",
        ("Name", "Form", "Form ID", "Recorded", "Expires", "Grants now"),
        tuple(rows),
        empty="No consent has been recorded for this event.",
    )


def due(store: ConsentStore, on: date, soon_days: int = SOON_DAYS) -> Listing:
    """Consents due for review on `on` (expired, still granting: R7), then those that
    expire within `soon_days`, soonest first."""
    expired = store.due_for_review(on)
    ids = {r.record_id for r in expired}
    horizon = on + timedelta(days=soon_days)
    soon = [
        r
        for r in store.records()
        if r.record_id not in ids
        and on < date.fromisoformat(r.expires_on) <= horizon
        and any(d.granted for d in r.decisions)
    ]
    rows = [
        (
            r.subject.name,
            r.details.get("contact", ""),
            r.template_id,
            _event_of(r),
            r.expires_on,
            status,
        )
        for group, status in ((expired, "expired: ask again or stop using"), (soon, "expires soon"))
        for r in sorted(group, key=lambda r: r.expires_on)
    ]
    return Listing(
        "Consents due for review",
        f"On {on.isoformat()}: {len(expired)} expired, {len(soon)} expiring within {soon_days} days",
        ("Name", "Contact", "Form", "Event", "Expires", "Status"),
        tuple(rows),
        empty="No consent is due for review.",
    )


def photo_status(record: ConsentRecord, on: date) -> str:
    """What the photographer may do with this person on `on`."""
    if record.template_id == "quote":
        return ""  # a quote is about words, not pictures
    if date.fromisoformat(record.expires_on) < on:
        return MUST_NOT
    granted = {d.purpose_key for d in record.decisions if d.granted}
    if record.do_not_photograph or not granted & set(_PHOTO_PURPOSES):
        return MUST_NOT
    return NAMED if record.identification in _NAMING else NOT_NAMED


def photographer(store: ConsentStore, event: str, on: date) -> Listing:
    """Everyone with a publicity or guardian consent for `event`: first who must not be
    photographed, then who may be but not named, then who may be named; 40 a page."""
    event = _named(store, event)
    order = {MUST_NOT: 0, NOT_NAMED: 1, NAMED: 2}
    people = []
    for r in store.records():
        status = photo_status(r, on)
        if status and _same(_event_of(r), event):
            naming = _NAMING.get(r.identification, "") if status == NAMED else ""
            people.append((order[status], r.subject.name, status, naming, r.form_id))
    people.sort(key=lambda p: (p[0], p[1].casefold()))
    counts = {s: sum(1 for p in people if p[2] == s) for s in order}
    return Listing(
        f"Photographer's list: {event}",
        f"As on {on.isoformat()}: {counts[MUST_NOT]} must not be photographed, "
        f"{counts[NOT_NAMED]} may be photographed but not named, {counts[NAMED]} may be named. "
        "Anyone not on this list has not consented: do not photograph them.",
        ("Name", "Photograph?", "Name them as", "Form ID"),
        tuple(p[1:] for p in people),
        per_page=40,
        empty="No publicity consent has been recorded for this event.",
    )


def find_person(store: ConsentStore, query: str) -> list[ConsentRecord]:
    """Consents whose name contains `query`, whose e-mail is `query`, or from its form ID."""
    query = " ".join(query.split())
    if not query:
        return []
    by_id = store.find_by_form_id(normalise_form_id(query))
    if by_id:
        return by_id
    needle = query.casefold()
    return [
        r
        for r in store.records()
        if needle in r.subject.name.casefold()
        or needle == r.details.get("contact", "").strip().casefold()
        or (r.consenting_adult is not None and needle in r.consenting_adult.name.casefold())
    ]


def person(store: ConsentStore, query: str, on: date) -> Listing:
    """Everything recorded for the person: each consent, then each withdrawal, in order."""
    rows = []
    for record in sorted(find_person(store, query), key=lambda r: r.recorded_at):
        for event in store.history(record.record_id):
            if event.kind == RECORD:
                original = ConsentRecord.from_dict(event.payload)
                what = "; ".join(d.label for d in original.decisions if d.granted) or "nothing"
                rows.append(
                    (
                        event.at[:16].replace("T", " "),
                        original.subject.name,
                        f"consent recorded ({original.method})",
                        original.template_id,
                        original.form_id,
                        f"granted: {what}; expires {original.expires_on}",
                    )
                )
            else:
                w = Withdrawal.from_dict(event.payload)
                scope = "everything" if w.scope == "all" else ", ".join(w.scope)
                rows.append(
                    (
                        event.at[:16].replace("T", " "),
                        record.subject.name,
                        f"withdrawn ({w.channel})",
                        record.template_id,
                        record.form_id,
                        f"withdrew {scope}" + (f"; {w.note}" if w.note else ""),
                    )
                )
        now = "; ".join(_granted(store.current(record.record_id), on)) or "nothing"
        rows.append(("", record.subject.name, "as it stands", "", record.form_id, f"grants {now}"))
    return Listing(
        f"Everything recorded for “{query}”",
        f"As on {on.isoformat()}, oldest first",
        ("When", "Name", "What", "Form", "Form ID", "Details"),
        tuple(rows),
        empty="No consent matches this name, e-mail or form ID.",
    )
