"""Returned paper forms: real scans (ticked by pen, a little crooked and blurred) come back."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from app.core.consent.batches import BatchLog
from app.core.consent.form import ConsentForm, ConsentStore
from app.core.consent.returns import ALREADY_RECORDED, NEVER_PRINTED, READY, match, typed
from app.core.consent.templates import ConsentTemplate
from app.core.packs import Pack
from app.documents.consent.form import build_batch, render_blank
from app.documents.consent.geometry import PAGE_H
from app.documents.consent.layout import Spots
from app.documents.consent.scans import kept_scan, read_scans
from app.documents.consent.sheet import laid_out
from tests.unit.documents.pdftools import poppler

DPI = 150


def _pages(pdf: Path) -> int:
    return len(read_scans([pdf]))


def _scanned(
    pdf: Path, folder: Path, ticks: list[tuple[float, float]], seed: int
) -> list[Image.Image]:
    """The pages of `pdf` as a scanner gives them back: pen ticks, tilted, slightly blurred."""
    rng = random.Random(seed)
    poppler("pdftoppm", "-r", str(DPI), "-gray", pdf, folder / pdf.stem)
    pages = []
    for image_path in sorted(folder.glob(f"{pdf.stem}-*.pgm")):
        with Image.open(image_path) as page:
            picture = page.convert("L")
        pen = ImageDraw.Draw(picture)
        if image_path.stem.endswith("-1"):  # the boxes are on side 1
            for x, y in ticks:
                px, py = x * DPI / 72, (PAGE_H - y) * DPI / 72
                pen.line([(px + 4, py - 8), (px + 9, py - 3), (px + 30, py - 32)], fill=0, width=4)
        picture = picture.rotate(rng.uniform(-3, 3), fillcolor=255, expand=True)
        pages.append(picture.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.2))))
    return pages


def test_a_batch_comes_back_from_its_scans(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """Two batches printed, ticked, scanned in a shuffled mix of PDF and pictures: every
    form is found, with all its pages, matched to its batch and ready to record."""
    seed = random.randrange(1 << 30)
    print(f"seed {seed}")
    log, store = BatchLog(tmp_path / "printed"), ConsentStore(tmp_path / "register.sqlite")
    (publicity,) = build_batch(
        iet_pack, templates["publicity"], event="Open day", copies=3, out_dir=tmp_path, log=log
    )
    (guardian,) = build_batch(
        iet_pack, templates["guardian"], event="Open day", copies=2, out_dir=tmp_path, log=log
    )
    spots: Spots = {}
    laid_out(ConsentForm(iet_pack, templates["publicity"], {"event": "Open day"}), spots)
    ticks = [
        (s.x, s.y + s.height) for k, s in spots.items() if k in ("media.photo", "channels.website")
    ]
    pages = _scanned(publicity, tmp_path, ticks, seed) + _scanned(guardian, tmp_path, [], seed)
    random.Random(seed).shuffle(pages)
    pages[0].save(tmp_path / "scan.pdf", save_all=True, append_images=pages[1:6], resolution=DPI)
    for number, picture in enumerate(pages[6:]):
        picture.save(tmp_path / f"scan-{number}.png")
    files = [tmp_path / "scan.pdf", *sorted(tmp_path.glob("scan-*.png"))]

    returns = match(read_scans(files), log, store)
    printed = {i: b.template_id for b in log.batches() for i in b.form_ids}
    found = {
        f.form_id: (f.batch.template_id if f.batch else "", len(f.pages), f.status)
        for f in returns.forms
    }
    per_copy = {"publicity": _pages(publicity) // 3, "guardian": _pages(guardian) // 2}
    expected = {i: (t, per_copy[t], READY) for i, t in printed.items()}
    assert (found, returns.unread) == (expected, [])


def test_a_form_never_printed_and_one_already_recorded_are_flagged(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate], form_for
) -> None:
    """A form printed elsewhere is "never printed"; one recorded before is "already recorded"."""
    log, store = BatchLog(tmp_path / "printed"), ConsentStore(tmp_path / "register.sqlite")
    (batch,) = build_batch(iet_pack, templates["quote"], copies=1, out_dir=tmp_path, log=log)
    (form_id,) = log.batches()[0].form_ids
    stranger = tmp_path / "stranger.pdf"
    stranger.write_bytes(render_blank(iet_pack, templates["quote"], form_id="IET-QUO-7K3M-Q9XD"))
    form = form_for("iet", "quote")
    from app.core.consent.form import Subject

    store.record(
        form.make_record(
            subject=Subject("Priya Shah", "m-1"), granted=[], method="paper form, scanned",
            operator="Sam", recorded_at="2026-06-12T10:00:00+01:00", form_id=form_id,
        )
    )  # fmt: skip
    returns = match(read_scans([batch, stranger]), log, store)
    assert [(f.form_id, f.status) for f in returns.forms] == [
        (form_id, ALREADY_RECORDED),
        ("IET-QUO-7K3M-Q9XD", NEVER_PRINTED),
    ]


def test_a_typed_form_id_is_matched_like_a_scanned_one(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """Typed in small letters with an O for a zero, the ID still finds its batch."""
    log, store = BatchLog(tmp_path / "printed"), ConsentStore(tmp_path / "register.sqlite")
    build_batch(iet_pack, templates["publicity"], copies=1, out_dir=tmp_path, log=log)
    (form_id,) = log.batches()[0].form_ids
    sloppy = form_id.lower().replace("0", "o")
    found = typed(f" {sloppy} ", log, store)
    assert not isinstance(found, str) and (found.form_id, found.status) == (form_id, READY)


def test_text_that_is_not_a_form_id_is_explained(tmp_path: Path) -> None:
    """Something else typed gets a sentence showing what a form ID looks like."""
    found = typed("hello", BatchLog(tmp_path), ConsentStore(tmp_path / "register.sqlite"))
    assert (
        found
        == "“hello” is not a form ID: it is printed under the QR code, like IET-PUB-7K3M-Q9XD."
    )


def test_the_kept_scan_holds_the_forms_pages(
    tmp_path: Path, iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """The scan kept with a consent has exactly that form's pages, from a PDF and a picture."""
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(render_blank(iet_pack, templates["guardian"], form_id="IET-GUA-7K3M-Q9XD"))
    poppler("pdftoppm", "-r", "100", "-png", "-f", "2", "-l", "2", pdf, tmp_path / "side")
    (side2,) = tmp_path.glob("side-*.png")
    pages = read_scans([pdf, side2])
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(kept_scan([pages[0], pages[2]]))
    assert [p.form_id for p in read_scans([kept])] == ["IET-GUA-7K3M-Q9XD"] * 2
