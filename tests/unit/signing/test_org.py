"""The organisation root: made once, never replaced, and exported as a verification kit."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509

from app.signing import org
from app.signing.certs import fingerprint, grouped
from app.signing.errors import PassphraseNeeded, SigningError
from app.signing.secrets import SecretStore

from .support import locked_store

NAME = "The Institution of Engineering and Technology"


def test_the_root_is_made_once(store: SecretStore) -> None:
    """init_org writes root.pem and keeps the key in the store; a second init is refused."""
    path = org.init_org("iet", NAME, store=store)
    assert path == org.root_cert_path("iet") and path.name == "root.pem"
    assert org.root_protection("iet") == "keyring: test keyring"
    before = path.read_bytes()
    with pytest.raises(SigningError, match="already exists on this computer"):
        org.init_org("iet", NAME, store=store)
    assert path.read_bytes() == before


def test_without_a_store_the_root_needs_a_passphrase() -> None:
    """No credential store: the root's passphrase is asked for, naming whose it is."""
    with pytest.raises(PassphraseNeeded) as asked:
        org.init_org("iet", NAME, store=locked_store())
    assert asked.value.for_root and asked.value.creating
    assert "so the IET organisation root's signing key will be kept in a file" in str(asked.value)
    org.init_org("iet", NAME, "eight or more", store=locked_store())
    assert org.root_protection("iet") == f"passphrase file: {org.org_dir('iet') / 'key.p12'}"


def test_organisation_ids_are_folder_names() -> None:
    """An id that is not a plain pack id is refused before any folder is made."""
    with pytest.raises(SigningError, match="not an organisation id"):
        org.org_dir("../elsewhere")


def test_the_kit_holds_the_root_its_fingerprint_and_a_guide(
    store: SecretStore, tmp_path: Path
) -> None:
    """export_kit writes the root (PEM and DER), its SHA-256, its CRL and a guide."""
    org.init_org("iet", NAME, store=store)
    files = org.export_kit("iet", tmp_path / "kit")
    assert [f.name for f in files] == [
        "iet-root.pem",
        "iet-root.cer",
        "iet-root-sha256.txt",
        "iet-revoked.crl",
        "GUIDE.md",
    ]
    root = x509.load_pem_x509_certificate(files[0].read_bytes())
    assert x509.load_der_x509_certificate(files[1].read_bytes()) == root
    digest = fingerprint(root)
    assert files[2].read_text(encoding="utf-8").splitlines()[1:] == [grouped(digest), digest]
    assert x509.load_pem_x509_crl(files[3].read_bytes()).issuer == root.subject
    guide = files[4].read_text(encoding="utf-8")
    assert grouped(digest) in guide and NAME in guide
    for step in (
        "Acrobat Reader",
        "Use this certificate as a trusted root",
        'certutil -d sql:nssdb -A -n "IET root" -t ",C," -i iet-root.pem',
        "pdfsig -nssdir sql:nssdb",
        "Digest Mismatch",
        "induct verify --trust iet-root.pem --crl iet-revoked.crl",
        "**Needs a trustee**",
        "vouched for by",
        "certificate revocation list (CRL)",
    ):
        assert step in guide


def test_no_kit_without_a_root(tmp_path: Path) -> None:
    """Exporting before the root exists says how to make it."""
    with pytest.raises(SigningError, match="Create it first, in Organisation keys"):
        org.export_kit("iet", tmp_path)
