"""Certificates: root → enrolled computer (CA, path length 0) → one-off signer; trustees."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from app.signing import certs

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)


def _root() -> tuple[x509.Certificate, certs.PrivateKey]:
    key = certs.new_key()
    return certs.root_certificate(key, "iet", "IET", NOW), key


def _computer(
    root: x509.Certificate, root_key: certs.PrivateKey
) -> tuple[x509.Certificate, certs.PrivateKey]:
    key = certs.new_key()
    request = certs.computer_request(key, "iet", "Laptop 3")
    return certs.computer_certificate(request, root, root_key, NOW, NOW + timedelta(days=365)), key


def test_the_root_issues_computers_which_issue_no_cas() -> None:
    """The root may issue one level of CA (path length 1), only certificates and CRLs."""
    key = certs.new_key()
    root = certs.root_certificate(key, "iet", "The Institution of Engineering and Technology", NOW)
    constraints = root.extensions.get_extension_for_class(x509.BasicConstraints).value
    usage = root.extensions.get_extension_for_class(x509.KeyUsage).value
    assert (constraints.ca, constraints.path_length) == (True, 1)
    assert usage.key_cert_sign and usage.crl_sign and not usage.digital_signature
    assert certs.subject_text(root, NameOID.COMMON_NAME) == "IET Induct signing root"


def test_an_enrolled_computer_is_a_ca_for_signers_only_until_its_end_date() -> None:
    """The computer's certificate: CA, path length 0, keyCertSign, named, ending as asked."""
    root, root_key = _root()
    cert, key = _computer(root, root_key)
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert (constraints.ca, constraints.path_length) == (True, 0)
    assert usage.key_cert_sign and not usage.digital_signature
    assert certs.subject_text(cert, NameOID.COMMON_NAME) == "Laptop 3"
    assert certs.issued_by(cert, root) and certs.same_public_key(cert, key)
    assert cert.not_valid_after_utc == NOW + timedelta(days=365)


def test_a_one_off_certificate_names_the_signer_and_their_role() -> None:
    """Issued by the computer: name, e-mail, role; signs (non-repudiation), issues nothing."""
    root, root_key = _root()
    computer, computer_key = _computer(root, root_key)
    key = certs.new_key()
    cert = certs.signer_certificate(
        key.public_key(),
        "Siân Llewelyn-Jones",
        "sian@example.org",
        "Volunteer",
        (computer, computer_key),
        key,
        NOW,
    )
    assert certs.subject_text(cert, NameOID.COMMON_NAME) == "Siân Llewelyn-Jones"
    assert certs.subject_text(cert, NameOID.TITLE) == "Volunteer"
    assert certs.cert_email(cert) == "sian@example.org"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.content_commitment and usage.digital_signature and not usage.key_cert_sign
    assert certs.issued_by(cert, computer)
    assert cert.not_valid_after_utc == computer.not_valid_after_utc  # never beyond its issuer


def test_a_trustee_certificate_ends_with_the_term() -> None:
    """Issued by the root directly, valid until the end of the trustee's term."""
    root, root_key = _root()
    key = certs.new_key()
    term_end = NOW + timedelta(days=200)
    cert = certs.signer_certificate(
        key.public_key(), "Dafydd", "d@example.org", "Trustee", (root, root_key), key, NOW, term_end
    )
    assert certs.issued_by(cert, root) and cert.not_valid_after_utc == term_end


def test_a_self_signed_certificate_is_its_own_issuer() -> None:
    """Without an enrolled computer, the one-off key signs its own certificate."""
    key = certs.new_key()
    cert = certs.signer_certificate(
        key.public_key(), "Ana", "ana@example.org", "Volunteer", None, key, NOW
    )
    assert cert.issuer == cert.subject and certs.issued_by(cert, cert)


def test_fingerprints_in_the_three_forms_people_see() -> None:
    """Plain lower-case hex of the DER's SHA-256; grouped as Acrobat shows it; short."""
    key = certs.new_key()
    cert = certs.signer_certificate(
        key.public_key(), "Ana", "ana@example.org", "Volunteer", None, key, NOW
    )
    digest = certs.fingerprint(cert)
    assert digest == hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()
    assert len(digest) == 64 and digest == digest.lower() and ":" not in digest
    assert certs.grouped("ab12cd") == "AB:12:CD"
    assert certs.short_fingerprint("1a2b3c4d" + "0" * 48 + "9e8f7a6b") == "1A:2B:3C:4D…9E:8F:7A:6B"
