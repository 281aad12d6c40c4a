"""The event log: one WAL file in the data folder, append-only, hash-chained, checked."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from app.core import paths
from app.core.register.events import GENESIS, RegisterError
from app.core.register.register import Register

from .support import add_countersigned, countersign, make_ack


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection of our own, committed and closed at the end, as another program's."""
    with closing(sqlite3.connect(path)) as db, db:
        yield db


def test_the_register_is_one_wal_file_in_the_data_folder(register: Register) -> None:
    """register.sqlite in the user's data folder, made on first use, journal mode WAL."""
    assert register.path == paths.data_dir() / "register.sqlite"
    assert not register.path.exists()
    register.add_acknowledgement(make_ack(1))
    with raw(register.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_events_cannot_be_changed_or_deleted(register: Register) -> None:
    """Triggers refuse UPDATE and DELETE from any connection: events are only appended."""
    register.add_acknowledgement(make_ack(1))
    with raw(register.path) as db:
        for statement in ("UPDATE events SET at = 'yesterday'", "DELETE FROM events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute(statement)
    assert register.count() == 1


def test_each_event_carries_the_hash_of_the_one_before(register: Register) -> None:
    """The first follows the all-zero genesis hash; each later one, its predecessor's."""
    ack = make_ack(1)
    _, first = register.add_acknowledgement(ack)
    second = add_countersigned(register, countersign(ack))
    assert first.prev_sha256 == GENESIS
    assert second.prev_sha256 == first.sha256
    check = register.verify_chain()
    assert check.ok and check.count == 2 and check.head == second.sha256


def test_an_edit_behind_the_apps_back_names_the_event(register: Register) -> None:
    """A row changed with the trigger dropped: the check names that event, kind and time."""
    for number in range(1, 5):
        register.add_acknowledgement(make_ack(number))
    with raw(register.path) as db:
        db.execute("DROP TRIGGER events_no_update")
        db.execute(
            "UPDATE events SET payload = replace(payload, 'Volunteer', 'Trustee') WHERE seq = 3"
        )
    check = register.verify_chain()
    assert not check.ok
    broken = check.first_broken
    assert broken is not None and broken.seq == 3
    assert broken.describe() == (
        f"event 3 (acknowledgement signed, {make_ack(3).signed_at}) "
        "was changed after it was written"
    )
    assert len(check.problems) == 1


def test_a_removed_event_and_a_rewritten_chain_are_both_found(register: Register) -> None:
    """Deleting a row leaves a gap; recomputing one hash breaks the link to the next."""
    for number in range(1, 6):
        register.add_acknowledgement(make_ack(number))
    with raw(register.path) as db:
        db.execute("DROP TRIGGER events_no_delete")
        db.execute("DROP TRIGGER events_no_update")
        db.execute("DELETE FROM events WHERE seq = 2")
        db.execute("UPDATE events SET sha256 = ? WHERE seq = 4", ("f" * 64,))
    messages = [p.message for p in register.verify_chain().problems]
    assert messages == [
        "event 2 is missing (next is 3)",
        "event 3 does not follow the event before it",
        "event 4 was changed after it was written",
        "event 5 does not follow the event before it",
    ]


def test_an_acknowledgement_is_added_once(register: Register) -> None:
    """The same session again returns the event already there, and adds nothing."""
    ack = make_ack(7)
    added, event = register.add_acknowledgement(ack)
    again, same = register.add_acknowledgement(ack)
    assert (added, again, same.seq, register.count()) == (True, False, event.seq, 1)


def test_a_file_that_is_not_a_register_is_reported(tmp_path: Path) -> None:
    """Pointing Induct at some other file gives a RegisterError naming it, not a crash."""
    other = tmp_path / "notes.sqlite"
    other.write_text("shopping list: milk, eggs\n" * 200)
    with pytest.raises(RegisterError, match=r"notes\.sqlite"):
        Register(other).verify_chain()


def test_a_register_from_a_newer_induct_is_refused(tmp_path: Path) -> None:
    """A higher format number means a newer Induct wrote it: say so rather than guess."""
    path = tmp_path / "register.sqlite"
    Register(path).add_acknowledgement(make_ack(1))
    with raw(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(RegisterError, match="newer version of Induct"):
        Register(path).rows()
