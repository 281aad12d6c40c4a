"""Fixtures for the consent tests: the bundled templates, forms for a pack, PDFs on disk."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.consent.form import ConsentForm
from app.core.consent.templates import ConsentTemplate, bundled_forms_dir, load_templates
from app.core.packs import Pack

PACK_IDS = ("iet", "iom3")
TEMPLATE_IDS = ("publicity", "quote", "guardian")


@pytest.fixture(scope="session")
def templates() -> dict[str, ConsentTemplate]:
    return load_templates(bundled_forms_dir())


@pytest.fixture(scope="session")
def packs(iet_pack: Pack, iom3_pack: Pack) -> dict[str, Pack]:
    return {"iet": iet_pack, "iom3": iom3_pack}


@pytest.fixture
def form_for(
    packs: dict[str, Pack], templates: dict[str, ConsentTemplate]
) -> Callable[..., ConsentForm]:
    """`form_for("iet", "guardian", event=..., date=...)`."""

    def build(pack_id: str, template_id: str, **prefill: str) -> ConsentForm:
        return ConsentForm(packs[pack_id], templates[template_id], prefill)

    return build


@pytest.fixture
def forms_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled templates, to break in different ways."""
    target = tmp_path / "forms"
    shutil.copytree(bundled_forms_dir(), target)
    return target


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
