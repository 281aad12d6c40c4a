"""No private key lies in clear anywhere in the data folder, whichever way keys are kept."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from app.core import paths
from app.core.onboarding.session import OnboardingSession
from app.signing.authority import enrol
from app.signing.certs import PrivateKey
from app.signing.computer import install, make_request
from app.signing.org import init_org
from app.signing.secrets import SecretStore
from app.signing.service import Signer, sign_pdf

from ..unit.signing.support import TRUSTEE_PASSPHRASE, enrol_here, make_root, sign_chain
from .conftest import NO_BUS

MakePdf = Callable[..., tuple[Path, OnboardingSession]]
# each key file's passphrase, by the file's place in the data folder
PASSPHRASES = {
    "orgs/iet/trustees/dafydd@example.org/key.p12": TRUSTEE_PASSPHRASE,
    "orgs/iom3/key.p12": "iom3 root passphrase",
    "computer/iom3/key.p12": "iom3 laptop passphrase",
}


def _keys_in_the_secret_service(store: SecretStore) -> list[PrivateKey]:
    keys = []
    for record in paths.data_dir().rglob("key.json"):
        fields = json.loads(record.read_text(encoding="utf-8"))
        if fields["protection"] == "keyring":
            secret = store.get(f"signing-key/{fields['key_id']}")
            assert secret is not None
            keys.append(serialization.load_der_private_key(secret, None))
    return keys  # type: ignore[return-value]


def _keys_in_files() -> list[PrivateKey]:
    keys = []
    for p12 in paths.data_dir().rglob("*.p12"):
        passphrase = PASSPHRASES[p12.relative_to(paths.data_dir()).as_posix()]
        key, _, _ = pkcs12.load_key_and_certificates(p12.read_bytes(), passphrase.encode())
        keys.append(key)
    return keys  # type: ignore[return-value]


def _clear_forms(key: PrivateKey) -> list[bytes]:
    """The ways a key could be written in clear: raw scalar, PKCS#8 and SEC1 DER."""
    raw = key.private_numbers().private_value.to_bytes(32, "big")
    der = serialization.Encoding.DER
    none = serialization.NoEncryption()
    return [
        raw,
        key.private_bytes(der, serialization.PrivateFormat.PKCS8, none),
        key.private_bytes(der, serialization.PrivateFormat.TraditionalOpenSSL, none),
    ]


def test_the_data_folder_holds_no_private_key_in_clear(
    make_pdf: MakePdf,
    secret_service: SecretStore,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Keys in the Secret Service and in passphrase files: no file shows any of them."""
    pdf, session = make_pdf(under_18=True)
    make_root(secret_service)
    enrol_here(secret_service, tmp_path)
    sign_chain(pdf, session, passphrase=TRUSTEE_PASSPHRASE)
    with monkeypatch.context() as without_store:
        without_store.setenv("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
        init_org("iom3", "IOM3", PASSPHRASES["orgs/iom3/key.p12"])
        make_request(
            "iom3", "Laptop 1", tmp_path / "r", passphrase=PASSPHRASES["computer/iom3/key.p12"]
        )
        enrol(tmp_path / "r", tmp_path / "c", 3, root_passphrase=PASSPHRASES["orgs/iom3/key.p12"])
        install(tmp_path / "c")
        other, _ = make_pdf(under_18=False)
        sign_pdf(
            other,
            "Person",
            Signer("Ana Pereira", "ana@example.org", "Member"),
            org_id="iom3",
            typed_name="Ana Pereira",
            passphrase=PASSPHRASES["computer/iom3/key.p12"],
        )

    keys = _keys_in_the_secret_service(secret_service) + _keys_in_files()
    assert len(keys) == 5  # IET root, its laptop, its trustee; IOM3 root, its laptop
    files = [p for p in paths.data_dir().rglob("*") if p.is_file()]
    assert {p.suffix for p in files} == {".json", ".pem", ".p12"}
    assert not (paths.data_dir() / "keys").exists()  # nobody's signing key is kept
    clear_forms = [form for key in keys for form in _clear_forms(key)]
    for path in files:
        data = path.read_bytes()
        assert b"PRIVATE KEY" not in data, path
        for load in (serialization.load_der_private_key, serialization.load_pem_private_key):
            with pytest.raises((ValueError, TypeError)):
                load(data, None)
        if path.suffix == ".p12":
            with pytest.raises(ValueError):
                pkcs12.load_key_and_certificates(data, None)
            with pytest.raises(ValueError):
                pkcs12.load_key_and_certificates(data, b"")
        assert not any(form in data for form in clear_forms), path
