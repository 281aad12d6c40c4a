"""Batches for an event: unique form IDs that decode from their QR codes, progress, cancel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from reportlab.lib.units import mm

from app.core.consent.templates import ConsentTemplate
from app.core.packs import Pack
from app.documents.consent.form import build_batch
from app.documents.consent.geometry import MARGIN_X, PAGE_H, PAGE_W, QR_SIZE
from tests.unit.documents.pdftools import poppler

DPI = 100
_ID = re.compile(r"Form ID (IET-PUB-[0-9A-Z]{4}-[0-9A-Z]{4}) · Page (\d+) of (\d+)")


def _qr_crops(pdf: Path, folder: Path) -> list[Path]:
    """Each page's QR corner, rendered by pdftoppm in grey at 100 dpi."""
    scale = DPI / 72
    margin = 3 * mm
    x, top = PAGE_W - MARGIN_X - QR_SIZE - margin, PAGE_H - 5 * mm - QR_SIZE - margin
    size = round((QR_SIZE + 2 * margin) * scale)
    poppler(
        "pdftoppm",
        "-r",
        str(DPI),
        "-gray",
        "-x",
        str(round(x * scale)),
        "-y",
        str(round(top * scale)),
        "-W",
        str(size),
        "-H",
        str(size),
        pdf,
        folder / "qr",
    )
    return sorted(folder.glob("qr-*.pgm"))


COPIES = 20  # the 1,000-copy run is in tests/bench/test_forms_bench.py


def test_a_batch_has_unique_ids_that_decode(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """20 copies: every page's QR code is decoded (all of them, with zxing-cpp) and
    equals the form ID printed on that page; the IDs are unique."""
    calls: list[tuple[int, int]] = []
    (pdf,) = build_batch(
        iet_pack,
        templates["publicity"],
        event="Annual dinner",
        date="2026-11-21",
        copies=COPIES,
        out_dir=tmp_path / "out",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(n, COPIES) for n in range(1, COPIES + 1)]
    printed = [
        (m.group(1), int(m.group(2)), int(m.group(3)))
        for m in _ID.finditer(poppler("pdftotext", "-raw", pdf, "-"))
    ]
    pages_per_copy = printed[0][2]
    assert len(printed) == COPIES * pages_per_copy
    ids = [form_id for form_id, page, _ in printed if page == 1]
    assert len(set(ids)) == COPIES
    crops = _qr_crops(pdf, tmp_path)
    assert len(crops) == len(printed)
    for crop, (form_id, _, _) in zip(crops, printed, strict=True):
        with Image.open(crop) as picture:
            assert [r.text for r in zxingcpp.read_barcodes(picture)] == [form_id], crop.name


def test_fillable_batches_are_one_file_per_copy(
    tmp_path: Path, iom3_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """Each fillable copy is its own file, named after its form ID."""
    out = tmp_path / "out"
    paths = build_batch(
        iom3_pack, templates["guardian"], event="Schools day", copies=3, out_dir=out, fillable=True
    )
    assert len(paths) == 3 and len({p.name for p in paths}) == 3
    assert all(
        re.fullmatch(r"IOM3 guardian form - Schools day - IOM3-GUA-\S+\.pdf", p.name) for p in paths
    )
    assert sorted(out.iterdir()) == sorted(paths)


def test_cancelling_leaves_no_file(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """Cancelled half way: nothing written, not even a partial file."""
    seen: list[int] = []
    out = tmp_path / "out"
    result = build_batch(
        iet_pack,
        templates["quote"],
        copies=20,
        out_dir=out,
        progress=lambda done, _total: seen.append(done),
        cancelled=lambda: len(seen) >= 5,
    )
    assert result == [] and seen == [1, 2, 3, 4, 5]
    assert not out.exists() or list(out.iterdir()) == []


def test_a_second_batch_never_replaces_the_first(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """The same name again gets " (2)"; both files stay whole."""
    first = build_batch(iet_pack, templates["quote"], copies=2, out_dir=tmp_path)
    second = build_batch(iet_pack, templates["quote"], copies=2, out_dir=tmp_path)
    assert first[0].name == "IET quote forms - 2 copies.pdf"
    assert second[0].name == "IET quote forms - 2 copies (2).pdf"
    assert first[0].read_bytes() != second[0].read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first[0].name, second[0].name])


@pytest.mark.parametrize(
    ("copies", "date", "message"),
    [(0, "", "at least 1"), (1, "21/11/2026", "write it as YYYY-MM-DD")],
)
def test_bad_requests_are_refused(
    tmp_path: Path,
    iet_pack: Pack,
    templates: dict[str, ConsentTemplate],
    copies: int,
    date: str,
    message: str,
) -> None:
    with pytest.raises(ValueError, match=message):
        build_batch(iet_pack, templates["quote"], copies=copies, date=date, out_dir=tmp_path)
