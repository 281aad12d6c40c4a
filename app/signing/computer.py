"""This computer's enrolment: its request, the certificate the root issued it, its key.

An enrolled computer holds a CA certificate from the organisation root that may issue
signers' certificates only; it issues the one-off certificate of each signature made here.
Its private key is kept like any Induct key (credential store, else passphrase file).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from app.core import paths
from app.core.atomic import write_atomic
from app.signing import keystore
from app.signing.certs import (
    PrivateKey,
    computer_name,
    computer_request,
    fingerprint,
    is_ca,
    issued_by,
    load_certificates,
    now_utc,
    request_org,
    same_public_key,
    to_pem,
)
from app.signing.errors import SigningError
from app.signing.org import org_dir
from app.signing.revocation import load_crls
from app.signing.secrets import SecretStore


def computer_dir(org_id: str) -> Path:
    org_dir(org_id)  # checks the id
    return paths.data_dir() / "computer" / org_id


def computer_slot(org_id: str) -> keystore.KeySlot:
    return keystore.KeySlot(computer_dir(org_id), "this computer's")


def _request_path(org_id: str) -> Path:
    return computer_dir(org_id) / "request.pem"


def cert_path(org_id: str) -> Path:
    return computer_dir(org_id) / "computer.pem"


def installed_root_path(org_id: str) -> Path:
    return computer_dir(org_id) / "root.pem"


def installed_crl_path(org_id: str) -> Path:
    return computer_dir(org_id) / "crl.pem"


def make_request(
    org_id: str,
    name: str,
    out: Path,
    *,
    store: SecretStore | None = None,
    passphrase: str | None = None,
) -> Path:
    """Make this computer's key (once) and write a request to enrol it under `name`."""
    name = " ".join(name.split())
    if not name:
        raise SigningError("Give this computer a name the trustees will recognise (--name).")
    slot = computer_slot(org_id)
    loaded = keystore.load_key(slot, store, passphrase)
    key, _ = loaded or keystore.create_key(slot, store, passphrase)
    pem = computer_request(key, org_id, name).public_bytes(serialization.Encoding.PEM)
    write_atomic(_request_path(org_id), pem)
    try:
        write_atomic(Path(out), pem)
    except OSError as error:
        raise SigningError(f"{out}: cannot be written ({error.strerror}).") from error
    return Path(out)


@dataclass(frozen=True)
class Enrolled:
    org_id: str
    name: str
    until: str  # YYYY-MM-DD
    root_fingerprint: str


def install(cert_file: Path, org_id: str = "") -> Enrolled:
    """Install the certificate the root computer issued for this computer's request."""
    certs = load_certificates(Path(cert_file))
    text = Path(cert_file).read_bytes()
    crls = load_crls(Path(cert_file)) if b"BEGIN X509 CRL" in text else []
    candidates = [org_id] if org_id else _pending_orgs()
    for org in candidates:
        request_file = _request_path(org)
        if not request_file.is_file():
            continue
        request = x509.load_pem_x509_csr(request_file.read_bytes())
        mine = [c for c in certs if c.public_key() == request.public_key() and is_ca(c)]
        if not mine:
            continue
        roots = [c for c in certs if c.subject == c.issuer and issued_by(mine[0], c)]
        if not roots:
            raise SigningError(
                f"{cert_file}: the organisation root's certificate is not in this file."
            )
        write_atomic(cert_path(org), to_pem(mine[0]))
        write_atomic(installed_root_path(org), to_pem(roots[0]))
        if crls:
            write_atomic(
                installed_crl_path(org),
                b"".join(c.public_bytes(serialization.Encoding.PEM) for c in crls),
            )
        return Enrolled(
            request_org(request) or org,
            computer_name(request),
            mine[0].not_valid_after_utc.date().isoformat(),
            fingerprint(roots[0]),
        )
    raise SigningError(
        f"{cert_file}: this certificate was not issued for this computer's request "
        "(make the request on this computer, and enrol that one)."
    )


def _pending_orgs() -> list[str]:
    folder = paths.data_dir() / "computer"
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def enrolment(org_id: str) -> Enrolled | None:
    """This computer's current enrolment by `org_id`, or None (not enrolled, or expired)."""
    installed = _current(org_id)
    if installed is None:
        return None
    cert, root = installed
    name = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return Enrolled(
        org_id,
        str(name[0].value) if name else "",
        cert.not_valid_after_utc.date().isoformat(),
        fingerprint(root),
    )


def _current(org_id: str) -> tuple[x509.Certificate, x509.Certificate] | None:
    """This computer's certificate and the root that issued it, each read once; None when
    not enrolled by `org_id`, or the certificate is not valid now."""
    if not org_id or not cert_path(org_id).is_file() or not installed_root_path(org_id).is_file():
        return None
    cert = load_certificates(cert_path(org_id))[0]
    if not cert.not_valid_before_utc <= now_utc() <= cert.not_valid_after_utc:
        return None
    return cert, load_certificates(installed_root_path(org_id))[0]


def issuer(
    org_id: str, store: SecretStore | None, passphrase: str | None
) -> tuple[x509.Certificate, PrivateKey, x509.Certificate] | None:
    """This computer's certificate, its key and the organisation root above it, to issue a
    one-off certificate; None when not enrolled by `org_id` (PassphraseNeeded when the key
    is in a file)."""
    installed = _current(org_id)
    if installed is None:
        return None
    cert, root = installed
    loaded = keystore.load_key(computer_slot(org_id), store, passphrase)
    if loaded is None or not same_public_key(cert, loaded[0]):
        raise SigningError(
            f"This computer's key does not match its enrolment certificate ({cert_path(org_id)}); "
            "ask a trustee to enrol it again."
        )
    return cert, loaded[0], root


def installed_roots() -> list[Path]:
    folder = paths.data_dir() / "computer"
    return sorted(folder.glob("*/root.pem")) if folder.is_dir() else []


def installed_crls() -> list[Path]:
    folder = paths.data_dir() / "computer"
    return sorted(folder.glob("*/crl.pem")) if folder.is_dir() else []
