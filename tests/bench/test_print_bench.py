"""Benchmark: printing holds one page at a time, so the peak memory of printing a 1,000-copy
consent batch is that of a 10-copy batch (within 1.2×).

Each print runs in a fresh process (print_probe.py), which reports its own peak resident
memory, so neither pytest's memory nor the other prints count; the runs alternate, five of
each. The printer is a draft-quality (72-dpi) PDF printer, so 2,000 pages take two or
three minutes and the whole benchmark about a quarter of an hour.

Run with `make bench` (or `pytest -s tests/bench/test_print_bench.py`)."""

from __future__ import annotations

import faulthandler
import statistics
import subprocess
import sys
from pathlib import Path

from app.core import paths
from app.core.consent.templates import bundled_forms_dir, load_templates
from app.core.packs import load_pack
from app.documents.consent.form import build_batch

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5


def build(copies: int, folder: Path) -> Path:
    """A printable `copies`-copy batch of the IET publicity form."""
    pack = load_pack(paths.bundled_packs_dir() / "iet")
    template = load_templates(bundled_forms_dir())["publicity"]
    (pdf,) = build_batch(pack, template, event="Open day", copies=copies, out_dir=folder)
    return pdf


def print_in_fresh_process(pdf: Path, out: Path) -> tuple[int, float, float]:
    """Print `pdf` to `out` in a new process: pages, peak resident MB, seconds."""
    run = subprocess.run(
        [sys.executable, "-m", "tests.bench.print_probe", str(pdf), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    pages, peak_kb, seconds = run.stdout.split()
    return int(pages), int(peak_kb) / 1024, float(seconds)


def test_printing_a_thousand_copies_takes_the_memory_of_ten(tmp_path: Path, record_ratio) -> None:
    """Median peak RSS printing 1,000 copies is within 1.2× of printing 10."""
    # Ten prints take minutes: not a hang (each has its own timeout), so no stack dump
    faulthandler.cancel_dump_traceback_later()
    small, large = build(10, tmp_path / "10"), build(1000, tmp_path / "1000")
    peaks: dict[int, list[float]] = {10: [], 1000: []}
    pages: dict[int, set[int]] = {10: set(), 1000: set()}
    for run in range(RUNS):
        for copies, pdf in ((10, small), (1000, large)):
            count, peak, seconds = print_in_fresh_process(pdf, tmp_path / f"out-{copies}.pdf")
            print(
                f"\nrun {run + 1}: {copies:5} copies, {count:5} pages, {peak:4.0f} MB, {seconds:5.1f} s"
            )
            peaks[copies].append(peak)
            pages[copies].add(count)
    ratio = statistics.median(peaks[1000]) / statistics.median(peaks[10])
    print(f"\npeak memory, median of {RUNS}: 1,000 copies / 10 copies = {ratio:.2f}×")
    record_ratio(
        "peak memory printing a consent batch (fresh process each, 72-dpi PDF printer)",
        "1,000 copies",
        peaks[1000],
        "the same print of 10 copies",
        peaks[10],
        "MB",
        target="≤ 1.2×",
    )
    assert pages == {10: {10}, 1000: {1000}}  # one page a copy
    assert ratio <= 1.2
