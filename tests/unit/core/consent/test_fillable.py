"""Fillable forms: a field over every box and line, every box off; boxes big enough for a pen."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.lib.units import mm

from app.core.consent.form import ConsentForm
from app.core.consent.templates import ConsentTemplate
from app.core.packs import Pack
from app.documents.consent.form import field_name, render_fillable
from app.documents.consent.geometry import FOOT_LEFT, MARGIN_BOTTOM, PAGE_W
from app.documents.consent.layout import BOX, Spots
from app.documents.consent.sheet import laid_out

from .conftest import PACK_IDS, TEMPLATE_IDS


def _fields(pdf: bytes) -> dict[str, dict[str, Any]]:
    """Every terminal field by name, read with pyHanko: type, value, and each widget's state."""
    reader = PdfFileReader(io.BytesIO(pdf))
    out = {}
    for ref in reader.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        widgets = [k.get_object() for k in field.get("/Kids", [])] or [field]
        out[str(field["/T"])] = {
            "type": str(field["/FT"]),
            "value": field.get("/V"),
            "states": [str(w.get("/AS")) for w in widgets],
            "flags": int(field.get("/Ff", 0)),
        }
    return out


@pytest.mark.parametrize("pack_id", PACK_IDS)
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_box_is_off_and_every_line_empty(
    packs: dict[str, Pack], templates: dict[str, ConsentTemplate], pack_id: str, template_id: str
) -> None:
    """C3: no pre-ticked box; each purpose has its own check box; text fields start empty."""
    pack, template = packs[pack_id], templates[template_id]
    fields = _fields(render_fillable(pack, template, form_id="X-1"))
    form = ConsentForm(pack, template)
    buttons = {n: f for n, f in fields.items() if f["type"] == "/Btn"}
    for name, field in buttons.items():
        assert field["value"] in (None, "/Off"), name
        assert set(field["states"]) == {"/Off"}, name
    for purpose in form.purposes:
        assert field_name(purpose.key) in buttons, purpose.key
    for choice in form.choices:
        assert len(buttons[choice.id]["states"]) == len(choice.options)
    texts = {n: f for n, f in fields.items() if f["type"] == "/Tx"}
    assert "field:name" in texts and all(not f["value"] for f in texts.values())
    for block in template.blocks_of("free_text"):
        assert texts[block.id]["flags"] & 4096  # multi-line


def test_a_printed_event_gets_no_field(
    iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """The event and date the form was built for are printed, not left to fill in."""
    fields = _fields(
        render_fillable(
            iet_pack, templates["publicity"], form_id="X-1", event="Open day", date="2026-06-12"
        )
    )
    assert "field:event" not in fields and "field:event-date" not in fields
    assert "field:event" in _fields(
        render_fillable(iet_pack, templates["publicity"], form_id="X-1")
    )


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_boxes_are_large_enough_to_mark_by_pen(
    iom3_pack: Pack, templates: dict[str, ConsentTemplate], template_id: str
) -> None:
    """F5: every tick box and circle is at least 6 mm, clear of the footer and each other."""
    form = ConsentForm(iom3_pack, templates[template_id])
    spots: Spots = {}
    laid_out(form, spots)
    boxes = [s for s in spots.values() if s.kind in ("tick", "radio")]
    assert len(boxes) >= len(form.purposes) + 3
    assert 6 * mm <= BOX
    for spot in boxes:
        assert spot.width >= 6 * mm and spot.height >= 6 * mm
        # The left column reaches down to the footer's text, the right stops above the QR code.
        assert spot.y >= (FOOT_LEFT if spot.x < PAGE_W / 2 else MARGIN_BOTTOM) - 0.5
    for a in boxes:
        for b in boxes:
            if a is not b and a.page == b.page:
                apart = abs(a.x - b.x) >= BOX or abs(a.y - b.y) >= BOX
                assert apart, (a.key, b.key)
