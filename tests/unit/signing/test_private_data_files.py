"""Every file Induct writes into the data folder is private (0600), whatever the umask.

Sessions, the organisation's records and keys, the enrolled computer's key, the trustee's
key, the register (with its WAL files, which hold the acknowledgements index too) and
the crash log, each made the way the app makes it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from app.core import paths
from app.core.crashlog import append_report
from app.core.onboarding.session import OnboardingSession, SessionStore
from app.core.packs import Pack
from app.core.register.register import Register
from app.signing.secrets import SecretStore
from tests.unit.core.register.support import make_ack

from .support import TRUSTEE_PASSPHRASE, enrol_here, make_root, sign_chain

MakePdf = Callable[..., tuple[Path, OnboardingSession]]


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would leave new files readable by everyone (0644)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_every_data_file_is_private(
    open_umask: None,
    make_pdf: MakePdf,
    store: SecretStore,
    tmp_path: Path,
    iet_pack: Pack,
    completed_session: Callable[..., OnboardingSession],
) -> None:
    """After a session, a root, an enrolment, a trustee's key, the register and a crash
    report, no file in the data folder can be read by anyone but its owner."""
    SessionStore(paths.sessions_dir()).save(completed_session(iet_pack))
    make_root(store)
    enrol_here(store, tmp_path)
    pdf, session = make_pdf(under_18=True)
    sign_chain(pdf, session, store=store, passphrase=TRUSTEE_PASSPHRASE)
    register = Register()
    register.add_acknowledgement(make_ack(1))
    append_report(paths.data_dir() / "crash.log", "a report")
    with closing(sqlite3.connect(register.path)) as reader:  # keeps the WAL files there
        reader.execute("SELECT COUNT(*) FROM acks").fetchone()
        register.add_acknowledgement(make_ack(2))
        files = sorted(p for p in paths.data_dir().rglob("*") if p.is_file())
        modes = {
            str(p.relative_to(paths.data_dir())): oct(stat.S_IMODE(p.stat().st_mode)) for p in files
        }
    names = set(modes)
    assert {"register.sqlite", "register.sqlite-wal", "crash.log"} <= names
    assert any(n.startswith("sessions/") for n in names) and any(n.endswith(".p12") for n in names)
    assert {name: mode for name, mode in modes.items() if mode != "0o600"} == {}
