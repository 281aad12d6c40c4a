"""The shared inbox folder: copies arrive whole, complete files are imported once, files
still arriving wait, refusals are listed with their reason, and nothing is deleted."""

from __future__ import annotations

from pathlib import Path

from app.core.register.importing import ADDED, DUPLICATE, REFUSED
from app.core.register.inbox import (
    PARTIAL_PREFIX,
    InboxScanner,
    InboxSettings,
    copy_to_inbox,
    is_candidate,
    load_settings,
    save_settings,
)
from app.core.register.register import Register
from app.signing.service import verify_pdf

from .conftest import MakeSigned


def test_a_copy_keeps_its_name_and_an_identical_copy_is_not_made_twice(
    make_signed: MakeSigned, tmp_path: Path
) -> None:
    """The same file copied twice is one file; no temporary file is left behind."""
    pdf, _ = make_signed()
    shared = tmp_path / "shared"
    first = copy_to_inbox(pdf, shared)
    again = copy_to_inbox(pdf, shared)
    assert first == again == shared / pdf.name
    assert first.read_bytes() == pdf.read_bytes()
    assert [p.name for p in shared.iterdir()] == [pdf.name]


def test_a_different_file_of_the_same_name_takes_the_next_name(
    make_signed: MakeSigned, tmp_path: Path
) -> None:
    """Two laptops' files with one name both arrive; neither replaces the other."""
    shared = tmp_path / "shared"
    shared.mkdir()
    pdf, _ = make_signed()
    (shared / pdf.name).write_bytes(b"%PDF-1.7 another laptop's file")
    copy = copy_to_inbox(pdf, shared)
    assert copy.name == f"{pdf.stem} (2).pdf"
    assert (shared / pdf.name).read_bytes() == b"%PDF-1.7 another laptop's file"


def test_hidden_and_temporary_files_are_not_looked_at() -> None:
    """Our own partial copies and sync tools' temporary files are never imported."""
    assert is_candidate("IET acknowledgement - Siân - 2026-11-21.pdf")
    assert is_candidate("SCAN.PDF")
    for name in (f"{PARTIAL_PREFIX}abc.pdf", ".syncthing.x.pdf.tmp", "~$x.pdf", "x.pdf.part"):
        assert not is_candidate(name), name


def test_a_file_cut_short_waits_and_is_imported_once_complete(
    register: Register, make_signed: MakeSigned, tmp_path: Path
) -> None:
    """Half a PDF is never refused: it waits, and is added once whole and unchanged."""
    pdf, _ = make_signed()
    shared = tmp_path / "shared"
    shared.mkdir()
    data = pdf.read_bytes()
    arriving = shared / "arriving.pdf"
    arriving.write_bytes(data[: len(data) // 2])
    scanner = InboxScanner(shared, settle_seconds=0)
    first = scanner.scan(register, verify_pdf)
    assert first.waiting == ("arriving.pdf",) and first.results == () and first.refused == ()
    arriving.write_bytes(data)
    assert scanner.scan(register, verify_pdf).waiting == ("arriving.pdf",)  # just changed
    done = scanner.scan(register, verify_pdf)
    assert [r.outcome for r in done.results] == [ADDED] and done.waiting == ()
    assert scanner.scan(register, verify_pdf).results == ()  # not imported twice
    assert len(register.rows()) == 1


def test_a_file_changed_moments_ago_waits(
    register: Register, make_signed: MakeSigned, tmp_path: Path
) -> None:
    """A file whose last change is newer than the settling time is looked at later."""
    pdf, _ = make_signed()
    shared = tmp_path / "shared"
    copy_to_inbox(pdf, shared)
    scan = InboxScanner(shared, settle_seconds=3600).scan(register, verify_pdf)
    assert scan.waiting == (pdf.name,) and register.rows() == []


def test_refused_files_are_listed_with_the_reason_and_kept(
    register: Register, make_signed: MakeSigned, tmp_path: Path
) -> None:
    """A file that is not a PDF and a duplicate: one refused with why, one recognised; both stay."""
    pdf, _ = make_signed()
    shared = tmp_path / "shared"
    copy_to_inbox(pdf, shared)
    (shared / "same again.pdf").write_bytes(pdf.read_bytes())
    (shared / "notes.pdf").write_text("meeting notes, not a PDF")
    scanner = InboxScanner(shared, settle_seconds=0)
    scan = scanner.scan(register, verify_pdf)
    outcomes = {r.path.name: r.outcome for r in scan.results}
    assert outcomes == {pdf.name: ADDED, "same again.pdf": DUPLICATE, "notes.pdf": "unreadable"}
    assert scan.refused == (("notes.pdf", "not a PDF file."),)
    assert sorted(p.name for p in shared.iterdir()) == sorted(
        [pdf.name, "same again.pdf", "notes.pdf"]
    )


def test_a_refused_file_is_looked_at_again_when_it_changes(
    register: Register, make_signed: MakeSigned, tmp_path: Path
) -> None:
    """Refused is not for good: once the guardian's signature arrives, the file is added."""
    pdf, _ = make_signed(under_18=True, guardian_signs=False)
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "child.pdf"
    target.write_bytes(pdf.read_bytes())
    scanner = InboxScanner(shared, settle_seconds=0)
    scan = scanner.scan(register, verify_pdf)
    assert scan.results[0].outcome == REFUSED and "guardian has not signed" in scan.refused[0][1]
    signed, _ = make_signed(under_18=True, folder="signed")
    target.write_bytes(signed.read_bytes())
    scanner.scan(register, verify_pdf)  # changed: waits a look
    scan = scanner.scan(register, verify_pdf)
    assert [r.outcome for r in scan.results] == [ADDED] and scan.refused == ()


def test_settings_are_kept_and_damaged_settings_fall_back(tmp_path: Path) -> None:
    """Saved settings load again; a damaged file gives the defaults, not a crash."""
    path = tmp_path / "inbox.json"
    save_settings(InboxSettings(str(tmp_path / "shared"), copy_signed=True), path)
    assert load_settings(path) == InboxSettings(str(tmp_path / "shared"), True, False)
    path.write_text("{not json")
    assert load_settings(path) == InboxSettings()
