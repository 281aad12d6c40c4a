"""Data lives in the user's data folder; writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core import atomic, paths


def test_data_folder_follows_xdg_data_home(tmp_path: Path, monkeypatch) -> None:
    """XDG_DATA_HOME moves all of Induct's data."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere" / "Induct"
    assert paths.sessions_dir().is_relative_to(tmp_path / "elsewhere")


def test_data_is_never_beside_the_code() -> None:
    """The data folder is outside the source tree."""
    code = Path(paths.__file__).resolve().parents[2]
    assert not paths.data_dir().resolve().is_relative_to(code)


def test_bundled_folders_are_found() -> None:
    """The packs and fonts folders are located from the package."""
    assert (paths.bundled_packs_dir() / "iet" / "pack.toml").is_file()
    assert paths.bundled_dir("forms").is_dir()
    with pytest.raises(ValueError):
        paths.bundled_dir("../etc")


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    """If the rename fails, the previous content is intact and no temp file remains."""
    target = tmp_path / "file.json"
    atomic.write_text_atomic(target, "old")

    def broken_replace(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic.write_text_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


def test_paths_under_home_are_shown_with_a_tilde(tmp_path: Path, monkeypatch) -> None:
    """~/Documents/Induct reads better than the full path; other paths are unchanged."""
    from app.core.display import display_path

    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    assert display_path(tmp_path / "me" / "Documents" / "Induct") == "~/Documents/Induct"
    assert display_path(tmp_path / "elsewhere") == str(tmp_path / "elsewhere")
