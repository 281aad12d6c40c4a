"""A policy past its next review date is shown as such, and nobody is stopped by it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.ui.main_window import MainWindow
from app.ui.register.window import RegisterWindow
from tests.ui.driver import NEXT, click

# The test clock reads November 2026: the IET's review was due by March 2025, IOM3's in 2025.
IET_LINE = (
    "IET: the Social Media for Volunteers and Members Policy (version 1.5) was due to be "
    "reviewed by March 2025."
)


def test_the_home_window_tells_trustees(qtbot, services) -> None:
    """The home window lists each policy past its review date."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()  # the packs are read after the first paint
    qtbot.waitUntil(window.review_notice.isVisible, timeout=30000)
    assert IET_LINE in window.review_notice.text()


def test_the_register_tells_trustees(qtbot, services) -> None:
    """The register window carries the same notice."""
    window = RegisterWindow(services)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.view_updated, timeout=30000):
        window.show()
    assert window.review_notice.isVisible() and IET_LINE in window.review_notice.text()


def test_the_organisation_page_says_so_without_stopping_anyone(qtbot, make_wizard) -> None:
    """Choosing the IET shows the review notice, and Next is still available."""
    wizard = make_wizard()
    page = wizard.organisation_page
    notices = [
        w.text()
        for w in page.findChildren(QLabel)
        if w.accessibleName() == "Review date passed" and w.isVisible()
    ]
    assert [n for n in notices if "due to be reviewed by March 2025" in n]
    index = [p.id for p in page.packs].index("iet")
    click(qtbot, page.pack_buttons.button(index))
    assert wizard.button(NEXT).isEnabled()
