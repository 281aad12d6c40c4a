"""Print one consent batch through app.ui.printing to a PDF printer; report peak RSS.

`python -m tests.bench.print_probe BATCH.pdf OUT.pdf` prints "<pages> <peak RSS kB> <s>".
Run it in a fresh process per batch, so peaks do not mix.

The peak is this process's own (VmHWM in /proc/self/status), not getrusage's ru_maxrss:
Linux carries ru_maxrss across exec, so a probe started by a large process (pytest, having
built a 1,000-copy batch) reported its parent's peak as its own."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from app.ui.print_pages import print_pdf

PRINTER_DPI = 72  # a draft-quality printer: a 2,000-page run stays a minute or two, not an hour


def peak_rss_kb() -> int:
    """The most memory this process has held resident, in kB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def main(source: Path, out: Path) -> int:
    _app = QApplication([])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINTER_DPI)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    started = time.perf_counter()
    pages = print_pdf(source, printer)
    seconds = time.perf_counter() - started
    peak = peak_rss_kb()
    print(pages, peak, f"{seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
