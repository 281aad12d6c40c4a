"""Big registers for the benchmarks, made once and kept in build/bench-cache (ignored by git;
tests/with-keyring gives each run a fresh home and cache folder, so not there).

A million events appended one by one through the app takes tens of minutes on a small
machine, so this writes the same events (the app's own hashing, payload text and
acknowledgements index: app.core.register.events and .acks) in one transaction with the
indexes made afterwards. `register check` passes on the result, so it is a register the
app could have written. Made-up people as in tests/unit/core/register/support.py.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from app.core.register import acks
from app.core.register import events as events_schema
from app.core.register.events import GENESIS, STORED, EventLog, event_hash, payload_text
from app.core.register.kinds import ACKNOWLEDGED, COUNTERSIGNED
from tests.unit.core.register.support import PACKS, ROLES, START, countersign, make_ack

FORMAT = 4  # bump when the data made here changes (4: trusted, VIRTUAL columns)


def cache_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "build" / "bench-cache"
    return Path(os.environ.get("INDUCT_BENCH_CACHE") or default)


def register_file(events: int) -> Path:
    """A register of about `events` events (3 acknowledgements to 1 countersignature)."""
    path = cache_dir() / f"register-{events}-f{FORMAT}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        for leftover in path.parent.glob(part.name + "*"):
            leftover.unlink()
        build(part, events)
        part.rename(path)
    with EventLog(path).connect():  # one made by an earlier format is brought up to date
        pass  # here, not inside the first timed run
    return path


def _events(count: int, seed: int = 5) -> Iterator[tuple[str, str, str, dict, str]]:
    rng = random.Random(seed)
    template = make_ack(0).payload()
    cs_template = countersign(make_ack(0)).payload()
    number = made = 0
    while made < count:
        pack_id, organisation = PACKS[number % 2]
        old = rng.random() < 0.15
        moment = START + timedelta(minutes=rng.randrange(900 * 1440))
        name = f"{number} {hashlib.md5(str(number).encode()).hexdigest()[:6]}"
        ack = make_ack(number, pack_id=pack_id, signed_at=moment, person=name)
        payload = dict(
            template,
            session_id=ack.session_id,
            person=ack.person,
            email=ack.email,
            membership_number=ack.membership_number,
            role=rng.choice(ROLES),
            pack_id=pack_id,
            organisation=organisation,
            policy_version={"iet": ("1.5", "1.4"), "iom3": ("2024", "2023")}[pack_id][old],
            signed_at=ack.signed_at,
            file_path=ack.file_path,
            file_sha256=ack.file_sha256,
            fingerprint=ack.fingerprint,
        )
        yield ACKNOWLEDGED, ack.session_id, ack.signed_at, payload, ack.file_sha256
        made += 1
        if number % 3 == 0 and made < count:
            cs = countersign(ack)
            yield (
                COUNTERSIGNED,
                cs.session_id,
                cs.signed_at,
                dict(
                    cs_template,
                    session_id=cs.session_id,
                    signed_at=cs.signed_at,
                    file_path=cs.file_path,
                    file_sha256=cs.file_sha256,
                ),
                cs.file_sha256,
            )
            made += 1
        number += 1


def build(path: Path, count: int) -> None:
    log = EventLog(path)
    with log.connect():  # the schema, as the app makes it
        pass
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-400000")
        indexes = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND name NOT IN ('acks_person_key', 'acks_subject')"
        ).fetchall()
        db.execute("BEGIN")
        for (name,) in indexes:
            db.execute(f"DROP INDEX {name}")
        prev = GENESIS
        insert = f"INSERT INTO events ({', '.join(STORED)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        for seq, (kind, subject, at, payload, file_sha) in enumerate(_events(count), start=1):
            text = payload_text(payload)
            digest = event_hash(prev, seq, kind, subject, file_sha, at, text)
            db.execute(insert, (seq, kind, subject, file_sha, at, text, prev, digest))
            acks.on_append(db, seq, kind, subject, file_sha, payload)
            prev = digest
        for statement in (acks.SCHEMA + events_schema._SCHEMA).split(";"):
            if statement.strip().upper().startswith("CREATE INDEX"):
                db.execute(statement)
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode=WAL")
