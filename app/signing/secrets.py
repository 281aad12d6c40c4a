"""The OS credential store, through keyring: the only module that imports keyring.

The backend is chosen explicitly by platform (Secret Service, Windows Credential Locker,
macOS Keychain), never by `keyring.get_keyring()`: that silently picks keyrings.alt's
plaintext file once it is installed, and the fail backend on a headless machine.
"""

from __future__ import annotations

import base64
import importlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.signing.errors import SecretStoreUnavailable

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "Induct"
"""The service name every Induct secret is stored under."""

_PROBE = "induct-availability-check"

# module, class, the name people know the store by
_PLATFORM_BACKENDS = {
    "linux": ("keyring.backends.SecretService", "Keyring", "Secret Service"),
    "win32": ("keyring.backends.Windows", "WinVaultKeyring", "Windows Credential Locker"),
    "darwin": ("keyring.backends.macOS", "Keyring", "macOS Keychain"),
}
_REFUSED_MODULES = (
    "keyrings.alt",
    "keyring.backends.fail",
    "keyring.backends.null",
    "keyring.backends.chainer",
)


class SecretStore:
    """One keyring backend, checked to be a real credential store, holding bytes by name."""

    def __init__(
        self,
        backend: KeyringBackend,
        name: str | None = None,
        diagnose: Callable[[], None] | None = None,
    ) -> None:
        refuse_unsafe_backend(backend)
        self.backend = backend
        self.name = name or str(backend.name)
        # For a store not checked up front: run when an operation fails, it raises the
        # reason in the words the up-front check would have used (e.g. "not available").
        self._diagnose = diagnose

    def check(self) -> SecretStore:
        """This store, once a read shows it unlocked; else SecretStoreUnavailable."""
        self.get(_PROBE)
        return self

    def put(self, key: str, secret: bytes) -> None:
        try:
            self.backend.set_password(SERVICE, key, base64.b64encode(secret).decode("ascii"))
        except Exception as error:  # any backend failure means the store is unusable
            raise self._unavailable("refused to store the key", error) from error

    def get(self, key: str) -> bytes | None:
        try:
            value = self.backend.get_password(SERVICE, key)
        except Exception as error:  # locked, dismissed prompt, lost connection
            raise self._unavailable("could not be read", error) from error
        return None if value is None else base64.b64decode(value)

    def delete(self, key: str) -> None:
        try:
            self.backend.delete_password(SERVICE, key)
        except Exception as error:
            raise self._unavailable("could not delete the key", error) from error

    def _unavailable(self, what: str, error: Exception) -> SecretStoreUnavailable:
        if self._diagnose is not None:
            try:
                self._diagnose()
            except SecretStoreUnavailable as reason:
                return reason
        return SecretStoreUnavailable(
            f"The {self.name} {what} ({_reason(error)}). Unlock it "
            "(log in to the desktop session) and try again."
        )


def refuse_unsafe_backend(backend: object) -> None:
    """Raise SecretStoreUnavailable for keyring backends that are not real credential stores."""
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith(_REFUSED_MODULES) or "plaintext" in (module + name).lower():
        raise SecretStoreUnavailable(
            f"The keyring backend {module}.{name} does not protect secrets; Induct does not use it."
        )


def platform_backend_spec(platform: str = sys.platform) -> tuple[str, str, str]:
    """(module, class, display name) of the credential store for `platform`."""
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        platform = "linux"
    try:
        return _PLATFORM_BACKENDS[platform]
    except KeyError:
        raise SecretStoreUnavailable(
            f"Induct knows no credential store on this system ({platform})."
        ) from None


def platform_store(*, probe: bool = True) -> SecretStore:
    """This computer's credential store, checked to be reachable and unlocked.

    With `probe=False` nothing is checked up front, for a caller about to read anyway:
    the read itself shows whether the store can be used, in one connection to the
    session bus instead of three (the check connects once to ask whether the service
    runs and once more to read a probe item). Should that read fail, the check runs
    then, so the message says why in the same words.

    Raises:
        SecretStoreUnavailable: with a message saying which store and why.
    """
    backend_class, label = _backend_class()
    if not probe:
        return SecretStore(
            backend_class(), label, diagnose=lambda: _check_reachable(backend_class, label)
        )
    _check_reachable(backend_class, label)
    # a locked store, or one whose unlock prompt was dismissed, fails the check
    return SecretStore(backend_class(), label).check()


def _backend_class() -> tuple[type[KeyringBackend], str]:
    """The platform's keyring backend class, imported, and its display name."""
    module_name, class_name, label = platform_backend_spec()
    try:
        backend_class = getattr(importlib.import_module(module_name), class_name)
    except Exception as error:
        raise SecretStoreUnavailable(
            f"The {label} is not available on this computer ({_reason(error)})."
        ) from error
    return backend_class, label


def _check_reachable(backend_class: type[KeyringBackend], label: str) -> None:
    """Raise SecretStoreUnavailable unless keyring's own availability check passes."""
    try:
        # keyring's own availability check: raises when the store cannot be reached
        priority = backend_class.priority
    except Exception as error:
        raise SecretStoreUnavailable(
            f"The {label} is not available on this computer ({_reason(error)})."
        ) from error
    if not priority or priority <= 0:
        raise SecretStoreUnavailable(f"The {label} is not available on this computer.")


def _reason(error: BaseException) -> str:
    text = str(error).strip().rstrip(".")
    return text or type(error).__name__
