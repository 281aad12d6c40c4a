"""Signing errors; each message is meant for the person at the keyboard and says what to do."""

from __future__ import annotations


class SigningError(Exception):
    """Signing or key handling failed; `str(error)` says why and what to do."""


class SecretStoreUnavailable(SigningError):  # noqa: N818 - the agreed API name
    """There is no usable OS credential store (none, locked, or it refused)."""


class PassphraseNeeded(SigningError):  # noqa: N818 - the agreed API name
    """A key is, or must be, kept in a passphrase-protected file; ask and call again.

    Attributes:
        whose: whose passphrase it is, for the prompt ("your" or "the IET organisation root").
        for_root: True when it is the organisation root's passphrase (pass `root_passphrase=`).
        creating: True when the key is new, so the person chooses the passphrase now.
    """

    def __init__(
        self, message: str, *, whose: str, for_root: bool = False, creating: bool = False
    ) -> None:
        super().__init__(message)
        self.whose = whose
        self.for_root = for_root
        self.creating = creating


class WrongPassphrase(SigningError):  # noqa: N818 - the agreed API name
    """The passphrase given does not open the key file."""
