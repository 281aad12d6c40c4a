"""Find the line of a table or key in a TOML file, so errors can name it.

tomllib gives values but not positions. This reads the text once and maps each
table header and `key =` line to its path, with the index of every
array-of-tables entry (`[[sections]]` number 3 is ("sections", 2)).
"""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"""^\s*([A-Za-z0-9_\-."']+)\s*=""")

Path = tuple[str | int, ...]


class TomlLocator:
    """Maps key paths to 1-based line numbers in one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        array_index: dict[str, int] = {}
        current: Path = ()
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if match := _ARRAY_HEADER.match(line):
                name = _clean(match.group(1))
                array_index[name] = array_index.get(name, -1) + 1
                for other in [k for k in array_index if k.startswith(name + ".")]:
                    del array_index[other]
                current = _concrete(name, array_index)
                self._lines.setdefault(current, number)
            elif match := _TABLE_HEADER.match(line):
                current = _concrete(_clean(match.group(1)), array_index)
                self._lines.setdefault(current, number)
            elif match := _KEY.match(line):
                key_path = current + tuple(_clean(match.group(1)).split("."))
                self._lines.setdefault(key_path, number)
                for quote in ('"""', "'''"):
                    if line.count(quote) % 2 == 1:
                        in_multiline = quote

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its nearest enclosing table; 1 if none is found."""
        probe = tuple(path)
        while probe:
            if probe in self._lines:
                return self._lines[probe]
            probe = probe[:-1]
        return 1


def _clean(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


def _concrete(name: str, array_index: dict[str, int]) -> Path:
    parts = name.split(".")
    path: list[str | int] = []
    for i, part in enumerate(parts):
        path.append(part)
        prefix = ".".join(parts[: i + 1])
        if prefix in array_index:
            path.append(array_index[prefix])
    return tuple(path)
