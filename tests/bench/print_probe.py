"""Print one consent batch through app.ui.printing to a PDF printer; report peak RSS.

`python -m tests.bench.print_probe BATCH.pdf OUT.pdf` prints "<pages> <peak RSS kB> <s>".
Run it in a fresh process per batch, so peaks do not mix."""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from app.ui.printing import print_pdf

PRINTER_DPI = 100  # a draft-quality printer: a 1,000-page run stays minutes, not an hour


def main(source: Path, out: Path) -> int:
    _app = QApplication([])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINTER_DPI)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    started = time.perf_counter()
    pages = print_pdf(source, printer)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(pages, peak, f"{seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
