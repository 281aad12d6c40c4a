"""One definition each of e-mail, id, date, months and due."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.validation import add_months, is_due, is_email, is_id, is_partial_date, parse_date


def test_email_needs_a_domain_with_a_dot() -> None:
    """name@example.org passes; name@example does not."""
    assert [is_email(t) for t in ("name@example.org", "name@example", "a b@c.org")] == [
        True,
        False,
        False,
    ]


def test_ids_are_lower_case_words() -> None:
    """iet and iom3-trustees pass; capitals, spaces and a leading hyphen do not."""
    assert [is_id(t) for t in ("iet", "iom3-trustees", "IET", "a b", "-x", "a" * 65)] == [
        True,
        True,
        False,
        False,
        False,
        False,
    ]


def test_a_date_must_be_in_the_calendar() -> None:
    """2026-02-31 is refused although it is shaped like a date."""
    with pytest.raises(ValueError, match="not a date in the calendar"):
        parse_date("2026-02-31")


def test_partial_dates_are_years_months_or_real_days() -> None:
    """2025, 2025-03 and 2024-02-29 pass; 2025-02-29 and 2025-13 do not."""
    texts = ("2025", "2025-03", "2024-02-29", "2025-02-29", "2025-13")
    assert [is_partial_date(t) for t in texts] == [True, True, True, False, False]


def test_months_end_on_the_last_day_when_the_day_is_missing() -> None:
    """31 January plus one month is 28 February; plus 13 is 29 February of a leap year."""
    assert (add_months(date(2027, 1, 31), 1), add_months(date(2027, 1, 31), 13)) == (
        date(2027, 2, 28),
        date(2028, 2, 29),
    )


def test_due_on_the_day_and_after() -> None:
    """A review date is due on that day, not the day before; no date is never due."""
    day = date(2027, 5, 1)
    assert [is_due(day, date(2027, 4, 30)), is_due(day, day), is_due(None, day)] == [
        False,
        True,
        False,
    ]
