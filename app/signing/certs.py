"""Keys and X.509 certificates: EC P-256 keys, organisation roots and signers' certificates.

The chain (docs/signing.md): the organisation root (path length 1) issues enrolled
computers' certificates (CAs with path length 0, issuing signers only) and trustees'
certificates (for their term); a computer issues the one-off certificate of each
signature made on it. Everything here is a pure function of its arguments.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.signing.errors import SigningError

PrivateKey = ec.EllipticCurvePrivateKey
ROOT_YEARS = 20
PERSON_YEARS = 5
# A little slack for clocks that disagree between the signing laptop and the checker.
_SLACK = timedelta(hours=1)


def new_key() -> PrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER bytes, lower-case hex without colons."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def grouped(hex_digest: str) -> str:
    """`ab12cd…` as `AB:12:CD:…`, the way Acrobat and certutil show fingerprints."""
    return ":".join(hex_digest[i : i + 2] for i in range(0, len(hex_digest), 2)).upper()


def short_fingerprint(hex_digest: str) -> str:
    """The first and last four bytes in the kit's form, enough to compare by eye:
    `1A:2B:3C:4D…9E:8F:7A:6B`."""
    return f"{grouped(hex_digest[:8])}…{grouped(hex_digest[-8:])}"


def root_certificate(
    key: PrivateKey, org_id: str, org_name: str, now: datetime
) -> x509.Certificate:
    """A self-signed organisation root: it issues computers' CAs (which issue no CAs)
    and trustees' certificates."""
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{org_id.upper()} Induct signing root"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org_name[:64]),
        ]
    )
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _SLACK)
        .not_valid_after(now + timedelta(days=365 * ROOT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    return builder.sign(key, hashes.SHA256())


def signer_certificate(
    public: ec.EllipticCurvePublicKey,
    name: str,
    email: str,
    role: str,
    issuer: tuple[x509.Certificate, PrivateKey] | None,
    own_key: PrivateKey,
    now: datetime,
    until: datetime | None = None,
) -> x509.Certificate:
    """A signer's certificate carrying name, e-mail and role (as the subject's title).

    Args:
        issuer: the issuing certificate and key (an enrolled computer, or the root for a
            trustee), or None for self-signed with `own_key`.
        until: the end of validity; by default the issuer's, or PERSON_YEARS when
            self-signed. Never beyond the issuer's.
    """
    attributes = [
        x509.NameAttribute(NameOID.COMMON_NAME, name[:64]),
        x509.NameAttribute(NameOID.EMAIL_ADDRESS, email[:128]),
        x509.NameAttribute(NameOID.TITLE, role[:64]),
    ]
    if issuer is not None:
        org = issuer[0].subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
        attributes += [x509.NameAttribute(NameOID.ORGANIZATION_NAME, str(a.value)) for a in org]
    subject = x509.Name(attributes)
    end = until or (
        issuer[0].not_valid_after_utc if issuer else now + timedelta(days=365 * PERSON_YEARS)
    )
    if issuer is not None:
        end = min(end, issuer[0].not_valid_after_utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .public_key(public)
        .issuer_name(issuer[0].subject if issuer else subject)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _SLACK)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=False), critical=True)
        .add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer[1].public_key()),
            critical=False,
        )
    return builder.sign(issuer[1] if issuer else own_key, hashes.SHA256())


def computer_certificate(
    request: x509.CertificateSigningRequest,
    root: x509.Certificate,
    root_key: PrivateKey,
    now: datetime,
    until: datetime,
) -> x509.Certificate:
    """An enrolled computer's CA: issues signers' certificates only (path length 0)."""
    public = request.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey):
        raise SigningError("The request's key is not an elliptic-curve key.")
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, computer_name(request)[:64]),
            *root.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _SLACK)
        .not_valid_after(min(until, root.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
    )
    return builder.sign(root_key, hashes.SHA256())


def computer_request(key: PrivateKey, org_id: str, name: str) -> x509.CertificateSigningRequest:
    """A request to enrol this computer: the key's public half, its name and organisation."""
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name[:64]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, org_id),
        ]
    )
    return x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())


def computer_name(request: x509.CertificateSigningRequest) -> str:
    values = request.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else ""


def request_org(request: x509.CertificateSigningRequest) -> str:
    values = request.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    return str(values[0].value) if values else ""


def is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def _usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def now_utc() -> datetime:
    return datetime.now(UTC)


def subject_text(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def cert_email(cert: x509.Certificate) -> str:
    """The e-mail address a certificate names (subject, else subject alternative name)."""
    email = subject_text(cert, NameOID.EMAIL_ADDRESS)
    if email:
        return email
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return ""
    found = alt.get_values_for_type(x509.RFC822Name)
    return found[0] if found else ""


def issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether `issuer` signed `cert`."""
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def to_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def load_certificates(path: Path) -> list[x509.Certificate]:
    """Every certificate in a PEM or DER file.

    Raises:
        SigningError: the file cannot be read or holds no certificate.
    """
    from app.core.reading import MIB, read_bounded

    try:
        # Bounded, and never a FIFO or device: a --trust file can be anything.
        data = read_bounded(Path(path), MIB)
    except OSError as error:
        raise SigningError(
            f"{path}: cannot read the certificate file ({error.strerror})."
        ) from error
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as error:
        raise SigningError(f"{path}: not a certificate file (PEM or DER).") from error


def same_public_key(cert: x509.Certificate, key: PrivateKey) -> bool:
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    pem = serialization.Encoding.PEM
    return cert.public_key().public_bytes(pem, spki) == key.public_key().public_bytes(pem, spki)
