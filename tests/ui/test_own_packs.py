"""An organisation's own packs in the wizard: a short one with nothing but policy text, and
one with a table, good-practice items and a quiz with a pass mark; both reach a signed PDF."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from PySide6.QtGui import QTextDocumentFragment, QTextTable
from PySide6.QtWidgets import QGroupBox, QLabel

from app.core import paths
from app.core.onboarding import flow
from app.core.onboarding.session import SessionStore
from app.core.packs import GOOD_PRACTICE_NOTE, discover_packs
from app.ui.context import Services
from app.ui.wizard import OnboardingWizard
from tests.conftest import FixedClock
from tests.pack_builder import write_pack
from tests.ui import driver
from tests.ui.driver import NEXT, click, press_next


def pdf_text(path: Path) -> str:
    return " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


@pytest.fixture
def own_wizard(qtbot, tmp_path: Path):
    """A wizard whose only packs are the two an organisation wrote itself."""
    root = tmp_path / "own-packs"
    write_pack(root / "short", pack_id="short")
    write_pack(root / "full", pack_id="full", extras=True)
    clock = FixedClock(datetime(2027, 3, 1, 10, 0, tzinfo=timezone(timedelta(0))))
    services = Services(
        catalogue=discover_packs([root]),
        store=SessionStore(paths.sessions_dir(), clock),
        output_dir=tmp_path / "out",
        clock=clock,
        open_path=lambda _: None,
    )
    assert services.catalogue.broken == {}
    wizard = OnboardingWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def start(qtbot, wizard: OnboardingWizard, pack_id: str) -> None:
    driver.choose_organisation(qtbot, wizard, pack_id)
    driver.fill_identity(qtbot, wizard, name="Morwenna Trelawny", role="Volunteer")
    press_next(qtbot, wizard)
    driver.read_sections(qtbot, wizard)


def test_a_pack_with_only_policy_text_goes_to_a_signed_pdf(qtbot, own_wizard) -> None:
    """No quiz, questions or checklist: sections, review, sign, done, and a PDF without them."""
    start(qtbot, own_wizard, "short")
    assert own_wizard.current_key() == flow.REVIEW
    assert own_wizard.currentPage().subTitle() == "Step 4 of 6"
    press_next(qtbot, own_wizard)
    driver.sign(qtbot, own_wizard, "Morwenna Trelawny")
    session = own_wizard.ctx.session
    text = pdf_text(Path(session.output_pdf))
    assert session.completed and "Be kind online" in text
    assert [h for h in ("Quiz", "Questionnaire", "Account security checklist") if h in text] == []


def test_the_short_pack_does_not_ask_about_running_an_account(qtbot, own_wizard) -> None:
    """With no account questions in the pack, the 'I run an account' box is not shown."""
    driver.choose_organisation(qtbot, own_wizard, "short")
    assert not own_wizard.currentPage().runs_account.isVisible()


def test_check_your_answers_leaves_out_what_the_pack_lacks(qtbot, own_wizard) -> None:
    """The review page of the short pack has no quiz or account-security part."""
    start(qtbot, own_wizard, "short")
    boxes = [w.title() for w in own_wizard.currentPage().findChildren(QGroupBox)]
    assert boxes == ["About you", "Policy sections"]


def answer_all(qtbot, wizard: OnboardingWizard, right: bool) -> None:
    page = wizard.currentPage()
    for question in [q for q in wizard.ctx.pack.quiz if q.id in page.groups]:
        choice = (
            question.correct_index
            if right
            else (question.correct_index + 1) % len(question.choices)
        )
        click(qtbot, page.groups[question.id].button(choice))


def test_below_the_pass_mark_the_missed_questions_come_back(qtbot, own_wizard) -> None:
    """All wrong: Next waits; after the retry with right answers, Next is available."""
    start(qtbot, own_wizard, "full")
    assert own_wizard.current_key() == flow.QUIZ
    answer_all(qtbot, own_wizard, right=False)
    page = own_wizard.currentPage()
    assert not own_wizard.button(NEXT).isEnabled() and page.retry_button.isVisible()
    click(qtbot, page.retry_button)
    answer_all(qtbot, own_wizard, right=True)
    assert own_wizard.button(NEXT).isEnabled()


def test_an_answer_cannot_be_changed_after_its_explanation(qtbot, own_wizard) -> None:
    """Once chosen, the other choices of that question are disabled."""
    start(qtbot, own_wizard, "full")
    question = own_wizard.ctx.pack.quiz[0]
    group = own_wizard.currentPage().groups[question.id]
    click(qtbot, group.button(question.correct_index))
    assert [b.isEnabled() for b in group.buttons()].count(True) == 1


def test_choices_are_shown_in_the_recorded_order(qtbot, own_wizard) -> None:
    """The radio buttons run in the order saved in the session, not the pack's order."""
    start(qtbot, own_wizard, "full")
    session = own_wizard.ctx.session
    for question in own_wizard.ctx.pack.quiz:
        group = own_wizard.currentPage().groups[question.id]
        shown = sorted(group.buttons(), key=lambda b: b.mapTo(own_wizard, b.rect().topLeft()).y())
        assert [group.id(b) for b in shown] == session.quiz_orders[question.id]


def test_a_full_pack_goes_to_a_pdf_with_its_to_do_list(qtbot, own_wizard) -> None:
    """Good practice is labelled on the checklist; 'Not yet' is on Done and in the PDF."""
    start(qtbot, own_wizard, "full")
    answer_all(qtbot, own_wizard, right=True)
    press_next(qtbot, own_wizard)
    assert own_wizard.current_key() == flow.CHECKLIST
    page = own_wizard.currentPage()
    labels = " ".join(w.text() for w in page.findChildren(QLabel))
    assert "Turn it on in each platform's security settings. (Good practice" in labels
    driver.answer_checklist(qtbot, own_wizard)  # the first item "Not yet", the rest "Yes"
    press_next(qtbot, own_wizard)
    press_next(qtbot, own_wizard)
    driver.sign(qtbot, own_wizard, "Morwenna Trelawny")
    done = own_wizard.currentPage()
    first = own_wizard.ctx.pack.checklist[0]
    shown = QTextDocumentFragment.fromHtml(done.todo.text()).toPlainText()
    assert done.todo.isVisible() and f"{first.statement} (clause 1.1)" in shown
    text = pdf_text(Path(own_wizard.ctx.session.output_pdf))
    assert f"{first.statement} (clause 1.1)" in text.split("to-do list", 1)[1]
    assert f"({GOOD_PRACTICE_NOTE})" in text


def test_the_wizard_shows_a_policy_table_as_a_table(qtbot, own_wizard) -> None:
    """The section with a Markdown table holds a real table in the wizard too."""
    driver.choose_organisation(qtbot, own_wizard, "full")
    driver.fill_identity(qtbot, own_wizard, name="Morwenna Trelawny", role="Volunteer")
    press_next(qtbot, own_wizard)
    click(qtbot, own_wizard.currentPage().understood)
    press_next(qtbot, own_wizard)
    document = own_wizard.currentPage().text.document()
    frames = document.rootFrame().childFrames()
    tables = [f for f in frames if isinstance(f, QTextTable)]
    assert [(t.rows(), t.columns()) for t in tables] == [(3, 2)]


def test_done_lists_who_to_contact_and_how(qtbot, own_wizard) -> None:
    """The last page names each contact with its route, here the club's contact page."""
    start(qtbot, own_wizard, "short")
    press_next(qtbot, own_wizard)
    driver.sign(qtbot, own_wizard, "Morwenna Trelawny")
    shown = QTextDocumentFragment.fromHtml(own_wizard.currentPage().contacts.text()).toPlainText()
    assert "Club secretary: Questions about this policy\nhttps://www.example.org/contact" in shown
