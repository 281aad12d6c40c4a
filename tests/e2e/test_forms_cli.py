"""`induct forms check` and `induct forms build` from the shell: files, messages, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.core.consent.templates import bundled_forms_dir
from tests.unit.documents.pdftools import poppler

from .test_cli import induct


def _pages(path: Path) -> int:
    info = poppler("pdfinfo", path)
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_forms_check_passes_the_bundled_templates() -> None:
    """With no folder it checks the templates that come with Induct."""
    result = induct("forms", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "templates are good" in result.stdout


def test_forms_check_lists_problems_as_file_line_message(tmp_path: Path) -> None:
    """Broken templates exit 1 with one FILE:LINE: message line each, no traceback."""
    forms = tmp_path / "forms"
    shutil.copytree(bundled_forms_dir(), forms)
    quote = forms / "quote.toml"
    quote.write_text(
        quote.read_text(encoding="utf-8").replace('title = "', 'titel = "', 1), encoding="utf-8"
    )
    (forms / "bad.toml").write_bytes(b'id = "x\xff"\n')
    result = induct("forms", "check", str(forms))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert f"{forms / 'bad.toml'}:1: not valid UTF-8 text (byte 0xff); save it as UTF-8" in lines
    assert f"{quote}:1: 'title' is missing" in lines
    assert any(line.startswith(f"{quote}:8: unknown key 'titel'") for line in lines)
    assert "Traceback" not in result.stderr


def test_forms_build_writes_one_pdf_with_every_copy(tmp_path: Path) -> None:
    """Five guardian forms for IOM3 in one PDF; no progress line when output is not a TTY."""
    out = tmp_path / "out"
    result = induct(
        "forms",
        "build",
        "--pack",
        "iom3",
        "--form",
        "guardian",
        "--event",
        "Schools day",
        "--date",
        "2026-06-12",
        "--copies",
        "5",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    (pdf,) = out.iterdir()
    assert result.stdout.strip() == str(pdf)
    assert pdf.name == "IOM3 guardian forms - Schools day - 2026-06-12 - 5 copies.pdf"
    assert _pages(pdf) % 5 == 0 and _pages(pdf) >= 10
    text = poppler("pdftotext", pdf, "-")
    assert text.count("Page 1 of") == 5 and "Schools day" in text
    assert "Writing copy" not in result.stdout


def test_forms_build_fillable_writes_one_file_per_copy(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = induct(
        "forms",
        "build",
        "--pack",
        "iet",
        "--form",
        "quote",
        "--copies",
        "2",
        "--fillable",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert len(list(out.iterdir())) == 2 and len(result.stdout.strip().splitlines()) == 2


def test_forms_build_explains_wrong_arguments(tmp_path: Path) -> None:
    """Unknown pack or form, a bad date, no copies: a one-line reason, exit 2, nothing written."""
    out = str(tmp_path / "out")
    cases = [
        (
            ["--pack", "ieee", "--form", "quote"],
            "there is no pack 'ieee'; the packs are: iet, iom3",
        ),
        (
            ["--pack", "iet", "--form", "photo"],
            "there is no form 'photo'; the forms are: guardian, publicity, quote",
        ),
        (
            ["--pack", "iet", "--form", "quote", "--date", "21/11/2026"],
            "'21/11/2026' is not a date; write it as YYYY-MM-DD",
        ),
        (
            ["--pack", "iet", "--form", "quote", "--copies", "0"],
            "the number of copies must be a whole number, 1 or more",
        ),
    ]
    for args, message in cases:
        result = induct("forms", "build", *args, "--out", out)
        assert result.returncode == 2, args
        assert message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not Path(out).exists()
