"""The register's event log: one SQLite table in WAL mode, append-only and hash-chained.

Every event is INSERTed and never changed: triggers refuse UPDATE and DELETE. Each row
carries the SHA-256 of the row before it, computed inside the write transaction
(BEGIN IMMEDIATE), so two processes appending at once still make one unbroken chain.
The facts the trustee view reads come from the JSON payload itself (acks.payload_fact),
so they can never disagree with what the chain covers.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.atomic import create_private
from app.core.register import acks
from app.core.register.kinds import (
    ACKNOWLEDGED,
    CONSENT_RECORDED,
    CONSENT_WITHDRAWN,
    COUNTERSIGNED,
    KINDS,
)

GENESIS = "0" * 64
# 2: the acknowledgements index (app.core.register.acks); 3: the index says whether each
# signature was trusted, and the payload's columns are VIRTUAL; 4: no payload columns at all
# (SQLite's integrity check parsed every payload to work them out: a third of its time),
# the form ID's index made on consent events only
SCHEMA_VERSION = 4
BUSY_TIMEOUT_S = 30.0
STORED = ("seq", "kind", "subject", "file_sha256", "at", "payload", "prev_sha256", "sha256")
# The events a printed form's ID is looked up in; literals, so a query can use the index.
_FORM_KINDS = f"kind IN ('{CONSENT_RECORDED}', '{CONSENT_WITHDRAWN}')"
_FORM_ID = acks.payload_fact("", "form_id")

_KIND_LIST = ", ".join(f"'{kind}'" for kind in KINDS)
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ({_KIND_LIST})),
    subject TEXT NOT NULL,
    file_sha256 TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    prev_sha256 TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS events_subject ON events (subject, kind);
CREATE INDEX IF NOT EXISTS events_kind ON events (kind, seq);
CREATE INDEX IF NOT EXISTS events_file ON events (file_sha256) WHERE file_sha256 != '';
CREATE INDEX IF NOT EXISTS events_form ON events ({_FORM_ID}) WHERE {_FORM_KINDS};
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'register events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'register events are append-only'); END;
"""


class RegisterError(Exception):
    """The register file cannot be opened or used; the message says why."""


@dataclass(frozen=True)
class Event:
    seq: int
    kind: str
    subject: str  # the onboarding session id, or the consent's record id
    file_sha256: str
    at: str
    payload: dict[str, Any]
    prev_sha256: str
    sha256: str


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    kind: str
    at: str
    message: str  # "event 7 was changed after it was written"

    def describe(self) -> str:
        """The message with what the event was: "event 7 (countersigned, 2026-…) was …"."""
        if not self.kind:
            return self.message
        head, _, rest = self.message.partition(f"event {self.seq} ")
        return f"{head}event {self.seq} ({self.kind}, {self.at}) {rest}"


@dataclass(frozen=True)
class ChainCheck:
    """The result of walking the whole chain: how many events, the last hash, what is wrong."""

    count: int
    head: str
    problems: tuple[ChainProblem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_broken(self) -> ChainProblem | None:
        return self.problems[0] if self.problems else None


def event_hash(
    prev_sha256: str, seq: int, kind: str, subject: str, file_sha256: str, at: str, payload: str
) -> str:
    """SHA-256 over the previous hash and every stored field of this event, one per line."""
    text = "\n".join((prev_sha256, str(seq), kind, subject, file_sha256, at, payload))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def payload_text(payload: dict[str, Any]) -> str:
    """The one canonical JSON form that is stored and hashed."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Writer:
    """Appends events inside one write transaction; the chain head is read once, inside it."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        last = db.execute("SELECT seq, sha256 FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        self._seq: int = last[0] if last else 0
        self._prev: str = last[1] if last else GENESIS
        self.appended: list[Event] = []

    def append(
        self, kind: str, subject: str, at: str, payload: dict[str, Any], file_sha256: str = ""
    ) -> Event:
        text = payload_text(payload)
        seq = self._seq + 1
        digest = event_hash(self._prev, seq, kind, subject, file_sha256, at, text)
        self.db.execute(
            f"INSERT INTO events ({', '.join(STORED)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, kind, subject, file_sha256, at, text, self._prev, digest),
        )
        acks.on_append(self.db, seq, kind, subject, file_sha256, payload)
        event = Event(seq, kind, subject, file_sha256, at, payload, self._prev, digest)
        self._seq, self._prev = seq, digest
        self.appended.append(event)
        return event

    def events(
        self,
        *,
        kinds: Sequence[str] = (),
        subject: str | None = None,
        file_sha256: str | None = None,
        form_id: str | None = None,
    ) -> list[Event]:
        """Events in order, of these kinds, about this subject, of this file (each if given)."""
        return read_events(
            self.db, kinds=kinds, subject=subject, file_sha256=file_sha256, form_id=form_id
        )


class EventLog:
    """The events table of one register file; a connection per call, so any thread may use it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection with the busy timeout set; the schema is made on first use."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            create_private(self.path)  # people's names and e-mails: owner only (0600)
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise RegisterError(f"{self.path}: the register cannot be opened ({error})") from error
        with closing(db):
            try:
                db.execute("PRAGMA synchronous=FULL")  # a commit is on disk before we go on
                if not self._ready:
                    self._prepare(db)
                    self._ready = True
                yield db
            except UnicodeDecodeError as error:
                raise self.damaged("it holds text that is not UTF-8") from error
            except sqlite3.OperationalError as error:
                if _damaged_text(error):
                    raise self.damaged("it holds text that is not UTF-8") from error
                if not _busy(error):  # a schema damaged or changed outside Induct
                    raise RegisterError(
                        f"{self.path}: not a register Induct can read ({error})"
                    ) from error
                raise RegisterError(
                    f"{self.path}: the register stayed busy for "
                    f"{BUSY_TIMEOUT_S:.0f} s (another program is writing to "
                    f"it); try again"
                ) from error
            except sqlite3.DatabaseError as error:
                if isinstance(error, sqlite3.IntegrityError):
                    raise
                raise RegisterError(
                    f"{self.path}: not a register Induct can read ({error})"
                ) from error

    def damaged(self, why: str) -> RegisterError:
        """The refusal to show a register whose bytes were changed outside Induct."""
        return RegisterError(
            f"{self.path}: the register is damaged ({why}); checking the register names the "
            "damaged event"
        )

    def sound(self, row: tuple[Any, ...], numbers: int = 1) -> tuple[Any, ...]:
        """`row` when its first `numbers` values are integers and the rest text or NULL, as
        written; else the refusal (a damaged byte can turn a text into a number)."""
        if all(isinstance(v, int) for v in row[:numbers]) and all(
            v is None or isinstance(v, str) for v in row[numbers:]
        ):
            return row
        raise self.damaged("a value is not of the kind Induct wrote")

    def _prepare(self, db: sqlite3.Connection) -> None:
        """Make the schema and turn WAL on, waiting while another process does the same."""
        deadline, pause = time.monotonic() + BUSY_TIMEOUT_S, 0.005
        while True:
            try:
                self._prepare_once(db)
                return
            except sqlite3.OperationalError as error:
                if not _busy(error) or time.monotonic() > deadline:
                    raise
            # Changing the journal mode does not wait on the busy timeout: wait here.
            time.sleep(pause)
            pause = min(pause * 2, 0.2)

    def _prepare_once(self, db: sqlite3.Connection) -> None:
        if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            db.execute("BEGIN IMMEDIATE")
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version < SCHEMA_VERSION:
                    if version in (1, 2):  # columns STORED, an index without trust: again
                        _events_again(db)
                        for statement in _statements(acks.DROP):
                            db.execute(statement)
                    elif version == 3:  # VIRTUAL columns: dropped without a rewrite
                        _drop_payload_columns(db)
                    for statement in _statements(_SCHEMA + acks.SCHEMA):
                        db.execute(statement)
                    if version in (1, 2):  # a register from before this index: fill it in
                        acks.rebuild(db, _indexed_events(db))
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute("COMMIT")
            except BaseException:
                # A failed COMMIT may have ended the transaction already; the first error
                # is the one to report.
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RegisterError(
                f"{self.path}: written by a newer version of Induct "
                f"(register format {version}); update Induct to use it"
            )
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode=WAL")  # kept in the file: every opener uses it

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """A write transaction: nobody else appends until it commits or rolls back."""
        with self.connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                writer = Writer(db)
                yield writer
                db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):  # the COMMIT may have ended it
                    db.execute("ROLLBACK")
                raise

    def events(
        self,
        *,
        kinds: Sequence[str] = (),
        subject: str | None = None,
        file_sha256: str | None = None,
        form_id: str | None = None,
    ) -> list[Event]:
        """Events in order, of these kinds, about this subject, of this file (each if given)."""
        with self.connect() as db:
            return read_events(
                db, kinds=kinds, subject=subject, file_sha256=file_sha256, form_id=form_id
            )

    def count(self) -> int:
        with self.connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def verify(self, progress: Callable[[str], None] | None = None) -> ChainCheck:
        """Walk every event in order, recomputing each hash; name what does not fit.

        The walk reads the stored bytes as they are (a damaged byte that is no longer
        UTF-8 is a changed event, not an error). Beside it, SQLite's own integrity check
        reads every page and index, and the acknowledgements index is checked against the
        log (app.core.register.acks): whatever the register shows is covered. `progress`
        is told each part as it starts (a million events take half a minute or more).
        """
        say = progress or (lambda _part: None)
        problems: list[ChainProblem] = []
        prev, expected, count = GENESIS.encode(), 1, 0
        sha256 = hashlib.sha256
        with self.connect() as db, ThreadPoolExecutor(2) as pool:
            # The index and the file are checked in SQL on connections of their own while
            # this walks the chain (SQLite lets go of Python's lock while it works).
            index_problems = pool.submit(acks.check, self.path)
            file_problems = pool.submit(_file_checks, self.path)
            db.text_factory = bytes
            say("the chain of events")
            rows = db.execute(f"SELECT {', '.join(STORED)} FROM events ORDER BY seq")
            for row in rows:
                seq, kind, subject, file_sha, at, payload, prev_sha, digest = row
                count += 1
                # The text event_hash() hashes, inlined: this loop runs once an event.
                try:
                    text = b"\n".join((prev_sha, b"%d" % seq, kind, subject, file_sha, at, payload))
                    intact = sha256(text).hexdigest().encode() == digest
                except TypeError:  # a damaged type byte: a number or NULL where text was
                    intact = False
                if seq != expected or prev_sha != prev or not intact:
                    problems += _problems(row, expected, prev)
                prev, expected = _raw(digest), seq + 1
            say("the acknowledgements index and the file")
            broken = {problem.seq for problem in problems}
            for seq, message in [*file_problems.result(), *index_problems.result()]:
                if seq in broken:  # said already: the event itself was changed
                    continue
                broken.add(seq or -len(problems))  # the file's own damage: every line said
                found = db.execute("SELECT kind, at FROM events WHERE seq = ?", (seq,)).fetchone()
                kind, at = (_text(v) for v in found) if found else ("", "")
                problems.append(ChainProblem(seq, kind, at, message))
        return ChainCheck(count, _text(prev), tuple(problems))


def _raw(value: object) -> bytes:
    """A stored value as the bytes hashed; a value of the wrong type never matches."""
    if isinstance(value, bytes):
        return value
    return b"\x00" + repr(value).encode()


def _text(value: object) -> str:
    return _raw(value).decode("utf-8", "replace") if value is not None else ""


def _file_checks(path: Path) -> list[tuple[int, str]]:
    """SQLite's check of every page and index."""
    with closing(sqlite3.connect(path)) as db:
        db.text_factory = bytes
        return _integrity(db)


def _events_again(db: sqlite3.Connection) -> None:
    """Make an earlier register's events table again without its STORED payload columns,
    every event copied as it is (inside the caller's write transaction)."""
    has_events = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'"
    ).fetchone()
    if not has_events:
        return
    for name in ("events_no_update", "events_no_delete"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in ("events_subject", "events_kind", "events_file", "events_form"):
        db.execute(f"DROP INDEX IF EXISTS {name}")
    db.execute("ALTER TABLE events RENAME TO events_earlier")
    for statement in _statements(_SCHEMA):
        db.execute(statement)
    columns = ", ".join(STORED)
    db.execute(f"INSERT INTO events ({columns}) SELECT {columns} FROM events_earlier ORDER BY seq")
    db.execute("DROP TABLE events_earlier")


def _drop_payload_columns(db: sqlite3.Connection) -> None:
    """A format-3 register's VIRTUAL columns dropped (SQLite keeps nothing of them in the
    rows, so no event is rewritten) and its form index made on consent events only."""
    db.execute("DROP INDEX IF EXISTS events_form")
    stored = set(STORED)
    for (name,) in db.execute("SELECT name FROM pragma_table_xinfo('events')").fetchall():
        if name not in stored:
            db.execute(f'ALTER TABLE events DROP COLUMN "{name}"')


def _integrity(db: sqlite3.Connection) -> list[tuple[int, str]]:
    """SQLite's own check of every page and index, as (event, problem) pairs; 0 when the
    damage is in no one event."""
    found: list[tuple[int, str]] = []
    for (line,) in db.execute("PRAGMA integrity_check(20)"):
        text = _text(line)
        if text == "ok":
            break
        match = re.search(r"\brow (\d+) missing from index (events|acks)_", text)
        seq = int(match.group(1)) if match else 0
        where = f"event {seq}" if seq else "the register file"
        found.append((seq, f"{where} is damaged in the file (SQLite: {text})"))
    return found


def _problems(row: tuple[Any, ...], expected: int, prev: bytes) -> list[ChainProblem]:
    """What is wrong with one event that did not check out."""
    seq, kind, subject, file_sha, at, payload, prev_sha, digest = row
    kind_text, at_text = _text(kind), _text(at)
    out = []
    if seq != expected:
        out.append(ChainProblem(expected, "", "", f"event {expected} is missing (next is {seq})"))
    if _raw(prev_sha) != prev:
        out.append(
            ChainProblem(
                seq, kind_text, at_text, f"event {seq} does not follow the event before it"
            )
        )
    values = [_raw(v) for v in (prev_sha, kind, subject, file_sha, at, payload)]
    text = b"\n".join((values[0], b"%d" % seq, *values[1:]))
    if hashlib.sha256(text).hexdigest().encode() != _raw(digest):
        out.append(
            ChainProblem(seq, kind_text, at_text, f"event {seq} was changed after it was written")
        )
    return out


def _damaged_text(error: sqlite3.OperationalError) -> bool:
    return "decode" in str(error) or "user-defined function raised exception" in str(error)


def _busy(error: sqlite3.OperationalError) -> bool:
    text = str(error)
    return "locked" in text or "busy" in text


def _indexed_events(db: sqlite3.Connection) -> Iterator[tuple[int, str, str, str, dict[str, Any]]]:
    rows = db.execute(
        "SELECT seq, kind, subject, file_sha256, payload FROM events WHERE kind IN (?, ?) "
        "ORDER BY seq",
        (ACKNOWLEDGED, COUNTERSIGNED),
    ).fetchall()
    for seq, kind, subject, file_sha256, payload in rows:
        yield seq, kind, subject, file_sha256, json.loads(payload)


def _statements(schema: str) -> list[str]:
    """The schema one statement at a time (executescript would commit our transaction)."""
    out, current = [], ""
    for line in schema.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return out


def read_events(
    db: sqlite3.Connection,
    *,
    kinds: Sequence[str] = (),
    subject: str | None = None,
    file_sha256: str | None = None,
    form_id: str | None = None,
) -> list[Event]:
    """The events matching every condition given, in order; the SQL is built here only."""
    clauses: list[str] = []
    args: list[Any] = []
    if kinds:
        clauses.append(f"kind IN ({', '.join('?' for _ in kinds)})")
        args.extend(kinds)
    if subject is not None:
        clauses.append("subject = ?")
        args.append(subject)
    if file_sha256 is not None:
        clauses.append("file_sha256 = ?")
        args.append(file_sha256)
    if form_id is not None:
        clauses += [f"{_FORM_ID} = ?", _FORM_KINDS]  # as the index has it
        args.append(form_id)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.execute(f"SELECT {', '.join(STORED)} FROM events{where} ORDER BY seq", args)
    return [
        Event(seq, kind, subject, file_sha, at, json.loads(payload), prev, digest)
        for seq, kind, subject, file_sha, at, payload, prev, digest in rows
    ]
