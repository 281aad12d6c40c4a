"""A decompression bomb given to every command that opens a PDF from outside: each says
why it will not read it and exits 2, within a minute and 2 GB of address space (the bomb
unpacks to 4 GB)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile_pdfs import write

ADDRESS_SPACE = 2 * 1024**3


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def induct(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        preexec_fn=_limited,
    )


@pytest.mark.parametrize(
    ("command", "stream", "line"),
    [
        (
            ("register", "import"),
            "stdout",
            "unreadable: flate-bomb.pdf: not read: one of its parts unpacks to more than 256 MB.",
        ),
        (
            ("verify",),
            "stdout",
            "{path}: not checked: one of its parts unpacks to more than 256 MB.",
        ),
        (
            ("forms", "scan"),
            "stderr",
            "induct: {path}: not read, because one of its parts unpacks to more than 256 MB",
        ),
        (
            ("record", "show"),
            "stderr",
            "induct: {path}: not read, because one of its parts unpacks to more than 256 MB.",
        ),
    ],
)
def test_a_bomb_is_refused_by_every_command(
    command: tuple[str, ...], stream: str, line: str, tmp_path: Path
) -> None:
    """The reason is said, the exit code is 2, and memory never runs out."""
    path = write(tmp_path, "flate-bomb")
    result = induct(*command, str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert line.format(path=path) in getattr(result, stream).splitlines()
