"""App start to first page painted, and peak memory, against a bare QWizard started the
same way (a fresh process each time, offscreen)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROBE = Path(__file__).with_name("startup_probe.py")
ROUNDS = 7


def start(which: str, data: Path) -> tuple[float, float]:
    """(seconds from process start to first paint, peak memory in MB) of one run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(data)}
    began = time.time()
    child = subprocess.Popen(
        [sys.executable, str(PROBE), which],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    painted, peak_kb = child.stdout.readline().split()
    child.stdout.close()
    assert child.wait(timeout=60) == 0
    return float(painted) - began, int(peak_kb) / 1024


def measure(which: str, data: Path) -> tuple[float, float]:
    runs = [start(which, data) for _ in range(ROUNDS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def test_start_and_memory_against_a_bare_wizard(record_ratio, tmp_path: Path) -> None:
    """Medians of 7 cold starts of each window, in alternation with the bare QWizard."""
    bare_time, bare_memory = measure("bare-wizard", tmp_path)
    for which, label in (("induct-home", "home window"), ("induct-wizard", "onboarding page 1")):
        seconds, memory = measure(which, tmp_path)
        record_ratio(
            f"start to first paint: {label}",
            "Induct",
            seconds * 1000,
            "bare QWizard",
            bare_time * 1000,
            "ms",
        )
        record_ratio(f"peak memory: {label}", "Induct", memory, "bare QWizard", bare_memory, "MB")
