"""Names in every script print as typed: read back from the PDF's text layer with poppler."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.acknowledgement import AcknowledgementRecord
from app.core.packs import Pack

from .pdftools import pdf_text, poppler

Render = Callable[[AcknowledgementRecord], Path]
RecordFor = Callable[..., AcknowledgementRecord]

# pdftotext marks right-to-left runs with embedding controls; they are not part of the text.
_DIRECTION_MARKS = dict.fromkeys(range(0x202A, 0x202F))

NAMES = {
    "Arabic": "محمد عبد الله",
    "Arabic with lam-alef": "سلام لافي",
    "Arabic with vowel marks": "مُحَمَّد علي",
    "Hebrew": "דוד כהן",
    "Chinese": "王小明",
    "Japanese": "山田 はなこ",
    "Korean": "김민준",
    "Devanagari": "राम कुमार शर्मा",
    "emoji": "Zoë 😀 Smith",
    "pictographs": "Ada 🚀🦄 Lovelace",
}
FALLBACK_FONT = {
    "Chinese": "DroidSansFallback",
    "Japanese": "DroidSansFallback",
    "Korean": "NanumSquare",
    "Devanagari": "NotoSansDevanagari",
    "pictographs": "Symbola",
}


def _read(path: Path, *pages: int) -> str:
    return pdf_text(path, *pages).translate(_DIRECTION_MARKS)


def _fonts(path: Path) -> dict[str, str]:
    """Embedded font name → the "emb" column of pdffonts."""
    rows = poppler("pdffonts", path).splitlines()[2:]
    return {row.split()[0].split("+", 1)[-1]: row.split()[-5] for row in rows}


@pytest.mark.parametrize("script", NAMES)
def test_the_full_name_row_reads_back_as_typed(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render, script: str
) -> None:
    """The "Full name" row's text layer is the name as typed, in reading order."""
    name = NAMES[script]
    path = render_pdf(record_for(iet_pack, full_name=name))
    assert re.search(rf"Full name\s+{re.escape(name)}\n", _read(path, 1, 1))


@pytest.mark.parametrize("script", NAMES)
def test_the_footer_reads_back_as_typed(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render, script: str
) -> None:
    """Every page's footer carries the name as typed."""
    name = NAMES[script]
    path = render_pdf(record_for(iet_pack, full_name=name))
    pages = _read(path).split("\f")[:-1]
    footers = [page.strip().splitlines()[-1] for page in pages]
    assert all(name in re.sub(r"\s+", " ", footer) for footer in footers), footers


@pytest.mark.parametrize("script", sorted(FALLBACK_FONT))
def test_scripts_dejavu_lacks_are_printed_in_an_embedded_fallback(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render, script: str
) -> None:
    """Chinese, Japanese, Korean, Devanagari and emoji DejaVu lacks are drawn in an embedded
    font that has them."""
    path = render_pdf(record_for(iet_pack, full_name=NAMES[script]))
    embedded = {name for name, emb in _fonts(path).items() if emb == "yes"}
    assert any(name.startswith(FALLBACK_FONT[script]) for name in embedded), embedded


def test_a_latin_name_embeds_no_fallback_font(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """A name DejaVu Sans prints needs no other font: the PDF stays small."""
    path = render_pdf(record_for(iet_pack, full_name="Siân Llewelyn-Jones"))
    assert all(name.startswith("DejaVuSans") for name in _fonts(path))


def test_a_hebrew_name_is_drawn_right_to_left(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """The first word of a Hebrew name stands to the right of the second on the page."""
    path = render_pdf(record_for(iet_pack, full_name="שרה לוי"))
    boxes = poppler("pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-")
    # -bbox lists each word's letters as they stand on the page, left to right.
    xs = {
        word[::-1]: float(x)
        for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', boxes)
    }
    assert xs["שרה"] > xs["לוי"]


def test_control_characters_and_escapes_never_reach_the_page(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """A NUL, a bell and an ANSI escape in a name are dropped; the whole name prints."""
    path = render_pdf(record_for(iet_pack, full_name="Ann\x00e \x1b[31mSmith\x07\x1b[0m"))
    text = _read(path, 1, 1)
    assert re.search(r"Full name\s+Anne Smith\n", text)


def test_a_name_of_ten_thousand_characters_renders(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """A very long name wraps and is shortened in the footer; the PDF is still written."""
    name = "Bartholomew " * 834
    path = render_pdf(record_for(iet_pack, full_name=name.strip()))
    last_line = _read(path, 1, 1).strip().splitlines()[-1]
    assert "Bartholomew Bartholomew" in last_line and "…" in last_line
