"""The root computer's records: enrolled computers and trustees (JSON beside root.pem).

Pure data in, data out; the root's key is used elsewhere (authority.py).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from app.core.atomic import write_text_atomic
from app.core.validation import is_email
from app.signing.errors import SigningError


@dataclass(frozen=True)
class Computer:
    name: str
    serial: str
    fingerprint: str
    enrolled: str  # YYYY-MM-DD
    until: str  # YYYY-MM-DD


@dataclass(frozen=True)
class Trustee:
    """A trustee listed by the root: `until` ends the term; `ended` is set when it is cut short."""

    name: str
    email: str
    until: str  # YYYY-MM-DD, the last day of the term
    added: str
    ended: str = ""
    serials: tuple[str, ...] = field(default=())

    def current(self, today: date) -> bool:
        return not self.ended and today <= date.fromisoformat(self.until)

    def standing(self, today: date) -> str:
        if self.ended:
            return f"term ended {self.ended}"
        if not self.current(today):
            return f"term ended {self.until}"
        return f"trustee until {self.until}"


def _read(path: Path) -> list[dict[str, object]]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        raise SigningError(f"{path}: cannot be read ({error}).") from error
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise SigningError(f"{path}: not a list written by Induct.")
    return rows


def read_computers(path: Path) -> list[Computer]:
    return [Computer(**{str(k): str(v) for k, v in dict(row).items()}) for row in _read(path)]


def write_computers(path: Path, computers: list[Computer]) -> None:
    write_text_atomic(path, json.dumps([asdict(c) for c in computers], indent=1) + "\n")


def read_trustees(path: Path) -> list[Trustee]:
    found = []
    for row in _read(path):
        data: dict[str, Any] = dict(row)
        data["serials"] = tuple(str(s) for s in data.get("serials", ()))
        found.append(Trustee(**data))
    return found


def write_trustees(path: Path, trustees: list[Trustee]) -> None:
    write_text_atomic(path, json.dumps([asdict(t) for t in trustees], indent=1) + "\n")


def find_trustee(trustees: list[Trustee], email: str) -> Trustee | None:
    wanted = email.strip().lower()
    return next((t for t in trustees if t.email.lower() == wanted), None)


def added(
    trustees: list[Trustee], name: str, email: str, until: date, today: date
) -> list[Trustee]:
    """The list with this trustee added, or their term renewed (a SigningError says why not)."""
    if not name.strip():
        raise SigningError("Give the trustee's full name (--name).")
    if not is_email(email.strip()):
        raise SigningError(f"'{email}' is not an e-mail address (--email).")
    if until < today:
        raise SigningError(f"The term's end {until.isoformat()} has passed already (--until).")
    known = find_trustee(trustees, email)
    entry = Trustee(" ".join(name.split()), email.strip(), until.isoformat(), today.isoformat())
    if known is None:
        return [*trustees, entry]
    renewed = replace(known, name=entry.name, until=entry.until, ended="")
    return [renewed if t is known else t for t in trustees]


def ended(trustees: list[Trustee], email: str, today: date) -> tuple[list[Trustee], Trustee]:
    known = find_trustee(trustees, email)
    if known is None:
        raise SigningError(f"{email} is not on the list of trustees.")
    if known.ended:
        raise SigningError(f"{known.name}'s term already ended on {known.ended}.")
    done = replace(known, ended=today.isoformat())
    return [done if t is known else t for t in trustees], done


def with_serial(trustees: list[Trustee], email: str, serial: int) -> list[Trustee]:
    known = find_trustee(trustees, email)
    assert known is not None
    done = replace(known, serials=(*known.serials, str(serial)))
    return [done if t is known else t for t in trustees]
