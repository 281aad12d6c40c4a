"""Small defects a person meets in the windows: shortcuts stolen from names, signing again
after Done, silent failures, the wrong start folder, messages out of sight, no word on
where a countersigned file went."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QPushButton, QWizard

from app.core import paths
from app.core.onboarding import flow
from app.core.onboarding.acknowledgement import build_record
from app.core.onboarding.session import OnboardingSession
from app.documents.acknowledgement import save_acknowledgement
from app.signing.authority import add_trustee
from app.signing.service import Signer, init_org, sign_pdf
from app.ui.verify_window import VerifyWindow
from app.ui.wizard import OnboardingWizard
from tests.ui import driver
from tests.ui.driver import PASSPHRASE, click, type_text
from tests.ui.test_trustee import wait_for_report
from tests.ui.test_wizard import run_to

# The Resume list shows a first name and an initial, so the "&" goes in the first name.
ODD_NAME = "Zoë&Co O'Brien"
SHOWN_NAME = "Zoë&Co O."


def shown_text(button_text: str) -> str:
    """What Qt draws for a button's text: "&&" is a literal "&", a single "&" vanishes."""
    return button_text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def test_an_ampersand_in_a_name_shows_and_steals_no_shortcut(
    qtbot, services, make_wizard, iet_pack, clock
) -> None:
    """The Resume button shows "&" in the person's name and has no shortcut from it."""
    session = OnboardingSession.start(iet_pack, clock)
    session.identity.full_name = ODD_NAME
    session.current_step = flow.IDENTITY
    services.store.save(session)
    wizard = make_wizard()
    [resume] = [b for b in wizard.findChildren(QPushButton) if b.text().startswith("Resume")]
    assert SHOWN_NAME in shown_text(resume.text())
    assert QKeySequence.mnemonic(resume.text()).isEmpty()


def test_back_from_done_cannot_reach_a_sign_button(qtbot, make_wizard) -> None:
    """After the guardian signs, Done offers no Back to the signing pages."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name="Sam Jones", under_18=True)
    driver.sign(qtbot, wizard, "Sam Jones")
    driver.guardian_signs(qtbot, wizard, "Robin Guardian")
    back = wizard.button(QWizard.WizardButton.BackButton)
    assert not (back.isVisible() and back.isEnabled())


def test_a_pdf_that_cannot_be_opened_says_so(qtbot, services, tmp_path: Path) -> None:
    """With no program to open PDFs, Open the PDF shows a message naming the file."""
    wizard = OnboardingWizard(dataclasses.replace(services, open_path=lambda path: False))
    qtbot.addWidget(wizard)
    wizard.show()
    run_to(qtbot, wizard, "iet", flow.SIGN, name="Gwen ap Dafydd")
    driver.sign(qtbot, wizard, "Gwen ap Dafydd")
    page = wizard.currentPage()
    click(qtbot, page.open_button)
    assert page.problem.isVisible()
    assert Path(wizard.ctx.session.output_pdf).name in page.problem.text()
    assert "could not be opened" in page.problem.text()


def test_the_check_windows_file_dialog_opens_in_the_documents_folder(qtbot) -> None:
    """Open a PDF… starts where the app saves acknowledgements."""
    paths.default_output_dir().mkdir(parents=True)
    window = VerifyWindow()
    qtbot.addWidget(window)
    window.show()
    click(qtbot, window.open_button)
    dialog = window.findChild(QFileDialog)
    assert Path(dialog.directory().absolutePath()) == paths.default_output_dir()
    dialog.reject()


def test_why_sign_is_grey_shows_beside_the_name(qtbot, make_wizard) -> None:
    """A name that is not the one given explains itself in view, in a small window."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name="Gwen ap Dafydd")
    wizard.resize(700, 420)
    panel = wizard.sign_page.panel
    type_text(qtbot, panel.typed_name, "Gwen")
    assert not panel.sign_button.isEnabled()
    assert "Type the name exactly as given: Gwen ap Dafydd" in panel.name_problem.text()
    assert not panel.name_problem.visibleRegion().isEmpty()


def test_countersigning_says_where_the_file_is(
    qtbot, tmp_path: Path, iet_pack, completed_session
) -> None:
    """After countersigning, the Check window names the countersigned file, in view."""
    init_org("iet", iet_pack.organisation.name, PASSPHRASE)
    add_trustee("iet", "Dafydd Trustee", "dafydd@example.org", date.today() + timedelta(days=9))
    session = completed_session(iet_pack)
    pdf = save_acknowledgement(build_record(iet_pack, session, "test"), tmp_path)
    sign_pdf(
        pdf,
        "Person",
        Signer(session.identity.full_name, "sian@example.org", "Volunteer"),
        org_id="iet",
        typed_name=session.identity.full_name,
        passphrase=PASSPHRASE,
        root_passphrase=PASSPHRASE,
    )
    window = VerifyWindow()
    qtbot.addWidget(window)
    window.show()
    window.check(pdf)
    wait_for_report(qtbot, window)
    type_text(qtbot, window.trustee_name, "Dafydd Trustee")
    type_text(qtbot, window.trustee_email, "dafydd@example.org")
    panel = window.panel
    type_text(qtbot, panel.typed_name, "Dafydd Trustee")
    driver.countersign(qtbot, panel, window.confirmation.isVisible)
    assert pdf.name in window.confirmation.text()
    assert window.confirmation.text().startswith("Countersigned.")
    assert not window.confirmation.visibleRegion().isEmpty()


def test_a_refused_handle_is_explained_in_view(qtbot, make_wizard) -> None:
    """Typing a handle with the organisation's acronym shows why, scrolled into view."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.QUESTIONNAIRE, name="Gwen ap Dafydd")
    wizard.resize(700, 420)
    page = wizard.currentPage()
    [handle] = [
        q
        for q in wizard.ctx.pack.questions
        if any(r.check == "not_contains_acronym" for r in q.rules)
    ]
    page.inputs[handle.id].setFocus()
    type_text(qtbot, page.inputs[handle.id], "@IET_Cardiff")
    qtbot.wait(50)
    label = page.feedback[handle.id]
    assert label.text()
    assert not label.visibleRegion().isEmpty()


def test_quiz_feedback_is_shown_in_view(qtbot, make_wizard) -> None:
    """Choosing the last question's answer shows its feedback in view, in a small window."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.QUIZ, name="Gwen ap Dafydd")
    wizard.resize(700, 420)
    page = wizard.currentPage()
    last = wizard.ctx.pack.quiz[-1]
    page.groups[last.id].button(last.correct_index).click()
    qtbot.wait(50)
    label = page.feedback[last.id]
    assert "Right." in label.text()
    assert not label.visibleRegion().isEmpty()
