"""A pack's `trust/` folder: the organisation roots it ships, each checked, bounded and named.

Anyone can drop a folder into the user pack folder, so a root found there is trusted only
when its pack passes `induct pack check` (app/core/packs.py), and every file in `trust/`
must be a plain file inside the pack holding one or more CA certificates (PEM or DER). A
file that is not is reported with the reason and skipped: it never stops a check, hangs
(a FIFO) or floods memory (a link to /dev/zero).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from app.core.problems import Problem
from app.core.reading import KIB, read_bounded

TRUST_FOLDER = "trust"
TRUST_FILE_LIMIT = 64 * KIB  # a root certificate is under 1 kB; a PEM bundle of a few fits
MAX_TRUST_FILES = 20
MAX_CERTIFICATES = 20  # in one file


@dataclass(frozen=True)
class TrustFolder:
    """The CA certificates (DER) a pack's trust/ folder holds, and a problem per bad file."""

    certificates: tuple[bytes, ...] = ()
    problems: tuple[Problem, ...] = field(default=())


def read_trust_folder(pack_folder: Path) -> TrustFolder:
    """Every CA certificate in `pack_folder`/trust/, with a problem for each file that is
    not one (an absent folder holds none and is no problem)."""
    pack_folder = Path(pack_folder)
    folder = pack_folder / TRUST_FOLDER
    if not os.path.lexists(folder):
        return TrustFolder()
    if folder.is_symlink() or not folder.is_dir():
        return TrustFolder(problems=(Problem(folder, 1, "trust/ must be a folder in the pack"),))
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        return TrustFolder(problems=(Problem(folder, 1, f"cannot be read ({error.strerror})"),))
    found: list[bytes] = []
    problems: list[Problem] = []
    if len(entries) > MAX_TRUST_FILES:
        problems.append(
            Problem(folder, 1, f"holds {len(entries)} files; at most {MAX_TRUST_FILES} are read")
        )
        entries = entries[:MAX_TRUST_FILES]
    for path in entries:
        certificates, problem = read_trust_file(path, pack_folder)
        if problem:
            problems.append(Problem(path, 1, f"{problem}; it is not trusted"))
        found += certificates
    return TrustFolder(tuple(found), tuple(problems))


def read_trust_file(path: Path, inside: Path) -> tuple[list[bytes], str]:
    """(the DER bytes of each CA certificate in `path`, "") or ([], why the file is refused)."""
    try:
        data = read_bounded(path, TRUST_FILE_LIMIT, inside=inside)
    except OSError as error:
        return [], error.strerror or str(error)
    return ca_certificates(data)


def ca_certificates(data: bytes) -> tuple[list[bytes], str]:
    """The certificates in PEM or DER `data` as DER, when every one is a CA; else the reason."""
    from cryptography import x509  # only when a trust file is read
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            certificates = x509.load_pem_x509_certificates(data)
        else:
            certificates = [x509.load_der_x509_certificate(data)]
    except ValueError:
        return [], "it is not a certificate (PEM or DER)"
    if len(certificates) > MAX_CERTIFICATES:
        return [], f"it holds more than {MAX_CERTIFICATES} certificates"
    for certificate in certificates:
        try:
            constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
        except (x509.ExtensionNotFound, ValueError):
            return [], "it holds a certificate that is not an authority's (no CA constraint)"
        if not constraints.value.ca:
            return [], "it holds a certificate that is not an authority's (not a CA)"
    return [c.public_bytes(Encoding.DER) for c in certificates], ""
