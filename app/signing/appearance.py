"""What a signature looks like on the page: drawn signature, typed name, date, fingerprint."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.core.onboarding.session import Drawing
from app.documents.fonts import BOLD, REGULAR, load_fonts
from app.documents.styles import ACCENT, INK, MUTED, RULE

PAD = 5.0
NAME = 9.5
LINE = 9.6
SMALL = 7.6


@dataclass(frozen=True)
class AppearanceText:
    """The words in a signature's box, already worded for people."""

    typed_name: str
    lines: tuple[str, ...]  # role and e-mail, date, fingerprint, issuer, key protection


def render_appearance(
    width: float, height: float, text: AppearanceText, drawing: Drawing | None
) -> bytes:
    """A one-page PDF of exactly `width` x `height` points, to be the field's appearance.

    The left part holds the drawn signature (or the typed name, large, when there is no
    drawing); the right part lists who signed, when, and with which certificate.
    """
    load_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=REGULAR, pageCompression=1)
    left = min(width * 0.36, 190.0)
    _draw_mark(canvas, PAD, PAD, left - 2 * PAD, height - 2 * PAD, text.typed_name, drawing)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(left, PAD, left, height - PAD)
    x = left + PAD + 2
    room = width - x - PAD
    lines = text.lines[: max(0, int((height - 2 * PAD - NAME) // LINE))]
    # the block of lines is centred in the box's height
    y = (height + NAME + LINE * len(lines)) / 2 - NAME
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, _fit(text.typed_name, BOLD, NAME, room))
    canvas.drawString(x, y, text.typed_name)
    canvas.setFillColor(MUTED)
    for line in lines:
        y -= LINE
        canvas.setFont(REGULAR, _fit(line, REGULAR, SMALL, room))
        canvas.drawString(x, y, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_mark(
    canvas: Canvas, x: float, y: float, w: float, h: float, typed_name: str, drawing: Drawing | None
) -> None:
    """The drawn strokes scaled into the box, or the typed name in italics."""
    canvas.saveState()
    if drawing is not None and not drawing.is_empty():
        scale = min(w / max(drawing.width, 1.0), h / max(drawing.height, 1.0))
        off_x = x + (w - drawing.width * scale) / 2
        off_y = y + (h - drawing.height * scale) / 2
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.3)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        for stroke in drawing.strokes:
            if len(stroke) < 2:
                continue
            # the pad's y runs downwards, PDF's upwards
            points = [
                (off_x + px * scale, off_y + (drawing.height - py) * scale) for px, py in stroke
            ]
            path = canvas.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            canvas.drawPath(path, stroke=1, fill=0)
    else:
        # Only two fonts are embedded (each costs about 20 kB per signature): no italics.
        size = _fit(typed_name, REGULAR, 15.0, w)
        canvas.setFillColor(ACCENT)
        canvas.setFont(REGULAR, size)
        canvas.drawCentredString(x + w / 2, y + h / 2 - size / 3, typed_name)
    canvas.restoreState()


def _fit(text: str, font: str, size: float, room: float) -> float:
    """`size`, or smaller (down to 4 pt) so that `text` fits in `room` points."""
    width = stringWidth(text, font, size)
    return size if width <= room else max(4.0, size * room / width)
