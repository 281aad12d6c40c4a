"""Signing an acknowledgement: the API the app and the CLI call.

Cheap to import: pyHanko (about 0.4 s) and keyring load only when a key or a PDF is used.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID

from app.core import paths
from app.core.atomic import write_atomic
from app.core.clock import local_now, readable, stamp
from app.core.onboarding.acknowledgement import TRUSTEE_FIELD
from app.core.onboarding.session import Drawing
from app.signing import keystore
from app.signing.certs import (
    PrivateKey,
    cert_email,
    fingerprint,
    issued_by,
    load_certificates,
    person_certificate,
    same_public_key,
    short_fingerprint,
    subject_text,
    to_pem,
)
from app.signing.errors import (
    PassphraseNeeded,
    SecretStoreUnavailable,
    SigningError,
    WrongPassphrase,
)
from app.signing.org import export_kit, init_org, load_root_cert, load_root_key
from app.signing.report import SignatureCheck, VerificationReport
from app.signing.secrets import SecretStore, platform_store
from app.signing.verify import verify_pdf

__all__ = [
    "PassphraseNeeded",
    "SecretStoreUnavailable",
    "SignatureCheck",
    "SignatureSummary",
    "Signer",
    "SigningError",
    "VerificationReport",
    "WrongPassphrase",
    "export_kit",
    "init_org",
    "key_protection",
    "planned_key_protection",
    "sign_pdf",
    "verify_pdf",
]

NONE_YET = "none yet"


@dataclass(frozen=True)
class Signer:
    """Who signs: `role` is e.g. "Volunteer", "Guardian" or "Trustee"."""

    name: str
    email: str
    role: str


@dataclass(frozen=True)
class SignatureSummary:
    """What a signature just made holds, for the done page and the register (E2-E5)."""

    path: Path
    field: str
    signer: str
    email: str
    role: str
    fingerprint: str
    issuer: str  # the organisation root's name, or "self-signed"
    key_protection: str  # "keyring: <store>" or "passphrase file: <path>"
    signed_at: str  # ISO 8601 with UTC offset
    sha256_before: str  # of the PDF bytes before this signature
    sha256_after: str


def key_slot(email: str) -> keystore.KeySlot:
    """The folder for the key of the person with this e-mail address."""
    folder = re.sub(r"[^a-z0-9@._+-]", "_", email.strip().lower())
    if "@" not in folder or folder.startswith("."):
        raise SigningError(f"'{email}' is not an e-mail address; signing needs one.")
    return keystore.KeySlot(paths.data_dir() / "keys" / folder, "your")


def key_protection(signer_email: str) -> str:
    """Where this person's key is kept: "keyring: <store>", "passphrase file: <path>" or
    "none yet" (shown to the person before signing)."""
    return keystore.protection(key_slot(signer_email)) or NONE_YET


def planned_key_protection(signer_email: str, *, store: SecretStore | None = None) -> str:
    """Like key_protection, but for a new key says where it would be kept."""
    existing = keystore.protection(key_slot(signer_email))
    if existing:
        return existing
    try:
        return f"{keystore.KEYRING}: {(store.check() if store else platform_store()).name}"
    except SecretStoreUnavailable:
        return f"{keystore.FILE}: {key_slot(signer_email).file_path}"


def sign_pdf(
    pdf: Path,
    field: str,
    signer: Signer,
    *,
    org_id: str,
    typed_name: str,
    drawing: Drawing | None = None,
    passphrase: str | None = None,
    signed_at: datetime | None = None,
    root_passphrase: str | None = None,
    store: SecretStore | None = None,
) -> SignatureSummary:
    """Sign the empty signature field `field` of `pdf`, in place, as `signer`.

    The signer's key and certificate are made on first use. The certificate is issued by
    the organisation root of `org_id` when that root is on this computer (always for the
    Trustee field, which is refused without it), and is self-signed otherwise.

    Raises:
        PassphraseNeeded: a key is, or must be, in a passphrase file; `error.for_root` says
            whether to call again with `passphrase=` or `root_passphrase=`.
        WrongPassphrase, SecretStoreUnavailable, SigningError: with a message to show.
    """
    pdf = Path(pdf)
    if not signer.name.strip() or not typed_name.strip():
        raise SigningError("Type your full name to sign.")
    moment = signed_at or local_now()
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a time without offset is taken as local time
    try:
        data = pdf.read_bytes()
    except OSError as error:
        raise SigningError(f"{pdf}: cannot be read ({error.strerror}).") from error
    slot = key_slot(signer.email)
    from app.signing.pdfsign import AppearanceInfo, empty_field_size, sign_field  # pyHanko

    size = empty_field_size(data, field)  # before any key is made for a doomed signature
    root = load_root_cert(org_id)
    if root is None and field == TRUSTEE_FIELD:
        raise SigningError(
            f"A trustee countersigns with a certificate issued by the {org_id.upper()} "
            "organisation root, which is not on this computer. Set it up first "
            f"(induct org init --pack {org_id})."
        )
    loaded = keystore.load_key(slot, store, passphrase)
    key, protection = loaded or keystore.create_key(slot, store, passphrase)
    cert = _certificate(slot, key, signer, org_id, root, moment, store, root_passphrase)
    issuer = subject_text(root, NameOID.COMMON_NAME) if root else "self-signed"
    signed = sign_field(
        data,
        field,
        size,
        key,
        cert,
        root,
        AppearanceInfo(
            typed_name=typed_name.strip(),
            role=signer.role,
            email=signer.email,
            when=readable(stamp(moment)),
            fingerprint=short_fingerprint(fingerprint(cert)),
            issuer=issuer,
            protection=_protection_words(protection),
            drawing=drawing,
        ),
        moment,
        reason=f"{signer.role} signature in Induct; {_protection_words(protection)}",
    )
    write_atomic(pdf, signed)
    return SignatureSummary(
        path=pdf,
        field=field,
        signer=signer.name,
        email=signer.email,
        role=signer.role,
        fingerprint=fingerprint(cert),
        issuer=issuer,
        key_protection=protection,
        signed_at=stamp(moment),
        sha256_before=hashlib.sha256(data).hexdigest(),
        sha256_after=hashlib.sha256(signed).hexdigest(),
    )


def _certificate(
    slot: keystore.KeySlot,
    key: PrivateKey,
    signer: Signer,
    org_id: str,
    root: x509.Certificate | None,
    moment: datetime,
    store: SecretStore | None,
    root_passphrase: str | None,
) -> x509.Certificate:
    """The signer's certificate from this issuer, reused when it still fits, else made."""
    path = slot.folder / (f"cert-{org_id}.pem" if root is not None else "cert-self.pem")
    if path.is_file():
        cert = load_certificates(path)[0]
        if (
            subject_text(cert, NameOID.COMMON_NAME) == signer.name[:64]
            and cert_email(cert) == signer.email
            and same_public_key(cert, key)
            and (root is None or issued_by(cert, root))
            and cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc
        ):
            return cert
    issuer = None
    if root is not None:
        issuer = (root, load_root_key(org_id, root, store, root_passphrase))
    cert = person_certificate(
        key.public_key(), signer.name, signer.email, issuer, key, min(moment, local_now())
    )
    write_atomic(path, to_pem(cert))
    return cert


def _protection_words(protection: str) -> str:
    """ "keyring: Secret Service" as "private key kept in the Secret Service", etc."""
    kind, _, where = protection.partition(": ")
    if kind == keystore.KEYRING:
        return f"private key kept in the {where}"
    return "private key kept in a passphrase-protected file"
