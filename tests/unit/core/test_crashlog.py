"""The crash log stays small, private and rotated, however often Induct fails."""

from __future__ import annotations

import stat
from pathlib import Path

from app.core.crashlog import KEEP, LOG_LIMIT, REPORT_LIMIT, append_report, excepthook


def test_the_log_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """A new log is created 0600."""
    log = tmp_path / "crash.log"
    append_report(log, "Traceback: boom")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_an_old_world_readable_log_is_made_private(tmp_path: Path) -> None:
    """A log an older version left at 0644 is 0600 after the next report."""
    log = tmp_path / "crash.log"
    log.write_text("old report\n")
    log.chmod(0o644)
    append_report(log, "Traceback: boom")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_one_huge_report_is_cut(tmp_path: Path) -> None:
    """A 5 MB error message takes no more than REPORT_LIMIT (and a little) in the log."""
    log = tmp_path / "crash.log"
    append_report(log, "x" * 5_000_000)
    assert log.stat().st_size < REPORT_LIMIT + 200


def test_many_reports_rotate_and_the_folder_stays_bounded(tmp_path: Path) -> None:
    """A thousand reports leave at most KEEP files, none past LOG_LIMIT, the newest kept."""
    log = tmp_path / "crash.log"
    for number in range(1000):
        append_report(log, f"report {number}\n" + "y" * 2000)
    files = sorted(tmp_path.iterdir())
    assert [f.name for f in files] == ["crash.log", "crash.log.1", "crash.log.2"][:KEEP]
    assert all(f.stat().st_size <= LOG_LIMIT for f in files)
    assert "report 999\n" in log.read_text()


def test_the_window_hook_logs_an_uncaught_exception(tmp_path: Path, capsys) -> None:
    """An exception escaping a slot reaches sys.excepthook: it is logged privately too."""
    log = tmp_path / "crash.log"
    hook = excepthook(log)
    try:
        raise RuntimeError("slot failed for Siân")
    except RuntimeError as error:
        hook(type(error), error, error.__traceback__)
    assert "RuntimeError: slot failed for Siân" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert "slot failed" in capsys.readouterr().err
