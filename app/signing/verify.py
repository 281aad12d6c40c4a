"""Checking a signed PDF: `verify_pdf` fills the report (pyHanko loaded lazily)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cryptography import x509

from app.core.pdf_bounds import read_pdf
from app.core.reading import RefusedFileError
from app.signing.certs import load_certificates
from app.signing.computer import installed_crls, installed_roots
from app.signing.errors import SigningError
from app.signing.org import local_crl_files, local_root_files, pack_roots
from app.signing.report import VerificationReport
from app.signing.revocation import load_crls


def trust_root_files(extra: Sequence[Path] = ()) -> list[Path]:
    """The root certificate files a person chose: `extra` (a kit's, given with --trust)
    and this computer's organisation roots (its own, or the one it was enrolled by)."""
    return [*map(Path, extra), *local_root_files(), *installed_roots()]


def trusted_roots(extra: Sequence[Path] = ()) -> list[x509.Certificate]:
    """The roots of `trust_root_files(extra)`, then those shipped in packs that pass
    `induct pack check` (`skipped_trust_files` says which were left out).

    Raises:
        SigningError: a file given in `extra` is not a certificate.
    """
    chosen = [cert for file in trust_root_files(extra) for cert in load_certificates(file)]
    return [*chosen, *pack_roots()[0]]


def skipped_trust_files() -> list[str]:
    """One line per pack trust file (or pack) whose roots are not trusted, and why."""
    return pack_roots()[1]


def crl_files(extra: Sequence[Path] = ()) -> list[Path]:
    """The revocation lists known here: `extra` (a kit's), the root's, the enrolment's."""
    return [*map(Path, extra), *local_crl_files(), *installed_crls()]


def verify_pdf(
    path: Path, trust: Sequence[Path] = (), crls: Sequence[Path] = ()
) -> VerificationReport:
    """Check every signature of `path` against the trusted roots and known CRLs (those
    given, this computer's, and the file's own).

    Raises:
        SigningError: a file given in `trust` is not a certificate, or in `crls` not a CRL.
    """
    path = Path(path)
    roots = trusted_roots(trust)
    lists = [crl for file in crl_files(crls) for crl in load_crls(file)]
    try:
        data = read_pdf(path)
    except RefusedFileError as error:
        return VerificationReport(path, error=f"not checked: {error.strerror}.")
    except OSError as error:
        return VerificationReport(path, error=f"cannot be read ({error.strerror}).")
    if b"%PDF-" not in data[:1024]:
        return VerificationReport(path, error="not a PDF file.")
    from app.signing.pdfcheck import check_pdf  # pyHanko: only now

    try:
        return check_pdf(path, data, roots, lists)
    except SigningError as error:
        return VerificationReport(path, error=str(error))
