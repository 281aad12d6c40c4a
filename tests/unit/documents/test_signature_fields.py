"""Empty signature fields in the acknowledgement, and the drawn signature's strokes."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from app.core.onboarding.acknowledgement import AcknowledgementRecord
from app.core.onboarding.session import Drawing
from app.core.packs import Pack
from app.documents.signature_fields import DrawnSignature

from .pdftools import pdf_text, poppler

Render = Callable[[AcknowledgementRecord], Path]
RecordFor = Callable[..., AcknowledgementRecord]


def _fields(path: Path) -> list[tuple[str, object, list[float], int]]:
    """(name, value, rectangle, page index) of every signature field, read by pyHanko."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(io.BytesIO(path.read_bytes()))
    pages = [
        reader.find_page_for_modification(i)[0].idnum
        for i in range(int(reader.root["/Pages"]["/Count"]))
    ]
    found = []
    for name, value, ref in enumerate_sig_fields(reader):
        widget = ref.get_object()
        found.append(
            (
                name,
                value,
                [float(v) for v in widget["/Rect"]],
                pages.index(widget.raw_get("/P").idnum),
            )
        )
    return found


@pytest.mark.parametrize(
    ("under_18", "expected"),
    [
        (False, ["Person", "Trustee"]),
        (True, ["Person", "Guardian", "Trustee"]),
    ],
)
def test_signature_fields_are_named_and_empty(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render, under_18: bool, expected: list[str]
) -> None:
    """The fields are exactly Person (Guardian when under 18) and Trustee, all unsigned."""
    path = render_pdf(record_for(iet_pack, under_18=under_18))
    fields = _fields(path)
    assert [name for name, *_ in fields] == expected
    assert all(value is None for _, value, *_ in fields)
    report = poppler("pdfsig", path)
    assert report.count("The signature form field is not signed.") == len(expected)
    assert "Signer Certificate" not in report and "Signature Validation" not in report


def _grey_page(path: Path, page_index: int) -> tuple[int, int, bytes]:
    """The page rendered at 72 dpi (one pixel per point) as 8-bit grey: width, height, pixels."""
    number = str(page_index + 1)
    pgm = path.with_suffix(f".{number}")
    poppler("pdftoppm", "-r", "72", "-gray", "-f", number, "-l", number, "-singlefile", path, pgm)
    data = pgm.with_suffix(pgm.suffix + ".pgm").read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert match
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, data[match.end() :]


def _dark(page: tuple[int, int, bytes], x: float, y: float) -> bool:
    """Whether the page is dark within a pixel of the PDF point (x, y); PDF y runs upwards."""
    width, height, pixels = page
    col, row = round(x), height - round(y)
    return (
        min(pixels[r * width + c] for r in range(row - 1, row + 1) for c in range(col - 1, col + 1))
        < 160
    )


def test_each_field_lies_over_its_drawn_box(
    iom3_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """Each field's rectangle is on the signature page, exactly over a drawn, empty frame."""
    path = render_pdf(record_for(iom3_pack, under_18=True))
    fields = _fields(path)
    pages = pdf_text(path).split("\f")
    for name, _, (x1, y1, x2, y2), page_index in fields:
        assert f"Signature field “{name}”" in pages[page_index]
        page = _grey_page(path, page_index)
        dark = functools.partial(_dark, page)
        middle_x, middle_y = (x1 + x2) / 2, (y1 + y2) / 2
        assert dark(middle_x, y1) and dark(middle_x, y2), name  # bottom and top edges
        assert dark(x1, middle_y) and dark(x2, middle_y), name  # left and right edges
        assert not dark(middle_x, middle_y), name  # empty inside
        assert not dark(middle_x, y1 - 4) and not dark(middle_x, y2 + 4), name


def test_drawn_signature_keeps_its_shape_and_flips_y() -> None:
    """Strokes are scaled to fit, keep their aspect, and y (downwards on the pad) is flipped."""
    drawing = Drawing(300, 100, [[(10, 80), (60, 20)], [(200, 50)]])
    flowable = DrawnSignature(drawing, 200, 50)
    assert flowable.wrap(500, 500) == (150, 50)  # scale 0.5: the height limits
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    flowable.drawOn(canvas, 0, 0)
    canvas.save()
    content = buffer.getvalue().decode("latin-1")
    assert re.search(r"\b5 10 m\s+30 40 l\b", content)  # (10, 80) -> (5, 50 - 40)
    assert len(re.findall(r"[\d.]+ [\d.]+ m\b", content)) == 1  # one point makes no stroke
