"""Signing an acknowledgement: the API the app and the CLI call.

Cheap to import: pyHanko (about 0.4 s) and keyring load only when a key or a PDF is used.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.x509.oid import NameOID

from app.core.atomic import write_atomic
from app.core.clock import iso_time, local_now, readable
from app.core.onboarding.acknowledgement import TRUSTEE_FIELD
from app.core.onboarding.session import Drawing
from app.core.validation import is_email
from app.signing import authority, computer, keystore
from app.signing.certs import (
    PrivateKey,
    fingerprint,
    new_key,
    short_fingerprint,
    signer_certificate,
    subject_text,
)
from app.signing.computer import enrolment
from app.signing.errors import (
    PassphraseNeeded,
    SecretStoreUnavailable,
    SigningError,
    WrongPassphrase,
)
from app.signing.org import export_kit, init_org, load_root_cert
from app.signing.report import SignatureCheck, VerificationReport
from app.signing.revocation import load_crls
from app.signing.secrets import SecretStore
from app.signing.verify import verify_pdf

if TYPE_CHECKING:
    from app.signing.pdfsign import Extras  # pyHanko: only now

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
    "sign_pdf",
    "signing_notice",
    "verify_pdf",
]


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
    issuer: str  # the enrolled computer, the root (for a trustee), or "self-signed"
    key_protection: str  # ONE_OFF, or "passphrase file: <path>" for a trustee
    signed_at: str  # ISO 8601 with UTC offset
    sha256_before: str  # of the PDF bytes before this signature
    sha256_after: str


ONE_OFF = "one-off key, destroyed after signing"


def signing_notice(org_id: str, role: str = "") -> str:
    """What the signer reads before signing: which key signs, and who vouches for it."""
    if role == "Trustee":
        return (
            "You countersign with your own trustee key, kept in a file under your "
            "passphrase, which is asked for each time."
        )
    enrolled = enrolment(org_id) if org_id else None
    if enrolled is not None:
        return (
            f"A one-off signing key is made for this signature and destroyed straight after. "
            f"This computer ({enrolled.name}) is enrolled by {org_id.upper()}, so anyone with "
            f"the organisation's kit can check the signature."
        )
    return (
        "A one-off signing key is made for this signature and destroyed straight after. "
        f"This computer is not enrolled by {org_id.upper() or 'the organisation'}, so a "
        "trustee will check your signature and countersign it."
    )


def key_protection(signer_email: str) -> str:
    """Where a volunteer's or guardian's key is kept: nowhere, it is made per signature."""
    return ONE_OFF


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

    A volunteer, member or guardian signs with a key made for this one signature and
    destroyed afterwards; its certificate is issued by this computer when `org_id` has
    enrolled it, and is self-signed otherwise. The Trustee field is signed only by a
    listed, current trustee, with their own key (under `passphrase`) and a certificate
    from the root, which must be on this computer; the root's revocation list and the
    chain are embedded in the file's document security store.

    Raises:
        PassphraseNeeded: a key is, or must be, in a passphrase file; `error.for_root` says
            whether to call again with `passphrase=` or `root_passphrase=`.
        WrongPassphrase, SecretStoreUnavailable, SigningError: with a message to show.
    """
    pdf = Path(pdf)
    if not signer.name.strip() or not typed_name.strip():
        raise SigningError("Type your full name to sign.")
    if not is_email(signer.email.strip()):
        raise SigningError(f"'{signer.email}' is not an e-mail address; signing needs one.")
    moment = signed_at or local_now()
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a time without offset is taken as local time
    try:
        data = pdf.read_bytes()
    except OSError as error:
        raise SigningError(f"{pdf}: cannot be read ({error.strerror}).") from error
    from app.signing.pdfsign import AppearanceInfo, empty_field_size, open_pdf, sign_field

    writer = open_pdf(data)  # read once, for the field's size and for the signature
    size = empty_field_size(writer, field)  # before any key is made for a doomed signature
    if field == TRUSTEE_FIELD:
        key, cert, extras, issuer, protection = _trustee(
            org_id, signer, passphrase, store, root_passphrase
        )
    else:
        key, cert, extras, issuer = _one_off(org_id, signer, moment, store, passphrase)
        protection = ONE_OFF
    signed = sign_field(
        writer,
        field,
        size,
        key,
        cert,
        extras,
        AppearanceInfo(
            typed_name=typed_name.strip(),
            role=signer.role,
            email=signer.email,
            when=readable(iso_time(moment)),
            fingerprint=short_fingerprint(fingerprint(cert)),
            issuer=issuer,
            protection=_protection_words(protection),
            drawing=drawing,
        ),
        moment,
        reason=f"{signer.role} signature in Induct; {_protection_words(protection)}",
    )
    del key  # a one-off key goes with this frame: it was never written anywhere
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
        signed_at=iso_time(moment),
        sha256_before=hashlib.sha256(data).hexdigest(),
        sha256_after=hashlib.sha256(signed).hexdigest(),
    )


def _one_off(
    org_id: str,
    signer: Signer,
    moment: datetime,
    store: SecretStore | None,
    passphrase: str | None,
) -> tuple[PrivateKey, x509.Certificate, Extras, str]:
    """A fresh key and its certificate, from this computer if enrolled, else self-signed."""
    from app.signing.pdfsign import Extras  # pyHanko: only now

    enrolled = computer.issuer(org_id, store, passphrase) if org_id else None
    key = new_key()
    cert = signer_certificate(
        key.public_key(),
        signer.name,
        signer.email,
        signer.role,
        enrolled[:2] if enrolled else None,
        key,
        min(moment, local_now()),
    )
    if enrolled is None:
        return key, cert, Extras(), "self-signed"
    computer_cert, _, root = enrolled
    name = subject_text(computer_cert, NameOID.COMMON_NAME)
    return key, cert, Extras(chain=(computer_cert, root)), f"{name}, enrolled by {org_id.upper()}"


def _trustee(
    org_id: str,
    signer: Signer,
    passphrase: str | None,
    store: SecretStore | None,
    root_passphrase: str | None,
) -> tuple[PrivateKey, x509.Certificate, Extras, str, str]:
    from app.signing.pdfsign import Extras  # pyHanko: only now
    from app.signing.trustee_key import key_file, trustee_credentials

    root = load_root_cert(org_id) if org_id else None
    if root is None:
        raise SigningError(
            f"A trustee countersigns on the computer that holds the {org_id.upper()} "
            "organisation root; it is not on this computer."
        )
    listed = authority.current_trustee(org_id, signer.email)
    cert, key = trustee_credentials(
        org_id, listed, passphrase, store=store, root_passphrase=root_passphrase
    )
    crl = load_crls(authority.ensure_crl(org_id, store, root_passphrase))
    issuer = subject_text(root, NameOID.COMMON_NAME)
    protection = f"{keystore.FILE}: {key_file(org_id, signer.email)}"
    return (
        key,
        cert,
        Extras(chain=(root,), dss_certs=(root,), dss_crls=tuple(crl)),
        issuer,
        protection,
    )


def _protection_words(protection: str) -> str:
    """ "one-off key…" / "passphrase file: PATH" in the words the signature shows."""
    if protection == ONE_OFF:
        return "one-off key, destroyed after signing"
    kind, _, where = protection.partition(": ")
    if kind == keystore.KEYRING:
        return f"private key kept in the {where}"
    return "private key kept in a passphrase-protected file"
