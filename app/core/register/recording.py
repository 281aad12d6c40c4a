"""Putting into the register what was just signed on this computer, and saying so when that
fails: the signed file is kept, the person is told how to add it, the log keeps the details.

Every signing path (the wizard, the check window, `induct countersign`) ends here, so each
appends its event the same way: checked first, then in one write transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.clock import Clock, local_now
from app.core.display import display_path
from app.core.problem_log import log_problem
from app.core.register.importing import (
    REFUSED,
    UNREADABLE,
    ImportResult,
    Verify,
    import_file,
)
from app.core.register.register import Register

ACKNOWLEDGEMENT = "acknowledgement"
COUNTERSIGNATURE = "countersignature"


@dataclass(frozen=True)
class NotRecorded:
    """A signature made and saved that did not reach the register, in words to show."""

    message: str
    log: Path | None


def not_recorded(what: str, path: Path, error: BaseException | str) -> NotRecorded:
    """Log `error` and say, in plain words, that `what` in `path` is not in the register yet."""
    log = log_problem(f"The {what} in {path} was not added to the register", error)
    reason = str(error).rstrip(".") or type(error).__name__
    details = f" The details are in {display_path(log)}." if log else ""
    return NotRecorded(
        f"The {what} is signed and saved, but not in the register yet: {reason}. Nothing is "
        f"lost: once the register is fixed, import {display_path(path)} into it (Import in "
        f"the register window) to add it.{details}",
        log,
    )


def record_countersignature(
    register: Register, path: Path, verify: Verify, clock: Clock = local_now
) -> ImportResult | NotRecorded:
    """Add the countersignature just made on `path` (and its acknowledgement, if new)."""
    try:
        result = import_file(register, Path(path), verify, clock, countersigned_here=True)
    except Exception as error:  # a register that cannot be written: told, logged
        return not_recorded(COUNTERSIGNATURE, path, error)
    if result.outcome in (REFUSED, UNREADABLE):
        return not_recorded(COUNTERSIGNATURE, path, result.message)
    return result


def countersignature_line(path: Path, verify: Verify, register: Register | None = None) -> str:
    """`induct countersign`'s last line: what the register now holds, or why not yet."""
    outcome = record_countersignature(register or Register(), path, verify)
    if isinstance(outcome, NotRecorded):
        return outcome.message
    return f"In the register: {outcome.message}"
