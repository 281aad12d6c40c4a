"""About you: what the page asks for before Next, decided in core."""

from __future__ import annotations

from app.core.onboarding.identity import email_matches, missing, needs_email_to_resume, tidy_name
from app.core.onboarding.session import Identity


def _adult(**changes: object) -> Identity:
    identity = Identity(full_name="Alice Volunteer", email="alice@example.org", role="Volunteer")
    for key, value in changes.items():
        setattr(identity, key, value)
    return identity


def test_complete_adult_needs_nothing() -> None:
    """An adult with name, e-mail and role may go on."""
    assert missing(_adult()) == []


def test_incomplete_email_is_explained() -> None:
    """An address without a domain gets the example of a whole one."""
    assert missing(_adult(email="alice@example")) == [
        "The e-mail address looks incomplete: it should be like name@example.org."
    ]


def test_under_18_needs_the_guardian_in_page_order() -> None:
    """Under 18 without guardian details: name, relationship and e-mail, in that order."""
    assert missing(_adult(under_18=True)) == [
        "Type your parent or guardian's full name.",
        "Say how they are related to you (parent, guardian…).",
        "Type your parent or guardian's e-mail address: their signature is tied to it.",
    ]


def test_names_are_tidied_not_changed() -> None:
    """Runs of spaces fold to one; the letters stay as typed."""
    assert tidy_name("  Zoë   O'Brien ") == "Zoë O'Brien"


def test_a_pasted_name_loses_control_characters_and_escapes() -> None:
    """A NUL or a terminal escape pasted into the name field never reaches the session."""
    assert tidy_name("Ann\x00e \x1b[8mSmith\x1b[0m") == "Anne Smith"


def test_resuming_needs_the_e_mail_address_typed() -> None:
    """Case and surrounding spaces aside, only the saved address resumes; none saved, none asked."""
    saved = Identity(full_name="Siân Llewelyn-Jones", email="sian@example.org")
    assert (
        email_matches(saved, " SIAN@example.org "),
        email_matches(saved, "mallory@example.org"),
        email_matches(saved, ""),
        needs_email_to_resume(Identity(full_name="Siân")),
    ) == (True, False, False, False)
