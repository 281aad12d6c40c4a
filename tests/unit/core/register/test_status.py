"""Statuses are derived, never stored: signed, countersigned, superseded, renewal due."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.core.register.register import Register
from app.core.register.status import (
    COUNTERSIGNED,
    RENEWAL_DUE,
    SIGNED,
    SUPERSEDED,
    PackRule,
    RowFilter,
    add_months,
    choices,
    select_rows,
)

from .support import add_countersigned, countersign, fill, make_ack

RULES = {
    "iet": PackRule("iet", "IET", "1.5", "", 12),
    "iom3": PackRule("iom3", "IOM3", "2024", "", 6),
}
TODAY = date(2026, 11, 21)


def signed(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)


def status_of(register: Register, person_number: int, rules=RULES, today=TODAY) -> tuple:
    row = next(
        r for r in register.snapshot(rules, today) if r.email == f"p{person_number}@example.org"
    )
    return row.status, row.due, row.renew_by, row.note


def test_signed_then_countersigned(register: Register) -> None:
    """A fresh acknowledgement is signed; once a trustee countersigns, countersigned."""
    ack = make_ack(1, signed_at=signed(date(2026, 10, 1)))
    register.add_acknowledgement(ack)
    assert status_of(register, 1) == (SIGNED, False, "2027-10-01", "")
    add_countersigned(register, countersign(ack))
    assert status_of(register, 1)[0] == COUNTERSIGNED
    (row,) = register.rows()
    assert row.countersigned_by == "Dafydd Trustee" and row.current_path.endswith(
        "countersigned.pdf"
    )


def test_renewal_is_due_after_the_packs_months(register: Register) -> None:
    """IET renews after 12 months, IOM3 (here) after 6: due on the day, not before."""
    register.add_acknowledgement(make_ack(1, signed_at=signed(date(2025, 11, 21))))
    register.add_acknowledgement(
        make_ack(2, pack_id="iom3", version="2024", signed_at=signed(date(2026, 5, 22)))
    )
    assert status_of(register, 1, today=date(2026, 11, 20))[:2] == (SIGNED, False)
    assert status_of(register, 1) == (
        RENEWAL_DUE,
        True,
        "2026-11-21",
        "signed more than 12 months ago",
    )
    assert status_of(register, 2)[:3] == (SIGNED, False, "2026-11-22")
    assert status_of(register, 2, today=date(2026, 11, 22))[:2] == (RENEWAL_DUE, True)


def test_a_new_policy_version_supersedes_and_asks_again(register: Register) -> None:
    """Signed 1.4 while the pack is at 1.5: superseded, and due now, however recent."""
    register.add_acknowledgement(make_ack(1, version="1.4", signed_at=signed(date(2026, 11, 1))))
    status, due, _, note = status_of(register, 1)
    assert (status, due, note) == (SUPERSEDED, True, "the policy is now version 1.5")


def test_changed_policy_text_under_the_same_version_supersedes(register: Register) -> None:
    """Same version number, different whole-policy hash: the text changed, so ask again."""
    rules = {"iet": PackRule("iet", "IET", "1.5", "a" * 64, 12)}
    register.add_acknowledgement(
        make_ack(1, policy_sha256="b" * 64, signed_at=signed(date(2026, 11, 1)))
    )
    register.add_acknowledgement(
        make_ack(2, policy_sha256="a" * 64, signed_at=signed(date(2026, 11, 1)))
    )
    assert status_of(register, 1, rules)[:2] == (SUPERSEDED, True)
    assert status_of(register, 2, rules)[:2] == (SIGNED, False)


def test_signing_again_supersedes_the_earlier_one_without_asking_again(register: Register) -> None:
    """The same person renews: the old one is superseded (not due), the new one is current."""
    old = make_ack(1, version="1.4", signed_at=signed(date(2025, 1, 5)))
    new = make_ack(2, person=old.person, signed_at=signed(date(2026, 11, 2)))
    new = type(new)(**{**new.payload(), "email": old.email})
    register.add_acknowledgement(old)
    register.add_acknowledgement(new)
    rows = {r.seq: r for r in register.snapshot(RULES, TODAY)}
    assert (rows[1].status, rows[1].due, rows[1].note) == (
        SUPERSEDED,
        False,
        "signed again on 2026-11-02",
    )
    assert (rows[2].status, rows[2].due) == (SIGNED, False)
    assert [r.person for r in register.due(RULES, TODAY)] == []


def test_a_version_newer_than_this_computers_pack_is_not_superseded(register: Register) -> None:
    """Imported from a laptop with a newer pack: noted, not marked superseded."""
    register.add_acknowledgement(make_ack(1, version="1.10", signed_at=signed(date(2026, 11, 1))))
    status, due, _, note = status_of(register, 1)
    assert (status, due) == (SIGNED, False) and "newer than the pack" in note


def test_an_unknown_pack_renews_after_twelve_months(register: Register) -> None:
    """A pack not installed here: no version to compare, the default 12 months apply."""
    register.add_acknowledgement(make_ack(1, signed_at=signed(date(2025, 11, 20))))
    assert status_of(register, 1, rules={})[:3] == (RENEWAL_DUE, True, "2026-11-20")


def test_months_are_calendar_months() -> None:
    """31 January plus one month is the last day of February; leap years count."""
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 11, 30), 14) == date(2027, 1, 30)


def test_filters_and_search_choose_rows(register: Register) -> None:
    """Organisation, role, status, version, due, queue and words in any field narrow rows."""
    fill(register, 300, start=datetime(2025, 6, 1, tzinfo=UTC), span_days=500)
    rows = register.snapshot(RULES, TODAY)

    def pick(**options) -> list:
        return [rows[i] for i in select_rows(rows, RowFilter(**options))]

    assert len(pick()) == 300
    assert {r.pack_id for r in pick(pack_id="iom3")} == {"iom3"}
    assert {r.role for r in pick(role="Trustee")} == {"Trustee"}
    assert {r.policy_version for r in pick(policy_version="1.4")} == {"1.4"}
    queue = pick(queue_only=True)
    assert queue and all(r.status == SIGNED and not r.countersigned for r in queue)
    due = pick(due_only=True)
    assert due and all(r.due for r in due) and len(due) == len(register.due(RULES, TODAY))
    assert {r.status for r in pick(status=SUPERSEDED)} == {SUPERSEDED}
    (found,) = pick(text="P123@EXAMPLE.ORG")
    assert found.membership_number == "1000123"
    assert all("novák" in r.person.casefold() for r in pick(text="novák 1"))
    assert pick(text="nobody-by-this-name") == []


def test_rows_sort_by_any_column_newest_first_by_default(register: Register) -> None:
    """Signed date descending by default; by name ascending; ties keep register order."""
    fill(register, 50)
    rows = register.snapshot(RULES, TODAY)
    newest_first = [rows[i].signed_ts for i in select_rows(rows, RowFilter())]
    assert newest_first == sorted(newest_first, reverse=True)
    by_name = [
        rows[i].person.casefold()
        for i in select_rows(rows, RowFilter(), "person", descending=False)
    ]
    assert by_name == sorted(by_name)
    by_version = [
        rows[i].policy_version for i in select_rows(rows, RowFilter(), "policy_version", False)
    ]
    assert by_version.index("2023") < by_version.index("2024")


def test_a_new_order_sorts_only_the_rows_already_chosen(register: Register) -> None:
    """Re-sorting reuses the filtered rows: the same rows come back in the new order."""
    fill(register, 120)
    rows = register.snapshot(RULES, TODAY)
    trustees = RowFilter(role="Trustee")
    chosen = select_rows(rows, trustees)
    resorted = select_rows(rows, trustees, "person", False, among=chosen)
    assert sorted(resorted) == sorted(chosen)
    assert resorted == select_rows(rows, trustees, "person", False)


def test_filter_choices_come_from_the_rows(register: Register) -> None:
    """The organisation, role and version lists hold what the register holds."""
    fill(register, 40)
    found = choices(register.snapshot(RULES, TODAY))
    assert found.packs == (("iet", "IET"), ("iom3", "IOM3"))
    assert "Trustee" in found.roles
    assert found.versions == ("1.4", "1.5", "2023", "2024")


def test_statuses_change_with_the_date_alone(register: Register) -> None:
    """Nothing is rewritten as time passes: the same events read as due a year later."""
    register.add_acknowledgement(make_ack(1, signed_at=signed(date(2026, 11, 1))))
    assert status_of(register, 1)[0] == SIGNED
    assert status_of(register, 1, today=TODAY + timedelta(days=365))[0] == RENEWAL_DUE
    assert register.count() == 1
