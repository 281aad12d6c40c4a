"""The credential store: chosen by platform, never a plaintext or fail backend."""

from __future__ import annotations

import pytest
from keyring.backends import fail, null

from app.signing import secrets
from app.signing.errors import SecretStoreUnavailable

from .support import LockedKeyring, MemoryKeyring


@pytest.mark.parametrize(
    ("platform", "module", "label"),
    [
        ("linux", "keyring.backends.SecretService", "Secret Service"),
        ("freebsd14", "keyring.backends.SecretService", "Secret Service"),
        ("win32", "keyring.backends.Windows", "Windows Credential Locker"),
        ("darwin", "keyring.backends.macOS", "macOS Keychain"),
    ],
)
def test_the_backend_is_chosen_by_platform(platform: str, module: str, label: str) -> None:
    """Each platform gets its own OS store, named as people know it."""
    chosen_module, _, chosen_label = secrets.platform_backend_spec(platform)
    assert (chosen_module, chosen_label) == (module, label)


def test_an_unknown_platform_has_no_store() -> None:
    """A platform without a known store is reported, not guessed at."""
    with pytest.raises(SecretStoreUnavailable, match="no credential store"):
        secrets.platform_backend_spec("haiku")


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_fail_and_null_backends_are_refused(backend: object) -> None:
    """keyring's fail and null backends never hold a key."""
    with pytest.raises(SecretStoreUnavailable, match="does not protect secrets"):
        secrets.SecretStore(backend)  # type: ignore[arg-type]


def test_plaintext_backends_are_refused() -> None:
    """A backend from keyrings.alt, or any plaintext one, is refused even if handed over."""
    alt = type("Keyring", (MemoryKeyring,), {"__module__": "keyrings.alt.file"})
    plain = type("PlaintextKeyring", (MemoryKeyring,), {"__module__": "somewhere"})
    for backend_class in (alt, plain):
        with pytest.raises(SecretStoreUnavailable):
            secrets.SecretStore(backend_class())


def test_secrets_are_stored_under_the_one_service_name() -> None:
    """Bytes go in and come back out, stored under the service name "Induct"."""
    backend = MemoryKeyring()
    store = secrets.SecretStore(backend)
    store.put("signing-key/1", b"\x00\xffsecret")
    assert store.get("signing-key/1") == b"\x00\xffsecret"
    assert store.get("signing-key/2") is None
    assert [service for service, _ in backend.items] == ["Induct"] == [secrets.SERVICE]


def test_a_locked_store_is_unavailable_with_its_name() -> None:
    """A store that stays locked is reported as unavailable, saying which store and why."""
    store = secrets.SecretStore(LockedKeyring(), "Secret Service")
    with pytest.raises(SecretStoreUnavailable, match=r"Secret Service .*Failed to unlock"):
        store.put("k", b"v")


def test_no_session_bus_means_no_store() -> None:
    """With D-Bus pointing at nothing, the platform store is unavailable, not a hang.

    Linux only, as the whole suite is: the Makefile sets it up on Debian."""
    with pytest.raises(SecretStoreUnavailable, match="Secret Service is not available"):
        secrets.platform_store()


def test_a_read_without_the_up_front_check_fails_in_the_same_words() -> None:
    """Reading a key straight away (no probe first), an unreachable store is still named
    as not available, in the words the up-front check uses."""
    store = secrets.platform_store(probe=False)
    with pytest.raises(SecretStoreUnavailable, match="The Secret Service is not available"):
        store.get("signing-key/0")
