"""Reading a data file someone else wrote, within bounds: no hang, no flood, a clear problem.

Packs, consent templates, sessions and trust files come from folders anyone can drop
things into.
Every read here refuses what is not a plain file (a FIFO would hang, a device would never
end), a link that leads out of its folder, and anything larger than its limit, and parses
TOML with limits on nesting, number size, text length and list length, so one hostile file
costs a problem line, never the app.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from app.core.problems import DataError, Problem, decode_utf8, toml_problem

KIB = 1024
MIB = 1024 * KIB
TOML_LIMIT = 1 * MIB  # a pack.toml or a template is a few kilobytes
MAX_DEPTH = 16  # tables within tables
MAX_TEXT = 20_000  # characters in one TOML text: a title, a question, a paragraph
MAX_ITEMS = 5_000  # entries in one TOML list
MAX_NUMBER = 10**12  # numbers in packs are counts, months and ages


class RefusedFileError(OSError):
    """A file not read, with the reason in words (its strerror)."""

    def __init__(self, reason: str, path: Path) -> None:
        super().__init__(errno.EINVAL, reason, str(path))


def read_bounded(path: Path, limit: int, *, inside: Path | None = None) -> bytes:
    """The bytes of the plain file `path`, at most `limit` of them.

    Args:
        path: the file.
        limit: the most bytes it may hold.
        inside: when given, the file (after following links) must lie in this folder.

    Raises:
        RefusedFileError: a FIFO, device or socket, a link out of `inside`, or too large.
        OSError: the file cannot be opened or read.
    """
    path = Path(path)
    if "\x00" in str(path):
        raise RefusedFileError("its name holds a NUL character", path)
    if inside is not None and not path.resolve().is_relative_to(Path(inside).resolve()):
        raise RefusedFileError("it links outside its folder", path)
    # O_NONBLOCK: a FIFO put in place after the check above still cannot block the open.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFileError("it is not a regular file", path)
        if info.st_size > limit:
            raise RefusedFileError(f"it is larger than {_size(limit)}", path)
        data = file.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise RefusedFileError(f"it is larger than {_size(limit)}", path)
    return data


def read_text(path: Path, limit: int, *, inside: Path | None = None) -> str:
    """A bounded file as UTF-8 text, or DataError naming the file and why it was not read."""
    try:
        raw = read_bounded(path, limit, inside=inside)
    except FileNotFoundError:
        raise _problem(path, "was not found") from None
    except OSError as error:
        raise _problem(path, error.strerror or str(error)) from None
    text, problem = decode_utf8(raw, Path(path))
    if problem or text is None:
        raise DataError([problem or Problem(Path(path), 1, "unreadable")])
    return text


def parse_toml(text: str, file: Path) -> dict[str, Any]:
    """Parse TOML within the limits above, or raise DataError naming the file and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError([toml_problem(file, text, error)]) from None
    except RecursionError:
        raise _problem(file, f"nests tables or lists too deeply (at most {MAX_DEPTH})") from None
    except ValueError as error:  # Python's own limit on the digits of a number
        raise _problem(file, f"holds a number too long to read ({error})") from None
    problem = _out_of_bounds(data, 0)
    if problem:
        raise _problem(file, problem)
    return data


def _out_of_bounds(value: object, depth: int) -> str:
    if depth > MAX_DEPTH:
        return f"nests tables or lists too deeply (at most {MAX_DEPTH})"
    if isinstance(value, bool):
        return ""
    if isinstance(value, int) and abs(value) > MAX_NUMBER:
        return f"holds a number larger than Induct reads ({MAX_NUMBER:,})"
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return f"holds a text of {len(value):,} characters; at most {MAX_TEXT:,} are read"
    items: list[object] = []
    if isinstance(value, dict):
        items = [*value.keys(), *value.values()]
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            return f"holds a list of {len(value):,} entries; at most {MAX_ITEMS:,} are read"
        items = value
    for item in items:
        problem = _out_of_bounds(item, depth + 1)
        if problem:
            return problem
    return ""


def _problem(file: Path, message: str) -> DataError:
    return DataError([Problem(Path(file), 1, message)])


def _size(n: int) -> str:
    return f"{n // MIB} MB" if n >= MIB else f"{max(n // KIB, 1)} kB"
