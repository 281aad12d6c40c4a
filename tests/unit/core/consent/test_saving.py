"""Saving a consent without the window: checked answers, a file under a new name, a record."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from app.core.consent.capture import FormValues
from app.core.consent.form import ConsentForm, ConsentStore
from app.documents.consent.saving import NotSavedError, file_name, save_captured, save_scanned
from tests.unit.documents.pdftools import flat, poppler

FormFor = Callable[..., ConsentForm]
TODAY = date(2026, 6, 12)
WHEN = "2026-06-12T10:15:00+01:00"


def _values(**changes: object) -> FormValues:
    values = FormValues(
        fields={"name": "Priya Shah", "role": "Member", "contact": "priya@example.org"},
        granted=["media.photo", "channels.website"],
        choices={"identification": "first-name"},
        receiver="Sam Patel",
    )
    for key, value in changes.items():
        setattr(values, key, value)
    return values


def _form(form_for: FormFor) -> ConsentForm:
    return form_for("iet", "publicity", event="Open day", date="2026-06-12")


def test_a_captured_consent_is_recorded_with_its_pdf(tmp_path: Path, form_for: FormFor) -> None:
    """The PDF holds the person's name and the register has the consent, pointing at it."""
    store = ConsentStore(tmp_path / "register.sqlite")
    saved = save_captured(
        _form(form_for), _values(), store=store, folder=tmp_path / "out", today=TODAY,
        recorded_at=WHEN,
    )  # fmt: skip
    assert "Priya Shah" in flat(poppler("pdftotext", saved.path, "-"))
    (stored,) = store.records()
    assert (stored.attachment, stored.granted()) == (
        str(saved.path),
        ["media.photo", "channels.website"],
    )


def test_answers_to_put_right_save_nothing(tmp_path: Path, form_for: FormFor) -> None:
    """A missing name is reported in words, and neither a file nor a record is made."""
    store = ConsentStore(tmp_path / "register.sqlite")
    with pytest.raises(NotSavedError) as caught:
        save_captured(
            _form(form_for), _values(fields={"role": "Member"}), store=store,
            folder=tmp_path / "out", today=TODAY, recorded_at=WHEN,
        )  # fmt: skip
    assert caught.value.problems == ["Fill in “Full name”."]
    assert (store.records(), (tmp_path / "out").exists()) == ([], False)


def test_a_name_already_taken_is_never_replaced(tmp_path: Path, form_for: FormFor) -> None:
    """A file already there under the consent's name stays as it was; nothing is recorded."""
    form, store, out = _form(form_for), ConsentStore(tmp_path / "register.sqlite"), tmp_path / "out"
    out.mkdir()
    taken = out / file_name(form, "Priya Shah", "IET-PUB-7K3M-Q9XD")
    taken.write_bytes(b"someone else's consent")
    with pytest.raises(FileExistsError):
        save_captured(
            form, _values(), store=store, folder=out, today=TODAY, recorded_at=WHEN,
            form_id="IET-PUB-7K3M-Q9XD",
        )  # fmt: skip
    assert (taken.read_bytes(), store.records()) == (b"someone else's consent", [])


def test_a_failed_record_leaves_no_pdf(tmp_path: Path, form_for: FormFor) -> None:
    """If the register refuses the consent, the PDF written for it is removed again."""
    out, db = tmp_path / "out", tmp_path / "register.sqlite"
    store = ConsentStore(db)
    with sqlite3.connect(db) as connection:  # a register that cannot take a new event
        connection.execute(
            "CREATE TRIGGER full BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'full'); END"
        )
    with pytest.raises(sqlite3.IntegrityError):
        save_captured(
            _form(form_for), _values(), store=store, folder=out, today=TODAY, recorded_at=WHEN
        )
    assert list(out.iterdir()) == []


def test_a_scanned_paper_form_keeps_its_scan_and_hash(tmp_path: Path, form_for: FormFor) -> None:
    """The scan is kept as it is, its SHA-256 is in the event, the method says paper."""
    store = ConsentStore(tmp_path / "register.sqlite")
    scan = b"%PDF-1.4 the scanned pages"
    saved = save_scanned(
        _form(form_for), _values(), scan, form_id="IET-PUB-7K3M-Q9XD", store=store,
        folder=tmp_path / "out", today=TODAY, recorded_at=WHEN,
    )  # fmt: skip
    (event,) = store.history(saved.record.record_id)
    assert (saved.path.read_bytes(), event.payload["scan_sha256"], event.payload["method"]) == (
        scan,
        hashlib.sha256(scan).hexdigest(),
        "paper form, scanned",
    )


def test_a_paper_form_already_recorded_is_refused(tmp_path: Path, form_for: FormFor) -> None:
    """The same form ID a second time is refused in words; the first record stands alone."""
    store = ConsentStore(tmp_path / "register.sqlite")
    args = {"form_id": "IET-PUB-7K3M-Q9XD", "store": store, "today": TODAY, "recorded_at": WHEN}
    save_scanned(_form(form_for), _values(), b"scan 1", folder=tmp_path / "a", **args)  # type: ignore[arg-type]
    with pytest.raises(NotSavedError, match="IET-PUB-7K3M-Q9XD is already recorded"):
        save_scanned(_form(form_for), _values(), b"scan 2", folder=tmp_path / "b", **args)  # type: ignore[arg-type]
    assert len(store.records()) == 1
