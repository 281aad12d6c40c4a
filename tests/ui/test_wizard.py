"""The onboarding wizard, driven through its real widgets, offscreen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core import paths
from app.core.display import display_path
from app.core.onboarding import flow
from tests.ui import driver
from tests.ui.driver import NEXT, click, press_next

RETURN_TO_REVIEW = QWizard.WizardButton.CustomButton1


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def run_to(
    qtbot,
    wizard,
    pack_id: str,
    stop: str,
    *,
    name: str = "Gwenllïan ap Dafydd",
    role: str = "Volunteer",
    under_18: bool = False,
    runs_account: bool = True,
    handle: str = "@CardiffMakers",
) -> None:
    """Go through the wizard with ordinary answers until the step `stop`."""
    driver.choose_organisation(qtbot, wizard, pack_id)
    driver.fill_identity(
        qtbot, wizard, name=name, role=role, under_18=under_18, runs_account=runs_account
    )
    steps = [
        (lambda: None, lambda: wizard.current_key() == flow.IDENTITY),
        (lambda: driver.read_sections(qtbot, wizard), None),
        (lambda: driver.answer_quiz(qtbot, wizard), lambda: wizard.current_key() == flow.QUIZ),
        (
            lambda: driver.answer_questionnaire(qtbot, wizard, handle),
            lambda: wizard.current_key() == flow.QUESTIONNAIRE,
        ),
        (
            lambda: driver.answer_checklist(qtbot, wizard),
            lambda: wizard.current_key() == flow.CHECKLIST,
        ),
        (lambda: None, lambda: wizard.current_key() == flow.REVIEW),
    ]
    for act, applies in steps:
        if wizard.current_key() == stop:
            return
        if applies is None:
            if wizard.current_key().startswith(flow.SECTION_PREFIX):
                act()
            continue
        if applies():
            act()
            press_next(qtbot, wizard)
    assert wizard.current_key() == stop


def test_iet_volunteer_completes_onboarding_to_a_pdf(qtbot, make_wizard, opened) -> None:
    """A volunteer goes from choosing the IET to a saved, openable acknowledgement PDF."""
    wizard = make_wizard()
    assert wizard.windowTitle() == "Induct"
    run_to(qtbot, wizard, "iet", flow.SIGN)
    driver.sign(qtbot, wizard, "Gwenllïan ap Dafydd")
    session = wizard.ctx.session
    pdf = Path(session.output_pdf)
    assert session.completed and pdf.is_file()
    assert display_path(pdf) in wizard.currentPage().message.text()
    text = pdf_text(pdf)
    assert "Gwenllïan ap Dafydd" in text
    assert "Social Media for Volunteers and Members Policy" in text
    click(qtbot, wizard.currentPage().open_button)
    click(qtbot, wizard.currentPage().folder_button)
    assert opened == [pdf, pdf.parent]
    assert wizard.ctx.services.store.unfinished() == ([], [])


def test_iom3_trustee_under_18_reads_senior_section(qtbot, make_wizard) -> None:
    """An IOM3 trustee under 18 reads the senior-roles section and gets a guardian field."""
    wizard = make_wizard()
    driver.choose_organisation(qtbot, wizard, "iom3")
    driver.fill_identity(qtbot, wizard, name="Анна Кузнецова", role="Trustee", under_18=True)
    assert wizard.currentPage().guardian_note.isVisible()
    press_next(qtbot, wizard)
    headings = driver.read_sections(qtbot, wizard)
    assert "Trustees, senior and specialist roles" in headings
    driver.answer_quiz(qtbot, wizard)
    press_next(qtbot, wizard)
    assert wizard.current_key() == flow.CHECKLIST  # no account: no questionnaire
    driver.answer_checklist(qtbot, wizard)
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    driver.sign(qtbot, wizard, "анна кузнецова")  # case does not matter
    assert not wizard.ctx.session.completed  # the guardian has still to sign
    driver.guardian_signs(qtbot, wizard, "Robin Guardian")
    session = wizard.ctx.session
    assert session.completed and session.signed_fields == ["Person", "Guardian"]
    text = pdf_text(Path(session.output_pdf))
    assert "Анна Кузнецова" in text and "Robin Guardian, Parent" in text


def test_wrong_quiz_answer_is_explained_and_does_not_block(qtbot, make_wizard) -> None:
    """Choosing a wrong answer shows the right one and why; Next is still available."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.QUIZ)
    driver.answer_quiz(qtbot, wizard, wrong_first=True)
    question = wizard.ctx.pack.quiz[0]
    feedback = wizard.currentPage().feedback[question.id]
    assert feedback.isVisible()
    assert "Not quite" in feedback.text() and question.choices[
        question.correct_index
    ] in feedback.text().replace("&#x27;", "'")
    assert f"clause {question.clause}" in feedback.text()
    assert wizard.button(NEXT).isEnabled()


def test_handle_containing_iet_is_refused_with_reason_and_clause(qtbot, make_wizard) -> None:
    """'@IET_Leeds' is refused as typed, citing clause 5.4; a handle without it is accepted."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.QUESTIONNAIRE)
    driver.answer_questionnaire(qtbot, wizard, handle="@IET_Leeds")
    page = wizard.currentPage()
    question = next(
        q
        for q in wizard.ctx.pack.questions
        if any(r.check == "not_contains_acronym" for r in q.rules)
    )
    feedback = page.feedback[question.id].text()
    assert "Not allowed" in feedback and "clause 5.4" in feedback
    assert not wizard.button(NEXT).isEnabled()
    assert "clause 5.4" in page.summary.text()
    page.inputs[question.id].clear()
    driver.type_text(qtbot, page.inputs[question.id], "@LeedsEngineers")
    assert wizard.button(NEXT).isEnabled()
    assert "Not allowed" not in page.feedback[question.id].text()


def test_review_lets_you_change_an_answer_and_come_back(qtbot, make_wizard) -> None:
    """From Check your answers, Change goes back; Return to review brings you back."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.REVIEW, name="Jo Bloggs")
    review = wizard.currentPage()
    change = next(
        b for b in review.findChildren(QAbstractButton) if b.accessibleName() == "Change About you"
    )
    click(qtbot, change)
    assert wizard.current_key() == flow.IDENTITY
    page = wizard.currentPage()
    page.full_name.clear()
    driver.type_text(qtbot, page.full_name, "Joanna Bloggs")
    assert wizard.button(RETURN_TO_REVIEW).isVisible()
    click(qtbot, wizard.button(RETURN_TO_REVIEW))
    assert wizard.current_key() == flow.REVIEW
    labels = " ".join(
        w.text()
        for w in wizard.currentPage().findChildren(QWidget)
        if hasattr(w, "text") and isinstance(w.text(), str)
    )
    assert "Joanna Bloggs" in labels


def test_resume_after_the_window_was_closed(qtbot, make_wizard) -> None:
    """Closing mid-way and starting again offers to resume at exactly the same step."""
    wizard = make_wizard()
    driver.choose_organisation(qtbot, wizard, "iom3")
    driver.fill_identity(
        qtbot, wizard, name="Zażółć Gęślą-Jaźń", role="Volunteer", runs_account=True
    )
    press_next(qtbot, wizard)
    for _ in range(3):
        click(qtbot, wizard.currentPage().understood)
        press_next(qtbot, wizard)
    stopped_at = wizard.current_key()
    wizard.close()

    again = make_wizard()
    page = again.organisation_page
    assert page.resume_box.isVisible()
    resume = next(
        b
        for b in page.findChildren(QAbstractButton)
        if b.accessibleName().startswith("Resume the onboarding of Zażółć")
    )
    click(qtbot, resume)
    driver.type_text(qtbot, page.resume_email, "volunteer@example.org")
    click(qtbot, page.carry_on)
    assert again.current_key() == stopped_at
    session = again.ctx.session
    assert session.identity.full_name == "Zażółć Gęślą-Jaźń"
    assert len(session.section_acks) == 3
    click(qtbot, again.button(QWizard.WizardButton.BackButton))
    assert again.currentPage().understood.isChecked()  # earlier answers are all there


def test_progress_names_every_step(qtbot, make_wizard) -> None:
    """Each page says 'Step N of M' and the side list names the sections."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.IDENTITY)
    press_next(qtbot, wizard)
    steps = wizard.steps()
    number, total = flow.position(steps, wizard.current_key())
    assert wizard.currentPage().subTitle() == f"Step {number} of {total}"
    items = [wizard.steps_list.shown_text(i) for i in range(wizard.steps_list.count())]
    assert any("6. Key principles when using social media" in item for item in items)
    assert items[number - 1].startswith("▶")


def test_progress_marks_follow_back_and_next(qtbot, make_wizard) -> None:
    """After three sections and two steps back, the list ticks the steps before, marks this
    one and leaves those after unmarked."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.IDENTITY)
    press_next(qtbot, wizard)
    for _ in range(3):
        driver.click(qtbot, wizard.currentPage().understood)
        press_next(qtbot, wizard)
    for _ in range(2):
        driver.click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    number, _ = flow.position(wizard.steps(), wizard.current_key())
    marks = [wizard.steps_list.shown_text(i)[:1] for i in range(wizard.steps_list.count())]
    assert marks == ["✓"] * (number - 1) + ["▶"] + [" "] * (len(marks) - number)


def test_every_control_has_an_accessible_name(qtbot, make_wizard) -> None:
    """Screen readers get a name for every button, field and list on every page."""
    wizard = make_wizard()
    seen: set[str] = set()

    def check_page() -> None:
        page: QWizardPage = wizard.currentPage()
        controls = [
            w
            for w in page.findChildren(QWidget)
            if isinstance(w, QAbstractButton | QLineEdit | QComboBox | QTextEdit | QPlainTextEdit)
            and w.isVisible()
        ]
        for control in controls:
            name = QAccessible.queryAccessibleInterface(control).text(QAccessible.Text.Name)
            assert name.strip(), f"{type(control).__name__} on {wizard.current_key()} is unnamed"
        seen.add(wizard.current_key())

    check_page()
    run_to(qtbot, wizard, "iet", flow.IDENTITY)
    check_page()
    press_next(qtbot, wizard)
    check_page()  # a section page
    driver.read_sections(qtbot, wizard)
    driver.answer_quiz(qtbot, wizard)
    check_page()  # quiz, with its feedback shown
    press_next(qtbot, wizard)
    driver.answer_questionnaire(qtbot, wizard, "@CardiffMakers")
    check_page()
    press_next(qtbot, wizard)
    driver.answer_checklist(qtbot, wizard)
    check_page()
    press_next(qtbot, wizard)
    check_page()  # review
    press_next(qtbot, wizard)
    check_page()  # sign
    driver.sign(qtbot, wizard, "Gwenllïan ap Dafydd")
    check_page()  # done
    assert {
        flow.ORGANISATION,
        flow.IDENTITY,
        flow.QUIZ,
        flow.QUESTIONNAIRE,
        flow.CHECKLIST,
        flow.REVIEW,
        flow.SIGN,
        flow.DONE,
    } <= seen


def test_sessions_live_in_the_user_data_folder(qtbot, make_wizard, isolated_dirs) -> None:
    """The autosaved session is under XDG_DATA_HOME, not beside the code."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.IDENTITY)
    press_next(qtbot, wizard)
    saved = list(paths.sessions_dir().glob("*.json"))
    assert len(saved) == 1 and saved[0].is_relative_to(isolated_dirs / "data")


def test_a_broken_pack_is_listed_and_the_good_ones_offered(
    qtbot, services, isolated_dirs, make_wizard
) -> None:
    """A pack that fails to load is named on the first page; IET and IOM3 remain."""
    from app.core.packs import discover_packs

    broken = paths.user_packs_dir() / "mine"
    broken.mkdir(parents=True)
    (broken / "pack.toml").write_text("schema = 1\nid = ", encoding="utf-8")
    services.catalogue = discover_packs([paths.bundled_packs_dir(), paths.user_packs_dir()])
    wizard = make_wizard()
    page = wizard.organisation_page
    assert [p.id for p in page.packs] == ["iom3", "iet"]
    warning = next(
        w
        for w in page.findChildren(QWidget)
        if w.accessibleName() == "Packs that could not be loaded"
    )
    assert "mine/pack.toml:2: not valid TOML" in warning.text()


def test_pyside_bool_overrides_do_not_leak_references(qtbot) -> None:
    """Guards the PySide6 pin: a bool-returning override must not drop references to True."""
    code = (
        "import sys\nfrom PySide6.QtWidgets import QApplication, QWizard, QWizardPage\n"
        "app = QApplication([])\n"
        "class Page(QWizardPage):\n    def isComplete(self): return True\n"
        "w = QWizard(); p = Page(); w.addPage(p); w.addPage(QWizardPage())\n"
        "before = sys.getrefcount(True)\n"
        "for _ in range(500): p.completeChanged.emit()\n"
        "print(sys.getrefcount(True) - before)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert int(result.stdout.strip()) >= 0


def test_the_sign_page_says_a_trustee_will_countersign(qtbot, make_wizard) -> None:
    """Before signing on a computer not enrolled, the person reads that a trustee will
    check and countersign (looked up off the UI thread)."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN)
    note = wizard.sign_page.panel.key_note
    qtbot.waitUntil(lambda: bool(note.text()), timeout=10000)
    assert note.text().endswith(
        "This computer is not enrolled by IET, so a trustee will check your signature "
        "and countersign it."
    )


def test_the_first_page_does_not_promise_a_number_of_steps(qtbot, make_wizard) -> None:
    """Before an organisation is chosen, the total is unknown, so none is shown."""
    wizard = make_wizard()
    assert wizard.currentPage().subTitle().startswith("Step 1: the steps that follow depend")
    run_to(qtbot, wizard, "iet", flow.IDENTITY)
    assert wizard.currentPage().subTitle() == f"Step 2 of {len(wizard.steps())}"
