"""The quiz: choices shuffled per person and recorded, one answer per round, a pass mark."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from app.core.onboarding import quiz
from app.core.onboarding.session import OnboardingSession
from app.core.packs import load_pack
from tests.pack_builder import write_pack

SEED = 20261201


def session_for(pack, seed: int = SEED) -> OnboardingSession:
    print(f"quiz seed {seed}")
    session = OnboardingSession.start(pack)
    session.quiz_seed = seed
    quiz.prepare(pack, session)
    return session


def test_the_shown_order_is_recorded_and_reproducible(iet_pack) -> None:
    """The same seed gives the same orders, and prepare() records them in the session."""
    first, second = session_for(iet_pack), session_for(iet_pack)
    assert first.quiz_orders == second.quiz_orders
    assert set(first.quiz_orders) == {q.id for q in iet_pack.quiz}


def test_different_people_see_different_orders(iet_pack) -> None:
    """Over twenty seeds, each question's right answer appears in more than one position."""
    for question in iet_pack.quiz:
        places = {
            session_for(iet_pack, seed).quiz_orders[question.id].index(question.correct_index)
            for seed in range(SEED, SEED + 20)
        }
        assert len(places) > 1, question.id


def test_the_order_survives_saving_and_resuming(iet_pack) -> None:
    """The recorded order is in the session file, so a resumed quiz looks the same."""
    session = session_for(iet_pack)
    again = OnboardingSession.from_json(session.to_json())
    assert again.quiz_orders == session.quiz_orders and again.quiz_seed == SEED


def test_an_answer_stands_once_given(iet_pack) -> None:
    """After the explanation is shown, a second click cannot change the answer."""
    session = session_for(iet_pack)
    question = iet_pack.quiz[0]
    wrong = (question.correct_index + 1) % len(question.choices)
    assert quiz.answer(iet_pack, session, question.id, wrong)
    assert not quiz.answer(iet_pack, session, question.id, question.correct_index)
    assert session.quiz_answers[question.id] == wrong


def short_quiz(tmp_path: Path):
    return load_pack(write_pack(tmp_path / "p", extras=True))


def test_below_the_pass_mark_the_missed_questions_are_asked_again(tmp_path: Path) -> None:
    """One of three right with a pass mark of two: going on waits for a retry of the two."""
    pack = short_quiz(tmp_path)
    session = session_for(pack)
    first, *rest = pack.quiz
    quiz.answer(pack, session, first.id, first.correct_index)
    for q in rest:
        quiz.answer(pack, session, q.id, (q.correct_index + 1) % len(q.choices))
    assert quiz.needs_retry(pack, session) and not quiz.may_go_on(pack, session)
    assert [q.id for q in quiz.start_retry(pack, session)] == [q.id for q in rest]


def test_answering_the_missed_questions_lets_the_person_go_on(tmp_path: Path) -> None:
    """Right the second time: the pass mark is reached and both rounds are on record."""
    pack = short_quiz(tmp_path)
    session = session_for(pack)
    for q in pack.quiz:
        quiz.answer(pack, session, q.id, (q.correct_index + 1) % len(q.choices))
    for q in quiz.start_retry(pack, session):
        quiz.answer(pack, session, q.id, q.correct_index)
    results = [(r.number, r.asked, r.right) for r in quiz.rounds(pack, session)]
    assert (quiz.may_go_on(pack, session), results) == (True, [(1, 3, 0), (2, 3, 3)])


def test_without_a_pass_mark_wrong_answers_never_block(iet_pack) -> None:
    """The IET pass mark aside, a pack without one lets every finished round go on."""
    pack = dataclasses.replace(iet_pack, quiz_pass_mark=0)
    session = session_for(pack)
    for q in pack.quiz:
        quiz.answer(pack, session, q.id, (q.correct_index + 1) % len(q.choices))
    assert quiz.may_go_on(pack, session)
