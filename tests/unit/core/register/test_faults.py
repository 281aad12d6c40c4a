"""Faults with real processes: two writers at once lose nothing; a kill mid-write harms nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.core.register.register import Register

ROOT = Path(__file__).resolve().parents[4]
EACH = 500


def writer(path: Path, first: int, count: int) -> subprocess.Popen[str]:
    """Start a writer process and wait until it has the register open."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.unit.core.register.writer_child",
            str(path),
            str(first),
            str(count),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def go(*children: subprocess.Popen[str]) -> None:
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    """2 processes × 500 acknowledgements into a fresh register: 1,000 events, one chain."""
    path = tmp_path / "register.sqlite"
    first, second = writer(path, 0, EACH), writer(path, 10_000, EACH)
    go(first, second)
    for child in (first, second):
        out, _ = child.communicate(timeout=240)
        assert child.returncode == 0
        assert out.split()[-1] == str(EACH)
    register = Register(path)
    check = register.verify_chain()
    assert check.ok, [p.describe() for p in check.problems]
    assert check.count == 2 * EACH
    rows = register.rows()
    assert [r.seq for r in rows] == list(range(1, 2 * EACH + 1))
    members = {int(r.membership_number) - 1_000_000 for r in rows}
    assert members == set(range(EACH)) | set(range(10_000, 10_000 + EACH))


def test_a_process_killed_mid_write_leaves_a_sound_register(
    tmp_path: Path, rng: random.Random
) -> None:
    """SIGKILL at a random moment, three times: the chain checks, every commit is kept."""
    path = tmp_path / "register.sqlite"
    reported_total = 0
    for round_number in range(3):
        child = writer(path, round_number * 100_000, 0)
        go(child)
        assert child.stdout is not None
        target, committed = rng.randrange(5, 60), 0
        while committed < target:
            committed = int(child.stdout.readline())
        time.sleep(rng.uniform(0, 0.02))
        os.kill(child.pid, signal.SIGKILL)
        rest = child.stdout.read().split()  # lines printed before the kill landed
        child.wait()
        child.stdout.close()
        assert child.stdin is not None
        child.stdin.close()
        assert child.returncode == -signal.SIGKILL
        committed = int(rest[-1]) if rest else committed
        reported_total += committed
        register = Register(path)
        check = register.verify_chain()
        assert check.ok, [p.describe() for p in check.problems]
        assert check.count >= reported_total
        reported_total = check.count  # an append may land after its number was printed
    result = subprocess.run(
        [sys.executable, "-m", "app", "register", "check", "--db", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the register is intact" in result.stdout
