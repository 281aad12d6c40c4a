"""The standalone bundle does its jobs on its own: run by `make bundle-test`.

INDUCT_BUNDLE names the bundle folder (dist/induct). The sample is signed with the source
tree's code, then checked and extended by the bundle, so both agree on the format.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from app.core import paths
from app.core.onboarding.acknowledgement import build_record
from app.core.packs import load_pack
from app.documents.acknowledgement import save_acknowledgement
from app.signing.service import Signer, init_org, sign_pdf

BUNDLE = Path(os.environ.get("INDUCT_BUNDLE", "dist/induct"))
PASSPHRASE = "correct horse battery staple"


def bundle(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    """Run the bundle's `induct` with its own data folder and no Python of ours around it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV"))
    }
    env.update(XDG_DATA_HOME=str(data), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [str(BUNDLE / "induct"), *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture(autouse=True)
def bundle_is_built() -> None:
    assert (BUNDLE / "induct").is_file(), f"no bundle in {BUNDLE}: run `make bundle` first"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One data folder shared by this test and the bundle it runs."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def test_self_test_passes_with_the_credential_store(data: Path) -> None:
    """Every part is inside the bundle, and keyring's backends survived freezing."""
    result = bundle("self-test", "--require-keyring", data=data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(bundle)" in result.stdout
    assert re.search(r"^ok   credential store: .*Secret Service", result.stdout, re.M)
    assert "ok   window: offscreen: 'Induct' with 2 packs" in result.stdout


def test_bundle_verifies_a_signed_sample(data: Path, tmp_path: Path, completed_session) -> None:
    """A volunteer's acknowledgement signed on a computer not enrolled checks in the bundle:
    intact, needs a trustee (exit 3); a tampered copy is broken (exit 1)."""
    pack = load_pack(paths.bundled_packs_dir() / "iet")
    init_org("iet", pack.organisation.name, PASSPHRASE)
    session = completed_session(pack)
    pdf = save_acknowledgement(build_record(pack, session, "test"), tmp_path)
    sign_pdf(
        pdf,
        "Person",
        Signer(session.identity.full_name, "sian@example.org", "Volunteer"),
        org_id="iet",
        typed_name=session.identity.full_name,
        passphrase=PASSPHRASE,
        root_passphrase=PASSPHRASE,
    )
    result = bundle("verify", str(pdf), data=data)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Person" in result.stdout and "Traceback" not in result.stderr
    tampered = tmp_path / "tampered.pdf"
    raw = bytearray(pdf.read_bytes())
    raw[len(raw) // 3] ^= 0x01
    tampered.write_bytes(bytes(raw))
    assert bundle("verify", str(tampered), data=data).returncode == 1


def test_bundle_builds_consent_forms(data: Path, tmp_path: Path) -> None:
    """The bundle prints a batch of publicity forms with unique IDs."""
    out = tmp_path / "forms"
    result = bundle(
        "forms",
        "build",
        "--pack",
        "iom3",
        "--form",
        "publicity",
        "--event",
        "Open day",
        "--date",
        "2026-12-05",
        "--copies",
        "3",
        "--out",
        str(out),
        data=data,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pdfs = list(out.glob("*.pdf"))
    assert len(pdfs) == 1
    text = subprocess.run(
        ["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Open day" in text and "Institute of Materials, Minerals and Mining" in text


def test_linux_installer_puts_the_bundle_in_the_menu(tmp_path: Path) -> None:
    """install.sh installs per user with a menu entry and icons; --uninstall removes them."""
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    script = Path("packaging/linux/install.sh")
    installed = subprocess.run([str(script)], capture_output=True, text=True, env=env)
    assert installed.returncode == 0, installed.stderr
    share = home / ".local" / "share"
    desktop = (share / "applications" / "org.induct.Induct.desktop").read_text()
    assert f"Exec={share}/induct-bundle/induct" in desktop
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "org.induct.Induct.png").is_file()
    version = subprocess.run(
        [str(home / ".local" / "bin" / "induct"), "--version"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert version.stdout.strip() == "Induct 0.1.0"
    removed = subprocess.run([str(script), "--uninstall"], capture_output=True, text=True, env=env)
    assert removed.returncode == 0 and not (share / "induct-bundle").exists()
