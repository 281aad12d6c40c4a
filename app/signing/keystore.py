"""Where private keys live: the OS credential store, or a passphrase-protected PKCS#12 file.

A key slot is a folder in the data folder holding `key.json`, a record of where the key is
and how it is protected. The key itself is either in the credential store under a random
id, or in `key.p12` in that folder, encrypted with a passphrase; never in clear on disk.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from app.core.atomic import write_atomic, write_text_atomic
from app.core.clock import iso_time, local_now
from app.core.display import display_path
from app.signing.certs import PrivateKey, new_key
from app.signing.errors import (
    PassphraseNeeded,
    SecretStoreUnavailable,
    SigningError,
    WrongPassphrase,
)
from app.signing.secrets import SecretStore, platform_store

KEYRING = "keyring"
FILE = "passphrase file"
MIN_PASSPHRASE = 8
_KDF_ROUNDS = 200_000
_RECORD_SCHEMA = 1


@dataclass(frozen=True)
class KeySlot:
    """One private key's place.

    Attributes:
        folder: the folder holding key.json (and key.p12 when the key is in a file).
        whose: whose key, for messages: "your" or "the IET organisation root's".
        for_root: whether this is an organisation root's key.
    """

    folder: Path
    whose: str
    for_root: bool = False

    @property
    def record_path(self) -> Path:
        return self.folder / "key.json"

    @property
    def file_path(self) -> Path:
        return self.folder / "key.p12"


def read_record(slot: KeySlot) -> dict[str, str] | None:
    try:
        record = json.loads(slot.record_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise SigningError(f"{slot.record_path}: cannot be read ({error}).") from error
    if record.get("schema") != _RECORD_SCHEMA or record.get("protection") not in (KEYRING, FILE):
        raise SigningError(f"{slot.record_path}: written by a different version of Induct.")
    return {k: str(v) for k, v in record.items()}


def protection(slot: KeySlot) -> str | None:
    """`keyring: <store>` or `passphrase file: <path>` for an existing key, else None."""
    record = read_record(slot)
    if record is None:
        return None
    if record["protection"] == KEYRING:
        return f"{KEYRING}: {record['store']}"
    return f"{FILE}: {slot.file_path}"


def load_key(
    slot: KeySlot, store: SecretStore | None, passphrase: str | None
) -> tuple[PrivateKey, str] | None:
    """The slot's key and its protection, or None when the slot holds no key yet."""
    record = read_record(slot)
    if record is None:
        return None
    if record["protection"] == KEYRING:
        try:
            # One lookup: the read shows whether the store is there and unlocked.
            secret = (store or platform_store(probe=False)).get(_item(record["key_id"]))
        except SecretStoreUnavailable as error:
            raise SecretStoreUnavailable(
                f"{_cap(slot.whose)} key is kept in the {record['store']}, which cannot be "
                f"used now: {error}"
            ) from error
        if secret is None:
            raise SigningError(
                f"{_cap(slot.whose)} key is missing from the {record['store']}. It may have "
                f"been deleted there; remove {slot.folder} to make a new key."
            )
        key = serialization.load_der_private_key(secret, password=None)
        return _ec(key, slot), f"{KEYRING}: {record['store']}"
    if passphrase is None:
        raise PassphraseNeeded(
            f"{_cap(slot.whose)} key is kept in a file protected by a passphrase "
            f"({display_path(slot.file_path)}). Enter {slot.whose} passphrase.",
            whose=slot.whose,
            for_root=slot.for_root,
        )
    try:
        file_key, _, _ = pkcs12.load_key_and_certificates(
            slot.file_path.read_bytes(), passphrase.encode("utf-8")
        )
    except OSError as error:
        raise SigningError(f"{slot.file_path}: cannot be read ({error.strerror}).") from error
    except ValueError as error:
        shown = display_path(slot.file_path)
        raise WrongPassphrase(
            f"That passphrase does not open {slot.whose} key file "
            f"({shown}). Check it and try again."
        ) from error
    if file_key is None:
        raise SigningError(f"{slot.file_path} holds no key.")
    return _ec(file_key, slot), f"{FILE}: {slot.file_path}"


def create_key(
    slot: KeySlot, store: SecretStore | None, passphrase: str | None
) -> tuple[PrivateKey, str]:
    """A new key in the credential store, or, where none can be used, in a passphrase file.

    Raises:
        PassphraseNeeded: no credential store, and no passphrase was given to protect the file.
        SigningError: the slot already holds a key, or the passphrase is too short.
    """
    return store_key(slot, new_key(), store, passphrase)


def store_key(
    slot: KeySlot, key: PrivateKey, store: SecretStore | None, passphrase: str | None
) -> tuple[PrivateKey, str]:
    """Keep `key` in the slot: the credential store, or where none, a passphrase file."""
    if read_record(slot) is not None:
        raise SigningError(f"{slot.record_path} already exists; Induct never replaces a key.")
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    key_id = uuid.uuid4().hex
    try:
        chosen = store or platform_store()
        chosen.put(_item(key_id), der)
    except SecretStoreUnavailable as error:
        _write_key_file(slot, key, passphrase, str(error))
        _write_record(slot, {"protection": FILE})
        return key, f"{FILE}: {slot.file_path}"
    _write_record(slot, {"protection": KEYRING, "store": chosen.name, "key_id": key_id})
    return key, f"{KEYRING}: {chosen.name}"


def _write_key_file(slot: KeySlot, key: PrivateKey, passphrase: str | None, reason: str) -> None:
    if passphrase is None:
        # The person needs the what and the why in plain words; `reason` is for the curious.
        shown = display_path(slot.file_path)
        raise PassphraseNeeded(
            f"This computer has no password store Induct can use, so {slot.whose} signing key "
            f"will be kept in a file protected by a passphrase you choose ({shown}). "
            f"Choose one of at least {MIN_PASSPHRASE} characters and keep it safe: it is "
            f"needed each time this key signs. (Details: {reason})",
            whose=slot.whose,
            for_root=slot.for_root,
            creating=True,
        )
    if len(passphrase) < MIN_PASSPHRASE:
        raise SigningError(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters for {slot.whose} key."
        )
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(_KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    slot.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = pkcs12.serialize_key_and_certificates(b"Induct signing key", key, None, None, encryption)
    write_atomic(slot.file_path, data)


def _write_record(slot: KeySlot, fields: dict[str, str]) -> None:
    slot.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    record = {"schema": _RECORD_SCHEMA, **fields, "created": iso_time(local_now())}
    write_text_atomic(slot.record_path, json.dumps(record, indent=1) + "\n")


def _item(key_id: str) -> str:
    return f"signing-key/{key_id}"


def _ec(key: object, slot: KeySlot) -> PrivateKey:
    if not isinstance(key, PrivateKey):
        raise SigningError(f"{_cap(slot.whose)} key is not an elliptic-curve key.")
    return key


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
