"""Paths as people read them: the home folder written as ~."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path | str) -> str:
    """`path` with the home folder shortened to ~ (on Linux and macOS), else unchanged."""
    path = Path(path)
    home = Path.home()
    if os.name == "posix" and path.is_relative_to(home) and path != home:
        return str(Path("~") / path.relative_to(home))
    return str(path)
