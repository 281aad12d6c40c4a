"""Onboarding sessions: saved atomically, resumed exactly, never silently lost."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.onboarding.session import OnboardingSession, SessionStore


def test_json_round_trip_keeps_everything(iet_pack, completed_session) -> None:
    """A saved and reloaded session equals the original, drawing and all."""
    session = completed_session(iet_pack)
    again = OnboardingSession.from_json(session.to_json())
    assert again == session
    assert again.signature and again.signature.drawing and again.signature.drawing.strokes


def test_store_lists_unfinished_newest_first(tmp_path: Path, iet_pack, iom3_pack, clock) -> None:
    """Unfinished sessions come back newest first; completed ones are not offered."""
    store = SessionStore(tmp_path, clock)
    first = OnboardingSession.start(iet_pack, clock)
    second = OnboardingSession.start(iom3_pack, clock)
    done = OnboardingSession.start(iet_pack, clock)
    done.completed = True
    for session in (first, second, done):
        store.save(session)
    store.save(first)  # touched again: now the newest
    sessions, problems = store.unfinished()
    assert [s.id for s in sessions] == [first.id, second.id]
    assert problems == []


def test_corrupt_session_file_is_reported_not_fatal(tmp_path: Path, iet_pack, clock) -> None:
    """A damaged file is named in a message; the good sessions still load."""
    store = SessionStore(tmp_path, clock)
    good = OnboardingSession.start(iet_pack, clock)
    store.save(good)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    sessions, problems = store.unfinished()
    assert [s.id for s in sessions] == [good.id]
    assert len(problems) == 1 and "broken.json" in problems[0]


def test_saving_leaves_no_temporary_files(tmp_path: Path, iet_pack, clock) -> None:
    """After many saves there is exactly one file per session."""
    store = SessionStore(tmp_path, clock)
    session = OnboardingSession.start(iet_pack, clock)
    for step in range(20):
        session.current_step = f"section:s{step}"
        store.save(session)
    assert [p.name for p in tmp_path.iterdir()] == [f"{session.id}.json"]
    saved = json.loads((tmp_path / f"{session.id}.json").read_text())
    assert saved["current_step"] == "section:s19"


def test_acknowledgement_time_is_kept_when_ticked_again(iet_pack, clock) -> None:
    """Re-ticking an unchanged section keeps the first time it was acknowledged."""
    session = OnboardingSession.start(iet_pack, clock)
    section = iet_pack.sections[0]
    session.acknowledge(section.id, section.sha256, clock)
    first = session.section_acks[section.id].acknowledged_at
    session.acknowledge(section.id, section.sha256, clock)
    assert session.section_acks[section.id].acknowledged_at == first
    assert first.endswith("+01:00")


def test_changed_policy_text_drops_its_acknowledgement(iet_pack, clock) -> None:
    """A section whose text changed since it was ticked must be read again."""
    session = OnboardingSession.start(iet_pack, clock)
    for section in iet_pack.sections:
        session.acknowledge(section.id, section.sha256, clock)
    session.section_acks[iet_pack.sections[2].id].sha256 = "0" * 64
    assert session.forget_stale_acknowledgements(iet_pack) == [iet_pack.sections[2].id]
    assert len(session.section_acks) == len(iet_pack.sections) - 1
