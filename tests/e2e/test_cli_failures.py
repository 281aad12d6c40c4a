"""Every command fails with a clear message and a documented exit code, never a traceback."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}


def test_a_closed_output_pipe_ends_quietly_with_141(tmp_path: Path) -> None:
    """`induct pack list | head -c0`: the reader is gone, so induct stops without a word."""
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "pack", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
    )
    process.stdout.close()  # the reader goes away before induct writes a line
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err.decode()) == (141, "")


def test_escape_sequences_never_reach_the_terminal(tmp_path: Path) -> None:
    """A folder name carrying an ANSI escape is printed without it, text kept."""
    hidden = tmp_path / "pack\x1b[8m hidden\x1b[0m"
    result = subprocess.run(
        [sys.executable, "-m", "app", "pack", "check", str(hidden)],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=60,
    )
    assert "\x1b" not in result.stdout + result.stderr
    assert f"{tmp_path}/pack hidden:1: no such folder" in result.stdout


def test_a_write_the_computer_refuses_exits_4_naming_the_file(tmp_path: Path) -> None:
    """A file larger than the system allows ends with exit 4 and a plain sentence, no traceback."""

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "app", "forms", "build", "--pack", "iet", "--form", "publicity"]
        + ["--event", "Open day", "--copies", "2", "--out", str(out)],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        preexec_fn=small_files,
        timeout=120,
    )
    assert result.returncode == 4, result.stderr
    assert result.stderr.startswith(f"induct: the computer refused: {out}")
    assert "Traceback" not in result.stderr
    assert not list(out.glob(".*.tmp"))  # nothing half-written is left behind


def test_verify_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`induct verify FILE.pdf | head` with the reader gone: exit 141, nothing on stderr."""
    pdf = tmp_path / "unsigned.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(72, 720, "Not signed")
    canvas.save()
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "verify", str(pdf)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
    )
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err.decode()) == (141, "")
