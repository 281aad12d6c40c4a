"""`induct pack check` refuses policy text the PDF cannot render, naming file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.pack_builder import write_pack


def test_raw_html_in_a_section_is_refused_with_its_line(tmp_path: Path) -> None:
    """A <table> typed as HTML on line 3 is reported as 01-posting.md:3, exit 1."""
    folder = write_pack(tmp_path / "club")
    section = folder / "policy" / "01-posting.md"
    section.write_text("**1.1** Be kind.\n\n<table><tr><td>x</td></tr></table>\n\n**1.2** Own.\n")
    result = subprocess.run(
        [sys.executable, "-m", "app", "pack", "check", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout.splitlines()[0]) == (
        1,
        f"{section}:3: raw HTML is not shown in the PDF; write it as Markdown",
    )
