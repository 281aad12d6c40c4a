"""The acknowledgement carries its record inside: an attachment any PDF tool lists and saves,
and the printed guardian's declaration is word for word the record's."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.acknowledgement import AcknowledgementRecord, build_record
from app.core.onboarding.record import FILE_NAME, from_bytes, read_record
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack

from .conftest import APP_VERSION
from .pdftools import flat, pdf_text, poppler

Render = Callable[[AcknowledgementRecord], Path]


@pytest.fixture
def under_18(
    completed_session: Callable[..., OnboardingSession], iet_pack: Pack
) -> OnboardingSession:
    session = completed_session(iet_pack, under_18=True)
    who = session.identity
    who.guardian_name, who.guardian_relationship = "Rhiannon Llewelyn", "Mother"
    who.guardian_email = "rhiannon@example.org"
    return session


def test_pdfdetach_lists_and_saves_the_record(
    iet_pack: Pack, under_18: OnboardingSession, render_pdf: Render, tmp_path: Path
) -> None:
    """Poppler sees the record as an attachment, and the saved file is the whole record."""
    record = build_record(iet_pack, under_18, APP_VERSION)
    pdf = render_pdf(record)
    assert FILE_NAME in poppler("pdfdetach", "-list", pdf)
    saved = tmp_path / "saved.json"
    poppler("pdfdetach", "-savefile", FILE_NAME, "-o", saved, pdf)
    assert from_bytes(saved.read_bytes()) == record
    assert json.loads(saved.read_bytes())["person"]["full_name"] == "Siân Llewelyn-Jones"


def test_the_reader_finds_the_record_in_the_pdf(
    iet_pack: Pack, under_18: OnboardingSession, render_pdf: Render
) -> None:
    """read_record gives back the very record the PDF was drawn from."""
    record = build_record(iet_pack, under_18, APP_VERSION)
    assert read_record(render_pdf(record)) == record


def test_the_guardians_declaration_and_details_are_printed(
    iet_pack: Pack, under_18: OnboardingSession, render_pdf: Render
) -> None:
    """pdftotext shows the guardian's name, relationship, e-mail and every word they declare."""
    record = build_record(iet_pack, under_18, APP_VERSION)
    text = flat(pdf_text(render_pdf(record)))
    assert "Parent or guardian's declaration Name Rhiannon Llewelyn Relationship Mother" in text
    assert "E-mail rhiannon@example.org" in text
    for statement in (*record.guardian_declaration, record.guardian_signing_statement):
        assert flat(statement) in text
    assert "I am Siân Llewelyn-Jones's mother and I have parental responsibility" in text


def test_an_adult_acknowledgement_has_no_guardian_declaration(
    iet_pack: Pack, completed_session: Callable[..., OnboardingSession], render_pdf: Render
) -> None:
    """Over 18, there is no guardian part in the record or on the page."""
    record = build_record(iet_pack, completed_session(iet_pack), APP_VERSION)
    assert "Parent or guardian's declaration" not in flat(pdf_text(render_pdf(record)))
    assert json.loads(poppler_json(render_pdf(record)))["guardian"] is None


def poppler_json(pdf: Path) -> str:
    """The embedded record's text, as pdfdetach writes it to a file."""
    out = pdf.with_suffix(".json")
    poppler("pdfdetach", "-savefile", FILE_NAME, "-o", out, pdf)
    return out.read_text(encoding="utf-8")
