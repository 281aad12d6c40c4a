"""Drive the wizard as a person would: clicks and typing on the real widgets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget, QWizard

from app.core.onboarding import flow
from app.ui.wizard import OnboardingWizard

NEXT = QWizard.WizardButton.NextButton


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type `text` into `widget`: ASCII as key presses, other scripts as an input method does."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def click(qtbot, button: QAbstractButton) -> None:
    """Click near the left edge, where check boxes and radio buttons take clicks."""
    assert button.isEnabled(), f"{button.accessibleName() or button.text()} is disabled"
    pos = QPoint(min(8, button.width() // 2), button.height() // 2)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=pos)


def press_next(qtbot, wizard: OnboardingWizard) -> str:
    before = wizard.current_key()
    click(qtbot, wizard.button(NEXT))
    qtbot.waitUntil(lambda: wizard.current_key() != before)
    return wizard.current_key()


def choose_organisation(qtbot, wizard: OnboardingWizard, pack_id: str) -> None:
    page = wizard.organisation_page
    index = [p.id for p in page.packs].index(pack_id)
    click(qtbot, page.pack_buttons.button(index))
    assert press_next(qtbot, wizard) == flow.IDENTITY


def fill_identity(
    qtbot,
    wizard: OnboardingWizard,
    *,
    name: str,
    role: str,
    under_18: bool = False,
    runs_account: bool = False,
) -> None:
    page = wizard.currentPage()
    type_text(qtbot, page.full_name, name)
    type_text(qtbot, page.email, "volunteer@example.org")
    type_text(qtbot, page.membership_number, "1100222")
    page.role.setCurrentIndex(page.role.findData(role))
    if under_18:
        click(qtbot, page.under_18)
        type_text(qtbot, page.guardian_name, "Robin Guardian")
        page.guardian_relationship.setCurrentText("Parent")
        type_text(qtbot, page.guardian_email, "robin@example.org")
    if runs_account:
        click(qtbot, page.runs_account)


def read_sections(qtbot, wizard: OnboardingWizard) -> list[str]:
    """Tick every section page; returns the headings passed."""
    headings = []
    while wizard.current_key().startswith(flow.SECTION_PREFIX):
        page = wizard.currentPage()
        assert not wizard.button(NEXT).isEnabled(), "Next must wait for the tick"
        click(qtbot, page.understood)
        headings.append(page.section.heading)
        press_next(qtbot, wizard)
    return headings


def answer_quiz(qtbot, wizard: OnboardingWizard, wrong_first: bool = True) -> None:
    page = wizard.currentPage()
    for number, question in enumerate(wizard.ctx.pack.quiz):
        choice = question.correct_index
        if wrong_first and number == 0:
            choice = (choice + 1) % len(question.choices)
        click(qtbot, page.groups[question.id].button(choice))


def answer_questionnaire(qtbot, wizard: OnboardingWizard, handle: str = "") -> None:
    page = wizard.currentPage()
    for question in wizard.ctx.pack.questions:
        if question.id in page.yes_no:
            click(qtbot, page.yes_no[question.id].button(0))
        elif any(r.check == "not_contains_acronym" for r in question.rules):
            type_text(qtbot, page.inputs[question.id], handle)
        else:
            type_text(qtbot, page.inputs[question.id], "Sharing our branch's events and news")


def answer_checklist(qtbot, wizard: OnboardingWizard) -> None:
    page = wizard.currentPage()
    for number, item in enumerate(wizard.ctx.pack.checklist):
        click(qtbot, page.groups[item.id].button(1 if number == 0 else 0))


PASSPHRASE = "correct horse battery staple"


def sign_panel(qtbot, wizard: OnboardingWizard, panel, name: str, leaves: str) -> None:
    """Type the name, draw a stroke, press Sign: a one-off key signs, no passphrase asked."""
    type_text(qtbot, panel.typed_name, name)
    start = panel.pad.rect().center()
    qtbot.mousePress(panel.pad, Qt.MouseButton.LeftButton, pos=start)
    for dx in range(0, 90, 10):
        qtbot.mouseMove(panel.pad, pos=start + QPoint(dx, (dx % 20) - 10))
    qtbot.mouseRelease(panel.pad, Qt.MouseButton.LeftButton, pos=start + QPoint(90, 0))
    assert panel.pad.drawing() is not None
    click(qtbot, panel.sign_button)
    qtbot.waitUntil(
        lambda: (
            wizard.current_key() != leaves
            or bool(panel.status.styleSheet() and not panel.progress.isVisible())
        ),
        timeout=30000,
    )
    assert wizard.current_key() != leaves, panel.status.text() or panel.passphrase_reason.text()
    assert not panel.passphrase_box.isVisible()


def countersign(qtbot, panel, done: Callable[[], bool]) -> None:
    """Press Sign as a listed trustee countersigning for the first time: their own key is
    made under a passphrase they choose (typed twice), then it signs, until `done()`."""
    click(qtbot, panel.sign_button)
    qtbot.waitUntil(
        lambda: panel.passphrase_box.isVisible() and not panel.progress.isVisible(), timeout=30000
    )
    assert panel.passphrase_again.isVisible(), panel.passphrase_reason.text()
    type_text(qtbot, panel.passphrase, PASSPHRASE)
    type_text(qtbot, panel.passphrase_again, PASSPHRASE)
    click(qtbot, panel.sign_button)
    qtbot.waitUntil(done, timeout=30000)


def sign(qtbot, wizard: OnboardingWizard, name: str) -> None:
    """The person signs; the wizard moves on to the guardian (under 18) or Done."""
    sign_panel(qtbot, wizard, wizard.sign_page.panel, name, flow.SIGN)


def guardian_signs(qtbot, wizard: OnboardingWizard, name: str) -> None:
    assert wizard.current_key() == flow.GUARDIAN
    sign_panel(qtbot, wizard, wizard.guardian_page.panel, name, flow.GUARDIAN)
    assert wizard.current_key() == flow.DONE


def focused() -> QWidget:
    """The widget keys go to; a page that leaves nothing focused is a keyboard trap."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget
