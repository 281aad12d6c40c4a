"""A captured consent as a PDF: the answers filled in, the record page, empty signature fields."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields

from app.core.consent.form import ConsentForm, ConsentingAdult, ConsentRecord, Subject
from app.core.consent.templates import ConsentTemplate
from app.core.onboarding.acknowledgement import GUARDIAN_FIELD, PERSON_FIELD
from app.core.onboarding.session import Drawing
from app.core.packs import Pack
from app.documents.consent.form import render_captured
from tests.unit.documents.pdftools import flat, poppler

FormFor = Callable[..., ConsentForm]
WHEN = "2026-06-12T10:15:00+01:00"


def _guardian_record(form: ConsentForm, **changes: object) -> ConsentRecord:
    record = form.make_record(
        subject=Subject("Zoë Ångström-Novák", "c-17", "Guest", dob="2012-09-30"),
        consenting_adult=ConsentingAdult("Марта Новак", "Mother", True),
        granted=["media.photo", "channels.website"],
        identification="first-name",
        child_agreement=True,
        method="in-app typed name",
        operator="Sam Patel",
        recorded_at=WHEN,
        witness="Sam Patel",
        form_id="IET-GUA-7K3M-Q9XD",
        details={"group": "St Albans Girls' School", "contact": "marta@example.org"},
    )
    return replace(record, **changes)  # type: ignore[arg-type]


def _write(tmp_path: Path, pdf: bytes) -> Path:
    path = tmp_path / "captured.pdf"
    path.write_bytes(pdf)
    return path


def _sig_fields(pdf: bytes) -> list[tuple[str, object]]:
    reader = PdfFileReader(io.BytesIO(pdf))
    return [(name, value) for name, value, _ in enumerate_sig_fields(reader)]


def test_a_guardian_consent_is_filled_in_with_its_record(
    tmp_path: Path, form_for: FormFor, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """Names in any script, each decision, the template version and text hash (R1–R5)."""
    form = form_for("iet", "guardian", event="Faraday Challenge Day", date="2026-06-12")
    record = _guardian_record(form)
    drawing = Drawing(300, 100, [[(10, 80), (60, 20), (110, 80), (160, 20)]])
    pdf = render_captured(iet_pack, templates["guardian"], record, {"guardian": drawing})
    text = flat(poppler("pdftotext", "-raw", _write(tmp_path, pdf), "-"))
    for expected in (
        "Zoë Ångström-Novák",
        "Марта Новак",
        "St Albans Girls' School",
        "Faraday Challenge Day",
        "Record of this consent",
        record.record_id,
        record.text_sha256,
        "guardian, version 1.1 (2026-12-01)",
        "Form ID IET-GUA-7K3M-Q9XD",
        "in-app typed name",
        "Expires on 2027-06-12",
        "Still photographs of my child Yes Granted",
        "The IET's Facebook pages No Refused",
        "Child's agreement Agrees",
        "parental responsibility confirmed",
    ):
        assert expected in text, expected
    assert _sig_fields(pdf) == [(GUARDIAN_FIELD, None)]


def test_the_childs_objection_shows_as_no_consent(
    tmp_path: Path, form_for: FormFor, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """The record page says why every purpose counts as refused, whatever was ticked."""
    form = form_for("iet", "guardian", event="Faraday Challenge Day", date="2026-06-12")
    pdf = render_captured(
        iet_pack, templates["guardian"], _guardian_record(form, child_agreement=False)
    )
    text = flat(poppler("pdftotext", "-raw", _write(tmp_path, pdf), "-"))
    assert "No consent. The child does not agree" in text
    assert "Still photographs of my child Yes Refused" in text


def test_a_quote_is_written_in_and_signed_by_the_person(
    tmp_path: Path, form_for: FormFor, iom3_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """The verbatim quote and choices are drawn in; the person's signature field is empty."""
    form = form_for("iom3", "quote")
    words = "Materials science let me build things that matter, and I loved every minute."
    record = form.make_record(
        subject=Subject("Siân Llewelyn-Jones", "m-2", "Volunteer"),
        granted=["channels.x"],
        options={"attribution": "full-name-role", "editing": "edit-approve"},
        method="in-app typed name",
        operator="Sam",
        recorded_at=WHEN,
        details={"quote": words, "context": "Annual review"},
    )
    pdf = render_captured(iom3_pack, templates["quote"], record)
    text = flat(poppler("pdftotext", "-raw", _write(tmp_path, pdf), "-"))
    assert words in text and "Annual review" in text
    assert "My full name, with my role or organisation" in text
    assert _sig_fields(pdf) == [(PERSON_FIELD, None)]


def test_a_changed_template_cannot_render_an_old_record(
    form_for: FormFor, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """The text hash must match: a reworded template cannot pass for the signed one (C9)."""
    form = form_for("iet", "guardian", event="Faraday Challenge Day", date="2026-06-12")
    record = _guardian_record(form)
    template = templates["guardian"]
    reworded = replace(template, intro=template.intro + " Thank you.")
    with pytest.raises(ValueError, match="differs from the text the consent was given on"):
        render_captured(iet_pack, reworded, record)
