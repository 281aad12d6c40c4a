"""Roots shipped in packs: trusted only from a pack that passes `pack check`; bad files skipped.

The signed file is valid on the computer that made it; the root is then taken away from
this computer, as on a checker's, so that only a pack's trust/ folder can vouch for it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.core import paths
from app.core.onboarding.acknowledgement import PERSON_FIELD
from app.core.onboarding.session import OnboardingSession
from app.signing.computer import installed_root_path
from app.signing.org import root_cert_path
from app.signing.secrets import SecretStore
from app.signing.service import sign_pdf, verify_pdf
from app.signing.verify import skipped_trust_files

from .support import PERSON, enrol_here, make_root

MakePdf = Callable[..., tuple[Path, OnboardingSession]]


@pytest.fixture
def signed(make_pdf: MakePdf, store: SecretStore, tmp_path: Path) -> tuple[Path, Path]:
    """(an adult's acknowledgement signed on an enrolled computer, the root's certificate),
    with the root no longer on this computer."""
    pdf, _ = make_pdf(under_18=False)
    make_root(store)
    enrol_here(store, tmp_path)
    sign_pdf(pdf, PERSON_FIELD, PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    assert verify_pdf(pdf).ok
    root = tmp_path / "iet-root.pem"
    shutil.move(root_cert_path("iet"), root)
    shutil.rmtree(installed_root_path("iet").parent)
    return pdf, root


def _user_pack(name: str, bundled: str | None) -> Path:
    """A folder in the user pack folder: a copy of a bundled pack, or empty when None."""
    folder = paths.user_packs_dir() / name
    if bundled:
        shutil.copytree(paths.bundled_packs_dir() / bundled, folder)
    (folder / "trust").mkdir(parents=True)
    return folder / "trust"


def test_a_root_planted_in_a_folder_without_pack_toml_is_not_trusted(
    signed: tuple[Path, Path],
) -> None:
    """packs/planted/trust/root.pem with no pack.toml: the signature still needs a trustee."""
    pdf, root = signed
    trust = _user_pack("planted", None)
    shutil.copy(root, trust / "root.pem")
    assert (verify_pdf(pdf).verdict, skipped_trust_files()[-1]) == (
        "needs a trustee",
        f"{trust}: not trusted, because the pack does not pass `induct pack check {trust.parent}`.",
    )


def test_a_root_in_a_pack_that_passes_its_check_is_trusted(signed: tuple[Path, Path]) -> None:
    """The same root in a whole pack that passes `pack check`: the signature is valid."""
    pdf, root = signed
    shutil.copy(root, _user_pack("iet", "iet") / "iet-root.pem")
    assert (verify_pdf(pdf).verdict, skipped_trust_files()) == ("valid", [])


def test_a_pack_with_a_bad_trust_file_gives_no_roots(signed: tuple[Path, Path]) -> None:
    """A good root beside a non-certificate: the pack fails its check and trusts nothing."""
    pdf, root = signed
    trust = _user_pack("iet", "iet")
    shutil.copy(root, trust / "iet-root.pem")
    (trust / "readme.pem").write_text("not a certificate", encoding="utf-8")
    assert (verify_pdf(pdf).verdict, skipped_trust_files()) == (
        "needs a trustee",
        [
            f"{trust / 'readme.pem'}:1: it is not a certificate (PEM or DER); it is not trusted",
            f"{trust}: not trusted, because the pack does not pass "
            f"`induct pack check {trust.parent}`.",
        ],
    )


def test_verify_reports_hostile_trust_files_and_still_checks(
    signed: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A non-certificate, a FIFO and a link to /dev/zero in another pack's trust/: `induct
    verify` names each on stderr, never hangs, and exits 0 with the good pack's root."""
    pdf, root = signed
    shutil.copy(root, _user_pack("iet", "iet") / "iet-root.pem")
    hostile = _user_pack("iom3", "iom3")
    (hostile / "a-text.pem").write_text("trust me", encoding="utf-8")
    os.mkfifo(hostile / "b-fifo.pem")
    (hostile / "c-zero.pem").symlink_to("/dev/zero")
    status = main(["verify", str(pdf)])
    err = capsys.readouterr().err
    assert (status, err.splitlines()) == (
        0,
        [
            f"note: {hostile / 'a-text.pem'}:1: it is not a certificate (PEM or DER); "
            "it is not trusted",
            f"note: {hostile / 'b-fifo.pem'}:1: it is not a regular file; it is not trusted",
            f"note: {hostile / 'c-zero.pem'}:1: it links outside its folder; it is not trusted",
            f"note: {hostile}: not trusted, because the pack does not pass "
            f"`induct pack check {hostile.parent}`.",
        ],
    )


def test_a_fifo_given_with_trust_is_an_error_not_a_hang(
    signed: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`induct verify --trust FIFO` exits 2 naming the file, without blocking on it."""
    pdf, _ = signed
    fifo = tmp_path / "root.pem"
    os.mkfifo(fifo)
    status = main(["verify", "--trust", str(fifo), str(pdf)])
    assert (status, capsys.readouterr().err.strip()) == (
        2,
        f"induct: {fifo}: cannot read the certificate file (it is not a regular file).",
    )
