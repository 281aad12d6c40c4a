"""Fixtures for the register tests: a register in the test's own data folder, signed PDFs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.core.onboarding.acknowledgement import GUARDIAN_FIELD, PERSON_FIELD, TRUSTEE_FIELD
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.core.register.register import Register
from app.signing.authority import add_trustee
from app.signing.computer import enrolment
from app.signing.org import init_org, load_root_cert
from app.signing.secrets import SecretStore
from app.signing.service import sign_pdf
from tests.unit.signing.support import (
    GUARDIAN,
    PERSON,
    TRUSTEE,
    TRUSTEE_PASSPHRASE,
    acknowledgement,
    enrol_here,
    make_root,
    memory_store,
)

MakeSigned = Callable[..., tuple[Path, OnboardingSession]]


@pytest.fixture(autouse=True)
def no_session_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys go to an in-memory store here; no test may reach the real credential store."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/induct-unit-test")


@pytest.fixture
def register() -> Register:
    """The register in this test's data folder (made on first use)."""
    return Register()


@pytest.fixture
def store() -> SecretStore:
    return memory_store()


@pytest.fixture
def make_signed(
    completed_session: Callable[..., OnboardingSession],
    iet_pack: Pack,
    tmp_path: Path,
    store: SecretStore,
) -> MakeSigned:
    """An IET acknowledgement signed by the person (and guardian), as on another laptop."""

    def make(
        *,
        under_18: bool = False,
        guardian_signs: bool = True,
        folder: str = "usb-stick",
        trusted: bool = False,
    ) -> tuple[Path, OnboardingSession]:
        """Args:
        trusted: sign on a computer enrolled by the IET root here (else self-signed)."""
        if trusted and enrolment("iet") is None:
            if load_root_cert("iet") is None:
                make_root(store)
            enrol_here(store, tmp_path / "enrolment")
        session = completed_session(iet_pack, under_18=under_18)
        if under_18:
            session.identity.guardian_name = GUARDIAN.name
            session.identity.guardian_relationship = "Mother"
            session.identity.guardian_email = GUARDIAN.email
        pdf = acknowledgement(iet_pack, session, tmp_path / folder)
        # untrusted on an enrolled computer: a forger's own key, as if on another laptop
        org = "iet" if trusted or enrolment("iet") is None else ""
        sign_pdf(pdf, PERSON_FIELD, PERSON, org_id=org, typed_name=PERSON.name, store=store)
        if under_18 and guardian_signs:
            sign_pdf(
                pdf, GUARDIAN_FIELD, GUARDIAN, org_id="iet", typed_name=GUARDIAN.name, store=store
            )
        return pdf, session

    return make


@pytest.fixture
def countersign(store: SecretStore, iet_pack: Pack) -> Callable[[Path], Path]:
    """A trustee countersigns a copy of the PDF (with the IET root made here first)."""

    def sign(pdf: Path) -> Path:
        if load_root_cert("iet") is None:
            init_org("iet", iet_pack.organisation.name, store=store)
            add_trustee("iet", TRUSTEE.name, TRUSTEE.email, date.today() + timedelta(days=9))
        copy = pdf.with_name(pdf.stem + " countersigned.pdf")
        copy.write_bytes(pdf.read_bytes())
        sign_pdf(
            copy,
            TRUSTEE_FIELD,
            TRUSTEE,
            org_id="iet",
            typed_name=TRUSTEE.name,
            passphrase=TRUSTEE_PASSPHRASE,
            store=store,
        )
        return copy

    return sign
