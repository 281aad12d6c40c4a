"""The PDF says where every duty comes from, what is left to do, and how the quiz went."""

from __future__ import annotations

from pathlib import Path

from app.core.onboarding import quiz
from app.core.onboarding.acknowledgement import build_record
from app.core.packs import GOOD_PRACTICE_NOTE, load_pack
from tests.pack_builder import write_pack

from .conftest import APP_VERSION
from .pdftools import flat, pdf_text


def test_good_practice_is_printed_as_such(iom3_pack, record_for, render_pdf) -> None:
    """IOM3's two-factor item is printed as good practice, not credited to a section."""
    text = flat(pdf_text(render_pdf(record_for(iom3_pack))))
    item = next(i for i in iom3_pack.checklist if i.id == "two-factor")
    # The answer column sits beside the statement, so match the statement's last words.
    assert item.statement.endswith("behind them.")
    assert f"behind them. ({GOOD_PRACTICE_NOTE})" in text


def test_not_yet_answers_are_the_persons_to_do_list(iet_pack, record_for, render_pdf) -> None:
    """The checklist item answered 'Not yet' is listed under the person's to-do list."""
    record = record_for(iet_pack)
    text = flat(pdf_text(render_pdf(record)))
    (todo,) = record.todo
    after = text.split("Siân Llewelyn-Jones's to-do list", 1)[1]
    assert f"{flat(todo.statement)} ({todo.source})" in after


def test_the_shown_order_of_choices_is_printed(iet_pack, completed_session, render_pdf) -> None:
    """The first question's choices appear as A, B, C, D in the order this person saw them."""
    session = completed_session(iet_pack)
    quiz.prepare(iet_pack, session)
    question = iet_pack.quiz[0]
    shown = [question.choices[i] for i in session.quiz_orders[question.id]]
    text = flat(pdf_text(render_pdf(build_record(iet_pack, session, APP_VERSION))))
    expected = " ".join(f"{letter}. {flat(c)}" for letter, c in zip("ABCD", shown, strict=False))
    assert f"Choices as shown: {expected}" in text


def test_every_attempt_is_printed(tmp_path: Path, completed_session, render_pdf) -> None:
    """Below the pass mark and then right: both attempts are in the PDF."""
    pack = load_pack(write_pack(tmp_path / "p", extras=True))
    session = completed_session(pack)
    session.quiz_answers.clear()
    quiz.prepare(pack, session)
    for q in pack.quiz:
        quiz.answer(pack, session, q.id, (q.correct_index + 1) % len(q.choices))
    for q in quiz.start_retry(pack, session):
        quiz.answer(pack, session, q.id, q.correct_index)
    text = flat(pdf_text(render_pdf(build_record(pack, session, APP_VERSION))))
    assert "Attempt 1 (all questions): 0 of 3 right." in text
    assert "Attempt 2 (the questions missed before): 3 of 3 right." in text


def test_a_pack_without_quiz_questions_or_checklist_prints_none(
    tmp_path: Path, record_for, render_pdf
) -> None:
    """The short pack's PDF has no quiz, questionnaire or checklist headings at all."""
    pack = load_pack(write_pack(tmp_path / "short"))
    text = pdf_text(render_pdf(record_for(pack)))
    assert [h for h in ("Quiz", "Questionnaire", "Account security checklist") if h in text] == []


def test_a_table_in_the_policy_prints_without_pipes(tmp_path: Path, record_for, render_pdf) -> None:
    """The table in a pack's section is printed as a table in the acknowledgement."""
    pack = load_pack(write_pack(tmp_path / "p", extras=True))
    text = pdf_text(render_pdf(record_for(pack)))
    assert "Members' home addresses" in text and "| ---" not in text and "| Allowed" not in text


def test_every_contact_is_printed_with_its_routes(iom3_pack, record_for, render_pdf) -> None:
    """IOM3's risk-of-harm contact is printed with the head-office address to reach them."""
    text = flat(pdf_text(render_pdf(record_for(iom3_pack))))
    after = text.split("Who to contact", 1)[1]
    assert "Director of Business Support" in after and "297 Euston Road" in after


def test_a_review_date_already_past_at_signing_is_printed(iet_pack, record_for, render_pdf) -> None:
    """Signed in November 2026, the IET policy's March 2025 review shows as already past."""
    text = flat(pdf_text(render_pdf(record_for(iet_pack)), 1, 1))
    assert "Next review due March 2025 — already past when this was signed" in text
