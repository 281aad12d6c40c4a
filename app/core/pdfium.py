"""PDFium (through pypdfium2) one caller at a time.

PDFium is not safe to use from two threads at once: an import reading PDFs in the
background while the window renders one crashed the process. Every use of pypdfium2 in
Induct holds `PDFIUM`, a re-entrant lock, for as long as it has a document open.
"""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
