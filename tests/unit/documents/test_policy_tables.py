"""Markdown tables print as real tables: cells wrap, long tables split with their header."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import SimpleDocTemplate, Table

from app.documents.fonts import REGULAR
from app.documents.markdown_flowables import markdown_to_flowables
from app.documents.styles import make_styles

from .pdftools import flat, pdf_text, poppler

TABLE = """\
| Allowed | Not allowed |
| --- | --- |
| Sharing the club's own posts, with a few words of your own about why they matter | Posting photos of junior members without a parent's consent form |
"""


def render(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "table.pdf"
    SimpleDocTemplate(str(path), initialFontName=REGULAR).build(
        markdown_to_flowables(source, make_styles())
    )
    return path


def test_a_table_becomes_a_reportlab_table() -> None:
    """The parser's table is drawn as a Table flowable, not as a paragraph of pipes."""
    (flowable,) = markdown_to_flowables(TABLE, make_styles())
    assert isinstance(flowable, Table)


def test_no_pipes_reach_the_page(tmp_path: Path) -> None:
    """The printed text holds the cells' words and none of the Markdown's pipes or dashes."""
    text = pdf_text(render(tmp_path, TABLE))
    assert "|" not in text and "---" not in text


def test_long_cells_wrap_inside_their_column(tmp_path: Path) -> None:
    """A cell longer than its column wraps onto several lines beside the other column."""
    text = pdf_text(render(tmp_path, TABLE))
    first_line = next(line for line in text.splitlines() if "Sharing" in line)
    assert "Posting photos" in first_line and "matter" not in first_line


def test_a_long_table_splits_across_pages_repeating_its_header(tmp_path: Path) -> None:
    """Ninety rows take more than one page, and every page starts with the header row."""
    rows = "".join(f"| Rule {n} | Reason {n} |\n" for n in range(90))
    path = render(tmp_path, "| Rule | Reason |\n| --- | --- |\n" + rows)
    pages = int(
        next(line.split()[-1] for line in poppler("pdfinfo", path).splitlines() if "Pages" in line)
    )
    assert pages > 1
    assert all(
        flat(pdf_text(path, page, page)).startswith("Rule Reason") for page in range(1, pages + 1)
    )


def test_strikethrough_prints_its_words_without_tildes(tmp_path: Path) -> None:
    """'~~old~~' shows the word, as the wizard does, never the tildes."""
    text = pdf_text(render(tmp_path, "The ~~old~~ new rule.\n"))
    assert "The old new rule." in flat(text)
