"""An officer's list printed: a table on A4, its header on every page, page numbers."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from app.core.consent.lists import Listing
from app.documents.fonts import BOLD, REGULAR
from app.documents.styles import MUTED, RULE, SHADE, esc, make_styles


def render_listing(listing: Listing) -> bytes:
    """The list as a PDF: `per_page` rows a page when set (the photographer's 40)."""
    s = make_styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=listing.title,
        creator="Induct",
        lang="en-GB",
        initialFontName=REGULAR,
    )
    intro = [Paragraph(esc(listing.title), s.h1), Paragraph(esc(listing.subtitle), s.note)]
    if not listing.rows:
        doc.build(
            [*intro, Paragraph(esc(listing.empty), s.body)], onFirstPage=_foot, onLaterPages=_foot
        )
        return buffer.getvalue()
    cell = s.cell.clone("list-cell", fontSize=8.5, leading=10)
    head = [Paragraph(f"<b>{esc(h)}</b>", cell) for h in listing.headers]
    size = listing.per_page or len(listing.rows)
    story = []
    for start in range(0, len(listing.rows), size):
        if start:
            story += [PageBreak(), *intro]
        else:
            story += intro
        rows = [
            [Paragraph(esc(v), cell) for v in row] for row in listing.rows[start : start + size]
        ]
        table = Table([head, *rows], repeatRows=1, colWidths=_widths(listing, cell))
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
                    ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        story.append(table)
    doc.build(story, onFirstPage=_foot, onLaterPages=_foot)
    return buffer.getvalue()


def _widths(listing: Listing, style: Any) -> list[float]:
    """Each column as wide as its longest text (so a row is one line), shared to the page."""
    room = A4[0] - 24 * mm
    needs = [
        max(
            stringWidth(v, style.fontName, style.fontSize)
            for v in (h, *(r[i] for r in listing.rows))
        )
        + 4 * mm
        for i, h in enumerate(listing.headers)
    ]
    scale = min(1.0, room / sum(needs))
    spare = (room - sum(needs) * scale) / len(needs)
    return [n * scale + spare for n in needs]


def _foot(canv: Any, doc: Any) -> None:
    canv.saveState()
    canv.setFont(REGULAR, 8)
    canv.setFillColor(MUTED)
    canv.drawRightString(A4[0] - 12 * mm, 7 * mm, f"Page {doc.page}")
    canv.restoreState()
