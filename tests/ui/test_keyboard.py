"""The whole wizard can be completed with the keyboard alone: Tab, arrows, Space, typing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QButtonGroup, QWidget

from app.core.onboarding import flow
from tests.ui.driver import NEXT, focused, type_text

TAB_LIMIT = 400


class Keyboard:
    """Keys go to whatever has focus, as on a real keyboard."""

    def __init__(self, qtbot, wizard) -> None:
        self.qtbot = qtbot
        self.wizard = wizard

    def key(self, key: Qt.Key) -> None:
        self.qtbot.keyClick(focused(), key)

    def tab_to(self, target: QWidget) -> None:
        """Press Tab until `target` has focus; fail if Tab never reaches it."""
        for _ in range(TAB_LIMIT):
            if focused() is target:
                return
            self.key(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reaches {target.accessibleName() or target}")

    def tab_into_group(self, group: QButtonGroup) -> None:
        buttons = group.buttons()
        for _ in range(TAB_LIMIT):
            if focused() in buttons:
                return
            self.key(Qt.Key.Key_Tab)
        raise AssertionError("Tab never reaches the choices")

    def choose(self, group: QButtonGroup, index: int) -> None:
        """Tab into a set of choices, arrow to one, and select it with Space."""
        self.tab_into_group(group)
        target = group.button(index)
        for _ in range(len(group.buttons()) * 2):
            if focused() is target:
                break
            self.key(Qt.Key.Key_Down)
        assert focused() is target, "arrow keys never reach the choice"
        if not target.isChecked():
            self.key(Qt.Key.Key_Space)
        assert target.isChecked()

    def press(self, button: QAbstractButton) -> None:
        self.tab_to(button)
        self.key(Qt.Key.Key_Space)

    def type(self, widget: QWidget, text: str) -> None:
        self.tab_to(widget)
        type_text(self.qtbot, widget, text)

    def next(self) -> str:
        before = self.wizard.current_key()
        self.press(self.wizard.button(NEXT))
        self.qtbot.waitUntil(lambda: self.wizard.current_key() != before)
        return self.wizard.current_key()


def test_complete_iet_onboarding_by_keyboard_alone(qtbot, make_wizard) -> None:
    """Every step, from organisation to signed PDF, with no mouse at all."""
    wizard = make_wizard()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    keys = Keyboard(qtbot, wizard)
    pack_index = [p.id for p in wizard.organisation_page.packs].index("iet")
    keys.choose(wizard.organisation_page.pack_buttons, pack_index)
    assert keys.next() == flow.IDENTITY

    page = wizard.currentPage()
    keys.type(page.full_name, "Αλέξανδρος Παπαδόπουλος")
    keys.type(page.email, "alex@example.org")
    keys.tab_to(page.role)
    for _ in range(page.role.findData("Volunteer")):
        keys.key(Qt.Key.Key_Down)
    assert page.role.currentData() == "Volunteer"
    keys.press(page.runs_account)
    assert page.runs_account.isChecked()
    keys.next()

    while wizard.current_key().startswith(flow.SECTION_PREFIX):
        keys.press(wizard.currentPage().understood)
        keys.next()

    assert wizard.current_key() == flow.QUIZ
    for question in wizard.ctx.pack.quiz:
        keys.choose(wizard.currentPage().groups[question.id], question.correct_index)
    keys.next()

    assert wizard.current_key() == flow.QUESTIONNAIRE
    page = wizard.currentPage()
    for question in wizard.ctx.pack.questions:
        if question.id in page.yes_no:
            keys.choose(page.yes_no[question.id], 0)
        else:
            keys.type(
                page.inputs[question.id],
                "@AthensEngineers"
                if not question.required
                else "Sharing news of branch events with local engineers",
            )
    keys.next()

    assert wizard.current_key() == flow.CHECKLIST
    for item in wizard.ctx.pack.checklist:
        keys.choose(wizard.currentPage().groups[item.id], 0)
    keys.next()
    assert wizard.current_key() == flow.REVIEW
    keys.next()

    panel = wizard.sign_page.panel
    keys.type(panel.typed_name, "Αλέξανδρος Παπαδόπουλος")
    keys.press(panel.sign_button)
    qtbot.waitUntil(lambda: wizard.current_key() == flow.DONE, timeout=30000)
    assert Path(wizard.ctx.session.output_pdf).is_file()
    assert wizard.ctx.session.quiz_answers and wizard.ctx.session.signature.drawing is None
