"""Certificates: an organisation root that issues signers' certificates with name and e-mail."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from app.signing import certs

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)


def test_the_root_may_issue_certificates_but_not_other_roots() -> None:
    """The organisation root is a CA limited to issuing end-entity certificates."""
    key = certs.new_key()
    root = certs.root_certificate(key, "iet", "The Institution of Engineering and Technology", NOW)
    constraints = root.extensions.get_extension_for_class(x509.BasicConstraints).value
    usage = root.extensions.get_extension_for_class(x509.KeyUsage).value
    assert constraints.ca and constraints.path_length == 0
    assert usage.key_cert_sign and not usage.digital_signature
    assert certs.subject_text(root, NameOID.COMMON_NAME) == "IET Induct signing root"
    assert certs.issued_by(root, root)


def test_a_person_certificate_names_them_and_allows_signing() -> None:
    """A signer's certificate carries name and e-mail and allows non-repudiation signatures."""
    root_key, key = certs.new_key(), certs.new_key()
    root = certs.root_certificate(root_key, "iet", "IET", NOW)
    cert = certs.person_certificate(
        key.public_key(), "Siân Llewelyn-Jones", "sian@example.org", (root, root_key), key, NOW
    )
    assert certs.subject_text(cert, NameOID.COMMON_NAME) == "Siân Llewelyn-Jones"
    assert certs.cert_email(cert) == "sian@example.org"
    assert certs.subject_text(cert, NameOID.ORGANIZATION_NAME) == "IET"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.content_commitment and usage.digital_signature and not usage.key_cert_sign
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert certs.issued_by(cert, root) and not certs.issued_by(cert, cert)
    assert certs.same_public_key(cert, key) and not certs.same_public_key(cert, root_key)
    assert cert.not_valid_before_utc < NOW < cert.not_valid_after_utc


def test_a_self_signed_certificate_is_its_own_issuer() -> None:
    """Without a root, the person's own key signs their certificate."""
    key = certs.new_key()
    cert = certs.person_certificate(key.public_key(), "Ana", "ana@example.org", None, key, NOW)
    assert cert.issuer == cert.subject and certs.issued_by(cert, cert)


def test_fingerprints_in_the_three_forms_people_see() -> None:
    """Plain lower-case hex of the DER's SHA-256; grouped as Acrobat shows it; short."""
    key = certs.new_key()
    cert = certs.person_certificate(key.public_key(), "Ana", "ana@example.org", None, key, NOW)
    digest = certs.fingerprint(cert)
    assert digest == hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()
    assert len(digest) == 64 and digest == digest.lower() and ":" not in digest
    assert certs.grouped("ab12cd") == "AB:12:CD"
    assert certs.short_fingerprint(digest) == f"{digest[:8]}…{digest[-8:]}"
