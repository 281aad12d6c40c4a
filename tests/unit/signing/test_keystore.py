"""Private keys: in the credential store, or in a passphrase-protected PKCS#12 file."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12

from app.signing import keystore
from app.signing.errors import (
    PassphraseNeeded,
    SecretStoreUnavailable,
    SigningError,
    WrongPassphrase,
)
from app.signing.secrets import SecretStore

from .support import locked_store

PASSPHRASE = "correct horse battery"


def _slot(tmp_path: Path) -> keystore.KeySlot:
    return keystore.KeySlot(tmp_path / "keys" / "sian@example.org", "your")


def _same(a: keystore.PrivateKey, b: keystore.PrivateKey) -> bool:
    return a.private_numbers() == b.private_numbers()


def test_a_new_key_goes_into_the_credential_store(tmp_path: Path, store: SecretStore) -> None:
    """With a store, the key is kept there, the folder holds only the record, and it reloads."""
    slot = _slot(tmp_path)
    key, protection = keystore.create_key(slot, store, None)
    assert protection == "keyring: test keyring" == keystore.protection(slot)
    assert sorted(p.name for p in slot.folder.iterdir()) == ["key.json"]
    loaded = keystore.load_key(slot, store, None)
    assert loaded is not None and _same(loaded[0], key)


def test_without_a_store_the_person_is_asked_to_choose_a_passphrase(tmp_path: Path) -> None:
    """A locked store leads to PassphraseNeeded (creating), naming the file and the store."""
    slot = _slot(tmp_path)
    with pytest.raises(PassphraseNeeded) as asked:
        keystore.create_key(slot, locked_store(), None)
    assert asked.value.creating and not asked.value.for_root and asked.value.whose == "your"
    message = str(asked.value)
    assert "locked test keyring" in message and str(slot.file_path) in message
    assert "no password store Induct can use" in message
    assert "Choose one of at least 8 characters" in message
    assert not slot.folder.exists()


def test_a_short_passphrase_is_refused(tmp_path: Path) -> None:
    """A new passphrase needs at least 8 characters."""
    with pytest.raises(SigningError, match="at least 8 characters"):
        keystore.create_key(_slot(tmp_path), locked_store(), "short")


def test_the_key_file_opens_only_with_its_passphrase(tmp_path: Path) -> None:
    """The PKCS#12 file needs the passphrase: none asks for it, a wrong one is refused."""
    slot = _slot(tmp_path)
    key, protection = keystore.create_key(slot, locked_store(), PASSPHRASE)
    assert protection == f"passphrase file: {slot.file_path}" == keystore.protection(slot)
    with pytest.raises(PassphraseNeeded) as asked:
        keystore.load_key(slot, None, None)
    assert not asked.value.creating and str(slot.file_path) in str(asked.value)
    with pytest.raises(WrongPassphrase, match="does not open your key file"):
        keystore.load_key(slot, None, "wrong horse battery")
    loaded = keystore.load_key(slot, None, PASSPHRASE)
    assert loaded is not None and _same(loaded[0], key)
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(slot.file_path.read_bytes(), None)


def test_a_key_is_never_replaced(tmp_path: Path, store: SecretStore) -> None:
    """Creating a key where one exists is refused."""
    slot = _slot(tmp_path)
    keystore.create_key(slot, store, None)
    with pytest.raises(SigningError, match="never replaces a key"):
        keystore.create_key(slot, store, None)


def test_a_key_in_a_store_that_is_now_locked_is_not_replaced(
    tmp_path: Path, store: SecretStore
) -> None:
    """When the store holding the key is locked later, the message says where the key is."""
    slot = _slot(tmp_path)
    keystore.create_key(slot, store, None)
    with pytest.raises(SecretStoreUnavailable, match="Your key is kept in the test keyring"):
        keystore.load_key(slot, locked_store(), None)


def test_a_key_missing_from_the_store_is_explained(tmp_path: Path, store: SecretStore) -> None:
    """A key deleted from the store is reported with what to do."""
    slot = _slot(tmp_path)
    keystore.create_key(slot, store, None)
    store.backend.items.clear()  # type: ignore[attr-defined]
    with pytest.raises(SigningError, match="missing from the test keyring"):
        keystore.load_key(slot, store, None)


def test_an_empty_slot_has_no_key(tmp_path: Path, store: SecretStore) -> None:
    """No record means no key yet, and no protection to show."""
    assert keystore.load_key(_slot(tmp_path), store, None) is None
    assert keystore.protection(_slot(tmp_path)) is None
