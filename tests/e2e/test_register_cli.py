"""`induct register check|import|export|due` from the shell: messages and exit codes."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from app.core.onboarding.acknowledgement import PERSON_FIELD
from app.core.packs import Pack
from app.core.register.register import Register
from app.signing.service import sign_pdf
from tests.unit.core.register.support import add_countersigned, countersign, make_ack

from ..unit.signing.support import PERSON, acknowledgement, memory_store


def induct(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "register", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )


@pytest.fixture
def signed_pdf(iet_pack: Pack, completed_session, tmp_path: Path) -> Path:
    """A volunteer's acknowledgement signed on another laptop (self-signed certificate)."""
    pdf = acknowledgement(iet_pack, completed_session(iet_pack), tmp_path / "usb")
    sign_pdf(pdf, PERSON_FIELD, PERSON, org_id="iet", typed_name=PERSON.name, store=memory_store())
    return pdf


def test_check_passes_an_intact_register_and_names_a_broken_event() -> None:
    """Exit 0 with the event count and head; after an edit, exit 1 naming the event."""
    fresh = induct("check")
    assert fresh.returncode == 0 and "no register yet" in fresh.stdout
    register = Register()
    ack = make_ack(1)
    register.add_acknowledgement(ack)
    add_countersigned(register, countersign(ack))
    good = induct("check")
    assert good.returncode == 0, good.stderr
    assert "the register is intact (2 events)" in good.stdout
    assert register.verify_chain().head in good.stdout
    with closing(sqlite3.connect(register.path)) as db, db:
        db.execute("DROP TRIGGER events_no_update")
        db.execute(
            "UPDATE events SET payload = replace(payload, 'Dafydd', 'Mallory') WHERE seq = 2"
        )
    broken = induct("check")
    assert broken.returncode == 1
    assert (
        f"event 2 (countersigned, {countersign(ack).signed_at}) was changed after it was written"
    ) in broken.stdout
    assert "Traceback" not in broken.stderr


def test_check_on_a_file_that_is_not_a_register(tmp_path: Path) -> None:
    """Some other file given with --db: exit 2 with a sentence, not a traceback."""
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 4096)
    result = induct("check", "--db", str(other))
    assert result.returncode == 2
    assert "not a register Induct can read" in result.stderr and "Traceback" not in result.stderr


def test_import_exit_codes(signed_pdf: Path, tmp_path: Path) -> None:
    """0 when added or already there, 1 when any file is refused, 2 when any is unreadable."""
    added = induct("import", str(signed_pdf))
    assert added.returncode == 0, added.stdout + added.stderr
    assert added.stdout.startswith(f"added: {signed_pdf.name}: {PERSON.name} (Volunteer)")
    assert "note: Person (" in added.stdout
    assert "a trustee needs to check and countersign it" in added.stdout
    again = induct("import", str(signed_pdf))
    assert again.returncode == 0 and again.stdout.startswith("duplicate: ")
    tampered = tmp_path / "tampered.pdf"
    data = bytearray(signed_pdf.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered.write_bytes(bytes(data))
    refused = induct("import", str(signed_pdf), str(tampered))
    assert refused.returncode == 1
    assert "refused: tampered.pdf: its signatures do not check out" in refused.stdout
    letter = tmp_path / "letter.pdf"
    letter.write_text("not a PDF at all")
    unreadable = induct("import", str(tampered), str(letter))
    assert unreadable.returncode == 2
    assert "unreadable: letter.pdf: not a PDF file." in unreadable.stdout
    assert len(Register().rows()) == 1


def test_export_writes_every_acknowledgement_to_csv(tmp_path: Path) -> None:
    """One row per acknowledgement with its status; the file is replaced whole."""
    register = Register()
    for number in range(3):
        register.add_acknowledgement(make_ack(number))
    add_countersigned(register, countersign(make_ack(1)))
    target = tmp_path / "exports" / "register.csv"
    result = induct("export", "--csv", str(target), "--on", "2024-02-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote 3 acknowledgements to {target}."
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Person"] for r in rows] == [make_ack(n).person for n in range(3)]
    assert [r["Status"] for r in rows] == ["signed", "countersigned", "signed"]
    assert rows[1]["Countersigned by"] == "Dafydd Trustee"
    assert sorted(p.name for p in target.parent.iterdir()) == ["register.csv"]


def test_due_lists_people_by_organisation(tmp_path: Path) -> None:
    """Renewals due as of a date, grouped by pack, each with why."""
    register = Register()
    register.add_acknowledgement(make_ack(1, version="1.4"))
    register.add_acknowledgement(make_ack(2))
    register.add_acknowledgement(make_ack(3, pack_id="iom3", version="2024"))
    result = induct("due", "--on", "2024-06-01")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "IET (iet): 1 due (policy version 1.5, renewed every 12 months)"
    assert lines[1].startswith(
        f"  {make_ack(1).person} <p1@example.org>, Volunteer, signed "
        "version 1.4 on 2024-01-01: the policy is now version 1.5"
    )
    later = induct("due", "--on", "2025-06-01")
    assert "IOM3 (iom3): 1 due" in later.stdout and "IET (iet): 2 due" in later.stdout
    empty = induct("due", "--db", str(tmp_path / "new.sqlite"))
    assert empty.stdout.strip() == "Nobody is due to acknowledge again."


def test_check_on_a_terminal_says_what_it_is_checking_then_clears_the_line() -> None:
    """On a terminal the check names each part as it goes on one line, blanked before the
    result; piped, stderr stays empty (the other tests)."""
    import pty

    register = Register()
    register.add_acknowledgement(make_ack(1))
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "app", "register", "check"],
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            env=dict(os.environ),
            timeout=120,
        )
        os.close(follower)
        shown = b""
        while chunk := _read_ready(leader):
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0 and "the register is intact (1 events)" in done.stdout
    first, second = (
        "Checking the chain of events…",
        "Checking the acknowledgements index and the file…",
    )
    width = len(second)
    assert shown.decode() == f"\r{first}\r{second}\r{' ' * width}\r"


def _read_ready(fd: int) -> bytes:
    """What the terminal holds now (b"" once it is drained or closed)."""
    import select

    if not select.select([fd], [], [], 1.0)[0]:
        return b""
    try:
        return os.read(fd, 4096)
    except OSError:  # Linux: EIO once the other end is closed and drained
        return b""
