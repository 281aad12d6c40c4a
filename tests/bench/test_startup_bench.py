"""Start to first paint, and peak memory, of the home window against a bare QMainWindow
with the same five buttons, started the same way: a fresh process each time, offscreen,
with compiled bytecode (as an installed app has it) and the runs alternating, each pair's
order swapped in turn. The data
folder is a populated one: a register of 100,000 events, both packs installed, and 20
unfinished onboardings saved.
"""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from app import APP_NAME
from app.core import paths
from app.core.onboarding.session import OnboardingSession, SessionStore
from app.core.packs import discover_packs
from tests.bench.register_data import register_file

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("startup_probe.py")
# Eleven pairs: a start-up swings by a tenth from run to run on a shared two-core machine.
RUNS = max(11, int(os.environ.get("INDUCT_BENCH_RUNS", "11")))
REGISTER_EVENTS = int(os.environ.get("INDUCT_BENCH_STARTUP_EVENTS", "100000"))


def populate(data: Path) -> None:
    """A data folder as a busy officer's laptop has it."""
    folder = data / APP_NAME
    folder.mkdir(parents=True)
    shutil.copyfile(register_file(REGISTER_EVENTS), folder / "register.sqlite")
    bundled = paths.bundled_packs_dir()
    shutil.copytree(bundled, folder / "packs")
    packs = list(discover_packs([bundled]).packs.values())
    store = SessionStore(folder / "sessions")
    for number in range(20):
        store.save(OnboardingSession.start(packs[number % len(packs)]))


def start(which: str, env: dict[str, str]) -> tuple[float, float]:
    """(seconds from process start to first paint, peak memory in MB) of one run."""
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


def test_start_and_memory_against_a_bare_main_window(record_ratio, tmp_path: Path) -> None:
    """Home window against the bare window, alternating, each from its own process."""
    populate(tmp_path / "data")
    compileall.compile_dir(ROOT / "app", quiet=1)  # what an installed app has
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")}
    start("induct-home", env)  # warm the file cache for both, untimed
    start("bare-home", env)
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for run in range(RUNS):  # each pair's order swapped in turn: neither always goes first
        for which in ("induct-home", "bare-home")[:: 1 if run % 2 == 0 else -1]:
            (ours if which == "induct-home" else theirs).append(start(which, env))
    baseline = "a bare QMainWindow with the same five buttons"
    record_ratio(
        "start to first paint: home window",
        "Induct",
        [t * 1000 for t, _ in ours],
        baseline,
        [t * 1000 for t, _ in theirs],
        target="≤ 1.3×",
    )
    record_ratio(
        "peak memory at first paint: home window",
        "Induct",
        [m for _, m in ours],
        baseline,
        [m for _, m in theirs],
        "MB",
    )
