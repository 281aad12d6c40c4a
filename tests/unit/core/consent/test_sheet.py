"""One sheet per person: the publicity and quote forms on one side of A4, the guardian form on
both sides of one sheet, boxes and signatures together, 8 pt floor, never clipped."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp
from PIL import Image
from reportlab.lib.units import mm

from app.core.consent.form import ConsentForm
from app.core.consent.settings import Channel
from app.core.consent.templates import ConsentTemplate
from app.core.packs import Pack
from app.documents.consent.form import render_blank
from app.documents.consent.geometry import COLUMN_W, MARGIN_X, PAGE_H, PAGE_W
from app.documents.consent.layout import BOX, Spots
from app.documents.consent.sheet import MARKED, laid_out
from tests.unit.documents.pdftools import flat, poppler

from .conftest import PACK_IDS, TEMPLATE_IDS

FORM_ID = "IET-PUB-7K3M-Q9XD"
PRINTABLE = 5 * mm  # what an office printer cannot reach at each edge
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def _doubled(pack: Pack, times: int = 2) -> Pack:
    """The pack with `times` its channels, as a larger organisation might have."""
    assert pack.consent is not None
    more = tuple(
        Channel(f"{c.key}-regional-{n}", f"{c.label}, regional edition {n}", c.kind)
        for n in range(1, times)
        for c in pack.consent.channels
    )
    return replace(pack, consent=replace(pack.consent, channels=pack.consent.channels + more))


def _printed(tmp_path: Path, pack: Pack, template: ConsentTemplate) -> Path:
    path = tmp_path / "form.pdf"
    path.write_bytes(render_blank(pack, template, form_id=FORM_ID, event="Open day"))
    return path


def _pages(path: Path) -> int:
    return len(pdfium.PdfDocument(path))


@pytest.mark.parametrize("pack_id", PACK_IDS)
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_form_is_one_sheet_with_boxes_and_signatures_on_one_side(
    packs: dict[str, Pack], templates: dict[str, ConsentTemplate], pack_id: str, template_id: str
) -> None:
    """At most the two sides of one sheet; every box, circle and signature on side 1."""
    form = ConsentForm(packs[pack_id], templates[template_id], {"event": "Open day"})
    spots: Spots = {}
    canv = laid_out(form, spots)
    marked = {s.page for s in spots.values() if s.kind in MARKED}
    assert (len(canv.layout_pages) <= 2, marked) == (True, {0})


@pytest.mark.parametrize("pack_id", PACK_IDS)
@pytest.mark.parametrize("template_id", ["publicity", "quote"])
def test_publicity_and_quote_forms_are_one_side_of_a4(
    tmp_path: Path,
    packs: dict[str, Pack],
    templates: dict[str, ConsentTemplate],
    pack_id: str,
    template_id: str,
) -> None:
    """Each printed copy of the publicity and quote forms is one page: nothing overleaf."""
    assert _pages(_printed(tmp_path, packs[pack_id], templates[template_id])) == 1


def test_twice_the_channels_still_fits_one_side(
    iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """Twenty channels on the publicity form: the columns take them, still one side."""
    form = ConsentForm(_doubled(iet_pack), templates["publicity"], {"event": "Open day"})
    spots: Spots = {}
    canv = laid_out(form, spots)
    marked = {s.page for s in spots.values() if s.kind in MARKED}
    assert (len(canv.layout_pages), marked) == (1, {0})


@pytest.mark.parametrize(("template_id", "times"), [("quote", 2), ("publicity", 4)])
def test_more_channels_than_fit_take_the_second_side(
    iet_pack: Pack, templates: dict[str, ConsentTemplate], template_id: str, times: int
) -> None:
    """When the boxes no longer fit one side, the information goes overleaf: two sides, every
    box and signature still on side 1."""
    form = ConsentForm(_doubled(iet_pack, times), templates[template_id], {"event": "Open day"})
    spots: Spots = {}
    canv = laid_out(form, spots)
    marked = {s.page for s in spots.values() if s.kind in MARKED}
    assert (len(canv.layout_pages), marked) == (2, {0})


@pytest.mark.parametrize(
    ("template_id", "times"), [("publicity", 2), ("quote", 2), ("guardian", 2), ("publicity", 4)]
)
def test_more_channels_are_never_clipped(
    tmp_path: Path,
    iet_pack: Pack,
    templates: dict[str, ConsentTemplate],
    template_id: str,
    times: int,
) -> None:
    """Every one of twenty (or forty) channels is printed with its own box, none cut off."""
    pack = _doubled(iet_pack, times)
    assert pack.consent is not None
    path = _printed(tmp_path, pack, templates[template_id])
    text = flat(poppler("pdftotext", "-raw", path, "-"))
    form = ConsentForm(pack, templates[template_id])
    spots: Spots = {}
    laid_out(form, spots)
    missing = [c.label for c in pack.consent.channels if flat(c.label) not in text]
    boxes = [k for k in spots if k.startswith("channels.")]
    assert (missing, len(boxes)) == ([], 10 * times)


@pytest.mark.parametrize("pack_id", PACK_IDS)
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_no_text_is_smaller_than_8_pt(
    tmp_path: Path,
    packs: dict[str, Pack],
    templates: dict[str, ConsentTemplate],
    pack_id: str,
    template_id: str,
) -> None:
    """Every printed character is at least 8 pt, as read back by PDFium."""
    path = _printed(tmp_path, packs[pack_id], templates[template_id])
    smallest = 99.0
    for page in pdfium.PdfDocument(path):
        text = page.get_textpage()
        for index in range(text.count_chars()):
            if text.get_text_range(index, 1).strip():
                smallest = min(smallest, pdfium_c.FPDFText_GetFontSize(text.raw, index))
    assert smallest >= 8.0


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_tick_boxes_are_at_least_6_mm(
    iom3_pack: Pack, templates: dict[str, ConsentTemplate], template_id: str
) -> None:
    """Every square and circle to mark by pen is 6 mm or more across."""
    spots: Spots = {}
    laid_out(ConsentForm(iom3_pack, templates[template_id]), spots)
    sizes = [min(s.width, s.height) for s in spots.values() if s.kind in ("tick", "radio")]
    assert min(sizes) >= 6 * mm - 0.01 and 6 * mm <= BOX


@pytest.mark.parametrize("pack_id", PACK_IDS)
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_no_text_outside_the_printable_area(
    tmp_path: Path,
    packs: dict[str, Pack],
    templates: dict[str, ConsentTemplate],
    pack_id: str,
    template_id: str,
) -> None:
    """Every word pdftotext finds is at least 5 mm inside each edge of the page."""
    path = _printed(tmp_path, packs[pack_id], templates[template_id])
    outside = [
        box
        for box in _WORD.findall(poppler("pdftotext", "-bbox", path, "-"))
        if not (
            float(box[0]) >= PRINTABLE
            and float(box[1]) >= PRINTABLE
            and float(box[2]) <= PAGE_W - PRINTABLE
            and float(box[3]) <= PAGE_H - PRINTABLE
        )
    ]
    assert outside == []


@pytest.mark.parametrize("pack_id", PACK_IDS)
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_side_has_a_qr_code_that_decodes_at_150_dpi(
    tmp_path: Path,
    packs: dict[str, Pack],
    templates: dict[str, ConsentTemplate],
    pack_id: str,
    template_id: str,
) -> None:
    """Each side, rendered whole at 150 dpi, carries one QR code holding the form ID."""
    path = _printed(tmp_path, packs[pack_id], templates[template_id])
    poppler("pdftoppm", "-r", "150", "-gray", path, tmp_path / "side")
    decoded = []
    for image in sorted(tmp_path.glob("side-*.pgm")):
        with Image.open(image) as picture:
            decoded.append([r.text for r in zxingcpp.read_barcodes(picture)])
    assert decoded == [[FORM_ID]] * _pages(path)


def test_both_sides_of_a_longer_form_carry_the_form_id_and_its_qr_code(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """The quote form with twenty channels takes two sides; each decodes at 150 dpi."""
    path = _printed(tmp_path, _doubled(iet_pack), templates["quote"])
    poppler("pdftoppm", "-r", "150", "-gray", path, tmp_path / "side")
    decoded = []
    for image in sorted(tmp_path.glob("side-*.pgm")):
        with Image.open(image) as picture:
            decoded.append([r.text for r in zxingcpp.read_barcodes(picture)])
    assert decoded == [[FORM_ID], [FORM_ID]]


_WORD_TEXT = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


@pytest.mark.parametrize("pack_id", PACK_IDS)
@pytest.mark.parametrize("template_id", ["publicity", "quote"])
def test_every_box_has_its_words_right_beside_it(
    tmp_path: Path,
    packs: dict[str, Pack],
    templates: dict[str, ConsentTemplate],
    pack_id: str,
    template_id: str,
) -> None:
    """Options set side by side stay readable: each box's label starts within 3.5 mm of its
    right edge, at the height of the box (as read back by pdftotext)."""
    pack, template = packs[pack_id], templates[template_id]
    path = _printed(tmp_path, pack, template)
    words = [
        (float(x0), float(y0), float(x1), float(y1), html.unescape(text))
        for x0, y0, x1, y1, text in _WORD_TEXT.findall(poppler("pdftotext", "-bbox", path, "-"))
    ]
    spots: Spots = {}
    laid_out(ConsentForm(pack, template, {"event": "Open day"}), spots)
    astray = []
    for spot in spots.values():
        if spot.kind not in ("tick", "radio"):
            continue
        first = spot.label.split()[0]
        top, bottom = PAGE_H - spot.y - spot.height, PAGE_H - spot.y
        beside = [
            w
            for w in words
            if w[4] == first
            and 0 <= w[0] - (spot.x + spot.width) <= 3.5 * mm
            and top - 1 * mm <= w[1]
            and w[3] <= bottom + 1 * mm
        ]
        if not beside:
            astray.append(spot.label)
    assert astray == []


LONG_EVENT = (
    "Institution of Engineering and Technology Annual Awards Dinner and Young Professionals "
    "Networking Evening at Savoy Place, London"
)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_a_long_event_name_is_printed_whole_within_its_column(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate], template_id: str
) -> None:
    """An event name longer than its line wraps on the line: every word printed, none
    running past the left column into the right one."""
    path = tmp_path / "form.pdf"
    path.write_bytes(
        render_blank(iet_pack, templates[template_id], form_id=FORM_ID, event=LONG_EVENT)
    )
    words = _WORD_TEXT.findall(poppler("pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-"))
    text = flat(poppler("pdftotext", "-raw", "-f", "1", "-l", "1", path, "-"))
    event_words = set(LONG_EVENT.replace(",", "").split())
    right_of_column = [
        w[4]
        for w in words
        if w[4].rstrip(",") in event_words
        and float(w[0]) < PAGE_W / 2
        and float(w[2]) > MARGIN_X + COLUMN_W + 0.5
    ]
    assert (text.count(LONG_EVENT) >= 2, right_of_column) == (True, [])
