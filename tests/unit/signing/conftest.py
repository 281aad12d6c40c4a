"""Signing unit tests never reach the real credential store: an in-memory one stands in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.signing.secrets import SecretStore

from .support import acknowledgement, memory_store


@pytest.fixture(autouse=True)
def no_session_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point D-Bus at nothing, so a call that forgets `store=` cannot touch a real keyring."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/induct-unit-test")


@pytest.fixture
def store() -> SecretStore:
    """A fresh in-memory credential store."""
    return memory_store()


@pytest.fixture
def make_pdf(
    completed_session: Callable[..., OnboardingSession], iet_pack: Pack, tmp_path: Path
) -> Callable[..., tuple[Path, OnboardingSession]]:
    """An IET acknowledgement, rendered with empty fields, and the session it came from."""

    def make(under_18: bool = True, **options: object) -> tuple[Path, OnboardingSession]:
        session = completed_session(iet_pack, under_18=under_18, **options)
        return acknowledgement(iet_pack, session, tmp_path / "out"), session

    return make
