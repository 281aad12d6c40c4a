"""The quiz as a person takes it: choices shuffled per person, rounds, an optional pass mark.

Each person sees every question's choices in an order drawn from their session's seed,
and that order is recorded. An answer, once given in a round, stands (the explanation is
shown at once, so changing it would only game the score). When the pack sets a pass mark
and the score is below it, the person reads the explanations and answers the missed
questions again, in a new round; every round is kept for the PDF.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack, QuizQuestion


def choice_order(seed: int, question_id: str, count: int) -> list[int]:
    """The order to show `count` choices in, the same for the same seed and question."""
    order = list(range(count))
    random.Random(f"{seed}:{question_id}").shuffle(order)
    return order


def prepare(pack: Pack, session: OnboardingSession) -> None:
    """Record each question's shown order and open the first round, once."""
    for question in pack.quiz:
        order = session.quiz_orders.get(question.id)
        if order is None or sorted(order) != list(range(len(question.choices))):
            session.quiz_orders[question.id] = choice_order(
                session.quiz_seed, question.id, len(question.choices)
            )
    if not session.quiz_rounds and pack.quiz:
        session.quiz_rounds.append([q.id for q in pack.quiz])
        # Answers given before rounds were recorded count as the first round.
        session.quiz_attempts = [
            {q.id: session.quiz_answers[q.id] for q in pack.quiz if q.id in session.quiz_answers}
        ]
    while len(session.quiz_attempts) < len(session.quiz_rounds):
        session.quiz_attempts.append({})


def shown_order(session: OnboardingSession, question: QuizQuestion) -> list[int]:
    order = session.quiz_orders.get(question.id)
    if order is None or sorted(order) != list(range(len(question.choices))):
        return choice_order(session.quiz_seed, question.id, len(question.choices))
    return order


def current_round(pack: Pack, session: OnboardingSession) -> list[QuizQuestion]:
    """The questions to answer now, in the pack's order."""
    if not session.quiz_rounds:
        return list(pack.quiz)
    ids = set(session.quiz_rounds[-1])
    return [q for q in pack.quiz if q.id in ids]


def answered_in_round(session: OnboardingSession, question_id: str) -> int | None:
    return session.quiz_attempts[-1].get(question_id) if session.quiz_attempts else None


def answer(pack: Pack, session: OnboardingSession, question_id: str, index: int) -> bool:
    """Record an answer in the current round; False (nothing changed) if already answered."""
    prepare(pack, session)
    if question_id not in session.quiz_rounds[-1] or question_id in session.quiz_attempts[-1]:
        return False
    session.quiz_attempts[-1][question_id] = index
    session.quiz_answers[question_id] = index
    return True


def round_complete(pack: Pack, session: OnboardingSession) -> bool:
    done = session.quiz_attempts[-1] if session.quiz_attempts else session.quiz_answers
    return all(q.id in done for q in current_round(pack, session))


def score(pack: Pack, session: OnboardingSession) -> int:
    """Questions whose latest answer is right."""
    return sum(session.quiz_answers.get(q.id) == q.correct_index for q in pack.quiz)


def missed(pack: Pack, session: OnboardingSession) -> list[QuizQuestion]:
    return [q for q in pack.quiz if session.quiz_answers.get(q.id) != q.correct_index]


def needs_retry(pack: Pack, session: OnboardingSession) -> bool:
    """The round is done but the score is below the pack's pass mark."""
    return (
        bool(pack.quiz_pass_mark)
        and round_complete(pack, session)
        and score(pack, session) < pack.quiz_pass_mark
    )


def start_retry(pack: Pack, session: OnboardingSession) -> list[QuizQuestion]:
    """Open a new round with the missed questions; their earlier answers stay on record."""
    prepare(pack, session)
    again = missed(pack, session)
    session.quiz_rounds.append([q.id for q in again])
    session.quiz_attempts.append({})
    return again


def may_go_on(pack: Pack, session: OnboardingSession) -> bool:
    return round_complete(pack, session) and not needs_retry(pack, session)


@dataclass(frozen=True)
class RoundResult:
    """One round: how many of the questions asked in it were answered right."""

    number: int
    asked: int
    right: int
    answers: tuple[tuple[str, int, bool], ...]  # (question id, chosen index, right)


def rounds(pack: Pack, session: OnboardingSession) -> list[RoundResult]:
    """Every round taken, first to last, for the review page and the PDF."""
    by_id = {q.id: q for q in pack.quiz}
    if not session.quiz_rounds:
        attempts = [session.quiz_answers] if session.quiz_answers else []
        asked_lists = [[q.id for q in pack.quiz]] if attempts else []
    else:
        attempts, asked_lists = session.quiz_attempts, session.quiz_rounds
    results = []
    for number, (asked, given) in enumerate(zip(asked_lists, attempts, strict=False), 1):
        rows = tuple(
            (qid, given[qid], given[qid] == by_id[qid].correct_index)
            for qid in asked
            if qid in by_id and qid in given
        )
        results.append(RoundResult(number, len(asked), sum(r[2] for r in rows), rows))
    return results
