"""The consent log: consents and withdrawals as events in the register (R1–R8).

Each consent and each withdrawal is a new event in the register's one append-only,
hash-chained log (app.core.register.events), never changed: triggers refuse UPDATE and
DELETE, and an edit made behind the app's back shows up in `verify()`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.core.consent.records import ConsentRecord, Withdrawal, effective_decisions
from app.core.register.events import GENESIS, Event, EventLog, Writer, event_hash
from app.core.register.kinds import CONSENT_RECORDED, CONSENT_WITHDRAWN
from app.core.register.register import default_path

__all__ = ["GENESIS", "RECORD", "WITHDRAWAL", "ConsentEvent", "ConsentStore", "event_hash"]

RECORD, WITHDRAWAL = "record", "withdrawal"
_KINDS = {CONSENT_RECORDED: RECORD, CONSENT_WITHDRAWN: WITHDRAWAL}
_CONSENT_KINDS = (CONSENT_RECORDED, CONSENT_WITHDRAWN)


@dataclass(frozen=True)
class ConsentEvent:
    seq: int  # the event's number in the whole register
    kind: str  # "record" or "withdrawal"
    record_id: str
    at: str
    payload: dict[str, Any]
    prev_sha256: str
    sha256: str


def _consent_event(event: Event) -> ConsentEvent:
    return ConsentEvent(
        event.seq,
        _KINDS[event.kind],
        event.subject,
        event.at,
        event.payload,
        event.prev_sha256,
        event.sha256,
    )


class ConsentStore:
    """Consents and withdrawals in the register at `path` (the data folder's by default);
    a connection per call, so any thread may use it."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self.log = EventLog(self.path)
        with self.log.connect():
            pass  # made now, so the file is there to back up or inspect

    def record(self, record: ConsentRecord) -> ConsentEvent:
        """Append a new consent; a record id is used once (a renewal is a new record)."""
        with self.log.writing() as tx:
            if self._history(tx, record.record_id):
                raise ValueError(
                    f"consent {record.record_id} is already recorded; "
                    "a change is a withdrawal or a new record"
                )
            return _consent_event(
                tx.append(CONSENT_RECORDED, record.record_id, record.recorded_at, record.to_dict())
            )

    def withdraw(self, withdrawal: Withdrawal) -> ConsentEvent:
        """Append a withdrawal of some or all purposes of a recorded consent."""
        if datetime.fromisoformat(withdrawal.withdrawn_at).tzinfo is None:
            raise ValueError("a withdrawal's time needs its UTC offset")
        with self.log.writing() as tx:
            history = self._history(tx, withdrawal.record_id)
            original = self._record_and_withdrawals(history, withdrawal.record_id)[0]
            if withdrawal.scope != "all":
                known = {d.purpose_key for d in original.decisions}
                unknown = set(withdrawal.scope) - known
                if unknown or not withdrawal.scope:
                    raise ValueError(
                        f"not purposes of this consent: {', '.join(sorted(unknown))}"
                        if unknown
                        else 'a withdrawal names its purposes, or "all"'
                    )
            return _consent_event(
                tx.append(
                    CONSENT_WITHDRAWN,
                    withdrawal.record_id,
                    withdrawal.withdrawn_at,
                    withdrawal.to_dict(),
                )
            )

    @staticmethod
    def _history(tx: Writer, record_id: str) -> list[ConsentEvent]:
        return [_consent_event(e) for e in tx.events(subject=record_id, kinds=_CONSENT_KINDS)]

    def history(self, record_id: str) -> list[ConsentEvent]:
        """Every event of one consent, oldest first."""
        return self._events(subject=record_id)

    def current(self, record_id: str) -> ConsentRecord:
        """The consent as it stands: each decision after overrides and withdrawals."""
        record, withdrawals = self._record_and_withdrawals(self.history(record_id), record_id)
        return replace(record, decisions=effective_decisions(record, withdrawals))

    def withdrawals(self, record_id: str) -> list[Withdrawal]:
        return [
            Withdrawal.from_dict(e.payload) for e in self.history(record_id) if e.kind == WITHDRAWAL
        ]

    def find_by_form_id(self, form_id: str) -> list[ConsentRecord]:
        """The consents recorded from the printed form with this ID (from its QR code)."""
        ids = dict.fromkeys(e.record_id for e in self._events(form_id=form_id) if e.kind == RECORD)
        return [self.current(record_id) for record_id in ids]

    def records(self) -> list[ConsentRecord]:
        """Every consent as it stands, oldest first."""
        events = self._events()
        by_record: dict[str, list[ConsentEvent]] = {}
        for event in events:
            by_record.setdefault(event.record_id, []).append(event)
        out = []
        for record_id, history in by_record.items():
            record, withdrawals = self._record_and_withdrawals(history, record_id)
            out.append(replace(record, decisions=effective_decisions(record, withdrawals)))
        return out

    def due_for_review(self, on: date) -> list[ConsentRecord]:
        """Consents that expire on or before `on` and still grant something (R7)."""
        return [r for r in self.records() if r.due_for_review(on)]

    def verify(self) -> list[str]:
        """Problems with the register's hash chain, one message each; empty when intact."""
        return [problem.message for problem in self.log.verify().problems]

    @staticmethod
    def _record_and_withdrawals(
        history: list[ConsentEvent], record_id: str
    ) -> tuple[ConsentRecord, list[Withdrawal]]:
        records = [e for e in history if e.kind == RECORD]
        if not records:
            raise KeyError(f"no consent with id {record_id}")
        withdrawals = [Withdrawal.from_dict(e.payload) for e in history if e.kind == WITHDRAWAL]
        return ConsentRecord.from_dict(records[0].payload), withdrawals

    def _events(
        self, *, subject: str | None = None, form_id: str | None = None
    ) -> list[ConsentEvent]:
        found = self.log.events(kinds=_CONSENT_KINDS, subject=subject, form_id=form_id)
        return [_consent_event(e) for e in found]
