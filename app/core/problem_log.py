"""The problem log: details of what went wrong in the background, kept in the data folder.

The window says what happened and how to fix it in plain words; this file keeps the
details (time, what was being done, the error and where it arose) for whoever helps.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

LOG_NAME = "problems.log"


def log_path() -> Path:
    from app.core import paths  # platformdirs only when a problem is written

    return paths.data_dir() / LOG_NAME


def log_problem(what: str, error: BaseException | str) -> Path | None:
    """Append `what` and `error` (with its traceback) to the log; the log's path, or None
    when even the log cannot be written (the message on screen still says what happened)."""
    path = log_path()
    if isinstance(error, BaseException):
        detail = "".join(traceback.format_exception(error)).rstrip()
    else:
        detail = error
    entry = f"{datetime.now().astimezone().isoformat(timespec='seconds')}  {what}\n{detail}\n\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(entry)
    except OSError:
        return None
    return path
