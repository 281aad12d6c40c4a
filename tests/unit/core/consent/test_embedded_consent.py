"""A captured consent carries its record inside the PDF, as the acknowledgement does."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.consent.embedded import FILE_NAME, ConsentRecordError, from_bytes
from app.core.consent.form import ConsentForm, Subject
from app.core.consent.templates import ConsentTemplate
from app.core.packs import Pack
from app.documents.consent.form import render_captured
from tests.unit.documents.pdftools import poppler

FormFor = Callable[..., ConsentForm]


def test_the_consent_record_is_attached_and_reads_back(
    tmp_path: Path, form_for: FormFor, iom3_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """pdfdetach lists the record; saved out, it is the record the form was filled from;
    `induct record show` prints its person and decisions."""
    form = form_for("iom3", "quote", event="Materials Day", date="2026-06-12")
    record = form.make_record(
        subject=Subject("Ιωάννης Παπαδόπουλος", "m-4", "Member", dob="1990-01-02"),
        consenting_adult=None,
        granted=[form.purposes[0].key],
        identification="full-name",
        child_agreement=None,
        method="in-app typed name",
        operator="Sam Patel",
        recorded_at="2026-06-12T10:15:00+01:00",
    )
    pdf = tmp_path / "consent.pdf"
    pdf.write_bytes(render_captured(iom3_pack, templates["quote"], record))
    assert FILE_NAME in poppler("pdfdetach", "-list", pdf)
    saved = tmp_path / "record.json"
    poppler("pdfdetach", "-savefile", FILE_NAME, "-o", saved, pdf)
    assert from_bytes(saved.read_bytes()) == record
    shown = subprocess.run(
        [sys.executable, "-m", "app", "record", "show", str(pdf)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert "Person: Ιωάννης Παπαδόπουλος" in shown.stdout
    assert f"  yes: {record.decisions[0].label}" in shown.stdout


def test_a_consent_record_of_another_schema_version_is_refused() -> None:
    """A newer version is named, not guessed at."""
    with pytest.raises(ConsentRecordError, match="schema version 9"):
        from_bytes(b'{"schema": "induct-consent-record", "schema_version": 9, "record": {}}')
