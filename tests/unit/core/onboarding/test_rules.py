"""Questionnaire rules: what is refused, what is advice, what passes."""

from __future__ import annotations

import pytest

from app.core.onboarding.rules import (
    ADVICE,
    MET,
    REFUSED,
    blocking_problems,
    contains_acronym,
    evaluate,
)
from app.core.packs import Question, Rule

HANDLE = Question(
    id="handle",
    clause="5.4",
    prompt="Your @handle",
    kind="text",
    required=False,
    help="",
    rules=(Rule("not_contains_acronym", "IET", "block", "Leave IET out of the handle."),),
)
TIME = Question(
    id="time",
    clause="5.3",
    prompt="Four posts a week?",
    kind="yes_no",
    required=True,
    help="",
    rules=(Rule("equals", "yes", "advice", "Plan for four posts a week."),),
)


@pytest.mark.parametrize(
    "handle", ["@IET", "@theiet", "@LondonIETyp", "@iet_london", "IETLondon", "@young-iet", "@ iet"]
)
def test_handles_using_the_acronym_are_refused(handle: str) -> None:
    """The acronym is found at either end, next to a non-letter, or in capitals inside."""
    assert contains_acronym(handle, "IET")


@pytest.mark.parametrize(
    "handle", ["@societyofengineers", "@varietyshow", "@quietengineer", "@LondonEngineers", ""]
)
def test_words_that_merely_contain_the_letters_pass(handle: str) -> None:
    """'society' or 'quiet' are not the acronym."""
    assert not contains_acronym(handle, "IET")


def test_refused_handle_gives_reason_and_clause() -> None:
    """A handle with IET is refused with the pack's reason, citing clause 5.4."""
    (outcome,) = evaluate(HANDLE, "@IET_Bristol")
    assert (outcome.status, outcome.message, outcome.clause) == (
        REFUSED,
        "Leave IET out of the handle.",
        "5.4",
    )
    assert blocking_problems((HANDLE,), {"handle": "@IET_Bristol"}) == [
        "Leave IET out of the handle. (clause 5.4)"
    ]


def test_advice_never_blocks() -> None:
    """Answering 'no' to four posts a week is recorded as advice and does not block."""
    (outcome,) = evaluate(TIME, "no")
    assert outcome.status == ADVICE
    assert blocking_problems((TIME,), {"time": "no"}) == []


def test_required_question_blocks_until_answered() -> None:
    """An unanswered required question is named in what stops the page."""
    assert blocking_problems((TIME,), {}) == ["Answer: Four posts a week?"]
    assert [o.status for o in evaluate(TIME, "yes")] == [MET]


def test_optional_question_with_no_answer_is_not_judged() -> None:
    """An empty optional handle has no outcome at all."""
    assert evaluate(HANDLE, "  ") == []
    assert blocking_problems((HANDLE,), {}) == []


def test_min_length_rule() -> None:
    """A min_length rule flags a short answer and passes a long one."""
    question = Question(
        "aim", "5.3", "Aim?", "text", True, "", (Rule("min_length", 10, "advice", "Say more."),)
    )
    assert [o.status for o in evaluate(question, "News")] == [ADVICE]
    assert [o.status for o in evaluate(question, "Branch news and events")] == [MET]
