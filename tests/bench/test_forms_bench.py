"""Benchmarks: a 1,000-copy batch against a fair bare-reportlab baseline, and every QR read.

Run with `make bench` (or `pytest -s tests/bench`); not part of `make test`.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import zxingcpp
from PIL import Image
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core import paths
from app.core.consent.form import ConsentForm, new_form_ids
from app.core.consent.templates import bundled_forms_dir, load_templates
from app.core.packs import load_pack
from app.documents.consent.form import build_batch
from app.documents.consent.geometry import MARGIN_X, PAGE_H, PAGE_W, QR_SIZE, QR_Y
from app.documents.consent.layout import Spots, body, form_styles, header
from app.documents.consent.pages import lay_out
from app.documents.consent.sheet import plan_for
from app.documents.fonts import REGULAR
from tests.unit.documents.pdftools import poppler

COPIES = 1000
_ID = re.compile(r"Form ID (IET-PUB-[0-9A-Z]{4}-[0-9A-Z]{4}) · Page (\d+) of (\d+)")


def _form() -> tuple[Any, Any, ConsentForm]:
    pack = load_pack(paths.bundled_packs_dir() / "iet")
    template = load_templates(bundled_forms_dir())["publicity"]
    return pack, template, ConsentForm(pack, template, {"event": "Annual dinner"})


def _bare_reportlab(form: ConsentForm, form_ids: list[str]) -> bytes:
    """What a careful reportlab user would write: the same pages laid out once (each into a
    form XObject), then per copy the pages reused, the form ID printed, and its QR code
    drawn once with reportlab's own QR widget and reused on each of that copy's pages."""
    plan = plan_for(form)  # the same page as Induct's
    s = form_styles(plan.size)
    laid = lay_out(form, header(form, s), body(form, s, Spots(), plan.two_sided, plan.paired))
    canv: Canvas = laid
    pages = laid.layout_pages
    for copy, form_id in enumerate(form_ids):
        drawing = Drawing(QR_SIZE, QR_SIZE)
        drawing.add(QrCodeWidget(form_id, barLevel="M", barWidth=QR_SIZE, barHeight=QR_SIZE))
        canv.beginForm(f"bare-qr{copy}")
        renderPDF.draw(drawing, canv, PAGE_W - MARGIN_X - QR_SIZE, QR_Y)
        canv.endForm()
        for index, name in enumerate(pages):
            canv.doForm(name)
            canv.doForm(f"bare-qr{copy}")
            canv.setFont(REGULAR, 8)
            canv.drawString(
                18 * mm, 14 * mm, f"{form.version_label} · Form ID {form_id} · {index + 1}"
            )
            Canvas.showPage(canv)
    canv.save()
    return laid.layout_buffer.getvalue()  # type: ignore[attr-defined]


def test_thousand_copy_batch_against_fair_bare_reportlab(tmp_path: Path, record_ratio) -> None:
    """Induct's 1,000-copy batch takes at most half the time of the fair baseline."""
    pack, template, form = _form()
    form_ids = new_form_ids(pack.id, template.id, COPIES)
    build_batch(pack, template, event="Annual dinner", copies=2, out_dir=tmp_path / "warm")
    _bare_reportlab(form, form_ids[:2])  # both laid out once before timing: fonts, plan

    started = time.perf_counter()
    bare = _bare_reportlab(form, form_ids)
    theirs = time.perf_counter() - started

    started = time.perf_counter()
    (pdf,) = build_batch(pack, template, event="Annual dinner", copies=COPIES, out_dir=tmp_path)
    ours = time.perf_counter() - started

    print(
        f"\n{COPIES} copies of the IET publicity form:"
        f"\n  Induct build_batch         {ours:7.2f} s  {pdf.stat().st_size / 1e6:6.1f} MB"
        f"\n  fair bare reportlab        {theirs:7.2f} s  {len(bare) / 1e6:6.1f} MB"
        f"\n  ratio (Induct / bare)      {ours / theirs:.2f}"
    )
    record_ratio(
        f"{COPIES}-copy consent form batch",
        "build_batch",
        ours * 1000,
        "bare reportlab, laid out once, widget QR",
        theirs * 1000,
        "ms",
    )
    assert ours <= 0.5 * theirs


# A batch in a fresh interpreter, as `induct forms build` runs it; prints the peak RSS in KB.
_PEAK_RSS_PROBE = """
import resource, sys
from pathlib import Path
from app.core import paths
from app.core.consent.templates import bundled_forms_dir, load_templates
from app.core.packs import load_pack
from app.documents.consent.form import build_batch
pack = load_pack(paths.bundled_packs_dir() / "iet")
template = load_templates(bundled_forms_dir())["publicity"]
build_batch(pack, template, event="Annual dinner", copies=int(sys.argv[1]), out_dir=Path(sys.argv[2]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
MEMORY_RUNS = 5


def _peak_rss_mb(copies: int, out_dir: Path) -> float:
    # Through a shell that forks Python (the command is not its last): Linux carries a
    # process's peak RSS across exec, so Python started straight from pytest would report
    # pytest's own peak; the shell is small.
    done = subprocess.run(
        [
            "/bin/sh",
            "-c",
            '"$0" -c "$1" "$2" "$3"; exit $?',
            sys.executable,
            _PEAK_RSS_PROBE,
            str(copies),
            str(out_dir),
        ],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return int(done.stdout.split()[-1]) / 1024


def test_a_thousand_copy_batch_takes_no_more_memory_than_ten(tmp_path: Path, record_ratio) -> None:
    """Peak memory (RSS, each batch in a fresh process) for 1,000 copies is within 1.2x of
    that for 10: pages are written to the file as they are made, not held until the end."""
    ten: list[float] = []
    thousand: list[float] = []
    for run in range(MEMORY_RUNS):  # alternating, so a busy moment falls on both
        ten.append(_peak_rss_mb(10, tmp_path / f"ten-{run}"))
        thousand.append(_peak_rss_mb(COPIES, tmp_path / f"thousand-{run}"))
    ratio = statistics.median(thousand) / statistics.median(ten)
    print(
        f"\npeak RSS, median of {MEMORY_RUNS}: 10 copies {statistics.median(ten):.1f} MB, "
        f"{COPIES} copies {statistics.median(thousand):.1f} MB; ratio {ratio:.3f}"
    )
    record_ratio(
        f"{COPIES}-copy consent form batch, peak memory",
        f"{COPIES} copies",
        thousand,
        "the same batch of 10 copies, each in a fresh process",
        ten,
        "MB",
        "≤ 1.2×",
    )
    assert ratio <= 1.2


def test_a_thousand_copies_have_unique_ids_that_decode(tmp_path: Path) -> None:
    """1,000 copies: every page's QR code is decoded (all of them, not a sample, with
    zxing-cpp) and equals the form ID printed on that page; the 1,000 IDs are unique."""
    pack, template, _ = _form()
    (pdf,) = build_batch(pack, template, event="Annual dinner", copies=COPIES, out_dir=tmp_path)
    printed = [
        (m.group(1), int(m.group(2))) for m in _ID.finditer(poppler("pdftotext", "-raw", pdf, "-"))
    ]
    assert len({form_id for form_id, _ in printed}) == COPIES
    dpi, margin = 100, 3 * mm
    scale = dpi / 72
    size = round((QR_SIZE + 2 * margin) * scale)
    x, top = PAGE_W - MARGIN_X - QR_SIZE - margin, PAGE_H - QR_Y - QR_SIZE - margin
    poppler(
        "pdftoppm", "-r", str(dpi), "-gray", "-x", str(round(x * scale)),
        "-y", str(round(top * scale)), "-W", str(size), "-H", str(size), pdf, tmp_path / "qr",
    )  # fmt: skip
    crops = sorted(tmp_path.glob("qr-*.pgm"))
    assert len(crops) == len(printed)
    for crop, (form_id, _) in zip(crops, printed, strict=True):
        with Image.open(crop) as picture:
            assert [r.text for r in zxingcpp.read_barcodes(picture)] == [form_id], crop.name
