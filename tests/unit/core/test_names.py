"""Names made safe to print and show, and shortened for the Resume list."""

from __future__ import annotations

import pytest

from app.core.names import clean_name, first_name_and_initial, printable


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Ann\x00e Smith", "Anne Smith"),
        ("Mallory\x1b[8m NOT TRUSTED", "Mallory NOT TRUSTED"),
        ("Eve\x1b]0;title\x07 Evil", "Eve Evil"),
        ("Bob\x9b31m Builder", "Bob Builder"),
        ("Alice\u202e ecilA", "Alice ecilA"),
        ("  Siân \t\n Llewelyn-Jones ", "Siân Llewelyn-Jones"),
        ("Zoe\u0308", "Zoë"),
        ("lone \ud800 surrogate", "lone surrogate"),
    ],
)
def test_clean_name_removes_what_would_not_print_as_typed(typed: str, shown: str) -> None:
    """Controls, escapes, overrides and lone surrogates go; spaces fold; the rest stays."""
    assert clean_name(typed) == shown


def test_joiners_stay_for_emoji_and_persian() -> None:
    """ZWJ and ZWNJ are part of how some names and emoji are written."""
    assert clean_name("می\u200cخواهم 👩\u200d💻") == "می\u200cخواهم 👩\u200d💻"


@pytest.mark.parametrize("value", [42, None, ["a"], {"a": 1}, 3.5, True])
def test_a_value_that_is_not_text_is_no_name(value: object) -> None:
    """A number, list or null where a name should be gives an empty name, not a crash."""
    assert clean_name(value) == ""


def test_printable_keeps_lines_when_asked() -> None:
    """Terminal output keeps its line breaks and tabs but loses escapes."""
    assert printable("a\x1b[2Jb\n\tc\r\n", keep_lines=True) == "ab\n\tc\n"


def test_a_carriage_return_cannot_overwrite_a_line() -> None:
    """ "Alice\rMallory" would print Mallory over Alice: the CR becomes a line break."""
    assert printable("Alice\rMallory", keep_lines=True) == "Alice\nMallory"


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Siân Llewelyn-Jones", "Siân L."),
        ("Mary Ann de la Cruz", "Mary C."),
        ("Madonna", "M…"),
        ("王小明", "王…"),
        ("محمد عبد الله", "محمد ا."),
        ("", ""),
        ("X", "X"),
    ],
)
def test_first_name_and_initial(full: str, short: str) -> None:
    """The Resume list shows no more than a first name and the last name's initial."""
    assert first_name_and_initial(full) == short
