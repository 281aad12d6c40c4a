"""Benchmark: the register window and `register check` at a million events against ten thousand.

The register window should cost the same whatever the register's size, so its baseline is
itself on a register a hundred times smaller: each run is a fresh process
(register_probe.py) that opens the window, searches for one person by e-mail and sorts by
name, timing each until the rows are on screen, with the longest stall of the UI thread and
the peak memory. Runs alternate between the two files. `register check` is timed against
the simplest program that checks the same chain: sqlite3 and hashlib recomputing every
event's hash, as the check did before the acknowledgements index.

Registers are made once and kept in build/bench-cache (register_data.py): the first
`make bench` spends some minutes making the million-event one (half an hour on a busy
two-core machine). INDUCT_BENCH_EVENTS, INDUCT_BENCH_CHECK_EVENTS and INDUCT_BENCH_RUNS
make a quick run smaller.
"""

from __future__ import annotations

import faulthandler
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from app.core.register.register import Register
from tests.bench.register_data import register_file

SMALL = 10_000
BIG = int(os.environ.get("INDUCT_BENCH_EVENTS", "1000000"))
RUNS = int(os.environ.get("INDUCT_BENCH_RUNS", "5"))
# The check walks every event: a minute or more at a million, so it is timed at 100k.
CHECK_EVENTS = int(os.environ.get("INDUCT_BENCH_CHECK_EVENTS", "100000"))
SEARCH = "p4242@example.org"  # one person, in both registers
PROBE = Path(__file__).with_name("register_probe.py")
STALL_BUDGET_MS = 50.0


def probe(path: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(PROBE), str(path), SEARCH],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def bare_check(path: Path) -> tuple[int, str]:
    """The baseline check: every event's hash recomputed from the row before it."""
    prev, count = "0" * 64, 0
    with closing(sqlite3.connect(path)) as db:
        for seq, kind, subject, file_sha, at, payload, prev_sha, digest in db.execute(
            "SELECT seq, kind, subject, file_sha256, at, payload, prev_sha256, sha256 "
            "FROM events ORDER BY seq"
        ):
            text = "\n".join((prev_sha, str(seq), kind, subject, file_sha, at, payload))
            assert prev_sha == prev and hashlib.sha256(text.encode()).hexdigest() == digest
            prev, count = digest, count + 1
    return count, prev


def test_register_window_at_a_million_events_against_ten_thousand(record_ratio) -> None:
    """Open, search and sort at BIG events within 1.2× of 10k; stalls under 50 ms."""
    # Making the million-event register the first time takes minutes: not a hang
    faulthandler.cancel_dump_traceback_later()
    small, big = register_file(SMALL), register_file(BIG)
    runs: dict[Path, list[dict]] = {small: [], big: []}
    for _ in range(RUNS):
        for path in (small, big):  # alternating
            runs[path].append(probe(path))
    assert all(run["found"] == 1 for run in runs[small] + runs[big])
    ours, theirs = f"Induct, {BIG:,} events", f"the same window on {SMALL:,} events"
    for step in ("open", "filter", "sort"):
        record_ratio(
            f"register window: {step}" + (" (search one person)" if step == "filter" else ""),
            ours,
            [run[step] for run in runs[big]],
            theirs,
            [run[step] for run in runs[small]],
            target="≤ 1.2×",
        )
    record_ratio(
        "register window: peak memory",
        ours,
        [run["peak_mb"] for run in runs[big]],
        theirs,
        [run["peak_mb"] for run in runs[small]],
        "MB",
        target="≤ 1.2×",
    )
    worst = [max(run["stalls"].values()) for run in runs[big]]
    record_ratio(
        "register window: longest UI stall (open, count, search, sort, scroll)",
        ours,
        worst,
        "the 50 ms budget",
        [STALL_BUDGET_MS],
        target="< 1×",
    )
    print(json.dumps({str(k): v for k, v in runs.items()}, indent=1))


def test_register_check_against_a_bare_hash_walk(record_ratio) -> None:
    """`register check` (chain and index) per event, against recomputing the hashes alone."""
    path = register_file(CHECK_EVENTS)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(RUNS):
        began = time.perf_counter()
        check = Register(path).verify_chain()
        ours.append((time.perf_counter() - began) * 1e6 / check.count)
        assert check.ok
        began = time.perf_counter()
        count, head = bare_check(path)
        theirs.append((time.perf_counter() - began) * 1e6 / count)
        assert head == check.head
    record_ratio(
        f"register check, {CHECK_EVENTS:,} events",
        "Induct (chain and index), per event",
        ours,
        "sqlite3 + hashlib recomputing each hash",
        theirs,
        "µs",
        target="≤ 1×",
    )
