"""Revocation: the root's list of withdrawn certificates, published as a signed CRL.

The pure part (build a CRL, find a certificate in the CRLs one trusts) is separate from
where the root keeps its list (`orgs/<ID>/revoked.json`, `orgs/<ID>/crl.pem`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization

from app.core.atomic import write_atomic, write_text_atomic
from app.signing.certs import PrivateKey
from app.signing.errors import SigningError

# The reasons a person gives, the CRL's code for each, and how a checker reads it.
REASONS: dict[str, tuple[x509.ReasonFlags, str]] = {
    "lost": (x509.ReasonFlags.key_compromise, "lost or stolen"),
    "compromised": (x509.ReasonFlags.key_compromise, "lost or stolen"),
    "resigned": (x509.ReasonFlags.affiliation_changed, "no longer with the organisation"),
    "retired": (x509.ReasonFlags.cessation_of_operation, "no longer in use"),
    "term-ended": (x509.ReasonFlags.cessation_of_operation, "no longer in use"),
}
_WORDS = {flag: words for flag, words in REASONS.values()}


@dataclass(frozen=True)
class Revoked:
    """One withdrawn certificate: what it was, when and why (a key of REASONS)."""

    serial: int
    what: str  # "computer Laptop 3" / "trustee ana@example.org"
    revoked_at: datetime
    reason: str


@dataclass(frozen=True)
class Revocation:
    """What a CRL says about one certificate."""

    revoked_at: datetime
    reason: str  # in words

    def describe(self) -> str:
        return f"revoked on {self.revoked_at:%Y-%m-%d} ({self.reason})"


def reason_words(code: x509.ReasonFlags | None) -> str:
    return _WORDS.get(code, "no reason given") if code is not None else "no reason given"


def build_crl(
    root: x509.Certificate, root_key: PrivateKey, entries: list[Revoked], now: datetime
) -> x509.CertificateRevocationList:
    """The root's CRL listing `entries`; it stays current until the root expires, since
    the root computer is offline and republishes only when something is revoked."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.subject)
        .last_update(now)
        .next_update(root.not_valid_after_utc)
        .add_extension(x509.CRLNumber(len(entries) + 1), critical=False)
    )
    for entry in entries:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(entry.serial)
            .revocation_date(entry.revoked_at)
            .add_extension(x509.CRLReason(REASONS[entry.reason][0]), critical=False)
            .build()
        )
    return builder.sign(root_key, hashes.SHA256())


def revocation_of(
    cert: x509.Certificate,
    crls: list[x509.CertificateRevocationList],
    roots: list[x509.Certificate],
) -> Revocation | None:
    """The earliest revocation of `cert` in a CRL signed by its issuer, one of `roots`."""
    found: list[Revocation] = []
    for crl in crls:
        if crl.issuer != cert.issuer:
            continue
        if not any(root.subject == crl.issuer and _signed_by(crl, root) for root in roots):
            continue
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is None:
            continue
        try:
            code = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
        except x509.ExtensionNotFound:
            code = None
        found.append(Revocation(entry.revocation_date_utc, reason_words(code)))
    return min(found, key=lambda r: r.revoked_at) if found else None


def _signed_by(crl: x509.CertificateRevocationList, root: x509.Certificate) -> bool:
    try:
        return bool(crl.is_signature_valid(root.public_key()))  # type: ignore[arg-type]
    except (TypeError, ValueError, InvalidSignature):
        return False


def load_crls(path: Path) -> list[x509.CertificateRevocationList]:
    """The CRLs in a PEM or DER file.

    Raises:
        SigningError: the file cannot be read or is not a CRL.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise SigningError(
            f"{path}: cannot read the revocation list ({error.strerror})."
        ) from error
    try:
        if b"-----BEGIN X509 CRL-----" in data:
            marker = b"-----END X509 CRL-----"
            return [
                x509.load_pem_x509_crl(part + marker)
                for part in data.split(marker)
                if b"-----BEGIN X509 CRL-----" in part
            ]
        return [x509.load_der_x509_crl(data)]
    except ValueError as error:
        raise SigningError(f"{path}: not a revocation list (CRL, PEM or DER).") from error


# -- the root's own list ----------------------------------------------------------------------


def read_revoked(path: Path) -> list[Revoked]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        raise SigningError(f"{path}: cannot be read ({error}).") from error
    return [
        Revoked(
            int(r["serial"]), str(r["what"]), datetime.fromisoformat(r["revoked_at"]), r["reason"]
        )
        for r in rows
    ]


def write_revoked(
    path: Path,
    crl_path: Path,
    entries: list[Revoked],
    root: x509.Certificate,
    root_key: PrivateKey,
) -> None:
    """Save the list and publish its CRL beside it."""
    rows = [
        {
            "serial": str(e.serial),
            "what": e.what,
            "revoked_at": e.revoked_at.isoformat(),
            "reason": e.reason,
        }
        for e in entries
    ]
    write_text_atomic(path, json.dumps(rows, indent=1) + "\n")
    crl = build_crl(root, root_key, entries, datetime.now(UTC))
    write_atomic(crl_path, crl.public_bytes(serialization.Encoding.PEM))
