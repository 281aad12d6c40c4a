"""Fixtures for wizard tests: real packs, real session files, a wizard per test.

The UI lane runs on an in-memory credential store, the same on every machine, so each
test has one outcome (the key of a root or a computer is in the store; a trustee's is in
a file under a passphrase). The real Secret Service is the integration lane's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core import paths
from app.core.onboarding.session import SessionStore
from app.core.packs import installed_packs
from app.signing import keystore
from app.signing.secrets import SecretStore
from app.ui.context import Services
from app.ui.wizard import OnboardingWizard
from tests.unit.signing.support import memory_store


@pytest.fixture(autouse=True)
def credential_store(monkeypatch: pytest.MonkeyPatch) -> SecretStore:
    """This test's own credential store, where the app looks for this computer's."""
    store = memory_store()
    monkeypatch.setattr(keystore, "platform_store", lambda **_: store)
    return store


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
