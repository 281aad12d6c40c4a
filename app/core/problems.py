"""Problems found in a data file, each naming the file and line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, as `FILE:LINE: message`."""

    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class DataError(Exception):
    """A data file (pack, template) could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def decode_utf8(raw: bytes, file: Path) -> tuple[str | None, Problem | None]:
    """Decode `raw` as UTF-8, or say on which line it stops being UTF-8."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        bad = raw[error.start : error.start + 1].hex()
        return None, Problem(file, line, f"not valid UTF-8 text (byte 0x{bad}); save it as UTF-8")


def toml_problem(file: Path, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    """A TOML syntax error as a problem on the line it names."""
    message = str(error)
    match = re.search(r"\(at line (\d+), column \d+\)", message)
    if match:
        line = int(match.group(1))
    elif "end of document" in message:
        line = max(len(text.splitlines()), 1)
    else:
        line = 1
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    return Problem(file, line, f"not valid TOML: {message}")
