"""Damaged or hostile saved onboardings: each is named as unreadable, the rest still resume."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from PySide6.QtWidgets import QAbstractButton, QLabel

from app.core import paths
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.ui.wizard import OnboardingWizard

UNREADABLE = "This saved onboarding cannot be read"


def _saved(pack: Pack, name: str = "Good Person") -> dict:
    """The JSON of a real, unfinished session as the app saves it."""
    session = OnboardingSession.start(pack)
    session.identity.full_name = name
    session.identity.email = "good@example.org"
    return json.loads(session.to_json())


def _write(data: object, file_name: str) -> Path:
    folder = paths.sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _labels(wizard: OnboardingWizard) -> str:
    page = wizard.organisation_page
    return "\n".join(label.text() for label in page.resume_box.findChildren(QLabel))


def _resume_buttons(wizard: OnboardingWizard) -> list[QAbstractButton]:
    page = wizard.organisation_page
    buttons = page.resume_box.findChildren(QAbstractButton)
    return [b for b in buttons if b.isEnabled() and b.text().startswith("Resume")]


def _damaged(iet_pack: Pack) -> dict[str, Callable[[], object]]:
    def field(key: str, value: object) -> Callable[[], object]:
        def make() -> object:
            data = _saved(iet_pack)
            data[key] = value
            return data

        return make

    def identity(key: str, value: object) -> Callable[[], object]:
        def make() -> object:
            data = _saved(iet_pack)
            data["identity"][key] = value
            return data

        return make

    def deep() -> object:
        text = json.dumps(_saved(iet_pack))
        return text.replace('"questionnaire": {}', '"questionnaire": ' + "[" * 5000 + "]" * 5000)

    return {
        "impossible date": field("updated_at", "2026-12-41T10:00:00+00:00"),
        "number as name": identity("full_name", 42),
        "null": lambda: None,
        "a list": lambda: [1, 2, 3],
        "null identity": field("identity", None),
        "string acks": field("section_acks", "all of them"),
        "deep nesting": deep,
        "id with a path": field("id", "../../escaped"),
        "unknown field": field("surprise", 1),
        "text as completed": field("completed", "yes"),
        "bad signature date": field(
            "signature", {"typed_name": "G", "declaration": [], "signed_at": "yesterday"}
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "impossible date",
        "number as name",
        "null",
        "a list",
        "null identity",
        "string acks",
        "deep nesting",
        "id with a path",
        "unknown field",
        "text as completed",
        "bad signature date",
    ],
)
def test_a_damaged_session_is_named_and_the_good_one_still_offered(
    qtbot, make_wizard, iet_pack: Pack, case: str
) -> None:
    """Onboarding opens; the damaged file is named as unreadable; the good session resumes."""
    _write(_saved(iet_pack), "0" * 32 + ".json")
    bad = _write(_damaged(iet_pack)[case](), "f" * 32 + ".json")
    wizard = make_wizard()
    text = _labels(wizard)
    assert f"{UNREADABLE}: {bad.name}" in text
    assert [b.text().split(" — ")[0] for b in _resume_buttons(wizard)] == ["Resume: Good P."]


def test_a_fifo_as_a_session_does_not_hang(qtbot, make_wizard, iet_pack: Pack) -> None:
    """A named pipe among the sessions is refused at once, not waited on."""
    folder = paths.sessions_dir()
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.json")
    wizard = make_wizard()
    assert f"{UNREADABLE}: pipe.json (it is not a regular file)" in _labels(wizard)


def test_a_link_to_a_device_is_refused(qtbot, make_wizard) -> None:
    """A link to /dev/zero is refused, not read until memory runs out."""
    folder = paths.sessions_dir()
    folder.mkdir(parents=True)
    (folder / "zero.json").symlink_to("/dev/zero")
    wizard = make_wizard()
    assert f"{UNREADABLE}: zero.json (it links outside its folder)" in _labels(wizard)


def test_a_huge_session_file_is_refused(qtbot, make_wizard, iet_pack: Pack) -> None:
    """A session file of 12 MB is refused by its size, without reading it whole."""
    data = _saved(iet_pack)
    data["identity"]["full_name"] = "x" * 12_000_000
    _write(data, "big.json")
    wizard = make_wizard()
    assert f"{UNREADABLE}: big.json (it is larger than 10 MB)" in _labels(wizard)
