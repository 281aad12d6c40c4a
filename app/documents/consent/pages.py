"""Lay a consent form out once, then print it as many copies as needed.

The form's pages are drawn once, each into a PDF form XObject. Every copy's pages then
reuse them and add only what differs: the form ID, its QR code and the page numbers,
plus form fields (fillable) or the person's answers (captured). A thousand copies
cost one layout, not a thousand.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.core.consent.form import ConsentForm
from app.documents.consent.layout import HEADER_ROOM
from app.documents.fonts import BOLD, REGULAR
from app.documents.styles import INK, MUTED, RULE, fit_text

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 31 * mm
QR_SIZE = 20 * mm
TEXT_WIDTH = PAGE_W - 2 * MARGIN_X

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


def build_pages(
    form: ConsentForm,
    story: list[Flowable],
    copies: int,
    stamp: Stamp,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    canvas_ready: Callable[[Canvas], None] | None = None,
) -> bytes | None:
    """The PDF of `copies` copies of the laid-out `story`, each stamped; None if cancelled."""
    buffer = io.BytesIO()
    org = form.pack.organisation.name
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=form.title,
        author=org,
        subject=f"{form.title} ({form.stamp})",
        creator="Induct",
        lang="en-GB",
        displayDocTitle=True,
        initialFontName=REGULAR,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    footer = f"{form.stamp} · {form.pack.organisation.short_name} · {form.title}"
    doc.addPageTemplates(
        [PageTemplate("form", frames=[frame], onPage=lambda c, _d: _static_footer(c, footer))]
    )
    doc._doSave = 0  # the copies are added and saved below
    made: list[_LayoutCanvas] = []

    def maker(*args: Any, **kwargs: Any) -> _LayoutCanvas:
        made.append(_LayoutCanvas(*args, **kwargs))
        return made[0]

    doc.build(story, canvasmaker=maker)
    canv = made[0]
    canv._formData = None  # drop the empty form begun after the last page
    canv._code = []
    canv.pop_state_stack()
    canv._pageNumber = 1
    if canvas_ready:
        canvas_ready(canv)
    pages = canv.layout_pages
    for copy in range(copies):
        if cancelled and cancelled():
            return None
        for index, name in enumerate(pages):
            canv.doForm(name)
            stamp(canv, copy, index, len(pages))
            Canvas.showPage(canv)  # a real page now, not a layout form
        if progress:
            progress(copy + 1, copies)
    canv.save()
    return buffer.getvalue()


def _static_footer(canv: Canvas, text: str) -> None:
    """The part of the footer every copy shares: a rule and the template stamp (C9)."""
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN_X, 27 * mm, PAGE_W - MARGIN_X, 27 * mm)
    canv.setFillColor(MUTED)
    canv.setFont(REGULAR, 7.5)
    room = TEXT_WIDTH - QR_SIZE - 6 * mm
    canv.drawString(MARGIN_X, 20 * mm, fit_text(text, REGULAR, 7.5, room))
    canv.restoreState()


def id_stamp(form_ids: list[str], label: str = "Form ID") -> Stamp:
    """The per-copy part: the form ID on every page, large on page 1, with its QR code."""
    drawn: set[int] = set()

    def stamp(canv: Canvas, copy: int, page: int, pages: int) -> None:
        form_id = form_ids[copy]
        qr_name = f"qr{copy}"
        if copy not in drawn:  # one QR drawing per copy, shared by its pages
            drawn.add(copy)
            canv.beginForm(qr_name)
            draw_qr(canv, form_id, PAGE_W - MARGIN_X - QR_SIZE, 5 * mm, QR_SIZE)
            canv.endForm()
        canv.doForm(qr_name)
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(REGULAR, 8)
        canv.drawString(MARGIN_X, 14 * mm, f"{label} {form_id} · Page {page + 1} of {pages}")
        canv.setFillColor(MUTED)
        canv.setFont(REGULAR, 7)
        canv.drawString(
            MARGIN_X,
            9 * mm,
            "Keep the pages of this form together. The QR code holds only this ID.",
        )
        if page == 0:
            right, top = PAGE_W - MARGIN_X, PAGE_H - MARGIN_TOP
            canv.setFillColor(MUTED)
            canv.setFont(REGULAR, 7.5)
            canv.drawRightString(right, top - 3 * mm, label.upper())
            canv.setFillColor(INK)
            size = 12.0
            while stringWidth(form_id, BOLD, size) > HEADER_ROOM and size > 6:
                size -= 0.5
            canv.setFont(BOLD, size)
            canv.drawRightString(right, top - 9 * mm, form_id)
        canv.restoreState()

    return stamp


def draw_qr(canv: Canvas, value: str, x: float, y: float, size: float) -> None:
    """A QR code of `value` (error correction M, four-module quiet zone) in a square.

    reportlab's QR widget encodes it; the dark modules are drawn as one filled path, as
    the widget's own renderer would set an unembedded base-14 font.
    """
    qr = QrCodeWidget(value, barLevel="M").qr
    qr.make()
    count = qr.getModuleCount()
    module = size / (count + 8)
    path = canv.beginPath()
    for row in range(count):
        for col in range(count):
            if qr.isDark(row, col):
                path.rect(x + (col + 4) * module, y + size - (row + 5) * module, module, module)
    canv.saveState()
    canv.setFillColor(black)
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()


def chain(*stamps: Stamp) -> Stamp:
    def stamp(canv: Canvas, copy: int, page: int, pages: int) -> None:
        for one in stamps:
            one(canv, copy, page, pages)

    return stamp
