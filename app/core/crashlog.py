"""The crash log: what went wrong, kept small, private and rotated.

A report can quote personal data (a name in an error message), so the log is readable
by its owner only (0600). Each report is cut to REPORT_LIMIT; once the log passes
LOG_LIMIT it becomes crash.log.1 (and so on, KEEP files at most) and a new one starts.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

LOG_LIMIT = 256 * 1024
REPORT_LIMIT = 32 * 1024
KEEP = 3


def append_report(log: Path, report: str, now: datetime | None = None) -> None:
    """Add `report` to `log`, rotating first if the log would pass LOG_LIMIT."""
    if len(report) > REPORT_LIMIT:
        half = REPORT_LIMIT // 2
        report = report[:half] + "\n[… cut …]\n" + report[-half:]
    when = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    data = f"--- {when}\n{report.rstrip()}\n".encode("utf-8", errors="replace")
    log.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(FileNotFoundError):
        if log.stat().st_size + len(data) > LOG_LIMIT:
            _rotate(log)
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(log, flags, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # an older log may have been made readable by all
        os.write(fd, data)
    finally:
        os.close(fd)


def _rotate(log: Path) -> None:
    for number in range(KEEP - 1, 0, -1):
        older = log.with_name(f"{log.name}.{number}")
        if older.exists():
            os.replace(older, log.with_name(f"{log.name}.{number + 1}"))
    os.replace(log, log.with_name(f"{log.name}.1"))
    with contextlib.suppress(FileNotFoundError):
        log.with_name(f"{log.name}.{KEEP}").unlink()


def excepthook(log: Path) -> Callable[..., None]:
    """A sys.excepthook that writes each uncaught exception to `log`, then reports as usual.

    The window's slots run inside Qt's event loop, where an exception reaches only
    sys.excepthook; this keeps its traceback in the same bounded, private log.
    """
    import sys
    import traceback

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        with contextlib.suppress(OSError):
            append_report(log, "".join(traceback.format_exception(kind, error, tb)))
        sys.__excepthook__(kind, error, tb)

    return hook
