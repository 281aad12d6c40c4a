"""`induct record show` from the shell: the record a signed PDF carries, and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.onboarding.acknowledgement import GUARDIAN_FIELD, PERSON_FIELD, build_record
from app.core.onboarding.record import to_data
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.signing.service import sign_pdf

from ..unit.signing.support import APP_VERSION, GUARDIAN, PERSON, acknowledgement, memory_store

EARLIER = Path(__file__).parents[1] / "data" / "earlier-format"


def induct(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "record", *map(str, args)],
        capture_output=True,
        text=True,
        env=dict(os.environ, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/induct-e2e"),
        timeout=120,
    )


@pytest.fixture
def signed(iet_pack: Pack, completed_session, tmp_path: Path) -> tuple[Path, OnboardingSession]:
    """An under-18's acknowledgement signed by them and their mother."""
    session = completed_session(iet_pack, under_18=True)
    who = session.identity
    who.guardian_name, who.guardian_relationship, who.guardian_email = (
        GUARDIAN.name,
        "Mother",
        GUARDIAN.email,
    )
    pdf = acknowledgement(iet_pack, session, tmp_path / "out")
    store = memory_store()
    sign_pdf(pdf, PERSON_FIELD, PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    sign_pdf(pdf, GUARDIAN_FIELD, GUARDIAN, org_id="iet", typed_name=GUARDIAN.name, store=store)
    return pdf, session


def test_show_prints_the_person_the_guardian_and_their_declaration(
    signed: tuple[Path, OnboardingSession],
) -> None:
    """Read from the signed PDF alone: who, the guardian's words, and hashes that add up."""
    pdf, _ = signed
    shown = induct("show", pdf)
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert f"Person: {PERSON.name}" in out and "Membership number: 1234567" in out
    assert f"Parent or guardian: {GUARDIAN.name}" in out and "Relationship: Mother" in out
    assert f"    - I am {PERSON.name}'s mother and I have parental responsibility" in out
    assert "add up and match pack 'iet' as installed here" in out


def test_show_json_is_the_embedded_record(
    signed: tuple[Path, OnboardingSession], iet_pack: Pack
) -> None:
    """--json prints the record exactly as the session would have made it."""
    pdf, session = signed
    shown = induct("show", "--json", pdf)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == to_data(build_record(iet_pack, session, APP_VERSION))


def test_an_earlier_format_file_says_it_has_no_record() -> None:
    """Exit 1 and a sentence, for a file made before the record was embedded."""
    shown = induct("show", EARLIER / "adult.pdf")
    assert shown.returncode == 1
    assert "carries no embedded record" in shown.stderr and "earlier version" in shown.stderr


def test_a_file_that_is_not_a_pdf_is_named(tmp_path: Path) -> None:
    """Exit 2 naming the file, no traceback."""
    text = tmp_path / "notes.pdf"
    text.write_text("hello")
    shown = induct("show", text)
    assert shown.returncode == 2 and shown.stderr == f"induct: {text}: not a PDF file.\n"
