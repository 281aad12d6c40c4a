"""The real Secret Service holds the keys; a plaintext or fail backend is never used."""

from __future__ import annotations

import importlib.metadata
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from app.core.onboarding.session import OnboardingSession
from app.signing import service
from app.signing.certs import load_certificates, same_public_key
from app.signing.secrets import SERVICE, SecretStore

from ..unit.signing.support import PERSON

MakePdf = Callable[..., tuple[Path, OnboardingSession]]


def test_the_chosen_backend_is_the_real_secret_service(secret_service: SecretStore) -> None:
    """Linux gets keyring's Secret Service backend: not keyrings.alt, not plaintext, not fail."""
    module = type(secret_service.backend).__module__
    assert module == "keyring.backends.SecretService"
    assert secret_service.name == "Secret Service"
    assert not module.startswith("keyrings.alt") and "fail" not in module
    assert "plaintext" not in type(secret_service.backend).__name__.lower()
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.distribution("keyrings.alt")  # it would become keyring's default


def test_a_secret_round_trips_through_the_daemon(secret_service: SecretStore) -> None:
    """Bytes stored under the service "Induct" come back from gnome-keyring unchanged."""
    secret_service.put("integration-test", b"\x00\x01secret\xff")
    assert secret_service.get("integration-test") == b"\x00\x01secret\xff"
    assert secret_service.backend.get_password(SERVICE, "integration-test") is not None
    secret_service.delete("integration-test")
    assert secret_service.get("integration-test") is None


def test_the_first_signature_puts_the_new_key_in_the_secret_service(
    make_pdf: MakePdf, secret_service: SecretStore
) -> None:
    """Signing without a key makes one in the Secret Service; the data folder keeps no key."""
    pdf, _ = make_pdf()
    assert service.planned_key_protection(PERSON.email) == "keyring: Secret Service"
    summary = service.sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name)
    assert summary.key_protection == "keyring: Secret Service"
    assert service.key_protection(PERSON.email) == "keyring: Secret Service"
    folder = service.key_slot(PERSON.email).folder
    assert sorted(p.name for p in folder.iterdir()) == ["cert-self.pem", "key.json"]
    record = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    secret = secret_service.get(f"signing-key/{record['key_id']}")
    assert secret is not None
    key = serialization.load_der_private_key(secret, password=None)
    assert same_public_key(load_certificates(folder / "cert-self.pem")[0], key)  # type: ignore[arg-type]
