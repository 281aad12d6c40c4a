"""Lay a consent form out once, then print it as many copies as needed.

The form's pages are drawn once, each into a PDF form XObject. Every copy's pages then
reuse them and add only what differs: the form ID, its QR code and the page numbers,
plus form fields (fillable) or the person's answers (captured). A thousand copies
cost one layout, not a thousand.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, BinaryIO, cast

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from app.core.consent.form import ConsentForm
from app.documents.consent.geometry import (
    COLUMN_GAP,
    COLUMN_W,
    FOOT_ID,
    FOOT_LEFT,
    FOOT_RULE,
    FOOT_STAMP,
    HEADER_ROOM,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    QR_SIZE,
    QR_Y,
    SMALLEST,
    TEXT_WIDTH,
)
from app.documents.consent.streaming import PageStreamer
from app.documents.fonts import BOLD, REGULAR
from app.documents.styles import INK, MUTED, RULE, fit_text

# What a copy adds to one page: (canvas, copy index, page index, page count).
Stamp = Callable[[Canvas, int, int, int], None]


class _LayoutCanvas(Canvas):
    """A canvas that draws each laid-out page into a form XObject instead of a page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.layout_pages: list[str] = []
        self.beginForm(self._next_name())

    def _next_name(self) -> str:
        return f"layout{len(self.layout_pages)}"

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self.endForm()
        self.layout_pages.append(self._next_name())
        self._pageNumber += 1
        self.beginForm(self._next_name())


def lay_out(
    form: ConsentForm,
    header: list[Flowable],
    body: list[Flowable],
    record: list[Flowable] | None = None,
    buffer: io.BytesIO | None = None,
) -> _LayoutCanvas:
    """Draw the form's pages once, each into a form XObject of the returned canvas.

    The header spans the top of page 1; the body flows down two columns, page after page;
    `record` (a captured form's record page) follows on full-width pages.
    """
    buffer = buffer or io.BytesIO()
    org = form.pack.organisation.name
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=form.title,
        author=org,
        subject=f"{form.title} ({form.version_label})",
        creator="Induct",
        lang="en-GB",
        displayDocTitle=True,
        initialFontName=REGULAR,
    )
    top = PAGE_H - MARGIN_TOP
    header_h = sum(f.wrap(TEXT_WIDTH, PAGE_H)[1] + f.getSpaceAfter() for f in header) + 1 * mm

    def columns(top: float, name: str) -> list[Frame]:
        return [
            _frame(
                MARGIN_X + n * (COLUMN_W + COLUMN_GAP),
                bottom,
                COLUMN_W,
                top - bottom,
                name + str(n),
            )
            for n, bottom in enumerate((FOOT_LEFT, MARGIN_BOTTOM))
        ]

    footer = f"{form.version_label} · {form.pack.organisation.short_name} · {form.title}"

    def on_page(c: Canvas, _d: Any) -> None:
        _static_footer(c, footer)

    first = [_frame(MARGIN_X, top - header_h, TEXT_WIDTH, header_h, "header")]
    first += columns(top - header_h, "first")
    doc.addPageTemplates(
        [
            PageTemplate("first", frames=first, onPage=on_page, autoNextPageTemplate="later"),
            PageTemplate("later", frames=columns(top, "later"), onPage=on_page),
            PageTemplate(
                "record",
                frames=[_frame(MARGIN_X, MARGIN_BOTTOM, TEXT_WIDTH, top - MARGIN_BOTTOM, "record")],
                onPage=on_page,
            ),
        ]
    )
    doc._doSave = 0  # the copies are added and saved by print_copies
    made: list[_LayoutCanvas] = []

    def maker(*args: Any, **kwargs: Any) -> _LayoutCanvas:
        made.append(_LayoutCanvas(*args, **kwargs))
        return made[0]

    story = [*header, FrameBreak(), *body]
    if record:
        story += [NextPageTemplate("record"), PageBreak(), *record]
    doc.build(story, canvasmaker=maker)
    canv = made[0]
    canv._formData = None  # drop the empty form begun after the last page
    canv._code = []
    canv.pop_state_stack()
    canv._pageNumber = 1
    canv.layout_buffer = buffer
    return canv


def _frame(x: float, y: float, w: float, h: float, name: str) -> Frame:
    return Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)


def print_copies(
    canv: _LayoutCanvas,
    copies: int,
    stamp: Stamp,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    sink: BinaryIO | None = None,
) -> bytes | None:
    """`copies` copies of the laid-out pages, each stamped: written into `sink` page by
    page (memory stays flat however many copies), or returned. None if cancelled."""
    out = sink if sink is not None else io.BytesIO()
    streamer = PageStreamer(canv, out)
    pages = canv.layout_pages
    for copy in range(copies):
        if cancelled and cancelled():
            return None
        for index, name in enumerate(pages):
            canv.doForm(name)
            stamp(canv, copy, index, len(pages))
            Canvas.showPage(canv)  # a real page now, not a layout form
        streamer.flush()
        if progress:
            progress(copy + 1, copies)
    streamer.finish()
    return b"" if sink is not None else cast(io.BytesIO, out).getvalue()


def _static_footer(canv: Canvas, text: str) -> None:
    """The part of the footer every copy shares: a rule and the template stamp (C9)."""
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN_X, FOOT_RULE, FOOT_ROOM_END, FOOT_RULE)  # stops short of the QR code
    canv.setFillColor(MUTED)
    canv.setFont(REGULAR, SMALLEST)
    canv.drawString(MARGIN_X, FOOT_STAMP, fit_text(text, REGULAR, SMALLEST, FOOT_ROOM))
    canv.restoreState()


FOOT_ROOM_END = PAGE_W - MARGIN_X - QR_SIZE - 3 * mm
FOOT_ROOM = FOOT_ROOM_END - MARGIN_X  # the footer's text, left of the QR code
NOTES = (
    "The QR code holds only this form ID.",
    "Please read both sides. The QR code holds only this form ID.",
    "Keep the pages together. The QR code holds only this form ID.",
)


def id_stamp(form_ids: list[str], label: str = "Form ID") -> Stamp:
    """The per-copy part: the form ID on every page, large on page 1, with its QR code."""
    drawn = [-1]  # the copy whose QR code was drawn last: copies come in order

    def stamp(canv: Canvas, copy: int, page: int, pages: int) -> None:
        form_id = form_ids[copy]
        qr_name = f"qr{copy}"
        if drawn[0] != copy:  # one QR drawing per copy, shared by its pages
            drawn[0] = copy
            canv.beginForm(qr_name)
            draw_qr(canv, form_id, PAGE_W - MARGIN_X - QR_SIZE, QR_Y, QR_SIZE)
            canv.endForm()
        canv.doForm(qr_name)
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(REGULAR, SMALLEST)
        where = f"{label} {form_id} · Page {page + 1} of {pages}"
        canv.drawString(MARGIN_X, FOOT_ID, where + " · ")
        used = stringWidth(where + " · ", REGULAR, SMALLEST)
        canv.setFillColor(MUTED)  # the note gives way to the form ID if both do not fit
        note = fit_text(NOTES[min(pages, 3) - 1], REGULAR, SMALLEST, FOOT_ROOM - used)
        canv.drawString(MARGIN_X + used, FOOT_ID, note)
        if page == 0:
            right, top = PAGE_W - MARGIN_X, PAGE_H - MARGIN_TOP
            canv.setFillColor(MUTED)
            canv.setFont(REGULAR, SMALLEST)
            canv.drawRightString(right, top - 2.8 * mm, label.upper())
            canv.setFillColor(INK)
            size = 12.0
            while stringWidth(form_id, BOLD, size) > HEADER_ROOM and size > 6:
                size -= 0.5
            canv.setFont(BOLD, size)
            canv.drawRightString(right, top - 8.2 * mm, form_id)
        canv.restoreState()

    return stamp


QR_MASK = 0  # any of the eight masks is valid; scoring all eight costs more than the page


def qr_modules(value: str) -> list[list[bool]]:
    """The modules of a QR code of `value`: error correction M, one fixed mask."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.version = qr.calculate_version()
    qr.makeImpl(False, QR_MASK)
    return cast(list[list[bool]], qr.modules)


def draw_qr(canv: Canvas, value: str, x: float, y: float, size: float) -> None:
    """A QR code of `value` with a four-module quiet zone, in a square of `size`.

    Each row's dark modules are drawn as runs, one rectangle per run, in one filled path in
    module units (reportlab's own widget draws a rectangle per module, in points, and sets
    an unembedded font).
    """
    modules = qr_modules(value)
    count = len(modules)
    module = size / (count + 8)
    path = canv.beginPath()
    for row, dark in enumerate(modules):
        y_row = count - 1 - row  # in modules, from the bottom
        col = 0
        while col < count:
            if not dark[col]:
                col += 1
                continue
            start = col
            while col < count and dark[col]:
                col += 1
            path.rect(start, y_row, col - start, 1)
    canv.saveState()
    # Drawn in module units: whole numbers, so each copy's code is a short stream.
    canv.translate(x + 4 * module, y + 4 * module)
    canv.scale(module, module)
    canv.setFillColor(black)
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()


def chain(*stamps: Stamp) -> Stamp:
    def stamp(canv: Canvas, copy: int, page: int, pages: int) -> None:
        for one in stamps:
            one(canv, copy, page, pages)

    return stamp
