"""Benchmark: a 1,000-copy batch against bare reportlab laying out the same pages every copy.

Run with `make bench` (or `pytest -s tests/bench`); not part of `make test`.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate

from app.core import paths
from app.core.consent.form import ConsentForm, new_form_ids
from app.core.consent.templates import bundled_forms_dir, load_templates
from app.core.packs import load_pack
from app.documents.consent.form import build_batch
from app.documents.consent.layout import Spots, story
from app.documents.fonts import REGULAR
from app.documents.styles import make_styles

COPIES = 1000


def _bare_reportlab(form: ConsentForm, form_ids: list[str]) -> bytes:
    """The same form, laid out again for every copy in one platypus document, with the form
    ID and a QR widget drawn on each page: what reportlab does without Induct's reuse."""
    styles = make_styles()
    flowables: list[Any] = []
    breaks: set[int] = set()
    for _ in form_ids:
        flowables += story(form, styles, Spots())
        flowables.append(PageBreak())
        breaks.add(id(flowables[-1]))
    current = {"copy": 0}

    def on_page(canv: Any, doc: Any) -> None:
        form_id = form_ids[min(current["copy"], len(form_ids) - 1)]
        canv.saveState()
        canv.setFont(REGULAR, 8)
        canv.drawString(18 * mm, 14 * mm, f"{form.stamp} · Form ID {form_id}")
        drawing = Drawing(20 * mm, 20 * mm)
        drawing.add(QrCodeWidget(form_id, barLevel="M", barWidth=20 * mm, barHeight=20 * mm))
        renderPDF.draw(drawing, canv, A4[0] - 38 * mm, 5 * mm)
        canv.restoreState()

    def after_flowable(flowable: Any) -> None:
        if id(flowable) in breaks:  # the page break that ends a copy: the next one starts
            current["copy"] += 1

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=31 * mm,
        initialFontName=REGULAR,
    )
    doc.afterFlowable = after_flowable  # type: ignore[method-assign]
    doc.build(flowables, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def test_thousand_copy_batch_against_bare_reportlab(tmp_path: Path, record_ratio) -> None:
    """Print both times and their ratio; Induct's batch should not be slower."""
    pack = load_pack(paths.bundled_packs_dir() / "iet")
    template = load_templates(bundled_forms_dir())["publicity"]
    form = ConsentForm(pack, template, {"event": "Annual dinner", "date": "2026-11-21"})

    started = time.perf_counter()
    (pdf,) = build_batch(
        pack, template, event="Annual dinner", date="2026-11-21", copies=COPIES, out_dir=tmp_path
    )
    ours = time.perf_counter() - started

    started = time.perf_counter()
    bare = _bare_reportlab(form, new_form_ids(pack.id, template.id, COPIES))
    theirs = time.perf_counter() - started

    print(
        f"\n{COPIES} copies of the IET publicity form:"
        f"\n  Induct build_batch  {ours:7.2f} s  {pdf.stat().st_size / 1e6:6.1f} MB"
        f"\n  bare reportlab      {theirs:7.2f} s  {len(bare) / 1e6:6.1f} MB"
        f"\n  ratio (bare / Induct) {theirs / ours:.1f}x"
    )
    record_ratio(
        f"{COPIES}-copy consent form batch",
        "build_batch",
        ours * 1000,
        "bare reportlab pages",
        theirs * 1000,
        "ms",
    )
