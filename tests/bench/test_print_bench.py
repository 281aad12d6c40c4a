"""Benchmark: printing a 1,000-copy consent batch holds one page at a time, so its peak
memory is that of a 10-copy batch (within 1.2×). Each print runs in its own process.

Run with `make bench` (or `pytest -s tests/bench/test_print_bench.py`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.core import paths
from app.core.consent.templates import bundled_forms_dir, load_templates
from app.core.packs import load_pack
from app.documents.consent.form import build_batch

ROOT = Path(__file__).resolve().parents[2]


def print_batch(copies: int, folder: Path) -> tuple[int, int, float]:
    """Build a `copies`-copy batch and print it in a fresh process: pages, peak kB, seconds."""
    pack = load_pack(paths.bundled_packs_dir() / "iet")
    template = load_templates(bundled_forms_dir())["publicity"]
    out = folder / str(copies)
    (pdf,) = build_batch(pack, template, event="Open day", copies=copies, out_dir=out)
    run = subprocess.run(
        [sys.executable, "-m", "tests.bench.print_probe", str(pdf), str(out / "printed.pdf")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    pages, peak, seconds = run.stdout.split()
    return int(pages), int(peak), float(seconds)


def test_printing_a_thousand_copies_takes_the_memory_of_ten(tmp_path: Path, record_ratio) -> None:
    """Peak RSS printing 1,000 copies is within 1.2× of printing 10."""
    small_pages, small_peak, small_s = print_batch(10, tmp_path)
    large_pages, large_peak, large_s = print_batch(1000, tmp_path)
    print(
        f"\nprinting a consent batch (IET publicity form, 100-dpi PDF printer):"
        f"\n     10 copies  {small_pages:5} pages  peak {small_peak / 1024:6.0f} MB  {small_s:6.1f} s"
        f"\n  1,000 copies  {large_pages:5} pages  peak {large_peak / 1024:6.0f} MB  {large_s:6.1f} s"
    )
    record_ratio(
        "peak memory printing a consent batch",
        "1,000 copies",
        large_peak / 1024,
        "10 copies",
        small_peak / 1024,
        "MB",
    )
    assert large_pages == 100 * small_pages
    assert large_peak <= 1.2 * small_peak
