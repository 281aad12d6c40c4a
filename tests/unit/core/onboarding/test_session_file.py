"""Reading saved sessions that anyone could have written: what the app saves always reads
back, and anything else is refused with the field or the reason named, fast."""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest

from app.core.onboarding.session import (
    MAX_POINTS,
    MAX_SESSION_FILES,
    Drawing,
    OnboardingSession,
    SessionFileError,
    SessionStore,
    Signature,
)
from app.core.packs import Pack


def _store(tmp_path: Path, clock) -> SessionStore:
    return SessionStore(tmp_path / "sessions", clock)


def test_everything_the_app_saves_reads_back(
    tmp_path: Path, iom3_pack: Pack, completed_session, clock
) -> None:
    """A finished session with a drawing and a guardian's signature loads field for field."""
    session = completed_session(iom3_pack, under_18=True)
    session.identity.guardian_name = "Robin Guardian"
    session.guardian_signature = Signature(
        "Robin Guardian",
        ["I agree."],
        "2026-11-21T19:09:00+01:00",
        Drawing(300, 100, [[(1.5, 2), (3, 4)]]),
    )
    session.signed_fields = ["person"]
    store = _store(tmp_path, clock)
    store.save(session)
    assert store.load(store.path_for(session)) == session


def _message(store: SessionStore, path: Path) -> str:
    with pytest.raises(SessionFileError) as caught:
        store.load(path)
    return str(caught.value)


def _write(store: SessionStore, name: str, data: object) -> Path:
    store.folder.mkdir(parents=True, exist_ok=True)
    path = store.folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _saved(pack: Pack) -> dict:
    return json.loads(OnboardingSession.start(pack).to_json())


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (("updated_at", "2026-12-41T10:00:00+00:00"), "updated_at is not a date and time"),
        (("started_at", "2026-11-21T10:00:00"), "started_at has no UTC offset"),
        (("identity", None), "identity should be a set of fields"),
        (("quiz_answers", {"q1": "two"}), "quiz_answers.q1 should be a number"),
        (("quiz_answers", {"q1": True}), "quiz_answers.q1 should be a number"),
        (("completed", 1), "completed should be yes or no"),
        (("id", "../../../etc/x"), "id is not a session id"),
        (("section_acks", {"a": {"sha256": 1}}), "section_acks.a.sha256 should be text"),
        (("extra", 1), "the file has an unknown field 'extra'"),
        (("schema", 2), "saved by a different version of Induct"),
        (
            (
                "signature",
                {
                    "typed_name": "A",
                    "declaration": [],
                    "signed_at": "2026-11-21T19:05:00+01:00",
                    "drawing": {"width": 1, "height": 1, "strokes": [5]},
                },
            ),
            "signature.drawing.strokes should be a list of strokes",
        ),
    ],
)
def test_a_wrong_field_is_named(
    tmp_path: Path, iet_pack: Pack, clock, change: tuple[str, object], reason: str
) -> None:
    """Each wrong type or impossible date is reported with the field it is in."""
    store = _store(tmp_path, clock)
    data = _saved(iet_pack)
    data[change[0]] = change[1]
    path = _write(store, "s.json", data)
    assert _message(store, path).startswith(
        f"This saved onboarding cannot be read: s.json ({reason}"
    )


def test_a_drawing_of_sixty_thousand_points_is_refused(
    tmp_path: Path, iet_pack: Pack, clock
) -> None:
    """A signature drawing too big to be one is refused (within the size limit)."""
    store = _store(tmp_path, clock)
    data = _saved(iet_pack)
    data["signature"] = {
        "typed_name": "A",
        "declaration": [],
        "signed_at": "2026-11-21T19:05:00+01:00",
        "drawing": {"width": 1, "height": 1, "strokes": [[[0, 0]] * 3000] * 20},
    }
    path = _write(store, "s.json", data)
    assert "too many strokes" in _message(store, path)


def test_deep_nesting_is_refused(tmp_path: Path, iet_pack: Pack, clock) -> None:
    """A list nested 100,000 deep is refused, not a RecursionError."""
    store = _store(tmp_path, clock)
    text = json.dumps(_saved(iet_pack)).replace(
        '"checklist": {}', '"checklist": ' + "[" * 100_000 + "]" * 100_000
    )
    path = _write(store, "s.json", text)
    assert "nested too deeply" in _message(store, path)


def test_a_fifo_is_refused_at_once(tmp_path: Path, clock) -> None:
    """Opening a named pipe never waits for a writer."""
    store = _store(tmp_path, clock)
    store.folder.mkdir(parents=True)
    os.mkfifo(store.folder / "p.json")
    started = time.monotonic()
    assert "(it is not a regular file)" in _message(store, store.folder / "p.json")
    assert time.monotonic() - started < 2


def test_a_link_inside_the_folder_is_followed(tmp_path: Path, iet_pack: Pack, clock) -> None:
    """A link to another session file in the same folder reads that session."""
    store = _store(tmp_path, clock)
    session = OnboardingSession.start(iet_pack, clock)
    store.save(session)
    link = store.folder / "link.json"
    link.symlink_to(store.path_for(session).name)
    assert store.load(link).id == session.id


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path, iet_pack: Pack, clock) -> None:
    """A link to a file elsewhere (a session planted outside) is not read."""
    store = _store(tmp_path, clock)
    outside = tmp_path / "planted.json"
    outside.write_text(json.dumps(_saved(iet_pack)), encoding="utf-8")
    store.folder.mkdir(parents=True)
    (store.folder / "l.json").symlink_to(outside)
    assert "(it links outside its folder)" in _message(store, store.folder / "l.json")


def test_not_utf8_is_refused(tmp_path: Path, clock) -> None:
    """Bytes that are not UTF-8 are a reason, not a crash."""
    store = _store(tmp_path, clock)
    store.folder.mkdir(parents=True)
    (store.folder / "b.json").write_bytes(b'{"a": "\xff"}')
    assert "cannot be read: b.json" in _message(store, store.folder / "b.json")


def test_a_session_with_a_bad_id_is_never_saved_outside(
    tmp_path: Path, iet_pack: Pack, clock
) -> None:
    """A session whose id is a path cannot be written anywhere."""
    store = _store(tmp_path, clock)
    session = OnboardingSession.start(iet_pack, clock)
    session.id = "../escaped"
    with pytest.raises(ValueError, match="not a session id"):
        store.save(session)
    assert not (tmp_path / "escaped.json").exists()


_ODD_VALUES = [None, True, 0, -1, 10**30, 1.5, "", "x", "2026-12-41", [], [1], {}, {"a": 1}]


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value, as a path of keys and indexes."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def test_random_damage_is_loaded_or_refused_never_raised(
    tmp_path: Path, iom3_pack: Pack, completed_session, clock
) -> None:
    """500 seeded damages of a real session: each loads, or is refused by name; none crashes."""
    seed = 20261201
    print(f"seed {seed}")
    rng = random.Random(seed)
    store = _store(tmp_path, clock)
    original = json.loads(completed_session(iom3_pack).to_json())
    places = [p for p in _paths(original) if p]
    for attempt in range(500):
        data = json.loads(json.dumps(original))
        for _ in range(rng.randint(1, 3)):
            *parents, last = rng.choice(places)
            holder = data
            try:
                for key in parents:
                    holder = holder[key]
                holder[last] = rng.choice(_ODD_VALUES)
            except (KeyError, IndexError, TypeError):
                continue
        path = _write(store, f"{attempt}.json", data)
        try:
            session = store.load(path)
        except SessionFileError as error:
            assert str(error).startswith(f"This saved onboarding cannot be read: {attempt}.json")
            continue
        assert isinstance(session.identity.full_name, str)
        assert isinstance(session.updated_at, str) and isinstance(session.completed, bool)


def test_a_flood_of_session_files_is_listed_only_in_part(
    tmp_path: Path, iet_pack: Pack, clock
) -> None:
    """Thousands of files in the sessions folder: the list stops at MAX_SESSION_FILES and says so."""
    store = _store(tmp_path, clock)
    text = json.dumps(_saved(iet_pack))
    store.folder.mkdir(parents=True)
    for number in range(MAX_SESSION_FILES + 50):
        (store.folder / f"{number:032x}.json").write_text(text, encoding="utf-8")
    sessions, problems = store.unfinished()
    assert len(sessions) == MAX_SESSION_FILES
    assert problems == [f"Only the first {MAX_SESSION_FILES} saved onboardings are listed."]


def test_the_largest_drawings_the_app_accepts_still_read_back(
    tmp_path: Path, iom3_pack: Pack, completed_session, clock
) -> None:
    """Two signatures drawn with MAX_POINTS points each fit within the size limit."""
    session = completed_session(iom3_pack, under_18=True)
    points = [[(123.456789, 45.123456)] * (MAX_POINTS // 2)] * 2
    session.signature.drawing = Drawing(300, 100, points)
    session.guardian_signature = Signature(
        "Robin Guardian", ["I agree."], "2026-11-21T19:09:00+01:00", Drawing(300, 100, points)
    )
    store = _store(tmp_path, clock)
    store.save(session)
    assert store.load(store.path_for(session)) == session
