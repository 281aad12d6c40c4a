"""Organisation roots: create one, find the ones to trust, and export the verification kit."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from app.core import paths
from app.core.atomic import write_atomic, write_text_atomic
from app.core.validation import is_id
from app.signing import keystore
from app.signing.certs import (
    PrivateKey,
    fingerprint,
    grouped,
    load_certificates,
    now_utc,
    root_certificate,
    same_public_key,
    subject_text,
    to_pem,
)
from app.signing.errors import SigningError
from app.signing.guide import kit_guide
from app.signing.revocation import write_revoked
from app.signing.secrets import SecretStore


def org_dir(org_id: str) -> Path:
    if not is_id(org_id):
        shown = org_id if len(org_id) <= 70 else f"{org_id[:60]}… ({len(org_id):,} characters)"
        raise SigningError(
            f"'{shown}' is not an organisation id (--pack): use the policy pack's id, "
            "in lower-case letters, digits and '-', at most 64 characters."
        )
    return paths.data_dir() / "orgs" / org_id


def root_cert_path(org_id: str) -> Path:
    return org_dir(org_id) / "root.pem"


def crl_path(org_id: str) -> Path:
    """The root's current revocation list (published at creation, then at each revocation)."""
    return org_dir(org_id) / "crl.pem"


def revoked_path(org_id: str) -> Path:
    return org_dir(org_id) / "revoked.json"


def root_slot(org_id: str) -> keystore.KeySlot:
    return keystore.KeySlot(
        org_dir(org_id), f"the {org_id.upper()} organisation root's", for_root=True
    )


def load_root_cert(org_id: str) -> x509.Certificate | None:
    """The organisation root's certificate when it is on this computer, else None."""
    path = root_cert_path(org_id)
    return load_certificates(path)[0] if path.is_file() else None


def load_root_key(
    org_id: str, cert: x509.Certificate, store: SecretStore | None, passphrase: str | None
) -> PrivateKey:
    """The root's private key, to issue a certificate (PassphraseNeeded when in a file)."""
    loaded = keystore.load_key(root_slot(org_id), store, passphrase)
    if loaded is None:
        raise SigningError(
            f"The {org_id.upper()} organisation root's key is not on this "
            f"computer, only its certificate ({root_cert_path(org_id)})."
        )
    if not same_public_key(cert, loaded[0]):
        raise SigningError(
            f"The {org_id.upper()} organisation root's key does not match its "
            f"certificate {root_cert_path(org_id)}."
        )
    return loaded[0]


def init_org(
    org_id: str, org_name: str, passphrase: str | None = None, *, store: SecretStore | None = None
) -> Path:
    """Create the organisation's root key and certificate; return the certificate's path.

    The key goes into the OS credential store, or, where there is none, into a file
    protected by `passphrase` (PassphraseNeeded asks for one). An existing root is never
    replaced: every certificate it issued would stop being trusted.
    """
    cert_path = root_cert_path(org_id)
    slot = root_slot(org_id)
    if cert_path.exists() or slot.record_path.exists():
        raise SigningError(
            f"The {org_id.upper()} organisation root already exists on this "
            f"computer ({cert_path}); Induct never replaces it."
        )
    key, _ = keystore.create_key(slot, store, passphrase)
    cert = root_certificate(key, org_id, org_name, now_utc())
    write_atomic(cert_path, to_pem(cert))
    write_revoked(revoked_path(org_id), crl_path(org_id), [], cert, key)
    return cert_path


def root_protection(org_id: str) -> str | None:
    """Where the organisation root's key is kept, or None when it is not on this computer."""
    return keystore.protection(root_slot(org_id))


def local_root_files() -> list[Path]:
    """The certificates of every organisation root created on this computer."""
    folder = paths.data_dir() / "orgs"
    return sorted(folder.glob("*/root.pem")) if folder.is_dir() else []


def local_crl_files() -> list[Path]:
    """The revocation lists of every organisation root on this computer."""
    folder = paths.data_dir() / "orgs"
    return sorted(folder.glob("*/crl.pem")) if folder.is_dir() else []


def pack_roots() -> tuple[list[x509.Certificate], list[str]]:
    """The root certificates policy packs ship in their `trust/` folder, and one line for
    each trust file or pack not used.

    Only a pack that passes `induct pack check` is trusted: anyone can drop a folder into
    the user pack folder, and a folder without a good pack.toml, or whose trust/ holds a
    file that is not a CA certificate, gives no roots at all.
    """
    from app.core.packs import check_pack
    from app.core.trust_files import TRUST_FOLDER, read_trust_folder

    found: list[x509.Certificate] = []
    skipped: list[str] = []
    for packs in (paths.bundled_packs_dir(), paths.user_packs_dir()):
        try:
            folders = sorted(p for p in packs.iterdir() if p.is_dir()) if packs.is_dir() else []
        except OSError:
            continue
        for folder in folders:
            if not os.path.lexists(folder / TRUST_FOLDER):
                continue
            problems = check_pack(folder)
            if problems:
                skipped += [str(problem) for problem in problems[:3]]
                skipped.append(
                    f"{folder / TRUST_FOLDER}: not trusted, because the pack does not pass "
                    f"`induct pack check {folder}`."
                )
                continue
            found += [
                x509.load_der_x509_certificate(der)
                for der in read_trust_folder(folder).certificates
            ]
    return found, skipped


def export_kit(org_id: str, folder: Path) -> list[Path]:
    """Write the verification kit into `folder`: root certificate (PEM and DER), its
    SHA-256 fingerprint, the root's revocation list, and GUIDE.md on checking
    signatures; return the files written."""
    cert = load_root_cert(org_id)
    if cert is None:
        raise SigningError(
            f"There is no {org_id.upper()} organisation root on this computer. "
            "Create it first, in Organisation keys (or with induct org init on the command line)."
        )
    folder = Path(folder)
    digest = fingerprint(cert)
    org_name = subject_text(cert, NameOID.ORGANIZATION_NAME) or org_id.upper()
    cert_file = folder / f"{org_id}-root.pem"
    der_file = folder / f"{org_id}-root.cer"  # the same certificate in DER, for Acrobat
    fingerprint_file = folder / f"{org_id}-root-sha256.txt"
    crl_file = folder / f"{org_id}-revoked.crl"
    guide_file = folder / "GUIDE.md"
    written = [cert_file, der_file, fingerprint_file]
    try:
        write_atomic(cert_file, to_pem(cert))
        write_atomic(der_file, cert.public_bytes(Encoding.DER))
        write_text_atomic(
            fingerprint_file,
            f"SHA-256 fingerprint of the Induct signing root of {org_name}:\n"
            f"{grouped(digest)}\n{digest}\n",
        )
        if crl_path(org_id).is_file():
            write_atomic(crl_file, crl_path(org_id).read_bytes())
            written.append(crl_file)
        write_text_atomic(
            guide_file,
            kit_guide(
                org_name, org_id, cert_file.name, der_file.name, crl_file.name, grouped(digest)
            ),
        )
    except OSError as error:
        raise SigningError(f"Cannot write the kit into {folder} ({error.strerror}).") from error
    return [*written, guide_file]
