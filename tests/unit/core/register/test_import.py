"""Importing signed PDFs from other laptops: checked, read, added once, refused when bad."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from app.core.register.importing import (
    ADDED,
    COUNTERSIGNATURE_ADDED,
    DUPLICATE,
    REFUSED,
    UNREADABLE,
    exit_code,
    import_file,
    import_files,
)
from app.core.register.kinds import ACKNOWLEDGED, COUNTERSIGNED, IMPORTED
from app.core.register.register import Register
from app.signing.service import verify_pdf
from tests.unit.signing.support import GUARDIAN, PERSON, TRUSTEE, acknowledgement

from .conftest import MakeSigned


def kinds(register: Register) -> list[str]:
    return [e.kind for e in register.events()]


def test_a_good_file_is_added_with_who_what_and_which_file(
    register: Register, make_signed: MakeSigned, iet_pack
) -> None:
    """The person, role, policy version and hash, certificate and file all reach the register."""
    pdf, session = make_signed()
    (result,) = import_files(register, [pdf], verify_pdf)
    assert result.outcome == ADDED and exit_code([result]) == 0
    assert result.message.startswith(
        f"{PERSON.name} (Volunteer), {iet_pack.organisation.name}, policy version 1.5"
    )
    # self-signed: allowed, and said
    assert any("a trustee needs to check and countersign it" in note for note in result.notes)
    assert kinds(register) == [IMPORTED, ACKNOWLEDGED]
    (row,) = register.rows()
    report = verify_pdf(pdf)
    assert (row.person, row.email, row.role, row.membership_number) == (
        session.identity.full_name,
        PERSON.email,
        "Volunteer",
        "1234567",
    )
    assert (row.pack_id, row.policy_version, row.policy_sha256) == (
        "iet",
        "1.5",
        iet_pack.policy_sha256,
    )
    assert row.session_id == session.id and row.fingerprint == report.signatures[0].fingerprint
    assert row.file_path == str(pdf.resolve()) and row.source == "imported"
    imported = register.events(kind=IMPORTED)[0].payload
    assert imported["file_path"] == str(pdf.resolve()) and imported["notes"]


def test_the_same_file_or_session_again_is_a_duplicate(
    register: Register, make_signed: MakeSigned, tmp_path: Path
) -> None:
    """Same bytes, or another copy of the same signed acknowledgement: reported, not added."""
    pdf, _ = make_signed()
    import_files(register, [pdf], verify_pdf)
    copy = tmp_path / "from e-mail.pdf"
    copy.write_bytes(pdf.read_bytes())
    again, same = import_files(register, [pdf, copy], verify_pdf)
    assert (again.outcome, same.outcome) == (DUPLICATE, DUPLICATE)
    assert "already in the register" in again.message
    assert exit_code([again, same]) == 0
    assert register.count() == 2


def test_a_tampered_file_is_refused_with_the_reason(
    register: Register, make_signed: MakeSigned
) -> None:
    """One byte changed inside the signed content: refused, nothing added, exit code 1."""
    pdf, _ = make_signed()
    data = bytearray(pdf.read_bytes())
    middle = len(data) // 3
    data[middle] = (data[middle] + 1) % 256
    pdf.write_bytes(bytes(data))
    (result,) = import_files(register, [pdf], verify_pdf)
    assert result.outcome == REFUSED and exit_code([result]) == 1
    assert "do not check out" in result.message and "Person" in result.message
    assert register.count() == 0


def test_not_a_pdf_is_unreadable(register: Register, tmp_path: Path) -> None:
    """A letter saved with .pdf, or a missing file: unreadable, exit code 2."""
    letter = tmp_path / "letter.pdf"
    letter.write_text("Dear trustee, please find attached…")
    results = import_files(register, [letter, tmp_path / "missing.pdf"], verify_pdf)
    assert [r.outcome for r in results] == [UNREADABLE, UNREADABLE]
    assert results[0].message == "not a PDF file."
    assert "cannot be read" in results[1].message
    assert exit_code(results) == 2 and register.count() == 0


def test_a_later_countersigned_copy_adds_the_countersignature(
    register: Register, make_signed: MakeSigned, countersign: Callable[[Path], Path]
) -> None:
    """First the volunteer's copy, then the trustee's: one acknowledgement, countersigned."""
    pdf, _ = make_signed()
    import_files(register, [pdf], verify_pdf)
    countersigned = countersign(pdf)
    (result,) = import_files(register, [countersigned], verify_pdf)
    assert result.outcome == COUNTERSIGNATURE_ADDED
    assert result.message.startswith(f"{TRUSTEE.name} countersigned the acknowledgement by")
    assert kinds(register) == [IMPORTED, ACKNOWLEDGED, IMPORTED, COUNTERSIGNED]
    (row,) = register.rows()
    assert row.countersigned_by == TRUSTEE.name
    assert row.current_path == str(countersigned.resolve())
    (again,) = import_files(register, [countersigned], verify_pdf)
    assert again.outcome == DUPLICATE


def test_a_countersigned_file_seen_first_adds_both(
    register: Register, make_signed: MakeSigned, countersign: Callable[[Path], Path]
) -> None:
    """Only the countersigned copy arrives: the acknowledgement and countersignature both."""
    pdf, _ = make_signed()
    (result,) = import_files(register, [countersign(pdf)], verify_pdf)
    assert result.outcome == ADDED and f"countersigned by {TRUSTEE.name}" in result.message
    assert kinds(register) == [IMPORTED, ACKNOWLEDGED, COUNTERSIGNED]
    (original,) = import_files(register, [pdf], verify_pdf)
    assert original.outcome == DUPLICATE and "countersignature are" in original.message


def test_countersigning_here_adds_no_import_event(
    register: Register, make_signed: MakeSigned, countersign: Callable[[Path], Path]
) -> None:
    """A countersignature made on this computer is recorded as such, not as an import."""
    pdf, _ = make_signed()
    import_files(register, [pdf], verify_pdf)
    result = import_file(register, countersign(pdf), verify_pdf, countersigned_here=True)
    assert result.outcome == COUNTERSIGNATURE_ADDED
    assert kinds(register)[-1] == COUNTERSIGNED
    assert register.events(kind=COUNTERSIGNED)[0].payload["source"] == (
        "countersigned on this computer"
    )


def test_a_childs_acknowledgement_needs_the_guardian(
    register: Register, make_signed: MakeSigned
) -> None:
    """Under 18 without the guardian's signature: refused; with it, the guardian is recorded."""
    unsigned, _ = make_signed(under_18=True, guardian_signs=False, folder="a")
    (result,) = import_files(register, [unsigned], verify_pdf)
    assert (result.outcome, result.message) == (
        REFUSED,
        "the parent or guardian has not signed it yet.",
    )
    signed, _ = make_signed(under_18=True, folder="b")
    (result,) = import_files(register, [signed], verify_pdf)
    assert result.outcome == ADDED
    payload = register.events(kind=ACKNOWLEDGED)[0].payload
    assert (
        payload["guardian_name"],
        payload["guardian_relationship"],
        payload["guardian_email"],
    ) == (GUARDIAN.name, "Mother", GUARDIAN.email)
    assert payload["guardian_fingerprint"]


def test_an_unsigned_or_foreign_pdf_is_refused(
    register: Register, iet_pack, completed_session, tmp_path: Path
) -> None:
    """An acknowledgement nobody signed, and a PDF Induct did not make, are refused."""
    unsigned = acknowledgement(iet_pack, completed_session(iet_pack), tmp_path)
    foreign = tmp_path / "minutes.pdf"
    canvas = Canvas(str(foreign))
    canvas.drawString(72, 720, "Minutes of the trustees' meeting")
    canvas.save()
    results = import_files(register, [unsigned, foreign], verify_pdf)
    assert [r.outcome for r in results] == [REFUSED, REFUSED]
    assert results[0].message == "the person has not signed it yet."
    assert results[1].message.startswith("not an acknowledgement made by Induct")
    assert register.count() == 0
