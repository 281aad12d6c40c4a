"""Consent-form PDFs: blank for printing, fillable, captured (filled in, ready to sign), batches.

Every copy carries its own form ID, printed and in a QR code, so a returned paper form
can be matched to its record. Fillable PDFs' fields start empty, every box off.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO, overload

from reportlab.lib.colors import transparent
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core.atomic import write_atomic
from app.core.consent import embedded
from app.core.consent.batches import BatchLog, PrintedBatch
from app.core.consent.form import ConsentForm, ConsentRecord, new_form_ids
from app.core.consent.templates import ConsentTemplate
from app.core.folders import ensure_folder
from app.core.onboarding.session import Drawing
from app.core.packs import Pack
from app.documents.acknowledgement import safe_file_part
from app.documents.consent.answers import answers_stamp
from app.documents.consent.evidence import evidence_story, signature_fields
from app.documents.consent.geometry import TEXT_WIDTH
from app.documents.consent.layout import Spot, Spots
from app.documents.consent.pages import Stamp, chain, id_stamp, print_copies
from app.documents.consent.sheet import laid_out
from app.documents.embedded import embed_file
from app.documents.signature_fields import FieldPlacement, add_signature_fields

Progress = Callable[[int, int], None]


def render_blank(
    pack: Pack,
    template: ConsentTemplate,
    *,
    form_id: str,
    event: str = "",
    date: str = "",
    partners: str = "",
) -> bytes:
    """One printable copy: tick boxes to mark by pen, the form ID and its QR code."""
    form = ConsentForm(pack, template, {"event": event, "date": date, "partners": partners})
    return _uncancelled(_render(form, [form_id]))


def render_fillable(
    pack: Pack,
    template: ConsentTemplate,
    *,
    form_id: str,
    event: str = "",
    date: str = "",
    partners: str = "",
) -> bytes:
    """One fillable copy (AcroForm): a field over every box and line, every box off."""
    form = ConsentForm(pack, template, {"event": event, "date": date, "partners": partners})
    return _uncancelled(_render(form, [form_id], fillable=True))


def render_captured(
    pack: Pack,
    template: ConsentTemplate,
    record: ConsentRecord,
    signatures: Mapping[str, Drawing | str] | None = None,
) -> bytes:
    """The form as filled in for `record`, with a record page and empty signature fields.

    `signatures` maps a signer role ("subject", "guardian", ...) to a drawn signature or
    a typed name; by default the person who consents has their name typed. Raises
    ValueError if the template's text is not the text the record was made from.
    """
    form = ConsentForm(
        pack, template, {k: record.details.get(k, "") for k in ("event", "date", "partners")}
    )
    if form.sha256 != record.text_sha256:
        raise ValueError(
            "this template's text differs from the text the consent was given "
            f"on (template {template.id} version {template.version}; the record "
            f"has version {record.template_version})"
        )
    spots: Spots = {}
    placements: dict[str, FieldPlacement] = {}
    canv = laid_out(
        form,
        spots,
        lambda styles: evidence_story(record, form, styles, TEXT_WIDTH, placements),
    )
    pdf = print_copies(
        canv,
        1,
        chain(
            id_stamp([record.form_id], "Form ID")
            if record.form_id
            else id_stamp([record.record_id], "Record"),
            answers_stamp(form, record, spots, signatures or {}),
        ),
    )
    assert pdf is not None
    fields = signature_fields(record, form)
    pdf = add_signature_fields(pdf, [placements[f] for f in fields]) if fields else pdf
    # The record as data, before any signature, so every signature covers it.
    return embed_file(
        pdf,
        embedded.FILE_NAME,
        embedded.to_bytes(record),
        embedded.MEDIA_TYPE,
        embedded.DESCRIPTION,
    )


def build_batch(
    pack: Pack,
    template: ConsentTemplate,
    *,
    event: str = "",
    date: str = "",
    copies: int,
    out_dir: Path,
    fillable: bool = False,
    partners: str = "",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    log: BatchLog | None = None,
) -> list[Path]:
    """Forms for an event, each copy with its own form ID; returns the files written.

    With `log`, the batch (its form IDs and the exact form) is noted there once written,
    so a returned paper copy can be matched by its form ID.

    Printable forms are one PDF holding every copy, to print in one go. Fillable forms
    are one PDF per copy, since each goes to one person. `progress(done, total)` is
    called after each copy. If `cancelled()` turns true, no further file is started
    and none is left half-written.
    """
    if copies < 1:
        raise ValueError("the number of copies must be at least 1")
    form = ConsentForm(pack, template, {"event": event, "date": date, "partners": partners})
    form_ids = new_form_ids(pack.id, template.id, copies)
    out_dir = Path(out_dir)
    about = [part for part in (safe_file_part(event)[:80], date) if part]
    name = f"{safe_file_part(pack.id.upper())} {template.id}"
    if not fillable:

        def laid_out(done: int, total: int) -> None:  # the last copy counts once written
            if progress and done < total:
                progress(done, total)

        count = f"{copies} {'copy' if copies == 1 else 'copies'}"

        def write(sink: BinaryIO) -> bool:  # page by page, straight into the file
            done = _render(form, form_ids, progress=laid_out, cancelled=cancelled, sink=sink)
            return done is not None

        path = _write_new(out_dir, " - ".join([f"{name} forms", *about, count]), write)
        if path is None:
            return []
        if log is not None:
            _note(log, form, form_ids, path)
        if progress:
            progress(copies, copies)
        return [path]
    written = []
    for number, form_id in enumerate(form_ids, start=1):
        if cancelled and cancelled():
            break
        pdf = _render(form, [form_id], fillable=True)
        assert pdf is not None
        written.append(_write_new(out_dir, " - ".join([f"{name} form", *about, form_id]), pdf))
        if progress:
            progress(number, copies)
    if log is not None and written:
        _note(log, form, form_ids[: len(written)], out_dir)
    return written


def _uncancelled(pdf: bytes | None) -> bytes:
    """The PDF of a render that had no way to be cancelled."""
    if pdf is None:
        raise RuntimeError("a render without a cancel button was cancelled")
    return pdf


def _note(log: BatchLog, form: ConsentForm, form_ids: list[str], path: Path) -> None:
    from datetime import UTC, datetime

    at = datetime.now(UTC).isoformat(timespec="seconds")
    log.add(
        PrintedBatch(
            batch_id=f"{at[:19].replace(':', '')}-{form_ids[0]}",
            pack_id=form.pack.id,
            template_id=form.template.id,
            template_version=form.template.version,
            text_sha256=form.sha256,
            event=form.event,
            date=form.date,
            partners="" if form.partners == "none" else form.partners,
            printed_at=at,
            file=str(path),
            form_ids=tuple(form_ids),
        )
    )


def _render(
    form: ConsentForm,
    form_ids: list[str],
    fillable: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    sink: BinaryIO | None = None,
) -> bytes | None:
    spots: Spots = {}
    canv = laid_out(form, spots)
    stamps: list[Stamp] = [id_stamp(form_ids)]
    if fillable:
        stamps.append(_fields_stamp(spots))
    return print_copies(canv, len(form_ids), chain(*stamps), progress, cancelled, sink)


def _fields_stamp(spots: Spots) -> Stamp:
    """Form fields over the spots of each page: boxes off, text fields empty."""

    def stamp(canv: Canvas, copy: int, page: int, pages: int) -> None:
        for spot in spots.values():
            if spot.page == page:
                _add_field(canv, spot)

    return stamp


def _add_field(canv: Canvas, spot: Spot) -> None:
    form = canv.acroForm
    common = {
        "x": spot.x,
        "y": spot.y,
        "tooltip": spot.label or spot.key,
        "fieldFlags": "",
        "borderWidth": 0,
        "borderColor": transparent,
        "fillColor": transparent,
    }
    if spot.kind == "tick":
        form.checkbox(
            name=field_name(spot.key), checked=False, buttonStyle="check", size=spot.width, **common
        )
    elif spot.kind == "radio":
        form.radio(
            name=field_name(spot.group),
            value=field_name(spot.value),
            selected=False,
            buttonStyle="circle",
            shape="circle",
            size=spot.width,
            **common,
        )
    elif spot.kind in ("line", "box"):
        multiline = spot.kind == "box"
        # AcroForm text takes only the standard PDF fonts (reportlab); what is printed on
        # the page is DejaVu, and a filled-in copy is drawn again with DejaVu on capture.
        form.textfield(
            name=field_name(spot.key),
            value="",
            width=spot.width,
            height=min(spot.height, 7 * mm) if not multiline else spot.height,
            fontSize=10,
            textColor=None,
            **{**common, "fieldFlags": "multiline" if multiline else ""},
        )


def field_name(key: str) -> str:
    """A PDF field name: no dots (they separate levels of a field's name), no spaces."""
    return re.sub(r"[^A-Za-z0-9:_-]", "-", key.replace(".", ":"))


@overload
def _write_new(folder: Path, stem: str, data: bytes) -> Path: ...
@overload
def _write_new(folder: Path, stem: str, data: Callable[[BinaryIO], bool]) -> Path | None: ...
def _write_new(folder: Path, stem: str, data: bytes | Callable[[BinaryIO], bool]) -> Path | None:
    """Write `data` to a new file `stem.pdf` in `folder`, adding " (2)" etc. if taken.

    `data` is the bytes, or writes them into the file it is given and says whether it
    finished (False: cancelled, and nothing is left). The PDF is written whole to a hidden
    file first, then linked under its name, so the name never shows a half-written file
    and an existing file is never replaced.
    """
    ensure_folder(folder)  # a refusal names the folder, in words
    hidden = folder / f".{stem[:100]}.{os.getpid()}.partial"
    try:
        try:
            if isinstance(data, bytes):
                write_atomic(hidden, data)
            elif not _stream_to(hidden, data):
                return None
        except OSError as error:  # a write refused mid-way names no file: name the PDF's
            if error.filename is not None or error.errno is None:
                raise
            raise OSError(error.errno, error.strerror, str(folder / f"{stem}.pdf")) from error
        for number in range(1, 1000):
            path = folder / (f"{stem}.pdf" if number == 1 else f"{stem} ({number}).pdf")
            try:
                os.link(hidden, path)
            except FileExistsError:
                continue
            except OSError:  # no hard links on this file system (FAT): rename if still free
                if path.exists():
                    continue
                os.replace(hidden, path)
            return path
        raise FileExistsError(f"too many files named {stem!r} in {folder}")
    finally:
        with contextlib.suppress(FileNotFoundError):
            hidden.unlink()


def _stream_to(path: Path, write: Callable[[BinaryIO], bool]) -> bool:
    """`write` into a new private file at `path`, flushed to disk; False if it gave up."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        if not write(handle):
            return False
        handle.flush()
        os.fsync(handle.fileno())
    return True
