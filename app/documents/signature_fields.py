"""Signature areas: boxes drawn by reportlab, empty PDF signature fields added by pyHanko."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.core.onboarding.acknowledgement import GUARDIAN_FIELD, PERSON_FIELD, TRUSTEE_FIELD
from app.core.onboarding.session import Drawing
from app.documents.paragraph import Paragraph
from app.documents.styles import INK, MUTED, RULE, TEXT_WIDTH, Styles, esc

if TYPE_CHECKING:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

FIELD_PURPOSE = {
    PERSON_FIELD: "{name} signs here to acknowledge the policy.",
    GUARDIAN_FIELD: "A parent or guardian signs here, because {name} is under 18.",
    TRUSTEE_FIELD: "A trustee of {org} countersigns here after checking this acknowledgement.",
}


@dataclass(frozen=True)
class FieldPlacement:
    """Where a signature field goes: page index from 0, box in PDF points (x1, y1, x2, y2)."""

    name: str
    page_index: int
    box: tuple[int, int, int, int]


class SignatureBox(Flowable):
    """An empty framed box that notes where it landed, so a signature field can cover it.

    The frame is snapped to whole points because pyHanko takes the field's box in
    whole points; the field then lies exactly over the frame.
    """

    def __init__(
        self, name: str, width: float, height: float, placements: dict[str, FieldPlacement]
    ) -> None:
        super().__init__()
        self.name = name
        self.width = round(width)
        self.height = round(height)
        self._placements = placements

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        x, y = canv.absolutePosition(0, 0)
        dx, dy = round(x) - x, round(y) - y
        canv.saveState()
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.8)
        canv.rect(dx, dy, self.width, self.height, stroke=1, fill=0)
        canv.restoreState()
        left, bottom = round(x), round(y)
        self._placements[self.name] = FieldPlacement(
            self.name,
            canv.getPageNumber() - 1,
            (left, bottom, left + self.width, bottom + self.height),
        )


class DrawnSignature(Flowable):
    """A drawn signature as vector strokes, scaled to fit `max_width` x `max_height`.

    The pad records points with y downwards; PDF y runs upwards, so y is flipped.
    """

    def __init__(self, drawing: Drawing, max_width: float, max_height: float) -> None:
        super().__init__()
        self.drawing = drawing
        box_w, box_h = max(drawing.width, 1.0), max(drawing.height, 1.0)
        self.scale = min(max_width / box_w, max_height / box_h)
        self.width = box_w * self.scale
        self.height = box_h * self.scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canv.setStrokeColor(INK)
        canv.setLineWidth(1.4)
        canv.setLineCap(1)
        canv.setLineJoin(1)
        for stroke in self.drawing.strokes:
            if len(stroke) < 2:
                continue
            path = canv.beginPath()
            points = [(px * self.scale, self.height - py * self.scale) for px, py in stroke]
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            canv.drawPath(path, stroke=1, fill=0)
        canv.restoreState()


def signature_page(
    fields: tuple[str, ...],
    name: str,
    organisation: str,
    s: Styles,
    placements: dict[str, FieldPlacement],
    guardian: str = "",
) -> list[Flowable]:
    """A page with a labelled, explained, empty box for each signature field, in signing order."""
    name, organisation = esc(name), esc(organisation)
    signer_names = {PERSON_FIELD: name, GUARDIAN_FIELD: esc(guardian)}
    out: list[Flowable] = [
        Paragraph("Signatures", s.h1),
        Paragraph(
            "Each box below is a PDF signature field, empty until it is signed with the "
            "signer's own key in Induct. They are signed in this order. A PDF reader that "
            "shows signatures lists who signed each field and whether the document was "
            "changed afterwards.",
            s.body,
        ),
        Spacer(1, 6),
    ]
    for field in fields:
        purpose = FIELD_PURPOSE.get(field, "Signs here.").format(name=name, org=organisation)
        who = signer_names.get(field, "")
        label = f"{esc(field)}: {who}" if who else esc(field)
        out.append(
            KeepTogether(
                [
                    Paragraph(label, s.h2),
                    Paragraph(purpose, s.body),
                    SignatureBox(field, TEXT_WIDTH, 78, placements),
                    Paragraph(f"Signature field “{esc(field)}”", s.small),
                    Spacer(1, 10),
                ]
            )
        )
    return out


def add_signature_fields(pdf: bytes, placements: list[FieldPlacement]) -> bytes:
    """`pdf` with an empty signature field over each placement, in an incremental update.

    Every field exists before anyone signs (DESIGN decision 4), so later signatures only
    fill fields and never change the form.
    """
    # pyHanko takes ~0.4 s to import: load it only when a document needs fields.
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    append_fields(writer, placements)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def append_fields(writer: IncrementalPdfFileWriter, placements: list[FieldPlacement]) -> None:
    """An empty signature field over each placement, in the update `writer` is making."""
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    for placement in placements:
        append_signature_field(
            writer,
            SigFieldSpec(
                sig_field_name=placement.name, on_page=placement.page_index, box=placement.box
            ),
        )
