"""Focus a person can follow, in a real window: each page opens on its first control, that
control shows it has the focus (its pixels change), typing never moves the focus, and Enter
does what a person expects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget, QWizard

from app.core.onboarding import flow
from app.ui.main_window import MainWindow
from app.ui.verify_window import VerifyWindow
from tests.ui import driver
from tests.ui.test_trustee import signed_ack, wait_for_report  # noqa: F401 (fixture)
from tests.ui.test_wizard import run_to
from tests.window.layout import screenshot

NAME = "Gwen ap Dafydd"
BACK = QWizard.WizardButton.BackButton
MARGIN = 4  # px around a control where a focus ring is drawn


def settle(qtbot) -> None:
    for _ in range(10):
        QApplication.processEvents()
        qtbot.wait(15)


def grab(widget: QWidget) -> QImage:
    """What is on screen over `widget` (with its wrapped label, if any) and a small margin."""
    row = widget
    if isinstance(widget, QAbstractButton) and widget.parentWidget().findChild(QLabel):
        row = widget.parentWidget()  # a wrapping check box or radio button's row
    top_left = row.mapToGlobal(row.rect().topLeft())
    return (
        row.screen()
        .grabWindow(
            0,
            top_left.x() - MARGIN,
            top_left.y() - MARGIN,
            row.width() + 2 * MARGIN,
            row.height() + 2 * MARGIN,
        )
        .toImage()
    )


def changed_pixels(first: QImage, second: QImage) -> int:
    return sum(
        first.pixel(x, y) != second.pixel(x, y)
        for x in range(min(first.width(), second.width()))
        for y in range(min(first.height(), second.height()))
    )


def focus_shows(qtbot, widget: QWidget, elsewhere: QWidget) -> int:
    """How many pixels change when the focus leaves `widget` for `elsewhere`."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    settle(qtbot)
    focused = grab(widget)
    elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
    settle(qtbot)
    unfocused = grab(widget)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    settle(qtbot)
    return changed_pixels(focused, unfocused)


def active(qtbot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_every_page_opens_on_its_first_control_with_a_visible_focus(qtbot, make_wizard) -> None:
    """On each page the first control has the focus and a focus ring of at least 20 pixels."""
    wizard = make_wizard()
    active(qtbot, wizard)
    seen: dict[str, tuple[str, int]] = {}

    def check(expected: QWidget) -> None:
        settle(qtbot)
        key = wizard.current_key()
        got = QApplication.focusWidget()
        name = expected.accessibleName() or type(expected).__name__
        assert got is expected, f"{key}: focus on {got and got.accessibleName()!r}, not {name!r}"
        seen[key] = (name, focus_shows(qtbot, expected, wizard.button(BACK)))
        screenshot(wizard, f"focus-{key.replace(':', '-')}")

    driver.choose_organisation(qtbot, wizard, "iet")
    check(wizard.currentPage().full_name)
    driver.fill_identity(qtbot, wizard, name=NAME, role="Volunteer", runs_account=True)
    driver.press_next(qtbot, wizard)
    check(wizard.currentPage().understood)
    while wizard.current_key().startswith(flow.SECTION_PREFIX):
        driver.click(qtbot, wizard.currentPage().understood)
        driver.press_next(qtbot, wizard)
    quiz = wizard.ctx.pack.quiz
    check(wizard.currentPage().groups[quiz[0].id].buttons()[0])
    driver.answer_quiz(qtbot, wizard)
    driver.press_next(qtbot, wizard)
    page = wizard.currentPage()
    first = wizard.ctx.pack.questions[0]
    check(page.yes_no[first.id].buttons()[0] if first.id in page.yes_no else page.inputs[first.id])
    driver.answer_questionnaire(qtbot, wizard, "@CardiffMakers")
    driver.press_next(qtbot, wizard)
    check(wizard.currentPage().groups[wizard.ctx.pack.checklist[0].id].buttons()[0])
    driver.answer_checklist(qtbot, wizard)
    driver.press_next(qtbot, wizard)
    driver.press_next(qtbot, wizard)
    check(wizard.sign_page.panel.typed_name)
    faint = {key: shown for key, shown in seen.items() if shown[1] < 20}
    assert faint == {}, f"focus hard to see (pixels changed): {faint}"


def test_home_cards_show_the_focus_and_enter_opens_them(qtbot, services, keys) -> None:
    """The focused home card has a ring you can see, and Enter opens the onboarding."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    active(qtbot, window)
    assert QApplication.focusWidget() is window.onboarding_button
    assert focus_shows(qtbot, window.onboarding_button, window.verify_button) >= 100
    screenshot(window, "focus-home")
    keys.press("Return")
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.isVisible())
    qtbot.addWidget(window.wizard)


def test_typing_the_trustee_name_keeps_the_focus(qtbot, signed_ack: Path, keys) -> None:  # noqa: F811
    """Real key presses into "Trustee's full name" all land there; the name is whole."""
    window = VerifyWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.check(signed_ack)
    wait_for_report(qtbot, window)
    qtbot.waitUntil(window.countersign_box.isVisible)
    active(qtbot, window)
    window.trustee_name.setFocus()
    settle(qtbot)
    keys.type("Margaret Okafor")
    assert window.trustee_name.text() == "Margaret Okafor"
    assert window.panel.typed_name.text() == ""
    assert QApplication.focusWidget() is window.trustee_name


def test_enter_in_the_name_signs(qtbot, make_wizard, keys) -> None:
    """On the Sign page, typing the name and pressing Enter signs, as the Sign button does."""
    wizard = make_wizard()
    active(qtbot, wizard)
    run_to(qtbot, wizard, "iet", flow.SIGN, name=NAME)
    panel = wizard.sign_page.panel
    settle(qtbot)
    panel.typed_name.setFocus()
    keys.type(NAME)
    keys.press("Return")
    qtbot.waitUntil(
        lambda: wizard.current_key() == flow.DONE or panel.passphrase_box.isVisible(),
        timeout=30000,
    )
    if panel.passphrase_box.isVisible():
        keys.type(driver.PASSPHRASE)
        if panel.passphrase_again.isVisible():
            keys.press("Tab")
            keys.type(driver.PASSPHRASE)
        keys.press("Return")
    qtbot.waitUntil(lambda: wizard.current_key() == flow.DONE, timeout=30000)
