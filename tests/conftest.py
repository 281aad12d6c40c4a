"""Shared fixtures: fresh folders for every test, the bundled packs, a completed session."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

# Qt runs offscreen everywhere; no test is skipped for want of a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core import paths
from app.core.onboarding.session import Drawing, OnboardingSession, Signature
from app.core.packs import Pack, load_pack


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the data and documents folders at this test's own temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    return home


TEST_SEED = int(os.environ.get("INDUCT_TEST_SEED", "20261201"))


@pytest.fixture
def rng() -> random.Random:
    """A seeded random source; the seed is printed so a failure can be replayed."""
    print(f"random seed {TEST_SEED} (INDUCT_TEST_SEED={TEST_SEED} replays this run)")
    return random.Random(TEST_SEED)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses Qt widgets `gui`, by the fixtures it asks for."""
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def iet_pack() -> Pack:
    return load_pack(paths.bundled_packs_dir() / "iet")


@pytest.fixture(scope="session")
def iom3_pack() -> Pack:
    return load_pack(paths.bundled_packs_dir() / "iom3")


class FixedClock:
    """A clock that moves on a minute each time it is read."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(2026, 11, 21, 18, 30, tzinfo=timezone(timedelta(hours=1)))

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def completed_session(clock: FixedClock) -> Callable[..., OnboardingSession]:
    """Build a session for `pack` as if the person had gone through every step."""

    def build(
        pack: Pack,
        *,
        full_name: str = "Siân Llewelyn-Jones",
        role: str = "Volunteer",
        under_18: bool = False,
        runs_account: bool = True,
        drawn: bool = True,
    ) -> OnboardingSession:
        session = OnboardingSession.start(pack, clock)
        identity = session.identity
        identity.full_name = full_name
        identity.email = "sian@example.org"
        identity.membership_number = "1234567"
        identity.role = role
        identity.under_18 = under_18
        identity.runs_account = runs_account
        for section in pack.sections_for(role):
            session.acknowledge(section.id, section.sha256, clock)
        for number, question in enumerate(pack.quiz):
            # one wrong answer, so the PDF shows an explanation
            session.quiz_answers[question.id] = (
                question.correct_index
                if number
                else (question.correct_index + 1) % len(question.choices)
            )
        if runs_account:
            for question in pack.questions:
                session.questionnaire[question.id] = (
                    "yes" if question.kind == "yes_no" else "Sharing news of our branch's events"
                )
        for number, item in enumerate(pack.checklist):
            session.checklist[item.id] = "not_yet" if number == 1 else "yes"
        drawing = Drawing(300, 100, [[(10, 80), (60, 20), (110, 80), (160, 20)]]) if drawn else None
        session.signature = Signature(
            full_name, list(pack.declaration), "2026-11-21T19:05:00+01:00", drawing
        )
        session.current_step = "sign"
        return session

    return build
