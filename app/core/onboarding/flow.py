"""The steps one person goes through, in order, for the progress shown at every step."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.onboarding.session import Identity
from app.core.packs import Pack

ORGANISATION = "organisation"
IDENTITY = "identity"
QUIZ = "quiz"
QUESTIONNAIRE = "questionnaire"
CHECKLIST = "checklist"
REVIEW = "review"
SIGN = "sign"
GUARDIAN = "guardian"
DONE = "done"
SECTION_PREFIX = "section:"


@dataclass(frozen=True)
class Step:
    key: str
    title: str


def section_key(section_id: str) -> str:
    return SECTION_PREFIX + section_id


def steps_for(pack: Pack | None, identity: Identity) -> list[Step]:
    """Every step for this person: sections by role, the questionnaire only for account holders.

    The quiz, the questionnaire and the checklist are each left out when the pack has none.
    """
    steps = [Step(ORGANISATION, "Choose organisation"), Step(IDENTITY, "About you")]
    if pack is None:
        return steps
    steps += [Step(section_key(s.id), s.heading) for s in pack.sections_for(identity.role)]
    if pack.quiz:
        steps.append(Step(QUIZ, "Check your understanding"))
    if identity.runs_account and pack.questions:
        steps.append(Step(QUESTIONNAIRE, "Setting up an account"))
    if pack.checklist:
        steps.append(Step(CHECKLIST, "Account security"))
    steps += [Step(REVIEW, "Check your answers"), Step(SIGN, "Sign")]
    if identity.under_18:
        steps.append(Step(GUARDIAN, "Parent or guardian signs"))
    steps.append(Step(DONE, "Done"))
    return steps


def position(steps: list[Step], key: str) -> tuple[int, int]:
    """(number of this step counting from 1, how many steps) for "Step N of M"."""
    for index, step in enumerate(steps):
        if step.key == key:
            return index + 1, len(steps)
    return 0, len(steps)
