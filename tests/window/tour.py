"""Every window and dialog of the app, opened in a real window: each must fit the screen,
with nothing on top of anything else and nothing cut off, and every wizard page must be
completable. Screenshots of each are kept (tests/window/layout.py says where).

Collected by test_tour.py at 100% on 1366×900, and run again by test_scaled.py in a child
process at 200% text on 1366×900 and at 100% on 1024×768."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.onboarding import flow
from app.ui.main_window import MainWindow
from app.ui.org_window import OrganisationWindow
from app.ui.printing import open_print_preview
from app.ui.register.window import RegisterWindow
from app.ui.screen_fit import SCREEN_SHARE
from app.ui.verify_window import VerifyWindow
from tests.ui import driver
from tests.ui.test_keyboard import Keyboard
from tests.ui.test_trustee import signed_ack, wait_for_report  # noqa: F401 (fixture)
from tests.window.layout import problems_in, screenshot


def shown(qtbot, window: QWidget) -> QWidget:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(100)
    return window


def look(window: QWidget, name: str) -> list[str]:
    """Screenshot `window` and list what is wrong with it."""
    screenshot(window, name)
    return problems_in(window)


def test_home_window_fits(qtbot, services) -> None:
    """The home window fits the screen, its cards clear of each other and of the footer."""
    window = shown(qtbot, MainWindow(services))
    qtbot.waitUntil(window.review_notice.isVisible, timeout=30000)  # read after the paint
    qtbot.wait(100)
    problems = look(window, "01-home")
    assert problems == [], "\n".join(problems)


def test_home_window_grows_to_show_the_review_notice(qtbot, services) -> None:
    """The notice read after the first paint makes the window as tall as all it holds, or
    as the screen allows: the last card is not pushed below the fold on a roomy screen."""
    window = shown(qtbot, MainWindow(services))
    qtbot.waitUntil(window.review_notice.isVisible, timeout=30000)
    needed = window.centralWidget().widget().layout().totalHeightForWidth(720) + 8
    room = int(window.screen().availableGeometry().height() * SCREEN_SHARE)
    assert window.height() == min(needed, room)


def test_every_wizard_page_fits_and_can_be_completed(qtbot, make_wizard) -> None:
    """Onboarding from the first page to Done, each page on screen with nothing hidden."""
    wizard = make_wizard()
    problems = look(wizard, "02-organisation")
    driver.choose_organisation(qtbot, wizard, "iet")
    driver.fill_identity(qtbot, wizard, name="Gwen ap Dafydd", role="Volunteer", runs_account=True)
    problems += look(wizard, "03-identity")
    driver.press_next(qtbot, wizard)
    number = 0
    while wizard.current_key().startswith(flow.SECTION_PREFIX):
        number += 1
        problems += look(wizard, f"04-section-{number:02}")
        driver.click(qtbot, wizard.currentPage().understood)
        driver.press_next(qtbot, wizard)
    driver.answer_quiz(qtbot, wizard)
    problems += look(wizard, "05-quiz")
    driver.press_next(qtbot, wizard)
    driver.answer_questionnaire(qtbot, wizard, "@CardiffMakers")
    problems += look(wizard, "06-questionnaire")
    driver.press_next(qtbot, wizard)
    driver.answer_checklist(qtbot, wizard)
    problems += look(wizard, "07-checklist")
    driver.press_next(qtbot, wizard)
    problems += look(wizard, "08-review")
    driver.press_next(qtbot, wizard)
    problems += look(wizard, "09-sign")
    driver.sign(qtbot, wizard, "Gwen ap Dafydd")
    problems += look(wizard, "10-done")
    preview = open_print_preview(Path(wizard.ctx.session.output_pdf), wizard.currentPage())
    qtbot.waitExposed(preview)
    qtbot.waitUntil(lambda: preview.count > 0 and not preview.view.pixmap().isNull())
    problems += look(preview, "11-print-preview")
    preview.reject()
    assert problems == [], "\n".join(problems)


def test_guardian_page_fits(qtbot, make_wizard) -> None:
    """The guardian's signing page of an under-18 volunteer fits, with nothing hidden."""
    from tests.ui.test_wizard import run_to

    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", "sign", name="Sam Jones", under_18=True)
    driver.sign(qtbot, wizard, "Sam Jones")
    assert wizard.current_key() == flow.GUARDIAN
    problems = look(wizard, "12-guardian")
    assert problems == [], "\n".join(problems)


def test_check_window_fits_with_the_countersign_panel(qtbot, signed_ack: Path) -> None:  # noqa: F811
    """The Check window showing a signed PDF and the trustee's panel fits the screen."""
    window = shown(qtbot, VerifyWindow())
    window.check(signed_ack)
    wait_for_report(qtbot, window)
    qtbot.waitUntil(window.countersign_box.isVisible)
    problems = look(window, "13-check")
    rows = window.table.verticalHeader().length()
    if window.table.viewport().height() < rows:
        problems.append(
            f"the signatures table shows {window.table.viewport().height()} of {rows} px"
        )
    assert problems == [], "\n".join(problems)


def test_the_open_file_dialog_fits(qtbot) -> None:
    """The Check window's Open a PDF… dialog fits the screen."""
    window = shown(qtbot, VerifyWindow())
    driver.click(qtbot, window.open_button)
    qtbot.waitUntil(lambda: window.findChild(QFileDialog) is not None)
    dialog = window.findChild(QFileDialog)
    qtbot.waitExposed(dialog)
    problems = look(dialog, "14-open-dialog")
    dialog.reject()
    assert problems == [], "\n".join(problems)


def file_dialog_problems(qtbot, button, name: str) -> list[str]:
    """Press `button`, which opens a file dialog; screenshot and check it, then cancel it."""
    driver.click(qtbot, button)

    def opened() -> QFileDialog | None:
        found = [d for d in button.window().findChildren(QFileDialog) if d.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: opened() is not None)
    dialog = opened()
    qtbot.waitExposed(dialog)
    problems = look(dialog, name)
    dialog.reject()
    return problems


def test_every_other_file_dialog_fits(qtbot, services, make_wizard) -> None:
    """Register import and export, and the signing folder's dialog, fit the screen."""
    register = shown(qtbot, RegisterWindow(services))
    problems = file_dialog_problems(qtbot, register.import_button, "19-import-dialog")
    if register.export_button.isEnabled():
        problems += file_dialog_problems(qtbot, register.export_button, "19-export-dialog")
    wizard = make_wizard()
    from tests.ui.test_wizard import run_to

    run_to(qtbot, wizard, "iet", flow.SIGN, name="Gwen ap Dafydd")
    problems += file_dialog_problems(qtbot, wizard.sign_page.folder.button, "19-folder-dialog")
    assert problems == [], "\n".join(problems)


def test_register_window_fits(qtbot, services) -> None:
    """The register fits the screen."""
    window = shown(qtbot, RegisterWindow(services))
    problems = look(window, "15-register")
    assert problems == [], "\n".join(problems)


def test_organisation_keys_window_fits(qtbot, services) -> None:
    """The organisation keys window fits the screen."""
    window = shown(qtbot, OrganisationWindow(services))
    problems = look(window, "16-organisation-keys")
    assert problems == [], "\n".join(problems)


def test_every_consent_tab_fits(qtbot, services) -> None:
    """Each tab of the consent forms window fits the screen."""
    home = shown(qtbot, MainWindow(services))
    window = home.open_consent()  # as the app opens it, sized to the screen
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    problems = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(100)
        problems += look(window, f"17-consent-tab-{index + 1}")
    assert problems == [], "\n".join(problems)


def test_the_withdrawal_panel_opens_in_view(qtbot, services, iet_pack) -> None:
    """Record a withdrawal… in the consent window, as the app opens it, shows the whole panel:
    its first field on screen at once, every field its full height, nothing hidden or on
    top of anything else, and its last button reachable by scrolling."""
    from tests.ui.test_consent_records import recorded, show_records

    recorded(iet_pack, "Ada Lovelace")
    home = shown(qtbot, MainWindow(services))
    window = home.open_consent()
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    show_records(qtbot, window, 1)
    view = window.records_view
    view.table.selectRow(0)
    driver.click(qtbot, view.withdraw_button)
    panel, area = view.panel, view.detail
    qtbot.waitUntil(lambda: panel.isVisible() and shows(area, panel.date))
    qtbot.wait(100)
    problems = look(window, "22-consent-withdrawal")
    top = panel.mapTo(area.viewport(), panel.rect().topLeft()).y()
    if not 0 <= top < area.viewport().height():
        problems.append(f"the panel's heading is off its view ({top} px)")
    for field in (panel.date, panel.channel, panel.who, panel.note, panel.operator):
        if field.height() < field.minimumSizeHint().height():
            problems.append(f"{field.accessibleName()!r} is squashed to {field.height()} px")
    if area.viewport().height() < panel.date.height() * 3:
        problems.append(f"the panel's scroll area is {area.viewport().height()} px high")
    area.ensureWidgetVisible(panel.save_button)
    qtbot.wait(50)
    if not shows(area, panel.save_button):
        problems.append("'Record the withdrawal' cannot be scrolled into view")
    assert problems == [], "\n".join(problems)


def shows(area, widget: QWidget) -> bool:
    """`widget` lies wholly inside the visible part of scroll area `area`."""
    viewport = area.viewport()
    corner = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(widget.rect().translated(corner))


X_KEYS = {Qt.Key.Key_Tab: "Tab", Qt.Key.Key_Down: "Down", Qt.Key.Key_Space: "space"}


class RealKeyboard(Keyboard):
    """The keyboard-alone walk of tests/ui/test_keyboard.py, with every key a real X key."""

    def __init__(self, qtbot, wizard, keys) -> None:
        super().__init__(qtbot, wizard)
        self.keys = keys

    def key(self, key: Qt.Key) -> None:
        self.keys.press(X_KEYS[key])

    def type(self, widget: QWidget, text: str) -> None:
        self.tab_to(widget)
        self.keys.type(text)
        assert widget.text() == text


def test_onboarding_by_real_keys_alone(qtbot, make_wizard, keys) -> None:
    """From the organisation to the signed PDF with X key presses only: Tab, arrows, Space,
    typing; every page stays on screen."""
    wizard = make_wizard()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    board = RealKeyboard(qtbot, wizard, keys)
    pack_index = [p.id for p in wizard.organisation_page.packs].index("iet")
    board.choose(wizard.organisation_page.pack_buttons, pack_index)
    assert board.next() == flow.IDENTITY
    page = wizard.currentPage()
    board.type(page.full_name, "Alex Papadopoulos")
    board.type(page.email, "alex@example.org")
    board.tab_to(page.role)
    for _ in range(page.role.findData("Volunteer")):
        board.key(Qt.Key.Key_Down)
    assert page.role.currentData() == "Volunteer"
    board.press(page.runs_account)
    board.next()
    while wizard.current_key().startswith(flow.SECTION_PREFIX):
        board.press(wizard.currentPage().understood)
        board.next()
    for question in wizard.ctx.pack.quiz:
        board.choose(wizard.currentPage().groups[question.id], question.correct_index)
    board.next()
    page = wizard.currentPage()
    for question in wizard.ctx.pack.questions:
        if question.id in page.yes_no:
            board.choose(page.yes_no[question.id], 0)
        else:
            board.type(
                page.inputs[question.id],
                "@AthensEngineers" if not question.required else "Sharing news of branch events",
            )
    board.next()
    for item in wizard.ctx.pack.checklist:
        board.choose(wizard.currentPage().groups[item.id], 0)
    board.next()
    assert wizard.current_key() == flow.REVIEW
    board.next()
    panel = wizard.sign_page.panel
    board.type(panel.typed_name, "Alex Papadopoulos")
    board.press(panel.sign_button)
    qtbot.waitUntil(
        lambda: wizard.current_key() == flow.DONE or panel.passphrase_box.isVisible(), timeout=30000
    )
    if panel.passphrase_box.isVisible():
        board.type(panel.passphrase, driver.PASSPHRASE)
        if panel.passphrase_again.isVisible():
            board.type(panel.passphrase_again, driver.PASSPHRASE)
        board.press(panel.sign_button)
    qtbot.waitUntil(lambda: wizard.current_key() == flow.DONE, timeout=30000)
    assert Path(wizard.ctx.session.output_pdf).is_file()
    problems = look(wizard, "18-done-by-keyboard")
    assert problems == [], "\n".join(problems)
