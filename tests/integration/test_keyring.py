"""The real Secret Service holds the keys; a plaintext or fail backend is never used."""

from __future__ import annotations

import importlib.metadata
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from app.core import paths
from app.core.onboarding.session import OnboardingSession
from app.signing import service
from app.signing.certs import load_certificates, same_public_key
from app.signing.computer import computer_dir
from app.signing.secrets import SERVICE, SecretStore

from ..unit.signing.support import PERSON, enrol_here, make_root

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


def test_an_enrolled_computers_key_is_in_the_secret_service_and_signers_keys_nowhere(
    make_pdf: MakePdf, secret_service: SecretStore, tmp_path: Path
) -> None:
    """The computer's key goes into the Secret Service at its request; a signature then
    adds nothing there, nor to the data folder (its key was made for it and dropped)."""
    make_root(secret_service)
    enrol_here(secret_service, tmp_path)
    folder = computer_dir("iet")
    record = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    assert record["protection"] == "keyring" and record["store"] == "Secret Service"
    secret = secret_service.get(f"signing-key/{record['key_id']}")
    assert secret is not None
    key = serialization.load_der_private_key(secret, password=None)
    assert same_public_key(load_certificates(folder / "computer.pem")[0], key)  # type: ignore[arg-type]
    files_before = sorted(paths.data_dir().rglob("*"))
    summary = service.sign_pdf(
        make_pdf()[0], "Person", PERSON, org_id="iet", typed_name=PERSON.name
    )
    assert summary.key_protection == service.ONE_OFF
    assert sorted(paths.data_dir().rglob("*")) == files_before
