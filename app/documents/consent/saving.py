"""Save a consent: check the answers, write its file under a name never used, record it.

No Qt: the capture screen calls these on a worker thread and shows what comes back, and
the command line calls them directly. A file is created with O_EXCL, so two saves can
never pick the same name, and is removed again if the consent cannot be recorded: never
a PDF without its record, never a record pointing at another consent's PDF.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core.atomic import write_atomic
from app.core.consent import capture
from app.core.consent.form import ConsentForm, ConsentRecord, ConsentStore, new_form_id
from app.core.consent.records import IN_APP, PAPER_SCANNED
from app.core.folders import ensure_folder
from app.core.onboarding.session import Drawing


class NotSavedError(ValueError):
    """The answers need putting right first; `problems` says what, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Saved:
    record: ConsentRecord
    path: Path


def file_name(form: ConsentForm, subject: str, form_id: str, suffix: str = "") -> str:
    """The file name of a consent: organisation, form, person and form ID."""
    from app.documents.acknowledgement import safe_file_part

    name = safe_file_part(subject)[:60] or "unnamed"
    return f"{form.pack.id.upper()} {form.template.id} consent - {name} - {form_id}{suffix}.pdf"


def save_captured(
    form: ConsentForm,
    values: capture.FormValues,
    *,
    store: ConsentStore,
    folder: Path,
    today: date,
    recorded_at: str,
    signatures: Mapping[str, Drawing | str] | None = None,
    form_id: str = "",
) -> Saved:
    """Record a consent given in the app and write its PDF, ready to sign, in `folder`.

    `form_id` is the printed form's ID when the person filled in a paper copy on screen;
    otherwise a new one is made. Raises NotSavedError when an answer needs putting right,
    FileExistsError if the file's name is taken, OSError if the folder cannot be written.
    """
    from app.documents.consent.form import render_captured

    record, path = _prepare(form, values, folder, today, recorded_at, form_id, IN_APP)
    pdf = render_captured(form.pack, form.template, record, signatures or {})
    _write_and_record(path, pdf, record, store)
    return Saved(record, path)


def save_scanned(
    form: ConsentForm,
    values: capture.FormValues,
    scan: bytes,
    *,
    form_id: str,
    store: ConsentStore,
    folder: Path,
    today: date,
    recorded_at: str,
) -> Saved:
    """Record a returned paper form from the ticks as marked on it, and keep its scan.

    `scan` is the PDF of the form's scanned pages; it is written to `folder` as it is and
    its SHA-256 goes into the consent's event, so the paper behind a record can be shown.
    """
    if not form_id:
        raise NotSavedError(["Type or scan the form ID printed on the paper form."])
    if store.find_by_form_id(form_id):
        raise NotSavedError([f"The form {form_id} is already recorded."])
    digest = hashlib.sha256(scan).hexdigest()
    record, path = _prepare(
        form, values, folder, today, recorded_at, form_id, PAPER_SCANNED, " (scan)", digest
    )
    _write_and_record(path, scan, record, store)
    return Saved(record, path)


def _prepare(
    form: ConsentForm,
    values: capture.FormValues,
    folder: Path,
    today: date,
    recorded_at: str,
    form_id: str,
    method: str,
    suffix: str = "",
    scan_sha256: str = "",
) -> tuple[ConsentRecord, Path]:
    problems = capture.problems(form, values, today)
    if problems:
        raise NotSavedError(problems)
    form_id = form_id or new_form_id(form.pack.id, form.template.id)
    inputs = capture.record_inputs(form, values, today, form_id)
    path = Path(folder) / file_name(form, inputs["subject"].name, form_id, suffix)
    record = form.make_record(
        **inputs,
        method=method,
        operator=values.receiver.strip(),
        recorded_at=recorded_at,
        attachment=str(path),
    )
    if scan_sha256:
        record.scan_sha256 = scan_sha256
    return record, path


def _write_and_record(path: Path, data: bytes, record: ConsentRecord, store: ConsentStore) -> None:
    ensure_folder(path.parent)  # a refusal names the folder, in words
    # O_EXCL claims the name or fails: no window between "is it free?" and writing.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        write_atomic(path, data)  # replaces only the empty file claimed just now
        store.record(record)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # never a file without its record
        raise
