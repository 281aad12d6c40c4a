"""Data files are private to their owner, and writes cut short leave nothing for good."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from app.core.atomic import ORPHAN_AGE_S, remove_orphans, write_text_atomic
from app.core.register.events import EventLog


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_register_file_is_created_private(tmp_path: Path) -> None:
    """register.sqlite holds names and e-mails: 0600 from the moment it exists."""
    path = tmp_path / "register.sqlite"
    with EventLog(path).connect():
        pass
    assert _mode(path) == 0o600


def test_an_old_world_readable_register_is_made_private(tmp_path: Path) -> None:
    """A register an older version left at 0644 is 0600 once opened."""
    path = tmp_path / "register.sqlite"
    with EventLog(path).connect():
        pass
    path.chmod(0o644)
    with EventLog(path).connect():
        pass
    assert _mode(path) == 0o600


def test_files_written_atomically_are_private(tmp_path: Path) -> None:
    """A session (or any data file) is written 0600 whatever the umask."""
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "session.json", "{}")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "session.json") == 0o600


def test_a_new_data_folder_is_private(tmp_path: Path) -> None:
    """The folder made for the first session is 0700: nobody else lists the files."""
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "sessions" / "a.json", "{}")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "sessions") == 0o700


def _age(path: Path, seconds: float) -> None:
    when = time.time() - seconds
    os.utime(path, (when, when))


def test_orphan_temporary_files_are_removed(tmp_path: Path) -> None:
    """Temporary files older than a write can take are deleted; everything else stays."""
    names = {
        "old": ".abc.json.k3j4h5l6.tmp",
        "fresh": ".def.json.q1w2e3r4.tmp",
        "session": "abc.json",
        "other tmp": "notes.tmp",
    }
    for name in names.values():
        (tmp_path / name).write_text("x")
    for key in ("old", "session", "other tmp"):
        _age(tmp_path / names[key], ORPHAN_AGE_S + 60)
    assert remove_orphans(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [names["fresh"], names["session"], names["other tmp"]]
    )


def test_two_hundred_orphans_are_all_removed(tmp_path: Path) -> None:
    """What 200 killed writes leave behind is gone after one start."""
    for number in range(200):
        orphan = tmp_path / f".{number:032x}.json.a{number:07d}.tmp"
        orphan.write_text("{")
        _age(orphan, ORPHAN_AGE_S + 1)
    assert remove_orphans(tmp_path) == 200
    assert not list(tmp_path.iterdir())


def test_a_folder_named_like_a_temporary_file_is_left_alone(tmp_path: Path) -> None:
    """Only regular files are removed."""
    folder = tmp_path / ".x.json.abcdef12.tmp"
    folder.mkdir()
    _age(folder, ORPHAN_AGE_S + 60)
    assert remove_orphans(tmp_path) == 0 and folder.is_dir()
