"""Questionnaire rules: each answer checked against the pack's rules, as data the UI shows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.packs import Question, Rule

MET = "met"
ADVICE = "advice"
REFUSED = "refused"


@dataclass(frozen=True)
class RuleOutcome:
    """How one answer fared against one rule.

    status is MET, ADVICE (not met; recorded, does not stop anyone) or REFUSED (must be
    fixed before going on).
    """

    question_id: str
    clause: str
    status: str
    message: str


def normalise_handle(answer: str) -> str:
    return answer.strip().lstrip("@")


def contains_acronym(text: str, acronym: str) -> bool:
    """True when `text` uses `acronym` as itself, not as letters inside a word.

    Exact capitals count anywhere ("LondonIETyp"); any case counts at the start or end,
    or next to a character that is not a letter ("theiet", "iet_london"), so that
    "society" passes.
    """
    text = normalise_handle(text)
    if not acronym:
        return False
    if acronym in text:
        return True
    pattern = re.compile(
        rf"(?:^|(?<=[^A-Za-z])){re.escape(acronym)}|{re.escape(acronym)}(?:$|(?=[^A-Za-z]))",
        re.IGNORECASE,
    )
    return bool(pattern.search(text))


def rule_passes(rule: Rule, answer: str) -> bool:
    answer = answer.strip()
    if rule.check == "answered":
        return bool(answer)
    if rule.check == "equals":
        return answer.casefold() == str(rule.value).casefold()
    if rule.check == "min_length":
        return len(answer) >= int(rule.value or 0)
    if rule.check == "not_contains_acronym":
        return not contains_acronym(answer, str(rule.value))
    raise ValueError(f"unknown rule check {rule.check!r}")


def evaluate(question: Question, answer: str) -> list[RuleOutcome]:
    """Outcomes of every rule of `question` that applies to `answer`.

    A rule other than `answered` waits until there is an answer to judge.
    """
    outcomes = []
    for rule in question.rules:
        if not answer.strip() and rule.check != "answered":
            continue
        passed = rule_passes(rule, answer)
        failed_status = REFUSED if rule.severity == "block" else ADVICE
        status = MET if passed else failed_status
        outcomes.append(
            RuleOutcome(question.id, question.clause, status, "" if passed else rule.message)
        )
    return outcomes


def missing_answer(question: Question, answer: str) -> bool:
    return question.required and not answer.strip()


def blocking_problems(questions: tuple[Question, ...], answers: dict[str, str]) -> list[str]:
    """What stops the questionnaire being finished: unanswered required questions, refusals."""
    problems = []
    for question in questions:
        answer = answers.get(question.id, "")
        if missing_answer(question, answer):
            problems.append(f"Answer: {question.prompt}")
        for outcome in evaluate(question, answer):
            if outcome.status == REFUSED:
                problems.append(f"{outcome.message} (clause {question.clause})")
    return problems
