"""Integration: the real Secret Service (started by `make test`), poppler's pdfsig, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.signing.errors import SecretStoreUnavailable
from app.signing.secrets import SecretStore, platform_store

from ..ui.conftest import make_wizard, opened, services  # noqa: F401 (the wizard fixtures)
from ..unit.signing.support import acknowledgement
from .computers import computers  # noqa: F401 (separate computers, for the workflow tests)

NO_BUS = "unix:path=/nonexistent/induct-no-bus"


@pytest.fixture
def secret_service() -> SecretStore:
    """The real Secret Service; without it the test fails (never skips) and says why."""
    try:
        return platform_store()
    except SecretStoreUnavailable as error:
        pytest.fail(
            f"The real Secret Service is needed here, and: {error} Run the tests with "
            "`make test`, which starts an unlocked gnome-keyring inside "
            "dbus-run-session.",
            pytrace=False,
        )


@pytest.fixture
def no_secret_service(monkeypatch: pytest.MonkeyPatch) -> None:
    """No credential store at all: D-Bus points at nothing (here and in child processes)."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", NO_BUS)


@pytest.fixture
def make_pdf(
    completed_session: Callable[..., OnboardingSession], iet_pack: Pack, tmp_path: Path
) -> Callable[..., tuple[Path, OnboardingSession]]:
    """An IET acknowledgement with empty signature fields, and the session it came from."""

    def make(under_18: bool = True) -> tuple[Path, OnboardingSession]:
        session = completed_session(iet_pack, under_18=under_18)
        return acknowledgement(iet_pack, session, tmp_path / "out"), session

    return make


def induct(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `induct` as a user would, with this test's data folder and D-Bus."""
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def pdfsig(path: Path, nssdir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """poppler's pdfsig on `path`, optionally with an NSS database of trusted roots."""
    options = ["-nssdir", f"sql:{nssdir}"] if nssdir else []
    return subprocess.run(
        ["pdfsig", *options, str(path)], capture_output=True, text=True, timeout=60
    )


def nss_db_trusting(root_pem: Path, folder: Path, flags: str = ",C,") -> Path:
    """A new NSS database in `folder` trusting `root_pem` with certutil trust `flags`.

    pdfsig checks a signer's certificate for e-mail signing, so the root must be trusted
    for e-mail (the middle flag): ",C,". "C,," trusts it for TLS servers only.
    """
    folder.mkdir(parents=True)
    for command in (
        ["-N", "--empty-password"],
        ["-A", "-n", "root", "-t", flags, "-i", str(root_pem)],
    ):
        subprocess.run(
            ["certutil", "-d", f"sql:{folder}", *command],
            check=True,
            capture_output=True,
            timeout=60,
        )
    return folder
