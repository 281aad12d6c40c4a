"""The register as a CSV file for a spreadsheet, written atomically (R8)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from app.core.atomic import write_text_atomic
from app.core.register.status import AckRow

COLUMNS = (
    ("Person", "person"),
    ("E-mail", "email"),
    ("Membership number", "membership_number"),
    ("Role", "role"),
    ("Organisation", "organisation"),
    ("Pack", "pack_id"),
    ("Policy version", "policy_version"),
    ("Policy SHA-256", "policy_sha256"),
    ("Signed at", "signed_at"),
    ("Parent or guardian", "guardian_name"),
    ("Status", "status"),
    ("Person's signature", "signature_verdict"),
    ("Countersignature", "countersignature_verdict"),
    ("Note", "note"),
    ("Renew by", "renew_by"),
    ("Countersigned by", "countersigned_by"),
    ("Countersigned at", "countersigned_at"),
    ("Certificate SHA-256", "fingerprint"),
    ("File", "current_path"),
    ("File SHA-256 when signed", "file_sha256"),
    ("Session", "session_id"),
    ("How it came in", "source"),
    ("Register event", "seq"),
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as text; one a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_text(rows: Iterable[AckRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([title for title, _ in COLUMNS])
    for row in rows:
        writer.writerow([cell(getattr(row, key)) for _, key in COLUMNS])
    return buffer.getvalue()


def write_csv(path: Path, rows: Iterable[AckRow]) -> int:
    """Write `rows` to `path` (UTF-8 with a byte-order mark, which Excel needs to read
    names in any script); returns how many rows were written."""
    rows = list(rows)
    write_text_atomic(Path(path), "\ufeff" + csv_text(rows))
    return len(rows)
