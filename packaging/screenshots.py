"""Screenshots of the main screens in a real window, for the README: `make screenshots`
(runs under Xvfb). Uses throw-away data and documents folders, never the user's own."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SCRATCH = Path(tempfile.mkdtemp(prefix="induct-shots-"))
os.environ["HOME"] = str(SCRATCH)  # paths show as ~/Documents/Induct, as a user sees them
os.environ["XDG_DATA_HOME"] = str(SCRATCH / ".local" / "share")
os.environ["XDG_DOCUMENTS_DIR"] = str(SCRATCH / "Documents")
os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)  # the same on every machine: passphrase files

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget  # noqa: E402

from app.core.onboarding import flow as flow  # noqa: E402
from app.ui.application import default_services  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402

PASSPHRASE = "correct horse battery staple"
NAME = "Siân Llewelyn-Jones"


class Camera:
    def __init__(self, app: QApplication, out: Path) -> None:
        self.app = app
        self.out = out

    def settle(self, until: Callable[[], bool] = lambda: True, rounds: int = 400) -> None:
        for _ in range(rounds):
            QThreadPool.globalInstance().waitForDone(20)
            self.app.processEvents()
            if until():
                break
        for _ in range(5):
            self.app.processEvents()

    def shoot(self, window: QWidget, name: str) -> None:
        self.settle()
        frame = window.frameGeometry()
        window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()).save(
            str(self.out / f"{name}.png")
        )


def scroll_to_bottom(page: QWidget) -> None:
    for area in page.findChildren(QScrollArea):
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())


def onboarding(camera: Camera, home: MainWindow) -> Path:
    wizard = home.open_onboarding()
    wizard.resize(1100, 760)
    camera.shoot(wizard, "02-choose-organisation")
    wizard.organisation_page.select("iet")
    wizard.next()
    page = wizard.currentPage()
    page.full_name.setText(NAME)
    page.email.setText("sian@example.org")
    page.role.setCurrentIndex(page.role.findData("Volunteer"))
    page.runs_account.setChecked(True)
    camera.shoot(wizard, "03-about-you")
    wizard.next()
    while wizard.current_key().startswith(flow.SECTION_PREFIX):
        if wizard.currentPage().section.number == "5":
            camera.shoot(wizard, "04-policy-section")
        wizard.currentPage().understood.setChecked(True)
        wizard.next()
    quiz = wizard.ctx.pack.quiz
    for question in quiz:
        wizard.currentPage().groups[question.id].button(question.correct_index).click()
    wrong = (quiz[0].correct_index + 1) % len(quiz[0].choices)
    wizard.currentPage().groups[quiz[0].id].button(wrong).click()
    camera.shoot(wizard, "05-quiz")
    wizard.next()
    page = wizard.currentPage()
    for question in wizard.ctx.pack.questions:
        if question.id in page.yes_no:
            page.yes_no[question.id].button(0).click()
        else:
            page.inputs[question.id].setText(
                "@IET_Cardiff" if not question.required else "Sharing news of our branch's events"
            )
    scroll_to_bottom(page)
    camera.shoot(wizard, "06-account-questions")
    for question in wizard.ctx.pack.questions:
        if not question.required and question.id in page.inputs:
            page.inputs[question.id].setText("@CardiffMakers")
    wizard.next()
    for number, item in enumerate(wizard.ctx.pack.checklist):
        wizard.currentPage().groups[item.id].button(1 if number == 1 else 0).click()
    camera.shoot(wizard, "07-account-security")
    wizard.next()
    camera.shoot(wizard, "08-check-your-answers")
    wizard.next()
    panel = wizard.sign_page.panel
    panel.typed_name.setText(NAME)
    camera.shoot(wizard, "09-sign")
    panel.sign_button.click()
    camera.settle(lambda: panel.passphrase_box.isVisible() or wizard.current_key() == flow.DONE)
    if panel.passphrase_box.isVisible():
        panel.passphrase.setText(PASSPHRASE)
        panel.passphrase_again.setText(PASSPHRASE)
        panel.sign_button.click()
        camera.settle(lambda: wizard.current_key() == flow.DONE)
    camera.shoot(wizard, "10-done")
    pdf = Path(wizard.ctx.session.output_pdf)
    wizard.close()
    return pdf


def trustee(camera: Camera, home: MainWindow, pdf: Path) -> None:
    verify = home.open_verify()
    verify.resize(1100, 700)
    verify.check(pdf)
    camera.settle(lambda: verify.report is not None)
    camera.shoot(verify, "11-check-a-signed-pdf")
    verify.close()
    keys = home.open_organisation()
    camera.shoot(keys, "12-organisation-keys")
    keys.close()


def consent(camera: Camera, home: MainWindow) -> None:
    window = home.open_consent()
    window.resize(1100, 800)
    camera.shoot(window, "13-consent-print")
    window.tabs.setCurrentIndex(1)
    setup = window.capture_view.setup_page
    setup.pack.setCurrentIndex(setup.pack.findData("iom3"))
    setup.event_name.setText("Materials open day")
    setup.receiver.setText("Sam Patel, volunteering officer")
    setup.start_button.click()
    camera.shoot(window, "14-consent-capture")
    window.close()


def register(camera: Camera, home: MainWindow) -> None:
    window = home.open_register()
    window.resize(1150, 640)
    camera.settle(lambda: window.model.rowCount() > 0)
    camera.shoot(window, "15-register")
    window.close()


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    camera = Camera(app, out)
    home = MainWindow(default_services())
    home.show()
    camera.shoot(home, "01-home")
    pdf = onboarding(camera, home)
    trustee(camera, home, pdf)
    consent(camera, home)
    register(camera, home)
    print(f"Screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
