"""Hostile packs and templates: each costs one problem line, never a hang, a flood or a crash."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core import paths
from app.core.consent.templates import load_template
from app.core.packs import check_pack, discover_packs
from app.core.problems import DataError

BUNDLED = paths.bundled_packs_dir()


@pytest.fixture
def hostile_pack(tmp_path: Path) -> Callable[[str], Path]:
    """A copy of the IOM3 pack under `packs/<name>`, for a test to spoil."""

    def make(name: str) -> Path:
        folder = tmp_path / "packs" / name
        shutil.copytree(BUNDLED / "iom3", folder)
        return folder

    return make


def _prepend(toml: Path, text: str) -> None:
    toml.write_text(text + toml.read_text(encoding="utf-8"), encoding="utf-8")


def _messages(folder: Path) -> list[str]:
    started = time.monotonic()
    problems = check_pack(folder)
    assert time.monotonic() - started < 10, "a hostile pack took too long to refuse"
    return [f"{p.file.name}: {p.message}" for p in problems]


def test_deep_nesting_is_refused(hostile_pack) -> None:
    """TOML nested 3,000 deep is one problem, not a RecursionError."""
    pack = hostile_pack("deep")
    _prepend(pack / "pack.toml", "x = " + "[" * 3000 + "]" * 3000 + "\n")
    assert _messages(pack) == ["pack.toml: nests tables or lists too deeply (at most 16)"]


def test_a_5000_digit_number_is_refused(hostile_pack) -> None:
    """A number longer than Python reads is reported, not raised."""
    pack = hostile_pack("long-number")
    _prepend(pack / "pack.toml", "x = " + "9" * 5000 + "\n")
    [message] = _messages(pack)
    assert message.startswith("pack.toml: holds a number too long to read")


def test_a_huge_hex_value_is_refused(hostile_pack) -> None:
    """A hex literal of 100,000 digits (no digit limit in Python) is over the number bound."""
    pack = hostile_pack("hex")
    _prepend(pack / "pack.toml", "x = 0x" + "f" * 100_000 + "\n")
    assert _messages(pack) == [
        "pack.toml: holds a number larger than Induct reads (1,000,000,000,000)"
    ]


def test_a_ten_megabyte_title_is_refused_quickly(hostile_pack) -> None:
    """A pack.toml of 10 MB is refused by its size before it is parsed."""
    pack = hostile_pack("big-title")
    toml = pack / "pack.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('title = "', 'title = "' + "x" * 10_000_000, 1),
        encoding="utf-8",
    )
    assert _messages(pack) == ["pack.toml: it is larger than 1 MB"]


def test_a_fifo_as_pack_toml_does_not_hang(hostile_pack) -> None:
    """A named pipe in place of pack.toml is refused at once."""
    pack = hostile_pack("fifo")
    (pack / "pack.toml").unlink()
    os.mkfifo(pack / "pack.toml")
    assert _messages(pack) == ["pack.toml: it is not a regular file"]


def test_a_section_linked_to_dev_zero_is_refused(hostile_pack) -> None:
    """A section file that is a link to /dev/zero is refused as outside the pack folder."""
    pack = hostile_pack("zero")
    section = pack / "policy" / "01-introduction.md"
    section.unlink()
    section.symlink_to("/dev/zero")
    assert _messages(pack) == [
        "pack.toml: section file 'policy/01-introduction.md' must be inside the pack folder"
    ]


def test_a_fifty_megabyte_section_is_refused(hostile_pack) -> None:
    """A section of 50 MB is refused by its size, not rendered for minutes."""
    pack = hostile_pack("huge-section")
    section = pack / "policy" / "01-introduction.md"
    with section.open("ab") as out:
        out.truncate(50 * 1024 * 1024)
    assert _messages(pack) == ["01-introduction.md: it is larger than 1 MB"]


def test_a_nul_in_a_section_file_name_is_refused(hostile_pack) -> None:
    """A NUL in a section's file name is a problem on that field."""
    pack = hostile_pack("nul")
    toml = pack / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    first_file = text.split('file = "', 1)[1].split('"', 1)[0]
    toml.write_text(text.replace(f'file = "{first_file}"', 'file = "a\\u0000b.md"', 1), "utf-8")
    assert _messages(pack) == ["pack.toml: a section file name must not hold a NUL character"]


def test_one_hostile_pack_leaves_the_others_working(tmp_path: Path, hostile_pack) -> None:
    """With a hostile pack beside them, the good packs still load and the bad one is listed."""
    pack = hostile_pack("deep")
    _prepend(pack / "pack.toml", "x = " + "[" * 3000 + "]" * 3000 + "\n")
    shutil.copytree(BUNDLED / "iet", tmp_path / "packs" / "iet")
    catalogue = discover_packs([tmp_path / "packs"])
    assert (sorted(catalogue.packs), [p.name for p in catalogue.broken]) == (["iet"], ["deep"])


def test_a_template_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    """A consent template that is a named pipe is refused with the reason."""
    fifo = tmp_path / "quote.toml"
    os.mkfifo(fifo)
    with pytest.raises(DataError) as caught:
        load_template(fifo)
    assert [p.message for p in caught.value.problems] == ["it is not a regular file"]
