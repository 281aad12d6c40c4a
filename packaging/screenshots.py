"""Take screenshots of the main screens in a real window (run under Xvfb: `make screenshots`).

Uses throw-away data and documents folders, so it never touches the user's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SCRATCH = Path(tempfile.mkdtemp(prefix="induct-shots-"))
os.environ["XDG_DATA_HOME"] = str(SCRATCH / "data")
os.environ["XDG_DOCUMENTS_DIR"] = str(SCRATCH / "Documents")

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core import flow  # noqa: E402
from app.ui.application import default_services  # noqa: E402
from app.ui.wizard import OnboardingWizard  # noqa: E402


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    wizard = OnboardingWizard(default_services())
    wizard.resize(1100, 760)
    wizard.show()

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        screen = wizard.screen()
        screen.grabWindow(0, wizard.x(), wizard.y(), wizard.frameGeometry().width(),
                          wizard.frameGeometry().height()).save(str(out / f"{name}.png"))

    shot("01-choose-organisation")
    wizard.organisation_page.select("iet")
    wizard.next()
    page = wizard.currentPage()
    page.full_name.setText("Siân Llewelyn-Jones")
    page.email.setText("sian@example.org")
    page.role.setCurrentIndex(page.role.findData("Volunteer"))
    page.runs_account.setChecked(True)
    shot("02-about-you")
    wizard.next()
    while wizard.current_key().startswith(flow.SECTION_PREFIX):
        if wizard.currentPage().section.number == "5":
            shot("03-policy-section")
        wizard.currentPage().understood.setChecked(True)
        wizard.next()
    for question in wizard.ctx.pack.quiz:
        wizard.currentPage().groups[question.id].button(question.correct_index).click()
    first = wizard.ctx.pack.quiz[0]
    wizard.currentPage().groups[first.id].button((first.correct_index + 1) % 3).click()
    shot("04-quiz")
    wizard.next()
    page = wizard.currentPage()
    for question in wizard.ctx.pack.questions:
        if question.id in page.yes_no:
            page.yes_no[question.id].button(0).click()
        else:
            page.inputs[question.id].setText("@IET_Cardiff" if not question.required
                                             else "Sharing news of our branch's events")
    page.layout_.parentWidget().parentWidget().parentWidget().verticalScrollBar().setValue(10**6)
    shot("05-account-questions")
    for question in wizard.ctx.pack.questions:
        if not question.required and question.id in page.inputs:
            page.inputs[question.id].setText("@CardiffEngineers")
    wizard.next()
    for number, item in enumerate(wizard.ctx.pack.checklist):
        wizard.currentPage().groups[item.id].button(1 if number == 1 else 0).click()
    shot("06-account-security")
    wizard.next()
    shot("07-check-your-answers")
    wizard.next()
    wizard.sign_page.panel.typed_name.setText("Siân Llewelyn-Jones")
    shot("08-sign")
    wizard.sign_page.panel.sign_button.click()
    while wizard.current_key() != flow.DONE:
        QThreadPool.globalInstance().waitForDone(100)
        app.processEvents()
    shot("09-done")
    print(f"Screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
