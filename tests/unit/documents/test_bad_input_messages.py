"""Bad input named plainly: a 300-character pack id, and an output folder that cannot be used."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.core import paths
from app.core.folders import FolderRefusedError
from app.core.onboarding.acknowledgement import AcknowledgementRecord
from app.core.packs import Pack, check_pack
from app.documents.acknowledgement import save_acknowledgement

LONG_ID = "a" * 300


def test_pack_check_names_a_300_character_id(tmp_path: Path) -> None:
    """`pack check` on a pack whose id is 300 characters names the field and its length."""
    pack = tmp_path / "long"
    shutil.copytree(paths.bundled_packs_dir() / "iom3", pack)
    toml = pack / "pack.toml"
    text = toml.read_text(encoding="utf-8").replace('id = "iom3"', f'id = "{LONG_ID}"', 1)
    toml.write_text(text, encoding="utf-8")
    (problem,) = check_pack(pack)
    assert (problem.file, problem.message) == (
        toml,
        "'id' is 300 characters long; at most 64 are allowed",
    )


def test_the_cli_names_a_300_character_pack_id(capsys: pytest.CaptureFixture[str]) -> None:
    """`org init --pack <300 characters>` says there is no such pack, naming --pack, cut short."""
    assert main(["org", "init", "--pack", LONG_ID]) == 1
    assert capsys.readouterr().err.strip() == (
        f"induct: There is no policy pack '{'a' * 60}… (300 characters)' "
        "(--pack; `induct pack list` shows them)."
    )


def test_saving_into_a_folder_behind_a_file_names_the_folder(
    iet_pack: Pack,
    record_for: Callable[..., AcknowledgementRecord],
    tmp_path: Path,
) -> None:
    """Saving the acknowledgement where a file stands in the folder's way says which and why."""
    (tmp_path / "Documents").write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(FolderRefusedError) as refused:
        save_acknowledgement(record_for(iet_pack), tmp_path / "Documents" / "Induct")
    assert str(refused.value) == (
        f"the folder {tmp_path / 'Documents'} cannot be used: "
        "a file is in the way where a folder should be"
    )


def test_export_into_a_folder_that_cannot_be_used_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`register export --csv` below a file: the folder named in words, exit 2."""
    (tmp_path / "reports").write_text("a file", encoding="utf-8")
    status = main(["register", "export", "--csv", str(tmp_path / "reports" / "register.csv")])
    assert (status, capsys.readouterr().err.strip()) == (
        2,
        f"induct: the folder {tmp_path / 'reports'} cannot be used: "
        "a file is in the way where a folder should be",
    )


def test_forms_build_into_a_folder_that_cannot_be_used_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`forms build --out` below a file: the folder named, exit 4, no crash report."""
    (tmp_path / "forms").write_text("a file", encoding="utf-8")
    out = tmp_path / "forms" / "open-day"
    status = main(
        ["forms", "build", "--pack", "iet", "--form", "publicity", "--event", "Open day"]
        + ["--copies", "1", "--out", str(out)]
    )
    assert (status, capsys.readouterr().err.strip()) == (
        4,
        f"induct: the folder {tmp_path / 'forms'} cannot be used: a file is in the way where "
        "a folder should be. Choose a folder you can write to, then try again.",
    )
