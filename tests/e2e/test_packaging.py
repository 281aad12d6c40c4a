"""Packaging: desktop integration files validate, and a wheel finds its bundled data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"


def test_desktop_entry_is_valid() -> None:
    """desktop-file-validate accepts the menu entry."""
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / "org.induct.Induct.desktop")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "error" not in result.stdout.lower(), result.stdout


def test_appstream_metainfo_is_valid() -> None:
    """appstreamcli validates the AppStream metainfo offline."""
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / "org.induct.Induct.metainfo.xml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_icons_exist_for_every_platform() -> None:
    """The menu icon in every size, and the Windows and macOS icons, are there."""
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (LINUX / "icons" / f"{size}x{size}" / "org.induct.Induct.png").is_file()
    assert (ROOT / "packaging" / "windows" / "induct.ico").stat().st_size > 1000
    assert (ROOT / "packaging" / "macos" / "induct.icns").stat().st_size > 1000


def test_an_installed_wheel_finds_its_packs_and_forms(tmp_path: Path) -> None:
    """From a built wheel (not the source tree), the locator finds resources and forms."""
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path / "wheel"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = (tmp_path / "wheel").glob("induct-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
    code = (
        "import app, app.core.paths as p, app.core.packs as k\n"
        "print(app.__file__)\nprint(p.bundled_dir('resources'))\n"
        "print(p.bundled_dir('forms'))\n"
        "print(sorted(k.discover_packs([p.bundled_packs_dir()]).packs))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
    )
    assert result.returncode == 0, result.stderr
    module, resources, forms, packs = result.stdout.splitlines()
    site = str(tmp_path / "site")
    assert module.startswith(site) and resources == f"{site}/app/resources"
    assert forms == f"{site}/app/forms" and packs == "['iet', 'iom3']"
