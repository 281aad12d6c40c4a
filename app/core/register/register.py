"""The register: who acknowledged which policy version, who countersigned, who consented.

One SQLite file in the user's data folder (`register.sqlite`) holds every event in one
hash-chained, append-only log (app.core.register.events); the consent log is part of it
(app.core.consent.store). What the trustee view shows is read from the events and
derived (app.core.register.status), never stored by updating a row. docs/register.md
explains it for people.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.core import paths
from app.core.register.acks import PAYLOAD_FACTS as _FACTS
from app.core.register.acks import payload_fact
from app.core.register.events import ChainCheck, Event, EventLog, RegisterError
from app.core.register.kinds import ACKNOWLEDGED, COUNTERSIGNED
from app.core.register.query import View, choices, due_count
from app.core.register.records import Acknowledgement, Countersignature
from app.core.register.status import (
    AckRow,
    FilterChoices,
    PackRule,
    RowFilter,
    ack_row,
    column_names,
    derive_statuses,
    due_rows,
)

__all__ = [
    "AckRow",
    "Acknowledgement",
    "Countersignature",
    "Register",
    "RegisterError",
    "default_path",
]

FILE_NAME = "register.sqlite"
# Read from the payload itself; a damaged payload that lacks one reads as empty (and
# `register check` names the event).
_ROWS = f"""
SELECT a.seq, json_type(a.payload, '$.trusted') IS 'true' AS trusted,
       a.subject AS session_id,
       {", ".join(f"IFNULL({payload_fact('a', n)}, '') AS {n}" for n in _FACTS)},
       a.file_sha256,
       IFNULL({payload_fact("c", "trustee")}, '') AS countersigned_by,
       IFNULL({payload_fact("c", "signed_at")}, '') AS countersigned_at,
       IFNULL({payload_fact("c", "file_path")}, IFNULL({payload_fact("a", "file_path")}, ''))
           AS current_path
FROM events AS a
LEFT JOIN events AS c ON c.seq = (
    SELECT MAX(seq) FROM events WHERE subject = a.subject AND kind = '{COUNTERSIGNED}'
    AND json_type(payload, '$.trusted') IS 'true')
WHERE a.kind = '{ACKNOWLEDGED}'
ORDER BY a.seq
"""


def default_path() -> Path:
    return paths.data_dir() / FILE_NAME


class Register:
    """The register file at `path` (the data folder's register.sqlite by default).

    Cheap to make: the file is opened, and made if missing, on first use. Any thread or
    process may use it at the same time; each call opens its own connection.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self.log = EventLog(self.path)

    # -- adding -----------------------------------------------------------------------------

    def add_acknowledgement(self, ack: Acknowledgement) -> tuple[bool, Event]:
        """Append `ack` unless its session is registered already.

        Returns:
            (True, the new event), or (False, the event already there).
        """
        with self.log.writing() as tx:
            existing = tx.events(subject=ack.session_id, kinds=(ACKNOWLEDGED,))
            if existing:
                return False, existing[0]
            return True, tx.append(
                ACKNOWLEDGED, ack.session_id, ack.signed_at, ack.payload(), ack.file_sha256
            )

    # -- reading ----------------------------------------------------------------------------

    def events(self, kind: str = "", subject: str = "") -> list[Event]:
        """Events in order, all or of one kind and/or subject."""
        return self.log.events(kinds=(kind,) if kind else (), subject=subject or None)

    def event_for_file(self, file_sha256: str) -> Event | None:
        """The first event about a file with these exact bytes, if any."""
        found = self.log.events(file_sha256=file_sha256)
        return found[0] if found else None

    def count(self) -> int:
        return self.log.count() if self.path.exists() else 0

    def rows(self) -> list[AckRow]:
        """Every acknowledgement with its latest countersignature; statuses not yet derived."""
        if not self.path.exists():
            return []
        with self.log.connect() as db:
            cursor = db.execute(_ROWS)
            names = column_names(cursor)
            return [ack_row(names, self.log.sound(row, numbers=2)) for row in cursor]

    def snapshot(self, rules: dict[str, PackRule], today: date) -> list[AckRow]:
        """Every acknowledgement with its status as of `today`, oldest first."""
        rows = self.rows()
        derive_statuses(rows, rules, today)
        return rows

    def due(self, rules: dict[str, PackRule], today: date) -> list[AckRow]:
        """The people due to acknowledge again, by pack (A7)."""
        return due_rows(self.snapshot(rules, today))

    def view(
        self,
        rules: dict[str, PackRule],
        today: date,
        row_filter: RowFilter,
        sort_key: str = "signed_at",
        descending: bool = True,
    ) -> View:
        """The acknowledgements `row_filter` picks, in order, to read a page at a time."""
        return View(self.log, rules, today, row_filter, sort_key, descending)

    def acknowledgements(self) -> int:
        """How many acknowledgements the register holds."""
        if not self.path.exists():
            return 0
        with self.log.connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM acks").fetchone()[0])

    def due_count(self, rules: dict[str, PackRule], today: date) -> int:
        """How many people are due to acknowledge again: one SQL query, whatever the size."""
        return due_count(self.log, rules, today) if self.path.exists() else 0

    def choices(self, rules: dict[str, PackRule]) -> FilterChoices:
        """The organisations, roles and versions the register's filters can offer."""
        return choices(self.log, rules) if self.path.exists() else FilterChoices()

    def verify_chain(self, progress: Callable[[str], None] | None = None) -> ChainCheck:
        """Recompute every hash; `first_broken` names the first event that does not fit.
        `progress` is told each part of the check as it starts."""
        if not self.path.exists():
            return ChainCheck(0, "0" * 64)
        return self.log.verify(progress)
