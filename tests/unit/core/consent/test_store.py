"""The consent log: append-only events, withdrawals applied, the hash chain, reviews due."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path

import pytest

from app.core import paths
from app.core.consent.form import (
    ConsentForm,
    ConsentingAdult,
    ConsentRecord,
    ConsentStore,
    Subject,
    Withdrawal,
)

FormFor = Callable[..., ConsentForm]


@contextmanager
def _db(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection of our own, committed and closed at the end, as another program's."""
    with closing(sqlite3.connect(path)) as db, db:
        yield db


@pytest.fixture
def publicity(form_for: FormFor) -> ConsentRecord:
    form = form_for("iet", "publicity", event="Open day", date="2026-06-12")
    return form.make_record(
        subject=Subject("Siân Llewelyn-Jones", "m-1234567", "Volunteer"),
        granted=["media.photo", "media.video", "channels.website", "channels.linkedin"],
        identification="first-name",
        method="in-app typed name",
        operator="Sam Patel",
        recorded_at="2026-06-12T10:15:00+01:00",
        form_id="IET-PUB-7K3M-Q9XD",
    )


@pytest.fixture
def guardian(form_for: FormFor) -> Callable[..., ConsentRecord]:
    form = form_for("iom3", "guardian")

    def build(**changes: object) -> ConsentRecord:
        options = {"child_agreement": True, "parental_disagreement": False, **changes}
        return form.make_record(
            subject=Subject("Zoë Novák", "c-17", dob="2013-09-30"),
            consenting_adult=ConsentingAdult("Marta Novák", "Mother", True),
            granted=["media.photo", "channels.website"],
            method="paper form, scanned",
            operator="Sam Patel",
            recorded_at="2026-06-12T10:15:00+01:00",
            witness="Sam Patel",
            **options,
        )  # type: ignore[arg-type]

    return build


def test_the_log_lives_in_the_data_folder_in_wal_mode() -> None:
    """Consents are in the register, register.sqlite in the user's data folder, WAL mode."""
    store = ConsentStore()
    assert store.path == paths.data_dir() / "register.sqlite"
    with _db(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_withdrawal_is_appended_and_applied(publicity: ConsentRecord) -> None:
    """R6: the consent stays as given; the withdrawal is a new event; current() applies it."""
    store = ConsentStore()
    store.record(publicity)
    store.withdraw(
        Withdrawal(
            publicity.record_id,
            "2026-07-01T09:00:00+01:00",
            "e-mail",
            ("channels.linkedin", "media.video"),
            note="Prefers not",
            withdrawn_by="subject",
            operator="Comms officer",
        )
    )
    history = store.history(publicity.record_id)
    assert [e.kind for e in history] == ["record", "withdrawal"]
    assert ConsentRecord.from_dict(history[0].payload) == publicity  # nothing overwritten
    assert history[1].payload["scope"] == ["channels.linkedin", "media.video"]
    assert store.current(publicity.record_id).granted() == ["media.photo", "channels.website"]
    store.withdraw(Withdrawal(publicity.record_id, "2026-08-01T09:00:00+01:00", "in person", "all"))
    assert store.current(publicity.record_id).granted() == []
    assert len(store.history(publicity.record_id)) == 3
    assert store.verify() == []


def test_events_cannot_be_changed_or_deleted(publicity: ConsentRecord) -> None:
    """Triggers refuse UPDATE and DELETE: the log is append-only."""
    store = ConsentStore()
    store.record(publicity)
    with _db(store.path) as db:
        for statement in ("UPDATE events SET payload = '{}'", "DELETE FROM events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute(statement)


def test_the_hash_chain_shows_an_edit_behind_the_apps_back(
    publicity: ConsentRecord, tmp_path: Path
) -> None:
    """Each event carries the previous event's hash; a changed row breaks the chain."""
    store = ConsentStore(tmp_path / "log.sqlite")
    first = store.record(publicity)
    second = store.withdraw(
        Withdrawal(publicity.record_id, "2026-07-01T09:00:00+01:00", "phone", ("media.photo",))
    )
    assert first.prev_sha256 == "0" * 64 and second.prev_sha256 == first.sha256
    assert store.verify() == []
    with _db(store.path) as db:
        db.execute("DROP TRIGGER events_no_update")
        db.execute(
            "UPDATE events SET payload = replace(payload, 'media.photo', "
            "'media.audio') WHERE seq = 2"
        )
    assert store.verify() == ["event 2 was changed after it was written"]


def test_a_record_id_is_used_once_and_withdrawals_name_real_purposes(
    publicity: ConsentRecord,
) -> None:
    """A renewal is a new record; a withdrawal of an unknown purpose or record is refused."""
    store = ConsentStore()
    store.record(publicity)
    with pytest.raises(ValueError, match="already recorded"):
        store.record(publicity)
    with pytest.raises(ValueError, match=r"not purposes of this consent: channels\.tiktok"):
        store.withdraw(
            Withdrawal(
                publicity.record_id, "2026-07-01T09:00:00+01:00", "e-mail", ("channels.tiktok",)
            )
        )
    with pytest.raises(KeyError):
        store.withdraw(Withdrawal("nope", "2026-07-01T09:00:00+01:00", "e-mail", "all"))
    assert store.verify() == []


def test_the_childs_objection_overrides_the_parent(guardian: Callable[..., ConsentRecord]) -> None:
    """G6: stored as ticked, but current() counts every purpose as refused."""
    store = ConsentStore()
    agrees, objects = guardian(), guardian(child_agreement=False)
    store.record(agrees)
    store.record(objects)
    assert store.current(agrees.record_id).granted() == ["media.photo", "channels.website"]
    assert store.current(objects.record_id).granted() == []
    assert any(
        d.granted
        for d in ConsentRecord.from_dict(store.history(objects.record_id)[0].payload).decisions
    )


def test_two_parents_disagreeing_is_no_consent(guardian: Callable[..., ConsentRecord]) -> None:
    """G8: a disagreement between people with parental responsibility is recorded as no consent."""
    store = ConsentStore()
    record = guardian(parental_disagreement=True)
    store.record(record)
    current = store.current(record.record_id)
    assert current.decisions and not any(d.granted for d in current.decisions)


def test_reviews_due_and_lookup_by_form_id(
    publicity: ConsentRecord, guardian: Callable[..., ConsentRecord]
) -> None:
    """R7: consents expiring by a date and still granting something; matching a paper form."""
    store = ConsentStore()
    store.record(publicity)  # expires 2029-06-12
    child = guardian()  # expires 2027-06-12
    store.record(child)
    assert [r.record_id for r in store.due_for_review(date(2027, 6, 11))] == []
    assert [r.record_id for r in store.due_for_review(date(2027, 6, 12))] == [child.record_id]
    store.withdraw(Withdrawal(child.record_id, "2026-12-01T09:00:00+00:00", "letter", "all"))
    assert store.due_for_review(date(2030, 1, 1)) == [store.current(publicity.record_id)]
    (found,) = store.find_by_form_id("IET-PUB-7K3M-Q9XD")
    assert found.record_id == publicity.record_id
    assert len(store.records()) == 2
