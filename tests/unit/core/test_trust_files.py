"""A pack's trust/ folder: `pack check` reads every file, bounded, and names each bad one."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.core import paths
from app.core.packs import check_pack
from app.core.trust_files import read_trust_folder
from app.signing.certs import new_key, root_certificate, signer_certificate, to_pem


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the bundled IET pack with an empty trust/ folder."""
    folder = tmp_path / "iet"
    shutil.copytree(paths.bundled_packs_dir() / "iet", folder)
    (folder / "trust").mkdir()
    return folder


def _root_pem() -> bytes:
    key = new_key()
    return to_pem(root_certificate(key, "iet", "The Institution", datetime.now(UTC)))


def _messages(folder: Path) -> list[str]:
    return [f"{p.file.relative_to(folder)}: {p.message}" for p in check_pack(folder)]


def test_a_root_certificate_in_trust_passes_and_is_read(pack: Path) -> None:
    """A PEM root in trust/ passes `pack check` and is the folder's one certificate."""
    (pack / "trust" / "iet-root.pem").write_bytes(_root_pem())
    assert (check_pack(pack), len(read_trust_folder(pack).certificates)) == ([], 1)


def test_a_der_root_certificate_is_read_too(pack: Path) -> None:
    """The same root in DER (as the kit's .cer) passes `pack check`."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    der = x509.load_pem_x509_certificate(_root_pem()).public_bytes(Encoding.DER)
    (pack / "trust" / "iet-root.cer").write_bytes(der)
    assert (check_pack(pack), len(read_trust_folder(pack).certificates)) == ([], 1)


def test_a_file_that_is_not_a_certificate_is_named(pack: Path) -> None:
    """Text in trust/ fails `pack check` with the file and the reason."""
    (pack / "trust" / "notes.pem").write_text("trust me", encoding="utf-8")
    assert _messages(pack) == [
        "trust/notes.pem: it is not a certificate (PEM or DER); it is not trusted"
    ]


def test_a_certificate_that_is_not_an_authority_is_named(pack: Path) -> None:
    """A person's self-signed certificate in trust/ is refused: only CAs can be roots."""
    key = new_key()
    cert = signer_certificate(
        key.public_key(), "Mallory", "m@example.org", "Trustee", None, key, datetime.now(UTC)
    )
    (pack / "trust" / "mallory.pem").write_bytes(to_pem(cert))
    assert _messages(pack) == [
        "trust/mallory.pem: it holds a certificate that is not an authority's (not a CA); "
        "it is not trusted"
    ]


def test_a_fifo_in_trust_is_refused_without_waiting(pack: Path) -> None:
    """A FIFO in trust/ is named as not a regular file; the check never blocks on it."""
    os.mkfifo(pack / "trust" / "root.pem")
    assert _messages(pack) == ["trust/root.pem: it is not a regular file; it is not trusted"]


def test_a_link_to_dev_zero_is_refused_without_reading(pack: Path) -> None:
    """A link from trust/ to /dev/zero is refused as leading out of the pack."""
    (pack / "trust" / "root.pem").symlink_to("/dev/zero")
    assert _messages(pack) == ["trust/root.pem: it links outside its folder; it is not trusted"]


def test_a_file_too_large_is_refused(pack: Path) -> None:
    """A 1 MB file in trust/ is refused by its size, unread."""
    (pack / "trust" / "huge.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\n" + b"A" * 2**20)
    assert _messages(pack) == ["trust/huge.pem: it is larger than 64 kB; it is not trusted"]


def test_a_bad_file_does_not_hide_the_good_root_or_the_other_problems(pack: Path) -> None:
    """A good root and a bad file: the root is read, the bad file reported."""
    (pack / "trust" / "a-root.pem").write_bytes(_root_pem())
    (pack / "trust" / "b-junk.der").write_bytes(b"\x00" * 40)
    folder = read_trust_folder(pack)
    assert (len(folder.certificates), [str(p.file.name) for p in folder.problems]) == (
        1,
        ["b-junk.der"],
    )


def test_trust_that_is_a_file_is_named(pack: Path) -> None:
    """A file called trust, not a folder, fails `pack check` saying so."""
    (pack / "trust").rmdir()
    (pack / "trust").write_bytes(_root_pem())
    assert _messages(pack) == ["trust: trust/ must be a folder in the pack"]


def test_pack_check_command_names_the_trust_file(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`induct pack check` exits 1 with the bad trust file's line."""
    from app.cli import main

    (pack / "trust" / "notes.pem").write_text("trust me", encoding="utf-8")
    status = main(["pack", "check", str(pack)])
    assert (status, capsys.readouterr().out.splitlines()) == (
        1,
        [
            f"{pack / 'trust' / 'notes.pem'}:1: it is not a certificate (PEM or DER); it is not trusted"
        ],
    )
