"""The consent log: an append-only, hash-chained table of events in SQLite (WAL mode).

Each consent and each withdrawal is inserted as a new row and never changed: triggers
refuse UPDATE and DELETE. Every row carries the SHA-256 of the row before it, so an
edit made behind the app's back shows up in `verify()`. The register builds on this.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.consent_records import ConsentRecord, Withdrawal, effective_decisions

GENESIS = "0" * 64
RECORD, WITHDRAWAL = "record", "withdrawal"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS consent_events (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('record', 'withdrawal')),
    record_id TEXT NOT NULL,
    form_id TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_sha256 TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS consent_events_record ON consent_events (record_id);
CREATE INDEX IF NOT EXISTS consent_events_form ON consent_events (form_id);
CREATE TRIGGER IF NOT EXISTS consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
"""


@dataclass(frozen=True)
class ConsentEvent:
    seq: int
    kind: str
    record_id: str
    at: str
    payload: dict[str, Any]
    prev_sha256: str
    sha256: str


def event_hash(prev_sha256: str, seq: int, kind: str, record_id: str, at: str,
               payload: str) -> str:
    """SHA-256 over the previous hash and this event's fields, one per line."""
    text = "\n".join((prev_sha256, str(seq), kind, record_id, at, payload))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ConsentStore:
    """Consents and withdrawals for one data folder; a connection per call, so any thread
    may use it."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else paths.data_dir() / "consents.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            db.execute("PRAGMA foreign_keys=ON")
            yield db
        finally:
            db.close()

    def record(self, record: ConsentRecord) -> ConsentEvent:
        """Append a new consent; a record id is used once (a renewal is a new record)."""
        if self.history(record.record_id):
            raise ValueError(f"consent {record.record_id} is already recorded; "
                             "a change is a withdrawal or a new record")
        return self._append(RECORD, record.record_id, record.form_id, record.recorded_at,
                            record.to_dict())

    def withdraw(self, withdrawal: Withdrawal) -> ConsentEvent:
        """Append a withdrawal of some or all purposes of a recorded consent."""
        if datetime.fromisoformat(withdrawal.withdrawn_at).tzinfo is None:
            raise ValueError("a withdrawal's time needs its UTC offset")
        original = self._original(withdrawal.record_id)
        if withdrawal.scope != "all":
            known = {d.purpose_key for d in original.decisions}
            unknown = set(withdrawal.scope) - known
            if unknown or not withdrawal.scope:
                raise ValueError(f"not purposes of this consent: {', '.join(sorted(unknown))}"
                                 if unknown else "a withdrawal names its purposes, or \"all\"")
        return self._append(WITHDRAWAL, withdrawal.record_id, original.form_id,
                            withdrawal.withdrawn_at, withdrawal.to_dict())

    def _append(self, kind: str, record_id: str, form_id: str, at: str,
                payload: dict[str, Any]) -> ConsentEvent:
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")  # nobody else appends between reading and writing
            try:
                last = db.execute("SELECT seq, sha256 FROM consent_events "
                                  "ORDER BY seq DESC LIMIT 1").fetchone()
                seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
                digest = event_hash(prev, seq, kind, record_id, at, text)
                db.execute("INSERT INTO consent_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (seq, kind, record_id, form_id, at, text, prev, digest))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return ConsentEvent(seq, kind, record_id, at, payload, prev, digest)

    def history(self, record_id: str) -> list[ConsentEvent]:
        """Every event of one consent, oldest first."""
        return self._events("WHERE record_id = ?", (record_id,))

    def current(self, record_id: str) -> ConsentRecord:
        """The consent as it stands: each decision after overrides and withdrawals."""
        record, withdrawals = self._record_and_withdrawals(self.history(record_id), record_id)
        return replace(record, decisions=effective_decisions(record, withdrawals))

    def withdrawals(self, record_id: str) -> list[Withdrawal]:
        return [Withdrawal.from_dict(e.payload) for e in self.history(record_id)
                if e.kind == WITHDRAWAL]

    def find_by_form_id(self, form_id: str) -> list[ConsentRecord]:
        """The consents recorded from the printed form with this ID (from its QR code)."""
        ids = dict.fromkeys(e.record_id for e in self._events("WHERE form_id = ?", (form_id,)))
        return [self.current(record_id) for record_id in ids]

    def records(self) -> list[ConsentRecord]:
        """Every consent as it stands, oldest first."""
        events = self._events("", ())
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
        return [r for r in self.records()
                if date.fromisoformat(r.expires_on) <= on and any(d.granted for d in r.decisions)]

    def verify(self) -> list[str]:
        """Problems with the hash chain, one message each; empty when it is intact."""
        problems, prev = [], GENESIS
        for expected_seq, e in enumerate(self._rows(""), start=1):
            seq, kind, record_id, _form, at, payload, prev_sha, digest = e
            if seq != expected_seq:
                problems.append(f"event {expected_seq} is missing (next is {seq})")
            if prev_sha != prev:
                problems.append(f"event {seq} does not follow the event before it")
            if event_hash(prev_sha, seq, kind, record_id, at, payload) != digest:
                problems.append(f"event {seq} was changed after it was written")
            prev = digest
        return problems

    def _original(self, record_id: str) -> ConsentRecord:
        return self._record_and_withdrawals(self.history(record_id), record_id)[0]

    @staticmethod
    def _record_and_withdrawals(history: list[ConsentEvent], record_id: str
                                ) -> tuple[ConsentRecord, list[Withdrawal]]:
        records = [e for e in history if e.kind == RECORD]
        if not records:
            raise KeyError(f"no consent with id {record_id}")
        withdrawals = [Withdrawal.from_dict(e.payload) for e in history if e.kind == WITHDRAWAL]
        return ConsentRecord.from_dict(records[0].payload), withdrawals

    def _rows(self, where: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._connect() as db:
            return db.execute(f"SELECT * FROM consent_events {where} ORDER BY seq", args).fetchall()

    def _events(self, where: str, args: tuple[Any, ...]) -> list[ConsentEvent]:
        return [ConsentEvent(seq, kind, record_id, at, json.loads(payload), prev, digest)
                for seq, kind, record_id, _form, at, payload, prev, digest
                in self._rows(where, args)]
