"""The tour of every window (tour.py) again at 200% text on 1366×900 and at 100% on a
1024×768 screen, each in a child pytest with its own Xvfb of that size: Qt's scale factor is
fixed when the application starts. Screenshots go to build/window-screenshots/<case>/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = {
    "200%-1366x900": {"INDUCT_SCREEN": "1366x900", "QT_SCALE_FACTOR": "2"},
    "100%-1024x768": {"INDUCT_SCREEN": "1024x768", "QT_SCALE_FACTOR": "1"},
}


@pytest.mark.parametrize("case", CASES)
def test_every_window_fits_and_every_page_completes(case: str, tmp_path: Path) -> None:
    """Every window fits the screen with nothing overlapping or cut off (see tour.py)."""
    shots = ROOT / "build" / "window-screenshots" / case
    env = {**os.environ, **CASES[case], "INDUCT_SCREENSHOTS": str(shots)}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--basetemp",
            str(tmp_path / "child"),
            "tests/window/tour.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    failures = [line for line in run.stdout.splitlines() if line.startswith(("E ", "FAILED"))]
    assert run.returncode == 0, "\n".join(failures) or run.stdout[-3000:] + run.stderr[-3000:]
