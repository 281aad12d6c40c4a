"""The SQL view of the register gives what the Python derivation gives, and stays checked."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.core.register import events
from app.core.register.acks import PAYLOAD_FACTS
from app.core.register.events import SCHEMA_VERSION
from app.core.register.query import renewal_cutoff
from app.core.register.register import Register
from app.core.register.status import PackRule, RowFilter, select_rows
from app.core.validation import add_months, is_due

from .support import add_countersigned, countersign, fill, make_ack

RULES = {
    "iet": PackRule("iet", "IET", "1.5", "", 12),
    "iom3": PackRule("iom3", "IOM3", "2024", "", 6),
}
TODAY = date(2026, 11, 21)
FILTERS = (
    RowFilter(),
    RowFilter(text="novák"),
    RowFilter(text="iet 1.4"),
    RowFilter(text="ab"),
    RowFilter(text="dafydd trustee"),
    RowFilter(due_only=True),
    RowFilter(status="superseded"),
    RowFilter(status="renewal due", pack_id="iom3"),
    RowFilter(queue_only=True, role="Trustee"),
    RowFilter(policy_version="2023"),
    RowFilter(text=make_ack(5).session_id[:8]),  # a session id, by its start
)
SORTS = ("signed_at", "person", "status", "renew_by", "organisation", "policy_version", "email")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Register:
    seed = 20261121
    print(f"seed {seed}")
    register = Register(tmp_path_factory.mktemp("query") / "register.sqlite")
    fill(register, 400, seed=seed)
    rng = random.Random(seed)
    for number in rng.sample(range(400), 40):  # some sign again, some under a new version
        again = make_ack(number, signed_at=None)
        again = type(again)(
            **{
                **again.payload(),
                "session_id": f"again-{number}",
                "signed_at": "2026-06-01T10:00:00+00:00",
            }
        )
        register.add_acknowledgement(again)
    return register


def test_every_filter_and_order_gives_the_rows_and_statuses_python_gives(seeded: Register) -> None:
    """For each filter and each order, the SQL view lists the same rows, in the same order,
    with the same status, renewal date and note as derive_statuses + select_rows."""
    snapshot = seeded.snapshot(RULES, TODAY)
    for row_filter in FILTERS:
        for key in SORTS:
            for descending in (True, False):
                view = seeded.view(RULES, TODAY, row_filter, key, descending)
                want = [snapshot[i] for i in select_rows(snapshot, row_filter, key, descending)]
                got = list(view.all())
                facts = [(r.seq, r.status, r.due, r.renew_by, r.note) for r in got]
                assert facts == [(r.seq, r.status, r.due, r.renew_by, r.note) for r in want], (
                    row_filter,
                    key,
                    descending,
                )
                assert view.count() == len(want)


def test_the_due_count_is_the_number_of_people_due(seeded: Register) -> None:
    """The home window's one-query count equals the people the due list names."""
    assert seeded.due_count(RULES, TODAY) == len(seeded.due(RULES, TODAY)) > 0


def test_the_renewal_cutoff_is_the_last_day_whose_renewal_has_come() -> None:
    """Signed on or before the cut-off ⇔ due, for every day of two years and 1–24 months."""
    today = date(2027, 2, 28)
    for months in (1, 6, 12, 13, 24):
        cutoff = renewal_cutoff(today, months)
        day = today - timedelta(days=800)
        while day <= today:
            assert (day.isoformat() <= cutoff) == is_due(add_months(day, months), today), (
                day,
                months,
            )
            day += timedelta(days=1)


def test_register_check_finds_an_index_row_edited_behind_its_back(register: Register) -> None:
    """Changing the acknowledgements index directly is caught by the register check."""
    ack = make_ack(1)
    register.add_acknowledgement(ack)
    add_countersigned(register, countersign(ack))
    assert register.verify_chain().ok
    with closing(sqlite3.connect(register.path)) as db, db:
        db.execute("UPDATE acks SET countersigned_by = 'Someone Else'")
    check = register.verify_chain()
    assert [p.message for p in check.problems] == [
        "event 1 has the wrong countersignature in the acknowledgements index"
    ]


def test_a_register_from_before_the_index_gets_one_on_first_use(register: Register) -> None:
    """A register written without the index (format 1) is indexed once, then reads the same."""
    register.add_acknowledgement(make_ack(1))
    register.add_acknowledgement(make_ack(2, role="Trustee"))
    with closing(sqlite3.connect(register.path)) as db, db:
        for table in ("acks", "acks_search", "countersigned_search"):
            db.execute(f"DROP TABLE {table}")
        db.execute("PRAGMA user_version = 1")
    reopened = Register(register.path)
    view = reopened.view(RULES, TODAY, RowFilter(role="Trustee"))
    assert [r.person for r in view.all()] == [make_ack(2).person]
    assert reopened.verify_chain().ok
    with closing(sqlite3.connect(register.path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


_EARLIER_COLUMNS = (*PAYLOAD_FACTS, "trustee", "form_id")  # formats 2 and 3
_EARLIER_FORM_INDEX = "CREATE INDEX events_form ON events (form_id) WHERE form_id IS NOT NULL"


def _format_2(path: Path, newer: Path) -> None:
    """A register as format 2 made it: a STORED column generated for each payload fact, the
    events copied from `newer`, no acknowledgements index."""
    columns = ",\n".join(
        f"{key} TEXT GENERATED ALWAYS AS (json_extract(payload, '$.{key}')) STORED"
        for key in _EARLIER_COLUMNS
    )
    table, _, rest = events._SCHEMA.partition("UNIQUE\n);")
    indexes = [s for s in events._statements(rest) if "events_form" not in s]
    stored = ", ".join(events.STORED)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute(f"{table}UNIQUE,\n{columns}\n)")
        for statement in [*indexes, _EARLIER_FORM_INDEX]:
            db.execute(statement)
        db.execute("ATTACH ? AS newer", (str(newer),))
        db.execute(f"INSERT INTO events ({stored}) SELECT {stored} FROM newer.events")
        db.execute("PRAGMA user_version = 2")


def _format_3(path: Path) -> None:
    """The register at `path` turned back into format 3: VIRTUAL payload columns (SQLite
    adds those without touching a row) and the form index on one of them."""
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("DROP INDEX events_form")
        for key in _EARLIER_COLUMNS:
            db.execute(
                f"ALTER TABLE events ADD COLUMN {key} TEXT "
                f"GENERATED ALWAYS AS (json_extract(payload, '$.{key}')) VIRTUAL"
            )
        db.execute(_EARLIER_FORM_INDEX)
        db.execute("PRAGMA user_version = 3")


@pytest.mark.parametrize("version", [2, 3])
def test_an_earlier_register_is_read_from_the_payload_alone(
    register: Register, tmp_path: Path, version: int
) -> None:
    """Formats 2 and 3 kept columns generated from the payload: on first use they are gone,
    every event kept as it was, the chain intact, the rows the same."""
    register.add_acknowledgement(make_ack(1))
    register.add_acknowledgement(make_ack(2, role="Trustee"))
    older = tmp_path / f"format-{version}.sqlite"
    if version == 2:
        _format_2(older, register.path)
    else:
        older = register.path
        _format_3(older)
    reopened = Register(older)
    view = reopened.view(RULES, TODAY, RowFilter(role="Trustee"))
    assert [r.person for r in view.all()] == [make_ack(2).person]
    assert reopened.verify_chain().ok and reopened.count() == 2
    with closing(sqlite3.connect(older)) as db:
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()
    assert "GENERATED" not in sql
