"""Reading a parsed TOML document against what a pack or template must contain.

`TableReader` pulls typed values out of one table, records a `Problem` with the
right line for every missing, mistyped or unknown key, and returns a usable
default so validation can go on and report everything in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.core.problems import Problem
from app.core.toml_lines import TomlLocator

KeyPath = tuple[str | int, ...]


class TableReader:
    """Typed access to one TOML table, collecting problems instead of raising."""

    def __init__(
        self,
        table: Any,
        path: KeyPath,
        file: Path,
        locator: TomlLocator,
        problems: list[Problem],
    ) -> None:
        self.file = file
        self.path = path
        self.locator = locator
        self.problems = problems
        self._seen: set[str] = set()
        if isinstance(table, dict):
            self.table: dict[str, Any] = table
        else:
            self.table = {}
            self.problem(f"'{self.name}' must be a table", ())

    @property
    def name(self) -> str:
        return _dotted(self.path) or "(top level)"

    def problem(self, message: str, sub: KeyPath = ()) -> None:
        self.problems.append(Problem(self.file, self.locator.line_of(self.path + sub), message))

    def _get(self, key: str, required: bool) -> Any:
        self._seen.add(key)
        if key not in self.table:
            if required:
                self.problem(f"'{_dotted(self.path + (key,))}' is missing")
            return None
        return self.table[key]

    def text(self, key: str, required: bool = True, allow_empty: bool = False) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(f"'{_dotted(self.path + (key,))}' must be text in quotes", (key,))
            return ""
        if required and not allow_empty and not value.strip():
            self.problem(f"'{_dotted(self.path + (key,))}' must not be empty", (key,))
        return value.strip()

    def choice(self, key: str, options: Iterable[str], default: str | None = None) -> str:
        options = tuple(options)
        value = self.text(key, required=default is None)
        if not value and default is not None:
            return default
        if value and value not in options:
            allowed = ", ".join(repr(o) for o in options)
            self.problem(
                f"'{_dotted(self.path + (key,))}' is {value!r}; it must be one of {allowed}",
                (key,),
            )
            return default or options[0]
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self._get(key, required=False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(f"'{_dotted(self.path + (key,))}' must be true or false", (key,))
            return default
        return value

    def integer(self, key: str) -> int:
        value = self._get(key, required=True)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"'{_dotted(self.path + (key,))}' must be a whole number", (key,))
            return 0
        return value

    def text_list(self, key: str, required: bool = True, min_items: int = 0) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(
                f'\'{_dotted(self.path + (key,))}\' must be a list of texts, like ["a", "b"]',
                (key,),
            )
            return ()
        if len(value) < min_items:
            self.problem(
                f"'{_dotted(self.path + (key,))}' needs at least {min_items} entries", (key,)
            )
        return tuple(v.strip() for v in value)

    def raw(self, key: str, required: bool = True) -> Any:
        return self._get(key, required)

    def sub(self, key: str, required: bool = True) -> TableReader:
        value = self._get(key, required)
        table = {} if value is None else value
        return TableReader(table, self.path + (key,), self.file, self.locator, self.problems)

    def array(self, key: str, required: bool = True, min_items: int = 1) -> list[TableReader]:
        """Readers for each entry of an array of tables (`[[key]]`)."""
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            name = _dotted(self.path + (key,))
            self.problem(f"'{name}' must be written as [[{name}]] tables", (key,))
            return []
        if len(value) < min_items:
            self.problem(f"'{_dotted(self.path + (key,))}' needs at least {min_items} entries")
        return [
            TableReader(item, self.path + (key, i), self.file, self.locator, self.problems)
            for i, item in enumerate(value)
        ]

    def finish(self) -> None:
        """Report keys nobody asked for: most often a typo."""
        for key in self.table:
            if key not in self._seen:
                self.problem(f"unknown key '{_dotted(self.path + (key,))}'", (key,))


def _dotted(path: KeyPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out
