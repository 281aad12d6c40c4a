"""Forgeries through `induct register import` and `export`, as an attacker would hand them
to an officer: a self-signed "trustee", a second key in the volunteer's name, a session id
swapped after signing. None becomes a fact in the CSV."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from app.core.onboarding.acknowledgement import PERSON_FIELD
from app.core.packs import Pack
from app.signing.service import sign_pdf
from tests.e2e.test_register_cli import induct
from tests.forgery import forge_countersignature, swap_keywords, update

from ..unit.signing.support import PERSON, acknowledgement, memory_store


def _signed(pack: Pack, completed_session, folder: Path) -> Path:
    pdf = acknowledgement(pack, completed_session(pack), folder)
    sign_pdf(pdf, PERSON_FIELD, PERSON, org_id="iet", typed_name=PERSON.name, store=memory_store())
    return pdf


def _exported(tmp_path: Path) -> list[dict[str, str]]:
    target = tmp_path / "register.csv"
    result = induct("export", "--csv", str(target))
    assert result.returncode == 0, result.stderr
    with target.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_forged_files_are_refused_and_the_csv_names_no_countersigner(
    iet_pack: Pack, completed_session, tmp_path: Path
) -> None:
    """The genuine file is added; the forged countersignature and the swapped session id
    are refused (exit 1) with their reasons; the CSV shows one row, waiting for a trustee."""
    genuine = _signed(iet_pack, completed_session, tmp_path / "laptop")
    countersigned = tmp_path / "countersigned.pdf"
    shutil.copy(genuine, countersigned)
    forge_countersignature(countersigned)
    swapped = tmp_path / "swapped.pdf"
    shutil.copy(genuine, swapped)
    update(swapped, swap_keywords)
    assert induct("import", str(genuine)).returncode == 0
    result = induct("import", str(countersigned), str(swapped))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "refused: countersigned.pdf: its signatures do not check out: Trustee (Trudy Trustee): "
        "not signed by a trustee the organisation has authorised."
    ) in lines
    assert any(
        line.startswith("refused: swapped.pdf: its signatures do not check out: Person (")
        and "the document was changed after this signature" in line
        for line in lines
    )
    (row,) = _exported(tmp_path)
    assert (row["Status"], row["Countersigned by"], row["Person's signature"]) == (
        "signed",
        "",
        "needs a trustee",
    )


def test_a_second_key_in_the_same_name_supersedes_nobody(
    iet_pack: Pack, completed_session, tmp_path: Path
) -> None:
    """Two self-signed acknowledgements by "the same" person: both wait for a trustee,
    neither is marked superseded by the other."""
    first = _signed(iet_pack, completed_session, tmp_path / "laptop")
    second = _signed(iet_pack, completed_session, tmp_path / "forger")
    assert induct("import", str(first), str(second)).returncode == 0
    rows = _exported(tmp_path)
    assert [(r["Person"], r["Status"]) for r in rows] == [(PERSON.name, "signed")] * 2
