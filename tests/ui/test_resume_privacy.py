"""On a shared laptop the Resume list shows little, and only the person who typed the
e-mail address carries on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack

from . import driver
from .driver import click


def _save_session(services, pack: Pack, name: str, email: str) -> OnboardingSession:
    session = OnboardingSession.start(pack, services.clock)
    session.identity.full_name = name
    session.identity.email = email
    session.current_step = "identity"
    services.store.save(session)
    return session


def _resume_button(wizard) -> QAbstractButton:
    page = wizard.organisation_page
    return next(
        b for b in page.resume_box.findChildren(QAbstractButton) if b.text().startswith("Resume")
    )


def _shown_text(widget: QWidget) -> str:
    texts = [
        w.text()
        for w in widget.findChildren(QWidget)
        if w.isVisible() and hasattr(w, "text") and isinstance(w.text(), str)
    ]
    names = [w.accessibleName() for w in widget.findChildren(QWidget)]
    return "\n".join(texts + names)


def test_the_resume_list_shows_a_first_name_and_an_initial(
    qtbot, make_wizard, services, iet_pack: Pack
) -> None:
    """ "Siân L." is listed; neither the surname nor the e-mail appears anywhere on the page."""
    _save_session(services, iet_pack, "Siân Llewelyn-Jones", "sian@example.org")
    wizard = make_wizard()
    shown = _shown_text(wizard.organisation_page)
    assert "Resume: Siân L. — IET" in shown
    assert "Llewelyn" not in shown and "sian@example.org" not in shown


def test_a_wrong_e_mail_address_does_not_resume(
    qtbot, make_wizard, services, iet_pack: Pack
) -> None:
    """Someone else's guess at the address is refused, and the wizard stays on the first page."""
    _save_session(services, iet_pack, "Siân Llewelyn-Jones", "sian@example.org")
    wizard = make_wizard()
    page = wizard.organisation_page
    click(qtbot, _resume_button(wizard))
    driver.type_text(qtbot, page.resume_email, "mallory@example.org")
    click(qtbot, page.carry_on)
    assert page.email_problem.text() == (
        "That is not the e-mail address saved with this onboarding."
    )
    assert wizard.current_key() == "organisation" and wizard.ctx.session is None


def test_the_e_mail_address_typed_resumes(qtbot, make_wizard, services, iet_pack: Pack) -> None:
    """The person's own address (in any case) carries on with their answers."""
    saved = _save_session(services, iet_pack, "Siân Llewelyn-Jones", "sian@example.org")
    wizard = make_wizard()
    page = wizard.organisation_page
    click(qtbot, _resume_button(wizard))
    assert page.resume_email.isVisible()
    driver.type_text(qtbot, page.resume_email, " Sian@Example.org")
    click(qtbot, page.carry_on)
    assert wizard.ctx.session is not None and wizard.ctx.session.id == saved.id
    assert wizard.current_key() == "identity"


def test_enter_in_the_e_mail_field_resumes_and_goes_no_further(
    qtbot, make_wizard, services, iet_pack: Pack
) -> None:
    """Enter carries on at the saved step; it does not also press Next or start anew."""
    saved = _save_session(services, iet_pack, "Siân Llewelyn-Jones", "sian@example.org")
    wizard = make_wizard()
    page = wizard.organisation_page
    click(qtbot, _resume_button(wizard))
    driver.type_text(qtbot, page.resume_email, "sian@example.org")
    qtbot.keyClick(page.resume_email, Qt.Key.Key_Return)
    assert (wizard.ctx.session.id, wizard.current_key()) == (saved.id, "identity")


def test_at_200_percent_the_resume_row_fits_the_page(
    qtbot, make_wizard, services, iet_pack: Pack
) -> None:
    """At 200% on a 1366×900 screen, the Resume button and when it was saved lie inside the
    page's view, not cut off past its right edge."""
    from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

    _save_session(services, iet_pack, "Siân Llewelyn-Jones", "sian@example.org")
    wizard = make_wizard()
    wizard.resize(640, 412)  # the wizard filling 1366×900 at 200%, in the pixels Qt lays out in
    wizard.show()
    qtbot.waitExposed(wizard)
    QApplication.processEvents()
    page = wizard.organisation_page
    view = page.findChild(QScrollArea).viewport()
    shown = [
        w
        for w in page.resume_box.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLabel)
        and ("Resume:" in w.text() or "saved" in w.text())
    ]
    assert any("saved" in w.text() for w in shown)
    for widget in shown:
        right = widget.mapTo(view, widget.rect().topRight()).x()
        assert right < view.width(), f"{widget.text()!r} ends at {right}, view {view.width()}"
