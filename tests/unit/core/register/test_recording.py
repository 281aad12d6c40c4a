"""What was just signed here reaches the register, or the person is told why not and the
problem log keeps the details; a countersignature made anywhere updates the register."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.core import paths
from app.core.display import display_path
from app.core.register.importing import ADDED, COUNTERSIGNATURE_ADDED, import_file
from app.core.register.recording import (
    NotRecorded,
    countersignature_line,
    record_countersignature,
)
from app.core.register.register import Register
from app.core.register.status import COUNTERSIGNED, rules_for
from app.signing.service import verify_pdf
from tests.unit.signing.support import TRUSTEE

from .conftest import MakeSigned


def test_a_countersignature_made_here_updates_the_register(
    register: Register, make_signed: MakeSigned, countersign: Callable[[Path], Path], iet_pack
) -> None:
    """After countersigning, the row is countersigned at once, with no import by hand."""
    pdf, _ = make_signed(trusted=True)
    assert import_file(register, pdf, verify_pdf).outcome == ADDED
    outcome = record_countersignature(register, countersign(pdf), verify_pdf)
    assert not isinstance(outcome, NotRecorded) and outcome.outcome == COUNTERSIGNATURE_ADDED
    (row,) = register.snapshot(rules_for([iet_pack]), date(2026, 12, 1))
    assert row.status == COUNTERSIGNED and row.countersigned_by == TRUSTEE.name


def test_a_register_that_cannot_be_written_is_told_and_logged(
    make_signed: MakeSigned, countersign: Callable[[Path], Path], tmp_path: Path
) -> None:
    """A damaged register file: the sentence says signed and saved, not in the register yet,
    how to add it, and where the details are; the log names the file."""
    damaged = tmp_path / "register.sqlite"
    damaged.write_bytes(b"this is not a database" * 100)
    pdf, _ = make_signed()
    signed = countersign(pdf)
    line = countersignature_line(signed, verify_pdf, Register(damaged))
    assert line.startswith("The countersignature is signed and saved, but not in the register yet")
    assert "Import in the register window" in line
    log = paths.data_dir() / "problems.log"
    assert f"The details are in {display_path(log)}." in line
    assert f"The countersignature in {signed} was not added to the register" in log.read_text()


def test_the_countersign_line_says_what_the_register_now_holds(
    register: Register, make_signed: MakeSigned, countersign: Callable[[Path], Path]
) -> None:
    """A file never imported: the countersigned copy adds person and trustee in one go."""
    pdf, _ = make_signed()
    line = countersignature_line(countersign(pdf), verify_pdf, register)
    assert line.startswith("In the register: ") and "countersigned by" in line
    assert len(register.rows()) == 1
