"""No credential store at all: keys go into passphrase-protected files, asked for plainly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.session import OnboardingSession
from app.signing import service
from app.signing.errors import PassphraseNeeded, SecretStoreUnavailable, WrongPassphrase
from app.signing.secrets import platform_store

from ..unit.signing.support import PERSON
from .conftest import induct

MakePdf = Callable[..., tuple[Path, OnboardingSession]]
PASSPHRASE = "a passphrase of my own"


@pytest.mark.usefixtures("no_secret_service")
def test_without_a_session_bus_the_store_is_unavailable() -> None:
    """D-Bus pointing at nothing: SecretStoreUnavailable names the Secret Service."""
    with pytest.raises(SecretStoreUnavailable, match="The Secret Service is not available"):
        platform_store()


@pytest.mark.usefixtures("no_secret_service")
def test_signing_falls_back_to_a_passphrase_file(make_pdf: MakePdf) -> None:
    """The first signature asks for a new passphrase; later ones ask for it again."""
    folder = service.key_slot(PERSON.email).folder
    assert service.planned_key_protection(PERSON.email) == f"passphrase file: {folder}/key.p12"
    first, _ = make_pdf()
    with pytest.raises(PassphraseNeeded) as asked:
        service.sign_pdf(first, "Person", PERSON, org_id="iet", typed_name=PERSON.name)
    assert asked.value.creating and "Secret Service is not available" in str(asked.value)
    made = service.sign_pdf(
        first, "Person", PERSON, org_id="iet", typed_name=PERSON.name, passphrase=PASSPHRASE
    )
    assert made.key_protection == f"passphrase file: {folder}/key.p12"
    second, _ = make_pdf()
    with pytest.raises(PassphraseNeeded) as again:
        service.sign_pdf(second, "Person", PERSON, org_id="iet", typed_name=PERSON.name)
    assert not again.value.creating
    with pytest.raises(WrongPassphrase):
        service.sign_pdf(
            second,
            "Person",
            PERSON,
            org_id="iet",
            typed_name=PERSON.name,
            passphrase="not it at all",
        )
    reused = service.sign_pdf(
        second, "Person", PERSON, org_id="iet", typed_name=PERSON.name, passphrase=PASSPHRASE
    )
    assert reused.fingerprint == made.fingerprint
    report = service.verify_pdf(second, trust=[folder / "cert-self.pem"])
    assert report.ok, report.problems


@pytest.mark.usefixtures("no_secret_service")
def test_org_init_from_the_shell_needs_a_passphrase_then_keeps_the_root_in_a_file(
    tmp_path: Path,
) -> None:
    """`induct org init` without a store: exit 1 asking for a passphrase, then a file."""
    refused = induct("org", "init", "--pack", "iet")
    assert refused.returncode == 1
    assert "Give it with --passphrase-file F or INDUCT_PASSPHRASE." in refused.stderr
    assert "Traceback" not in refused.stderr
    passphrase_file = tmp_path / "root-passphrase.txt"
    passphrase_file.write_text("the root's passphrase\n", encoding="utf-8")
    made = induct("org", "init", "--pack", "iet", "--passphrase-file", passphrase_file)
    assert made.returncode == 0, made.stderr
    assert "Its private key is kept in: passphrase file: " in made.stdout


@pytest.mark.usefixtures("no_secret_service")
def test_countersign_from_the_shell_with_passphrase_files(
    make_pdf: MakePdf, tmp_path: Path
) -> None:
    """Without a store, the trustee gives both passphrases non-interactively and signs."""
    root_file = tmp_path / "root.txt"
    root_file.write_text("the root's passphrase\n", encoding="utf-8")
    assert induct("org", "init", "--pack", "iet", "--passphrase-file", root_file).returncode == 0
    pdf, _ = make_pdf(under_18=False)
    service.sign_pdf(
        pdf,
        "Person",
        PERSON,
        org_id="iet",
        typed_name=PERSON.name,
        passphrase=PASSPHRASE,
        root_passphrase="the root's passphrase",
    )
    trustee = ["countersign", pdf, "--name", "Dafydd ap Gwilym", "--email", "dafydd@example.org"]
    asked = induct(*trustee)
    assert asked.returncode == 1
    assert "Give it with --passphrase-file F or INDUCT_PASSPHRASE." in asked.stderr
    mine = tmp_path / "mine.txt"
    mine.write_text("the trustee's own passphrase\n", encoding="utf-8")
    asked_root = induct(*trustee, "--passphrase-file", mine)
    assert asked_root.returncode == 1
    assert "Enter the IET organisation root's passphrase." in asked_root.stderr
    assert "--root-passphrase-file F or INDUCT_ROOT_PASSPHRASE" in asked_root.stderr
    done = induct(*trustee, "--passphrase-file", mine, "--root-passphrase-file", root_file)
    assert done.returncode == 0, done.stderr
    assert "(passphrase file: " in done.stdout
    assert induct("verify", pdf).returncode == 0
