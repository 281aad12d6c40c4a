"""Checking a signed PDF: `verify_pdf` fills the report (pyHanko loaded lazily)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.signing.certs import load_certificates
from app.signing.errors import SigningError
from app.signing.org import local_root_files, pack_root_files
from app.signing.report import VerificationReport


def trust_root_files(extra: Sequence[Path] = ()) -> list[Path]:
    """The root certificate files trusted: `extra`, this computer's organisation roots,
    and those shipped in policy packs."""
    return [*map(Path, extra), *local_root_files(), *pack_root_files()]


def verify_pdf(path: Path, trust: Sequence[Path] = ()) -> VerificationReport:
    """Check every signature of `path` against the trusted roots.

    Raises:
        SigningError: a file given in `trust` is not a certificate.
    """
    path = Path(path)
    roots = [cert for file in trust_root_files(trust) for cert in load_certificates(file)]
    try:
        data = path.read_bytes()
    except OSError as error:
        return VerificationReport(path, error=f"cannot be read ({error.strerror}).")
    if b"%PDF-" not in data[:1024]:
        return VerificationReport(path, error="not a PDF file.")
    from app.signing.pdfcheck import check_pdf  # pyHanko: only now

    try:
        return check_pdf(path, data, roots)
    except SigningError as error:
        return VerificationReport(path, error=str(error))
