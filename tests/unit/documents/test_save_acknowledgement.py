"""Saving the acknowledgement: a readable, safe file name; never an overwrite; no leftovers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.acknowledgement import AcknowledgementRecord
from app.core.packs import Pack
from app.documents.acknowledgement import save_acknowledgement

RecordFor = Callable[..., AcknowledgementRecord]


def test_file_name_names_pack_person_and_date(
    iet_pack: Pack, record_for: RecordFor, tmp_path: Path
) -> None:
    """The file is called after the organisation, the person and the signing date."""
    path = save_acknowledgement(record_for(iet_pack), tmp_path / "out")
    assert path == tmp_path / "out" / "IET acknowledgement - Siân Llewelyn-Jones - 2026-11-21.pdf"
    assert path.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ('O\'Brien <Ltd> & "Sons"', "O'Brien Ltd & Sons"),
        ("a/b\\c:d*e?f|g", "abcdefg"),
        ("Анна Кузнецова.", "Анна Кузнецова"),
        ("<>", "unnamed"),
        ("李" * 200, "李" * 40),
    ],
)
def test_characters_illegal_in_file_names_are_dropped(
    iet_pack: Pack, record_for: RecordFor, tmp_path: Path, name: str, shown: str
) -> None:
    """Characters Windows, macOS or Linux refuse in a file name are left out of it."""
    path = save_acknowledgement(record_for(iet_pack, full_name=name), tmp_path)
    assert path.name == f"IET acknowledgement - {shown} - 2026-11-21.pdf"


def test_never_overwrites_and_leaves_no_temporary_file(
    iet_pack: Pack, record_for: RecordFor, tmp_path: Path
) -> None:
    """Saving again adds " (2)", " (3)"; earlier files stay untouched, nothing else is left."""
    record = record_for(iet_pack)
    first = save_acknowledgement(record, tmp_path)
    first_bytes = first.read_bytes()
    second = save_acknowledgement(record, tmp_path)
    third = save_acknowledgement(record, tmp_path)
    stem = "IET acknowledgement - Siân Llewelyn-Jones - 2026-11-21"
    assert second.name == f"{stem} (2).pdf"
    assert third.name == f"{stem} (3).pdf"
    assert first.read_bytes() == first_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [first.name, second.name, third.name]
    )


def test_a_file_already_there_is_kept(
    iom3_pack: Pack, record_for: RecordFor, tmp_path: Path
) -> None:
    """A file someone else put under the chosen name is left as it was."""
    taken = tmp_path / "IOM3 acknowledgement - Siân Llewelyn-Jones - 2026-11-21.pdf"
    taken.write_bytes(b"not ours")
    path = save_acknowledgement(record_for(iom3_pack), tmp_path)
    assert taken.read_bytes() == b"not ours"
    assert path.name == "IOM3 acknowledgement - Siân Llewelyn-Jones - 2026-11-21 (2).pdf"
