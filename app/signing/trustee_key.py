"""A trustee's own persistent key, kept in a PKCS#12 file under their passphrase.

Asked for at every countersignature, and never kept in the credential store: the store
opens for anyone using the same desktop session (the office computer is shared), while
the passphrase is the trustee's alone. The certificate inside is issued by the root for
the trustee's term and is reissued for the same key when the term changes.
"""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from app.core.atomic import write_atomic
from app.core.display import display_path
from app.core.validation import parse_date
from app.signing.authority import end_of_day, record_trustee_serial
from app.signing.certs import PrivateKey, new_key, now_utc, signer_certificate
from app.signing.errors import PassphraseNeeded, SigningError, WrongPassphrase
from app.signing.org import crl_path, load_root_cert, load_root_key, org_dir
from app.signing.registry import Trustee
from app.signing.revocation import load_crls, revocation_of
from app.signing.secrets import SecretStore
from app.signing.strength import weakness

WHOSE = "your trustee"
_KDF_ROUNDS = 600_000


def key_file(org_id: str, email: str) -> Path:
    folder = "".join(ch if ch.isalnum() or ch in "@._+-" else "_" for ch in email.lower())
    return org_dir(org_id) / "trustees" / folder / "key.p12"


def trustee_credentials(
    org_id: str,
    trustee: Trustee,
    passphrase: str | None,
    *,
    store: SecretStore | None = None,
    root_passphrase: str | None = None,
) -> tuple[x509.Certificate, PrivateKey]:
    """The trustee's certificate and key, made on first use (PassphraseNeeded asks)."""
    path = key_file(org_id, trustee.email)
    shown = display_path(path)
    if passphrase is None:
        creating = not path.is_file()
        raise PassphraseNeeded(
            f"Choose a passphrase for your trustee key, which Induct keeps in a file ({shown}) "
            "and asks for at each countersignature, so that nobody else at this computer "
            "can countersign as you."
            if creating
            else f"Enter your trustee passphrase: it opens your trustee key ({shown}).",
            whose=WHOSE,
            creating=creating,
        )
    root = load_root_cert(org_id)
    if root is None:
        raise SigningError(f"The {org_id.upper()} organisation root is not on this computer.")
    until = end_of_day(parse_date(trustee.until))
    if path.is_file():
        try:
            key, cert, _ = pkcs12.load_key_and_certificates(
                path.read_bytes(), passphrase.encode("utf-8")
            )
        except ValueError as error:
            raise WrongPassphrase(
                f"That passphrase does not open your trustee key ({shown}). Check it and try again."
            ) from error
        if not isinstance(key, PrivateKey) or cert is None:
            raise SigningError(f"{path}: holds no trustee key.")
        if _still_fits(cert, trustee, until, root, org_id):
            return cert, key
    else:
        problem = weakness(passphrase, whose=WHOSE, hints=(trustee.name, trustee.email))
        if problem:
            raise SigningError(problem)
        key = new_key()
    root_key = load_root_key(org_id, root, store, root_passphrase)
    cert = signer_certificate(
        key.public_key(),
        trustee.name,
        trustee.email,
        "Trustee",
        (root, root_key),
        key,
        now_utc(),
        until,
    )
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(_KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(
        path,
        pkcs12.serialize_key_and_certificates(b"Induct trustee key", key, cert, None, encryption),
    )
    record_trustee_serial(org_id, trustee.email, cert.serial_number)
    return cert, key


def _still_fits(
    cert: x509.Certificate, trustee: Trustee, until: object, root: x509.Certificate, org_id: str
) -> bool:
    crls = load_crls(crl_path(org_id)) if crl_path(org_id).is_file() else []
    return (
        cert.not_valid_after_utc == until
        and cert.issuer == root.subject
        and revocation_of(cert, crls, [root]) is None
        and cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
        == trustee.name[:64]
    )
