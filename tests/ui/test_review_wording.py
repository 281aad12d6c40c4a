"""Check your answers reads as plain English: counts without '(s)'."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.core.onboarding import flow
from tests.ui.test_wizard import run_to


def test_one_point_to_act_on_is_singular(qtbot, make_wizard) -> None:
    """An answer with one piece of advice says '1 point to act on', never 'point(s)'."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.REVIEW)
    text = " ".join(label.text() for label in wizard.currentPage().findChildren(QLabel))
    assert "(1 point to act on)" in text and "point(s)" not in text
