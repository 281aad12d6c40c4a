"""Policy Markdown rendered to PDF: lists, emphasis, links, and text that looks like markup."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.platypus import SimpleDocTemplate

from app.documents.fonts import REGULAR
from app.documents.markdown_flowables import markdown_to_flowables
from app.documents.styles import make_styles

from .pdftools import flat, pdf_text, poppler

SOURCE = """\
**2.1** Plain words with <b>tags</b> & "double" and 'single' quotes, 5 < 6 &amp; so on.

1. First step
   - nested point <x>
     - deeper still
2. Second step with *emphasis* and a [link](https://example.org/?a=1&b=2)

### A heading inside a section

- one
- two

Write to [the team](mailto:team@example.org) or <https://example.org/plain>.

<div>raw HTML stays text</div>
"""


def _render(tmp_path: Path, source: str = SOURCE) -> Path:
    path = tmp_path / "markdown.pdf"
    doc = SimpleDocTemplate(str(path), initialFontName=REGULAR)
    doc.build(markdown_to_flowables(source, make_styles()))
    return path


def test_markup_characters_print_literally(tmp_path: Path) -> None:
    """Angle brackets, ampersands, quotes and raw HTML print exactly as written."""
    text = flat(pdf_text(_render(tmp_path)))
    assert (
        "2.1 Plain words with <b>tags</b> & \"double\" and 'single' quotes, 5 < 6 & so on."
    ) in text
    assert "nested point <x>" in text
    assert "<div>raw HTML stays text</div>" in text


def test_numbered_and_nested_lists(tmp_path: Path) -> None:
    """Ordered items keep their numbers; nested bullets sit under their item."""
    lines = [line.strip() for line in pdf_text(_render(tmp_path)).splitlines() if line.strip()]
    first = lines.index("1. First step")
    assert lines[first + 1].endswith("nested point <x>")
    assert lines[first + 2].endswith("deeper still")
    assert lines[first + 3].startswith("2. Second step with emphasis")
    assert re.match(r"◦\s+nested point", lines[first + 1])  # the inner bullet differs
    assert any(re.fullmatch(r"•\s+one", line) for line in lines)


def test_links_show_their_address(tmp_path: Path) -> None:
    """A link's address is printed beside its text, unless the text already is the address."""
    text = flat(pdf_text(_render(tmp_path)))
    assert "a link (https://example.org/?a=1&b=2)" in text
    assert "the team (team@example.org)" in text
    assert "https://example.org/plain." in text
    assert "(https://example.org/plain)" not in text


def test_bold_and_italic_use_embedded_dejavu(tmp_path: Path) -> None:
    """Bold and italic text use the embedded DejaVu Sans faces, nothing else."""
    rows = poppler("pdffonts", _render(tmp_path)).splitlines()[2:]
    names = {row.split()[0].split("+", 1)[-1] for row in rows}
    assert names == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}
    assert all(row.split()[-5] == "yes" for row in rows)


def test_a_heading_prints_as_its_text(tmp_path: Path) -> None:
    """A Markdown heading shows its words, not its hashes."""
    text = pdf_text(_render(tmp_path))
    assert "A heading inside a section" in text
    assert "###" not in text
