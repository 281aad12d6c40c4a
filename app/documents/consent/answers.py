"""A captured consent's answers drawn onto the form: ticks, written values, signatures."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from app.core.consent.form import OTHER_ROLE, ConsentForm, ConsentRecord
from app.core.onboarding.session import Drawing
from app.documents.consent.geometry import SMALLEST
from app.documents.consent.layout import Spot, Spots
from app.documents.consent.pages import Stamp
from app.documents.fonts import ITALIC, REGULAR
from app.documents.signature_fields import DrawnSignature
from app.documents.styles import ACCENT, esc, fit_text

PEN = ACCENT  # answers are drawn in blue, like ink, so they stand apart from the print


def answers(form: ConsentForm, record: ConsentRecord) -> tuple[set[str], dict[str, str]]:
    """The spots to tick, and the text to write in each spot, for `record` on `form`."""
    ticks = {d.purpose_key for d in record.decisions if d.granted}
    if record.identification:
        ticks.add(f"identification:{record.identification}")
    ticks |= {f"{key}:{value}" for key, value in record.options.items()}
    if record.do_not_photograph:
        ticks.add(next((b.id for b in form.blocks if b.type == "do_not_photograph"), ""))
    if record.child_agreement is not None:
        agreement = next((b.id for b in form.blocks if b.type == "child_agreement"), "")
        ticks.add(f"{agreement}:{'yes' if record.child_agreement else 'no'}")
    subject, adult = record.subject, record.consenting_adult
    if subject.role:
        ticks.add(f"role:{subject.role if subject.role in form.roles() else OTHER_ROLE}")
    if adult is not None and adult.parental_responsibility:
        ticks.add("field:parental-responsibility")
    texts = {f"field:{key}": value for key, value in record.details.items()}
    texts |= {
        key: value
        for key, value in record.details.items()
        if any(b.id == key and b.type == "free_text" for b in form.blocks)
    }
    texts["field:name"] = subject.name
    born = subject.dob or ("" if subject.age is None else f"aged {subject.age}")
    if born:
        texts["field:dob"] = born
    if adult is not None:
        texts["field:guardian-name"] = adult.name
        texts["field:relationship"] = adult.relationship
    signed_on = record.recorded_at[:10]
    signers = {
        "subject": subject.name,
        "guardian": adult.name if adult else "",
        "witness": record.witness,
        "child": "",
    }
    for role, name in signers.items():
        if name and (role != "subject" or form.template.kind != "guardian"):
            texts[f"sig:{role}:name"] = name
            texts[f"sig:{role}:date"] = signed_on
    for key in ("field:event", "field:event-date", "field:date", "field:partners"):
        texts.pop(key, None)  # printed on the form itself
    return ticks, texts


def answers_stamp(
    form: ConsentForm, record: ConsentRecord, spots: Spots, signatures: Mapping[str, Drawing | str]
) -> Stamp:
    """Draw the answers onto the pages where their spots are."""
    ticks, texts = answers(form, record)
    main = (
        "guardian"
        if record.consenting_adult is not None and form.template.kind == "guardian"
        else "subject"
    )
    marks: dict[str, Drawing | str] = dict(signatures) or {main: texts.get(f"sig:{main}:name", "")}

    def stamp(canv: Canvas, copy: int, page: int, pages: int) -> None:
        canv.saveState()
        canv.setStrokeColor(PEN)
        canv.setFillColor(PEN)
        for spot in spots.values():
            if spot.page != page:
                continue
            if spot.key in ticks and spot.kind in ("tick", "radio"):
                _tick(canv, spot)
            elif texts.get(spot.key):
                _write(canv, spot, texts[spot.key])
            elif spot.kind == "signature" and marks.get(spot.key[4:]):
                _sign(canv, spot, marks[spot.key[4:]])
        canv.restoreState()

    return stamp


def _tick(canv: Canvas, spot: Spot) -> None:
    x, y, size = spot.x, spot.y, spot.width
    path = canv.beginPath()
    path.moveTo(x + 0.2 * size, y + 0.5 * size)
    path.lineTo(x + 0.42 * size, y + 0.22 * size)
    path.lineTo(x + 0.82 * size, y + 0.82 * size)
    canv.setLineWidth(2)
    canv.setLineCap(1)
    canv.setLineJoin(1)
    canv.drawPath(path, stroke=1, fill=0)


def _write(canv: Canvas, spot: Spot, text: str) -> None:
    if spot.kind == "box":
        size = 10.0
        while True:  # shrink a long text until it fits the box; the record page has it whole
            style = ParagraphStyle(
                "answer", fontName=REGULAR, fontSize=size, leading=size * 1.3, textColor=PEN
            )
            para = Paragraph(esc(text).replace("\n", "<br/>"), style)
            _, height = para.wrap(spot.width - 4 * mm, spot.height)
            if height <= spot.height - 2 * mm or size <= SMALLEST:
                break
            size -= 0.5
        para.drawOn(canv, spot.x + 2 * mm, spot.y + spot.height - 1 * mm - height)
        return
    room, size = spot.width - 3 * mm, 10.5
    while size > SMALLEST and stringWidth(text, REGULAR, size) > room:
        size -= 0.5  # a smaller pen before a cut: the record page has it whole
    canv.setFont(REGULAR, size)
    canv.drawString(spot.x + 1.5 * mm, spot.y + 1.5 * mm, fit_text(text, REGULAR, size, room))


def _sign(canv: Canvas, spot: Spot, mark: Drawing | str) -> None:
    if isinstance(mark, Drawing):
        if mark.is_empty():
            return
        drawn = DrawnSignature(mark, spot.width - 4 * mm, spot.height - 3 * mm)
        drawn.wrap(spot.width, spot.height)
        drawn.drawOn(canv, spot.x + 2 * mm, spot.y + 1.5 * mm)
        return
    canv.setFont(ITALIC, 15)
    canv.drawString(
        spot.x + 3 * mm,
        spot.y + spot.height / 2 - 2 * mm,
        fit_text(mark, ITALIC, 15, spot.width - 6 * mm),
    )
