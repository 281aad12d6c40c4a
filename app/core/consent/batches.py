"""Printed batches: which form IDs were printed, of which form, for which event.

A returned paper form carries only its form ID. Each batch printed is noted here, one
small JSON file per batch beside the register, so the ID leads back to the exact form
(pack, template and version, event, date, partners, and the hash of its text).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.core.atomic import write_text_atomic

FOLDER = "printed-forms"
# A form ID: pack, template, eight characters of Crockford's alphabet (records.new_form_id).
FORM_ID = re.compile(
    r"[A-Z0-9][A-Z0-9-]{0,39}-[A-Z0-9]{1,3}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"
)


def is_form_id(text: str) -> bool:
    return FORM_ID.fullmatch(text) is not None


def normalise_form_id(text: str) -> str:
    """A typed form ID as printed: capitals, and the letters people mistype for digits."""
    text = re.sub(r"\s+", "", text).upper()
    head, _, tail = text.rpartition("-")
    if not head:
        return text
    prefix, _, middle = head.rpartition("-")
    fix = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
    return f"{prefix}-{middle.translate(fix)}-{tail.translate(fix)}" if prefix else text


@dataclass(frozen=True)
class PrintedBatch:
    batch_id: str
    pack_id: str
    template_id: str
    template_version: str
    text_sha256: str
    event: str
    date: str
    partners: str
    printed_at: str
    file: str
    form_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["form_ids"] = list(self.form_ids)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PrintedBatch:
        return cls(**{**data, "form_ids": tuple(data["form_ids"])})

    def describe(self) -> str:
        when = f" on {self.date}" if self.date else ""
        what = f"{self.event}{when}" if self.event else "no event named"
        return f"{self.template_id} form, {what} (printed {self.printed_at[:10]})"


class BatchLog:
    """The printed batches noted in `folder` (beside the register by default)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def beside(cls, register: Path) -> BatchLog:
        return cls(Path(register).parent / FOLDER)

    def add(self, batch: PrintedBatch) -> Path:
        path = self.folder / f"{batch.batch_id}.json"
        write_text_atomic(path, json.dumps(batch.to_dict(), indent=1, ensure_ascii=False))
        return path

    def batches(self) -> list[PrintedBatch]:
        """Every batch that can be read, oldest first; a damaged file is passed over."""
        out = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                out.append(PrintedBatch.from_dict(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, TypeError, KeyError):
                continue
        return sorted(out, key=lambda b: b.printed_at)

    def index(self) -> dict[str, PrintedBatch]:
        """Each printed form ID and its batch."""
        return {form_id: b for b in self.batches() for form_id in b.form_ids}

    def find(self, form_id: str) -> PrintedBatch | None:
        return self.index().get(form_id)
