"""Every MUST item, checked in the text poppler reads from the printed PDFs of both packs."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from app.core.consent.templates import ConsentTemplate
from app.core.packs import Pack
from app.documents.consent.form import render_blank
from tests.unit.documents.pdftools import flat, poppler

from .conftest import PACK_IDS, TEMPLATE_IDS

FORM_ID = "IET-PUB-7K3M-Q9XD"


def _text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return flat(poppler("pdftotext", "-raw", *pages, path, "-"))


def _pages(path: Path) -> int:
    info = poppler("pdfinfo", path)
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _common(pack: Pack, template: ConsentTemplate) -> dict[str, list[str]]:
    """C1–C11: what every consent form must say, with the pack's own details."""
    org, consent = pack.organisation, pack.consent
    assert consent is not None
    channels = [c.label for c in consent.channels]
    home = org.registered_address  # a contact's post at this address is not spelled out again
    return {
        "C1 controller": [
            org.legal_name,
            *org.charity_numbers,
            org.registered_address,
            consent.data_protection.describe(home),
            "data controller",
            "under this consent: none. No other organisation may rely on it.",
        ],
        "C2 purposes": ["Open day", "12 June 2026", *channels],
        "C4 withdrawal": [
            "withdraw",
            "at any time",
            consent.withdrawal.describe(home),
            consent.withdrawal_in_app,
            "may not be recoverable",
            "in any new way",
        ],
        "C5 no detriment": ["changing your mind later, will not affect"],
        "C6 privacy": [
            "Our lawful basis for this is your consent (UK GDPR, Article 6(1)(a))",
            "anywhere in the world",
            consent.privacy_notice,
            f"version: {consent.privacy_notice_version}",
            "the rights to see, correct and delete it",
            "right to complain to the Information Commissioner's Office (ICO)",
            "We keep this signed form while this consent lasts and for "
            f"{consent.keep_signed_form_months} months after it ends or is withdrawn",
            consent.complaints.role,
            *consent.complaints.ways(home),  # printed with it, or with the same data contact
            "lasts until",
        ],
        "C7 separate": [
            "This form is only about consent. It is separate from any "
            "acknowledgement of a social media policy"
        ],
        "C9 stamp": [template.version_label],
        "C10 expiry": [
            "(36 months after 12 June 2026)"
            if template.kind != "guardian"
            else "(12 months after 12 June 2026)"
        ],
        "C11 copy": ["You will be given a copy of this form to keep."],
        "signature": ["Signature", "Printed name", "Date"],
    }


_KIND = {
    "publicity": {
        "P1 person": [
            "Full name",
            "Your role",
            "Member",
            "Volunteer",
            "Trustee",
            "Guest or other",
            "Membership no. (optional)",
            "E-mail or phone (optional)",
            "Contact details only to confirm a withdrawal.",
        ],
        "P3 media": ["Still photographs of me", "Video (film) of me", "Recordings of my voice"],
        "P5 naming": [
            "With my full name",
            "With my first name only",
            "Without my name",
            "If you tick none, we will not name you.",
        ],
        "P6 opt-out": ["Do not photograph, film or record me."],
        "P7 expiry": ["we make no new use of them and remove them from our picture library"],
        "P9 adult": ["you confirm that you are 18 or over", "parent and guardian form"],
    },
    "quote": {
        "Q1 quote": ["The quote", "Word for word", "The article, post or publication"],
        "Q2 attribution": [
            "My full name, with my role or organisation",
            "My first name and town",
            "My role only",
            "Anonymous: no name or role",
        ],
        "Q3 editing": [
            "Use my words exactly as written",
            "I want to approve the edited version before it is published",
            "without asking me again",
        ],
        "Q4 photo": ["Shown next to a photograph of me"],
        "Q5 journalists": [
            "journalist's request to talk about the quote",
            "We never give a journalist your contact details without asking you first.",
        ],
        "Q7 countersign": ["Parent or guardian (only if you are under 18)"],
    },
    "guardian": {
        "G1 child": [
            "Child's full name",
            "Date of birth, or age",
            "Group, unit or school",
            "Activity or event",
        ],
        "G2 adult": [
            "Your full name",
            "Your relationship to the child",
            "I have parental responsibility for this child, or I am the local authority or carer",
        ],
        "G3 options": [
            "Do not photograph, film or record my child.",
            "Still photographs of my child",
            "Video (film) of my child",
            "Recordings of my child's voice",
            "Internal use only",
        ],
        "G4 no full names": [
            "We never publish a child's full name, and never a child's contact details.",
            "Without their name (only a group label",
        ],
        "G5 safeguarding": [
            "adoption, care or court order",
            "You do not need to give details",
            "Anything we should know (optional)",
        ],
        "G6 child's agreement": [
            "The child's own agreement",
            "I am happy for pictures and recordings of me",
            "I do not want pictures or recordings of me.",
            "If your child objects, at any time, their wish comes first",
        ],
        "G7 age": ["Because the child named below is under 18"],
        "G8 parents disagree": [
            "If two people with parental responsibility for the child "
            "disagree, we treat it as no consent."
        ],
        "G9 re-consent": [
            "or the child's 18th birthday if that comes sooner",
            "We will ask again when your child reaches 18",
        ],
        "G10 child withdraws": ["You or your child can withdraw this consent at any time"],
        "G11 signatures": ["Parent or guardian", "Received by (staff member or volunteer"],
    },
}


@pytest.mark.parametrize("pack_id", PACK_IDS)
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_must_item_is_in_the_printed_text(
    tmp_path: Path,
    packs: dict[str, Pack],
    templates: dict[str, ConsentTemplate],
    pack_id: str,
    template_id: str,
) -> None:
    """C1–C11 on every form, P, Q or G items on each kind, read back with pdftotext."""
    pack, template = packs[pack_id], templates[template_id]
    path = tmp_path / "form.pdf"
    path.write_bytes(
        render_blank(pack, template, form_id=FORM_ID, event="Open day", date="2026-06-12")
    )
    text = _text(path)
    wanted = {**_common(pack, template), **_KIND[template.kind]}
    missing = {
        item: [p for p in phrases if flat(p) not in text] for item, phrases in wanted.items()
    }
    assert {k: v for k, v in missing.items() if v} == {}
    if template.kind == "guardian":
        assert "With my full name" not in text and "With their full name" not in text


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_the_hashed_text_is_the_printed_text(
    tmp_path: Path, form_for: Callable[..., Any], template_id: str
) -> None:
    """R3: every line the SHA-256 covers is printed, word for word, on the PDF."""
    form = form_for("iet", template_id, event="Open day", date="2026-06-12")
    path = tmp_path / "form.pdf"
    path.write_bytes(
        render_blank(form.pack, form.template, form_id=FORM_ID, event="Open day", date="2026-06-12")
    )
    text = _text(path)
    labels = {f.label for b in form.blocks for f in b.fields}
    for line in form.text.splitlines():
        label, _, rest = line.partition(": ")
        if " / " in line:  # a signer: "label: Signature / Printed name / Date"
            signer, _, rest = line.rpartition(": ")
            parts = [signer, *rest.split(" / ")]
        elif label in labels:  # a field: "label: ____" or "label: printed value"
            parts = [label, *(p for p in rest.split("[ ] ") if p.strip(" _"))]
        else:
            parts = [p for p in re.split(r"\[ \] |^## |: ____$", line) if p.strip()]
        for part in parts:
            assert flat(part.rstrip(":")) in text, part


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_page_carries_the_template_stamp_and_form_id(
    tmp_path: Path, iom3_pack: Pack, templates: dict[str, ConsentTemplate], template_id: str
) -> None:
    """C9: template ID, version and date on every page, with the form ID and page number."""
    template = templates[template_id]
    path = tmp_path / "form.pdf"
    path.write_bytes(render_blank(iom3_pack, template, form_id=FORM_ID))
    pages = _pages(path)
    assert pages == {"publicity": 1, "quote": 1, "guardian": 2}[template_id]
    for page in range(1, pages + 1):
        text = _text(path, page)
        assert template.version_label in text
        assert f"Form ID {FORM_ID} · Page {page} of {pages}" in text


def test_the_qr_code_carries_the_form_id(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """Each page's QR code decodes, with a real decoder (zxing-cpp), to the form ID."""
    path = tmp_path / "form.pdf"
    path.write_bytes(render_blank(iet_pack, templates["publicity"], form_id=FORM_ID))
    poppler("pdftoppm", "-r", "100", "-gray", path, tmp_path / "page")
    images = sorted(tmp_path.glob("page-*.pgm"))
    assert len(images) == _pages(path)
    for image in images:
        with Image.open(image) as picture:
            assert [r.text for r in zxingcpp.read_barcodes(picture)] == [FORM_ID]


def test_only_embedded_dejavu_fonts(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """A printed form uses only the embedded DejaVu Sans: no base-14 font slips in."""
    path = tmp_path / "form.pdf"
    path.write_bytes(render_blank(iet_pack, templates["guardian"], form_id=FORM_ID))
    rows = poppler("pdffonts", path).splitlines()[2:]
    assert rows
    for row in rows:
        assert "DejaVuSans" in row.split()[0] and row.split()[-5] == "yes", row


def test_a_pack_without_consent_cannot_print_forms(
    iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """A clear error rather than a form with holes in it."""
    from dataclasses import replace

    with pytest.raises(ValueError, match="has no \\[consent\\] table"):
        render_blank(replace(iet_pack, consent=None), templates["quote"], form_id=FORM_ID)
