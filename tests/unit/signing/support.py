"""Helpers for the signing tests: in-memory keyrings, acknowledgements to sign, signers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringLocked, PasswordDeleteError

from app.core.onboarding.acknowledgement import (
    GUARDIAN_FIELD,
    PERSON_FIELD,
    TRUSTEE_FIELD,
    build_record,
)
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.documents.acknowledgement import save_acknowledgement
from app.signing.secrets import SecretStore
from app.signing.service import SignatureSummary, Signer, sign_pdf

APP_VERSION = "0.1.0"
PERSON = Signer("Siân Llewelyn-Jones", "sian@example.org", "Volunteer")
GUARDIAN = Signer("Rhiannon Llewelyn", "rhiannon@example.org", "Guardian")
TRUSTEE = Signer("Dafydd ap Gwilym", "dafydd@example.org", "Trustee")


class MemoryKeyring(KeyringBackend):
    """A credential store in a dict, for tests that must not touch the real one."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - a keyring classproperty
        raise RuntimeError("a test backend, never chosen by keyring itself")

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    @property
    def name(self) -> str:  # type: ignore[override]
        return "test keyring"

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class LockedKeyring(MemoryKeyring):
    """A credential store that stays locked, as when its unlock prompt is dismissed."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


def memory_store() -> SecretStore:
    return SecretStore(MemoryKeyring())


def locked_store() -> SecretStore:
    return SecretStore(LockedKeyring(), "locked test keyring")


def acknowledgement(pack: Pack, session: OnboardingSession, folder: Path) -> Path:
    """The rendered acknowledgement of `session`, saved in `folder`, with empty fields."""
    return save_acknowledgement(build_record(pack, session, APP_VERSION), folder)


def sign_chain(
    pdf: Path, session: OnboardingSession, *, org_id: str = "iet", **options: Any
) -> list[SignatureSummary]:
    """Person, then guardian, then trustee sign `pdf`, as the app does."""
    drawing = session.signature.drawing if session.signature else None
    return [
        sign_pdf(
            pdf,
            PERSON_FIELD,
            PERSON,
            org_id=org_id,
            typed_name=PERSON.name,
            drawing=drawing,
            **options,
        ),
        sign_pdf(pdf, GUARDIAN_FIELD, GUARDIAN, org_id=org_id, typed_name=GUARDIAN.name, **options),
        sign_pdf(pdf, TRUSTEE_FIELD, TRUSTEE, org_id=org_id, typed_name=TRUSTEE.name, **options),
    ]


def stamp_text_after_signing(pdf: Path, page_index: int = 0) -> None:
    """Append an incremental update that writes new text onto a page, as a forger would."""
    from pyhanko.stamp import TextStampStyle, text_stamp_file

    changed = pdf.with_name(pdf.stem + ".stamped.pdf")
    text_stamp_file(
        str(pdf), str(changed), TextStampStyle(stamp_text="Policy version 9.9"), page_index, 72, 72
    )
    changed.replace(pdf)


ORG_NAME = "The Institution of Engineering and Technology"
TRUSTEE_PASSPHRASE = "heron lantern quarry violet"


def make_root(store: SecretStore, org_id: str = "iet") -> None:
    """The organisation root on this (test) computer, with DAFYDD listed as a trustee."""
    from datetime import date, timedelta

    from app.signing.authority import add_trustee
    from app.signing.org import init_org

    init_org(org_id, ORG_NAME, store=store)
    add_trustee(org_id, TRUSTEE.name, TRUSTEE.email, date.today() + timedelta(days=365))


def enrol_here(
    store: SecretStore, folder: Path, org_id: str = "iet", name: str = "Laptop 3"
) -> Path:
    """Enrol this computer by the root that is also here (request, enrol, install)."""
    from app.signing.authority import enrol
    from app.signing.computer import install, make_request

    request = make_request(org_id, name, folder / f"{name}.csr", store=store)
    cert = enrol(request, folder / f"{name}.pem", 12, store=store)
    del cert
    install(folder / f"{name}.pem")
    return folder / f"{name}.pem"


def countersign(pdf: Path, store: SecretStore, org_id: str = "iet") -> SignatureSummary:
    return sign_pdf(
        pdf,
        TRUSTEE_FIELD,
        TRUSTEE,
        org_id=org_id,
        typed_name=TRUSTEE.name,
        passphrase=TRUSTEE_PASSPHRASE,
        store=store,
    )
