"""An officer on the command line: print a batch, scan the returned forms, record them by
their codes, print the photographer's list; and the flags for forms that cannot be used."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image, ImageFilter

from tests.unit.documents.pdftools import flat, poppler

from .test_cli import induct

_FORM_ID = re.compile(r"IET-PUB-[0-9A-Z]{4}-[0-9A-Z]{4}")


def _returned(pdf: Path, folder: Path) -> list[Path]:
    """The printed pages as a scanner gives them back: grey, tilted 2°, slightly blurred."""
    poppler("pdftoppm", "-r", "150", "-gray", pdf, folder / "page")
    out = []
    for number, page in enumerate(sorted(folder.glob("page-*.pgm"))):
        with Image.open(page) as picture:
            tilted = picture.rotate(2 if number % 2 else -2, fillcolor=255, expand=True)
        target = folder / f"scan-{number}.png"
        tilted.filter(ImageFilter.GaussianBlur(0.8)).save(target)
        out.append(target)
    return out


def test_print_scan_record_and_list_for_the_photographer(tmp_path: Path) -> None:
    """Two forms printed and returned: both recorded by their codes, then on the list."""
    out = tmp_path / "out"
    built = induct(
        "forms", "build", "--pack", "iet", "--form", "publicity", "--event", "Open day",
        "--date", "2026-06-12", "--copies", "2", "--out", str(out),
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    scans = _returned(Path(built.stdout.strip()), tmp_path)
    scanned = induct("forms", "scan", *map(str, reversed(scans)))
    ids = list(dict.fromkeys(_FORM_ID.findall(scanned.stdout)))
    assert (scanned.returncode, len(ids), scanned.stdout.count("; ready to record.")) == (0, 2, 2)
    for form_id, name, ticks in (
        (ids[0], "Priya Shah", ["--tick", "media.photo", "--choice", "identification=full-name"]),
        (ids[1], "Tom Jones", ["--do-not-photograph"]),
    ):
        recorded = induct(
            "forms", "record", form_id.lower(), "--scan", *map(str, scans), "--name", name,
            "--received-by", "Sam Patel", "--field", "role=Member", *ticks,
            "--out", str(tmp_path / "kept"),
        )  # fmt: skip
        assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    csv_path, pdf_path = tmp_path / "list.csv", tmp_path / "list.pdf"
    listed = induct(
        "forms", "list", "photographer", "open day", "--on", "2026-06-12",
        "--csv", str(csv_path), "--pdf", str(pdf_path),
    )  # fmt: skip
    printed = flat(poppler("pdftotext", "-layout", pdf_path, "-"))
    assert (
        listed.returncode,
        csv_path.read_text(encoding="utf-8-sig").splitlines()[1:],
        "Tom Jones Do NOT photograph or film" in printed,
    ) == (
        0,
        [f"Tom Jones,Do NOT photograph or film,,{ids[1]}",
         f"Priya Shah,May photograph and name,full name,{ids[0]}"],
        True,
    )  # fmt: skip


def test_a_form_recorded_twice_is_refused(tmp_path: Path) -> None:
    """The second `forms record` of the same form ID exits 2 saying it is already recorded."""
    built = induct("forms", "build", "--pack", "iet", "--form", "publicity", "--out", str(tmp_path))
    scans = _returned(Path(built.stdout.strip()), tmp_path)
    (form_id,) = set(_FORM_ID.findall(induct("forms", "scan", str(scans[0])).stdout))
    args = ("forms", "record", form_id, "--scan", str(scans[0]), "--name", "Priya Shah",
            "--received-by", "Sam", "--field", "role=Member", "--out", str(tmp_path / "k"))  # fmt: skip
    first, second = induct(*args), induct(*args)
    assert (first.returncode, second.returncode) == (0, 2)
    assert "already recorded for Priya Shah" in second.stderr


def test_a_scan_of_a_form_never_printed_here_is_flagged(tmp_path: Path) -> None:
    """A form printed on another laptop (another data folder) is flagged and exits 1."""
    built = induct(
        "forms", "build", "--pack", "iet", "--form", "quote", "--out", str(tmp_path),
        env={"XDG_DATA_HOME": str(tmp_path / "elsewhere")},
    )  # fmt: skip
    scans = _returned(Path(built.stdout.strip()), tmp_path)
    scanned = induct("forms", "scan", str(scans[0]))
    assert scanned.returncode == 1 and "FLAG IET-QUO-" in scanned.stdout
    assert "no batch printed here has this form ID" in scanned.stdout


def test_a_file_that_is_not_a_scan_is_named(tmp_path: Path) -> None:
    """A text file given as a scan: one line naming it, exit 2, no traceback."""
    notes = tmp_path / "notes.pdf"
    notes.write_text("not a pdf", encoding="utf-8")
    result = induct("forms", "scan", str(notes))
    assert (result.returncode, "Traceback" in result.stderr) == (2, False)
    assert result.stderr.startswith(f"induct: {notes}: not a PDF that can be read")


def test_a_missing_line_is_named_with_its_field_key(tmp_path: Path) -> None:
    """Recording without the person's role: exit 1, what to fill in and the --field key."""
    built = induct("forms", "build", "--pack", "iet", "--form", "publicity", "--out", str(tmp_path))
    scans = _returned(Path(built.stdout.strip()), tmp_path)
    (form_id,) = set(_FORM_ID.findall(induct("forms", "scan", str(scans[0])).stdout))
    result = induct(
        "forms", "record", form_id, "--scan", str(scans[0]), "--name", "Priya Shah",
        "--received-by", "Sam", "--out", str(tmp_path / "k"),
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("Fill in “Your role”.\n")
    assert "role (Your role)" in result.stderr and "media.photo" in result.stderr
