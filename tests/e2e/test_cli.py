"""The `induct` command: pack checks from the shell, clear messages, no tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from app.core import paths


def induct(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_pack_check_passes_the_bundled_packs() -> None:
    """`induct pack check` exits 0 and says each bundled pack is good."""
    folders = [str(paths.bundled_packs_dir() / p) for p in ("iet", "iom3")]
    result = induct("pack", "check", *folders)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("pack is good") == 2


def test_pack_check_lists_every_problem_as_file_line_message(tmp_path: Path) -> None:
    """A broken pack exits 1 with FILE:LINE: message lines and no traceback."""
    pack = tmp_path / "mine"
    shutil.copytree(paths.bundled_packs_dir() / "iom3", pack)
    toml = pack / "pack.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("[policy]\n", "[policy]\nx = 1\n"),
        encoding="utf-8",
    )
    (pack / "policy" / "03-who-for.md").unlink()
    result = induct("pack", "check", str(pack))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{toml}:") for line in lines)
    assert "unknown key 'policy.x'" in result.stdout
    assert "03-who-for.md' was not found" in result.stdout
    assert "Traceback" not in result.stderr


def test_pack_check_on_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    """A wrong path gets a one-line explanation and exit 1."""
    result = induct("pack", "check", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert "no such folder" in result.stdout and "Traceback" not in result.stderr


def test_pack_list_shows_user_packs_and_broken_ones(tmp_path: Path) -> None:
    """Packs in the user's data folder are found; a broken one is reported, others listed."""
    data = tmp_path / "data"
    user_packs = data / "Induct" / "packs"
    shutil.copytree(paths.bundled_packs_dir() / "iet", user_packs / "broken")
    (user_packs / "broken" / "pack.toml").write_text("id = ", encoding="utf-8")
    result = induct("pack", "list", env={"XDG_DATA_HOME": str(data)})
    assert result.returncode == 1
    assert "iet\t" in result.stdout and "iom3\t" in result.stdout
    assert "broken" in result.stderr and "Traceback" not in result.stderr


def test_usage_errors_exit_2() -> None:
    """An unknown command is a usage error, not a crash."""
    result = induct("frobnicate")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_pack_list_names_a_hostile_pack_and_lists_the_good_ones(tmp_path: Path) -> None:
    """A pack nested 3,000 deep in the user's folder: both bundled packs listed, it is named."""
    data = tmp_path / "data"
    hostile = data / "Induct" / "packs" / "deep"
    shutil.copytree(paths.bundled_packs_dir() / "iom3", hostile)
    toml = hostile / "pack.toml"
    toml.write_text("x = " + "[" * 3000 + "]" * 3000 + "\n" + toml.read_text("utf-8"), "utf-8")
    result = induct("pack", "list", env={"XDG_DATA_HOME": str(data)})
    listed = sorted(line.split("\t")[0] for line in result.stdout.splitlines())
    assert (result.returncode, listed, result.stderr.strip()) == (
        1,
        ["iet", "iom3"],
        f"{hostile}: broken ({toml}:1: nests tables or lists too deeply (at most 16))",
    )
