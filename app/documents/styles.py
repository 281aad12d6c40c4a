"""Paragraph styles, colours and the page footer shared by Induct's PDFs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from app.core.names import printable
from app.documents.fonts import BOLD, REGULAR, load_fonts
from app.documents.paragraph import Paragraph
from app.documents.scripts import draw_text, markup, text_width

PAGE_SIZE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 22 * mm
TEXT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#57606a")
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#c9d1d9")
SHADE = colors.HexColor("#f3f5f7")
GOOD = colors.HexColor("#1a7f37")
WARN = colors.HexColor("#9a6700")
BAD = colors.HexColor("#b42318")


def esc(text: object) -> str:
    """Text for reportlab's paragraph markup, printed as typed: `<`, `&`, `>` and quotes as
    themselves, any script in its own order and font, control characters removed."""
    return markup(text)


def esc_attr(text: object) -> str:
    """Text made safe inside a markup attribute's quotes (a link's address)."""
    return escape(printable(str(text)), {'"': "&quot;", "'": "&#39;"})


@dataclass(frozen=True)
class Styles:
    overline: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    note: ParagraphStyle
    quote: ParagraphStyle
    hash: ParagraphStyle
    cell: ParagraphStyle


def make_styles() -> Styles:
    """The house styles; every one uses the embedded DejaVu Sans family."""
    load_fonts()
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=9.5,
        leading=13.5,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=5,
    )

    def derived(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **changes)

    return Styles(
        overline=derived(
            "overline", fontName=BOLD, fontSize=9, leading=12, textColor=ACCENT, spaceAfter=3
        ),
        title=derived("title", fontName=BOLD, fontSize=18, leading=23, spaceAfter=8),
        h1=derived(
            "h1",
            fontName=BOLD,
            fontSize=13,
            leading=17,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        h2=derived(
            "h2",
            fontName=BOLD,
            fontSize=11,
            leading=15,
            spaceBefore=9,
            spaceAfter=4,
            keepWithNext=1,
        ),
        h3=derived(
            "h3",
            fontName=BOLD,
            fontSize=9.5,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        body=body,
        small=derived("small", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=3),
        label=derived(
            "label", fontName=BOLD, fontSize=8.5, leading=12, textColor=MUTED, spaceAfter=0
        ),
        note=derived("note", fontSize=8.5, leading=12, textColor=MUTED),
        quote=derived(
            "quote",
            fontSize=9.5,
            leading=13.5,
            leftIndent=10,
            borderPadding=(6, 8),
            backColor=SHADE,
            spaceBefore=4,
            spaceAfter=10,
        ),
        # 64 hex digits fit one line of the text width at this size; never split them.
        hash=derived("hash", fontSize=7.5, leading=10, splitLongWords=0, spaceAfter=0),
        cell=derived("cell", fontSize=9, leading=12.5, spaceAfter=0),
    )


def footer_canvas(left_text: str) -> Callable[..., Canvas]:
    """A canvas class that prints `left_text` and "Page N of M" at the foot of every page.

    Pages are held back until the end so the total is known in one build.
    """

    fitted: dict[float, str] = {}  # the same text on every page: shortened once per room

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for state in self._held_pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_footer(self, total: int) -> None:
            width = PAGE_SIZE[0]
            y = MARGIN_BOTTOM - 11 * mm
            page = f"Page {self._pageNumber} of {total}"
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, y + 10, width - MARGIN_X, y + 10)
            self.setFillColor(MUTED)
            self.setFont(REGULAR, 7.5)
            self.drawRightString(width - MARGIN_X, y, page)
            room = TEXT_WIDTH - stringWidth(page, REGULAR, 7.5) - 12
            if room not in fitted:
                fitted[room] = fit_text(left_text, REGULAR, 7.5, room)
            draw_text(self, MARGIN_X, y, fitted[room], REGULAR, 7.5)
            self.restoreState()

    return FooterCanvas


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """`text`, shortened with an ellipsis if it is wider than `width` (in the fonts it prints in)."""
    if text_width(text, font, size) <= width:
        return text
    # The longest prefix that fits with the ellipsis, found by halving: a name can be
    # thousands of characters long.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def clause_ref(clause: str) -> str:
    """Escaped "clause 6.6" for numbered clauses, "section “Complaint handling”" for named ones."""
    if re.match(r"\d", clause):
        return f"clause {esc(clause)}"
    return f"section “{esc(clause)}”"


def grid(rows: list[list[Flowable]], widths: list[float], header: bool = False) -> Table:
    """A table of flowables with rules between rows, flush with the text's left edge."""
    # splitInRow: a cell taller than a page (a name thousands of characters long) goes on
    # over the next page instead of stopping the whole document.
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                # Cells hold paragraphs, but Table still selects its own font: make it DejaVu, not
                # the base-14 Helvetica, which would otherwise land in the file unembedded.
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def facts(rows: list[tuple[str, str | Flowable]], s: Styles) -> Table:
    """A two-column table of labels and values; string values are paragraph markup."""
    data = [
        [
            Paragraph(esc(label), s.label),
            Paragraph(value, s.cell) if isinstance(value, str) else value,
        ]
        for label, value in rows
    ]
    return grid(data, [42 * mm, TEXT_WIDTH - 42 * mm])


def hash_text(value: str, s: Styles) -> Paragraph:
    """A SHA-256 in hex on one line, small enough to fit the text width."""
    return Paragraph(esc(value), s.hash)
