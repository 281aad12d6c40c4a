"""The checks every data file and form shares: e-mail addresses, ids, dates and months.

One definition each, so a pack, a consent template, the wizard and the register agree on
what an e-mail address or a date is.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

# Deliberately loose: something@something.tld with no spaces. Whether the address works is
# not ours to know offline; this only catches the obviously incomplete.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Ids name folders and files (packs, templates, keys within a file): lower-case letters,
# digits and hyphens, starting with a letter or digit.
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
ID_RULE = "lower-case letters, digits and hyphens (at most 64), starting with a letter or digit"


def is_email(text: str) -> bool:
    """True for something shaped like name@example.org."""
    return bool(_EMAIL.match(text))


def is_id(text: str) -> bool:
    """True for an id of a pack, a template, a purpose or an option."""
    return bool(_ID.match(text))


def parse_date(text: str) -> date:
    """A real calendar date written YYYY-MM-DD, or ValueError saying how to write one."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the calendar") from None


def is_partial_date(text: str) -> bool:
    """True for YYYY, YYYY-MM or a real YYYY-MM-DD date (approval dates may be partial)."""
    if re.fullmatch(r"\d{4}", text):
        return True
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return True
    try:
        parse_date(text)
    except ValueError:
        return False
    return True


def add_months(day: date, months: int) -> date:
    """`day` plus whole calendar months; a day the month lacks becomes its last day."""
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def is_due(due_on: date | None, today: date) -> bool:
    """True once a review or renewal date has come: on that day and after."""
    return due_on is not None and due_on <= today
