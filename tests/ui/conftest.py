"""Fixtures for wizard tests: real packs, real session files, a wizard per test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core import paths
from app.core.onboarding.session import SessionStore
from app.core.packs import installed_packs
from app.ui.context import Services
from app.ui.wizard import OnboardingWizard


@pytest.fixture
def opened() -> list[Path]:
    """Paths the app asked the system to open."""
    return []


@pytest.fixture
def services(tmp_path: Path, clock, opened: list[Path]) -> Services:
    catalogue = installed_packs()
    return Services(
        catalogue=catalogue,
        store=SessionStore(paths.sessions_dir(), clock),
        output_dir=tmp_path / "out",
        clock=clock,
        open_path=opened.append,
    )


@pytest.fixture
def make_wizard(qtbot, services: Services) -> Callable[[], OnboardingWizard]:
    def make() -> OnboardingWizard:
        wizard = OnboardingWizard(services)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make
