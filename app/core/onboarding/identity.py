"""What a person must tell us about themselves before they go on, as messages to show."""

from __future__ import annotations

import hmac

from app.core.names import clean_name, first_name_and_initial
from app.core.onboarding.session import Identity
from app.core.validation import is_email


def tidy_name(text: str) -> str:
    """A name as typed, with runs of spaces folded, no space at either end and no control
    characters (a pasted NUL or terminal escape)."""
    return clean_name(text)


def missing(identity: Identity) -> list[str]:
    """What is still needed on the About you page, one plain sentence each, in page order."""
    needed = []
    if not identity.full_name.strip():
        needed.append("Type your full name.")
    email = identity.email.strip()
    if not email:
        needed.append("Type your e-mail address.")
    elif not is_email(email):
        needed.append("The e-mail address looks incomplete: it should be like name@example.org.")
    if not identity.role:
        needed.append("Choose your role.")
    if identity.under_18:
        if not identity.guardian_name.strip():
            needed.append("Type your parent or guardian's full name.")
        if not identity.guardian_relationship.strip():
            needed.append("Say how they are related to you (parent, guardian…).")
        if not is_email(identity.guardian_email.strip()):
            needed.append(
                "Type your parent or guardian's e-mail address: their signature is tied to it."
            )
    return needed


def resume_label(identity: Identity) -> str:
    """How the Resume list names a saved onboarding: a first name and an initial only, so
    a shared laptop does not show everyone's full name."""
    return first_name_and_initial(identity.full_name)


def needs_email_to_resume(identity: Identity) -> bool:
    """Whether resuming asks for the e-mail address: once one was typed, always."""
    return bool(identity.email.strip())


def email_matches(identity: Identity, typed: str) -> bool:
    """Whether `typed` is the e-mail address saved with the onboarding (case and spaces aside)."""
    saved = identity.email.strip().casefold()
    return bool(saved) and hmac.compare_digest(typed.strip().casefold().encode(), saved.encode())
