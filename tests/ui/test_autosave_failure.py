"""When autosave fails the window says so at once, keeps the answers, and saves them
elsewhere when the person chooses another folder."""

from __future__ import annotations

import json
from pathlib import Path

from app.core import paths
from app.core.onboarding import flow
from app.core.onboarding.session import OnboardingSession
from tests.ui.test_wizard import run_to

from . import driver
from .driver import click


def _block_the_sessions_folder() -> None:
    """A file where the sessions folder should be: every save there fails for real."""
    folder = paths.sessions_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder", encoding="utf-8")


def _start_typing(qtbot, wizard) -> None:
    driver.choose_organisation(qtbot, wizard, "iet")
    driver.type_text(qtbot, wizard.currentPage().full_name, "Nia Unsaved")


def test_a_failed_autosave_is_shown_at_once_in_plain_words(qtbot, make_wizard) -> None:
    """The notice names the folder and the reason, and offers another folder."""
    _block_the_sessions_folder()
    wizard = make_wizard()
    _start_typing(qtbot, wizard)
    qtbot.waitUntil(wizard.save_problem.isVisible, timeout=3000)
    assert wizard.save_problem.message.text() == (
        "Your answers could not be saved in ~/data/Induct/sessions: something that is not a "
        "folder is in the way. They are kept while this window stays open. Choose another "
        "folder to save them in."
    )
    assert wizard.save_problem.choose.isVisible()


def test_choosing_another_folder_saves_what_was_typed(qtbot, make_wizard, tmp_path: Path) -> None:
    """Every answer typed while saving failed is written to the folder chosen, and the notice goes."""
    _block_the_sessions_folder()
    wizard = make_wizard()
    _start_typing(qtbot, wizard)
    qtbot.waitUntil(wizard.save_problem.isVisible, timeout=3000)
    elsewhere = tmp_path / "elsewhere"
    wizard.save_problem.ask = lambda _parent: elsewhere
    click(qtbot, wizard.save_problem.choose)
    saved = OnboardingSession.from_json(
        (elsewhere / f"{wizard.ctx.session.id}.json").read_text(encoding="utf-8")
    )
    assert saved.identity.full_name == "Nia Unsaved"
    assert not wizard.save_problem.isVisible()


def test_closing_with_unsaved_answers_keeps_the_window_open_once(qtbot, make_wizard) -> None:
    """The first close after a failed save leaves the window (and the answers) there."""
    _block_the_sessions_folder()
    wizard = make_wizard()
    _start_typing(qtbot, wizard)
    wizard.close()
    assert wizard.isVisible() and wizard.save_problem.isVisible()
    assert wizard.ctx.session.identity.full_name == "Nia Unsaved"


def test_saving_works_again_after_a_folder_is_chosen(qtbot, make_wizard, tmp_path: Path) -> None:
    """Later answers go to the chosen folder too."""
    _block_the_sessions_folder()
    wizard = make_wizard()
    _start_typing(qtbot, wizard)
    qtbot.waitUntil(wizard.save_problem.isVisible, timeout=3000)
    wizard.save_problem.ask = lambda _parent: tmp_path / "elsewhere"
    click(qtbot, wizard.save_problem.choose)
    driver.type_text(qtbot, wizard.currentPage().email, "nia@example.org")
    path = tmp_path / "elsewhere" / f"{wizard.ctx.session.id}.json"
    qtbot.waitUntil(lambda: "nia@example.org" in path.read_text(encoding="utf-8"), timeout=3000)
    assert json.loads(path.read_text(encoding="utf-8"))["identity"]["email"] == "nia@example.org"


def test_signing_with_saving_refused_still_gives_the_pdf(qtbot, make_wizard, services) -> None:
    """The signed PDF is written and registered; the notice says the session was not saved."""
    _block_the_sessions_folder()
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name="Nia Unsaved", role="Volunteer")
    driver.sign(qtbot, wizard, "Nia Unsaved")
    assert Path(wizard.ctx.session.output_pdf).is_file()
    qtbot.waitUntil(lambda: len(services.register.rows()) == 1, timeout=30000)
    assert wizard.save_problem.isVisible()
