"""No credential store at all: keys go into passphrase-protected files, asked for plainly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.session import OnboardingSession
from app.signing import service
from app.signing.errors import SecretStoreUnavailable
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
def test_a_volunteer_signs_without_any_store_or_passphrase(make_pdf: MakePdf) -> None:
    """Not enrolled, no store: the one-off key needs neither; the file needs a trustee."""
    pdf, _ = make_pdf()
    made = service.sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name)
    assert made.key_protection == service.ONE_OFF and made.issuer == "self-signed"
    assert service.verify_pdf(pdf).verdict == "needs a trustee"


@pytest.mark.usefixtures("no_secret_service")
def test_an_enrolled_computer_without_a_store_keeps_its_key_in_a_passphrase_file(
    tmp_path: Path,
) -> None:
    """`induct computer request` asks for a passphrase, then keeps the key in a file."""
    request = [
        "computer",
        "request",
        "--pack",
        "iet",
        "--name",
        "Laptop 3",
        "--out",
        tmp_path / "r",
    ]
    refused = induct(*request)
    assert refused.returncode == 1
    assert "this computer's signing key will be kept in a file" in refused.stderr
    assert "Give it with --passphrase-file F or INDUCT_PASSPHRASE." in refused.stderr
    made = induct(*request, env={"INDUCT_PASSPHRASE": PASSPHRASE})
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "home" / "data" / "Induct" / "computer" / "iet" / "key.p12").is_file()


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
    listed = induct(
        "org",
        "trustee",
        "add",
        "--pack",
        "iet",
        "--name",
        "Dafydd ap Gwilym",
        "--email",
        "dafydd@example.org",
        "--until",
        "2099-01-31",
    )
    assert listed.returncode == 0, listed.stderr
    pdf, _ = make_pdf(under_18=False)
    service.sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name)
    trustee = ["countersign", pdf, "--name", "Dafydd ap Gwilym", "--email", "dafydd@example.org"]
    asked = induct(*trustee)
    assert asked.returncode == 1
    assert "Choose a passphrase for your trustee key" in asked.stderr
    assert "Give it with --passphrase-file F or INDUCT_PASSPHRASE." in asked.stderr
    mine = tmp_path / "mine.txt"
    mine.write_text("the trustee's own long passphrase\n", encoding="utf-8")
    asked_root = induct(*trustee, "--passphrase-file", mine)
    assert asked_root.returncode == 1
    assert "Enter the IET organisation root's passphrase." in asked_root.stderr
    assert "--root-passphrase-file F or INDUCT_ROOT_PASSPHRASE" in asked_root.stderr
    done = induct(*trustee, "--passphrase-file", mine, "--root-passphrase-file", root_file)
    assert done.returncode == 0, done.stderr
    verified = induct("verify", pdf)
    assert verified.returncode == 0, verified.stdout
    assert ": VALID: vouched for by Dafydd ap Gwilym on " in verified.stdout
