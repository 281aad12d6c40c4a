"""A hostile PDF given to import or to a check is refused with its reason, and nothing is
added to the register; Induct's own signed file passes the same bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.onboarding.record import RecordError, embedded_record_bytes
from app.core.pdf_bounds import read_pdf
from app.core.register.importing import UNREADABLE, exit_code, import_file
from app.core.register.register import Register
from app.signing.service import verify_pdf
from tests.hostile_pdfs import HOSTILE, write

from .conftest import MakeSigned


def test_a_signed_acknowledgement_is_within_every_bound(make_signed: MakeSigned) -> None:
    """Induct's own file (text streams, fonts, record, signatures) passes unchanged."""
    pdf, _ = make_signed()
    assert read_pdf(pdf) == pdf.read_bytes()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_import_refuses_a_hostile_pdf_and_adds_nothing(
    name: str, register: Register, tmp_path: Path
) -> None:
    """Unreadable (exit 2), with the bound it passed named; the register stays empty."""
    path = write(tmp_path, name)
    result = import_file(register, path, verify_pdf)
    assert (result.outcome, result.message) == (UNREADABLE, f"not read: {HOSTILE[name][1]}.")
    assert exit_code([result]) == 2
    assert register.count() == 0


@pytest.mark.parametrize("name", ["flate-bomb", "deep-nesting"])
def test_a_check_refuses_a_hostile_pdf(name: str, tmp_path: Path) -> None:
    """The Check window and `induct verify` show the reason instead of unpacking it."""
    report = verify_pdf(write(tmp_path, name))
    assert report.error == f"not checked: {HOSTILE[name][1]}."


def test_reading_the_record_of_a_bomb_is_refused(tmp_path: Path) -> None:
    """`induct record show` and import read the embedded record only within bounds."""
    with pytest.raises(RecordError, match="not read, because one of its parts unpacks"):
        embedded_record_bytes(write(tmp_path, "ascii85-bomb"))
