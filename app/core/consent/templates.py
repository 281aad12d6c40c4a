"""Consent-form templates (forms/*.toml): wording and tick boxes as data, validated on load.

A template is a list of blocks (text, fields, opt-ins, choices, ...) whose wording takes the
organisation's details from the pack through {placeholders}; docs/forms.md is the format.
Problems are reported as FILE:LINE: message through the same `TableReader` as packs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core import paths
from app.core.consent.blocks import (
    KINDS,
    Block,
    FieldSpec,
    Option,
    SignerSlot,
    check_kind,
    check_placeholders,
    read_block,
)
from app.core.problems import DataError, Problem
from app.core.reading import TOML_LIMIT, parse_toml, read_text
from app.core.schema import TableReader
from app.core.toml_lines import TomlLocator
from app.core.validation import is_id, parse_date

TEMPLATE_SCHEMA = 1
__all__ = [
    "Block",
    "ConsentTemplate",
    "FieldSpec",
    "Option",
    "SignerSlot",
    "bundled_forms_dir",
    "check_templates",
    "load_template",
    "load_templates",
]


@dataclass(frozen=True)
class ConsentTemplate:
    id: str
    kind: str
    version: str
    date: str
    title: str
    intro: str
    blocks: tuple[Block, ...]
    file: Path

    @property
    def version_label(self) -> str:
        """What every page carries (C9): "Template publicity, version 1.0, 2026-05-01"."""
        return f"Template {self.id}, version {self.version}, {self.date}"

    def block(self, block_id: str) -> Block:
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)

    def blocks_of(self, block_type: str) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.type == block_type)

    def field_specs(self) -> tuple[FieldSpec, ...]:
        return tuple(f for b in self.blocks_of("fields") for f in b.fields)


def bundled_forms_dir() -> Path:
    """The templates that come with Induct (forms/)."""
    return paths.bundled_dir("forms")


def load_template(path: Path) -> ConsentTemplate:
    """Load and validate one template file, or raise DataError naming every problem."""
    path = Path(path)
    if not path.exists():
        raise DataError([Problem(path, 1, "no such template file")])
    text = read_text(path, TOML_LIMIT, inside=path.parent)
    data = parse_toml(text, path)
    problems: list[Problem] = []
    top = TableReader(data, (), path, TomlLocator(text), problems)
    template = _read_template(top, path)
    top.finish()
    if problems:
        raise DataError(problems)
    return template


def check_templates(folder: Path) -> list[Problem]:
    """Every problem with the templates (*.toml) in `folder`; empty when all are good."""
    folder = Path(folder)
    if not folder.is_dir():
        return [Problem(folder, 1, "no such folder; templates are the .toml files in a folder")]
    files = sorted(folder.glob("*.toml"))
    if not files:
        return [Problem(folder, 1, "no templates (*.toml files) in this folder")]
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for file in files:
        try:
            template = load_template(file)
        except DataError as error:
            problems += error.problems
            continue
        if template.id in seen:
            problems.append(
                Problem(
                    file, 1, f"template id {template.id!r} is also used by {seen[template.id].name}"
                )
            )
        seen[template.id] = file
    return problems


def load_templates(folder: Path) -> dict[str, ConsentTemplate]:
    """The good templates in `folder` by id; `check_templates` reports the broken ones."""
    templates: dict[str, ConsentTemplate] = {}
    for file in sorted(Path(folder).glob("*.toml")):
        try:
            template = load_template(file)
        except (DataError, OSError):
            continue
        templates.setdefault(template.id, template)
    return templates


def _read_template(top: TableReader, path: Path) -> ConsentTemplate:
    schema = top.integer("schema")
    if schema and schema != TEMPLATE_SCHEMA:
        top.problem(
            f"schema {schema} is not one this version of Induct reads ({TEMPLATE_SCHEMA})",
            ("schema",),
        )
    template_id = top.text("id")
    if template_id and not is_id(template_id):
        top.problem("'id' must be lower-case letters, digits and '-'", ("id",))
    date = top.text("date")
    if date:
        try:
            parse_date(date)
        except ValueError:
            top.problem(
                f"'date' is {date!r}; write it as YYYY-MM-DD, a day in the calendar", ("date",)
            )
    template = ConsentTemplate(
        id=template_id,
        kind=top.choice("kind", KINDS),
        version=top.text("version"),
        date=date,
        title=top.text("title"),
        intro=top.text("intro"),
        blocks=tuple(read_block(b) for b in top.array("blocks")),
        file=path,
    )
    for key in ("title", "intro"):
        check_placeholders(top, key, getattr(template, key))
    _check_unique(top, [b.id for b in template.blocks], "block id")
    _check_unique(top, [f.key for f in template.field_specs()], "field key")
    for message in check_kind(template.kind, template.blocks, (template.title, template.intro)):
        top.problem(message)
    return template


def _check_unique(t: TableReader, ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id and item_id in seen:
            t.problem(f"{what} {item_id!r} is used twice", ("blocks",))
        seen.add(item_id)
