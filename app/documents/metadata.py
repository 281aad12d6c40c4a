"""Read back what Induct wrote into a PDF's metadata: which kind of document, pack and id."""

from __future__ import annotations

from pathlib import Path

from app.core.pdfium import PDFIUM
from app.core.register.pdf_facts import parse_keywords


def induct_keywords(path: Path) -> dict[str, str]:
    """{"kind": ..., "pack": ..., "id": ...} from the PDF's keywords; empty if not Induct's."""
    import pypdfium2  # only when a PDF is opened

    with PDFIUM:
        try:
            document = pypdfium2.PdfDocument(str(path))
        except (pypdfium2.PdfiumError, OSError):
            return {}
        try:
            keywords = document.get_metadata_dict().get("Keywords", "")
        finally:
            document.close()
        return parse_keywords(keywords)
