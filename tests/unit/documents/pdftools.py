"""Poppler's command-line tools, used to read the PDFs back as a reader would."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def poppler(tool: str, *args: str | Path) -> str:
    """Run a poppler tool and return what it printed."""
    result = subprocess.run([tool, *map(str, args)], capture_output=True, text=True, check=True)
    return result.stdout


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    """The text a reader sees, laid out as on the page (pdftotext -layout)."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return poppler("pdftotext", "-layout", *pages, path, "-")


def flat(text: str) -> str:
    """Text with every run of white space made one space, so wrapped lines compare."""
    return re.sub(r"\s+", " ", text).strip()


def squash(text: str) -> str:
    """Text without any white space, for hashes that may wrap."""
    return re.sub(r"\s+", "", text)
