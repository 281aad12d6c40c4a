"""The pack's [register] table: renew after N months, 12 by default, checked on load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core import paths
from app.core.packs import Pack, check_pack, load_pack
from app.core.register.status import rules_for


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    target = tmp_path / "packs" / "iet"
    shutil.copytree(paths.bundled_packs_dir() / "iet", target)
    return target


def set_register_table(pack: Path, table: str) -> Path:
    """Replace the pack's [register] table with `table` ("" removes it)."""
    toml = pack / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("[register]\nrenew_after_months = 12\n", table), encoding="utf-8")
    return toml


def test_bundled_packs_renew_every_twelve_months(iet_pack: Pack, iom3_pack: Pack) -> None:
    """Both bundled packs say so explicitly, and the rule reaches the register."""
    assert iet_pack.register.renew_after_months == 12
    rules = rules_for([iet_pack, iom3_pack])
    assert rules["iom3"].policy_version == iom3_pack.policy.version
    assert rules["iet"].policy_sha256 == iet_pack.policy_sha256


def test_without_the_table_the_default_is_twelve(pack_copy: Path) -> None:
    """[register] is optional: a pack that leaves it out renews yearly."""
    set_register_table(pack_copy, "")
    assert load_pack(pack_copy).register.renew_after_months == 12


def test_a_pack_sets_its_own_period(pack_copy: Path) -> None:
    """An organisation that reviews every two years says 24."""
    set_register_table(pack_copy, "[register]\nrenew_after_months = 24\n")
    assert load_pack(pack_copy).register.renew_after_months == 24


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "[register]\nrenew_after_months = 0\n",
            "'register.renew_after_months' is 0; it must be between 1 and 120 months",
        ),
        (
            '[register]\nrenew_after_months = "yearly"\n',
            "'register.renew_after_months' must be a whole number",
        ),
        ("[register]\nrenew_every = 12\n", "unknown key 'register.renew_every'"),
    ],
)
def test_a_bad_rule_is_reported_with_its_line(pack_copy: Path, table: str, message: str) -> None:
    """A wrong value or a typo in [register] names the file, the line and the key."""
    toml = set_register_table(pack_copy, table)
    lines = toml.read_text(encoding="utf-8").splitlines()
    line = lines.index("[register]") + 2
    problems = check_pack(pack_copy)
    assert [(p.line, p.message) for p in problems] == [(line, message)]
    assert all(p.file == toml for p in problems)
