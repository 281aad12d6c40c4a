"""The embedded DejaVu Sans family, registered with reportlab once per process."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.core.paths import fonts_dir

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the family (idempotent, thread-safe) and return its name.

    Every PDF uses these TrueType fonts, embedded as subsets, so any script a name is
    written in prints, and no base-14 font (Latin-1 only, not embedded) slips in.
    """
    global _registered
    with _lock:
        if not _registered:
            folder = fonts_dir()
            for name, file_name in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(folder / file_name)))
            # <b> and <i> inside paragraphs pick the right face through these mappings.
            addMapping(FAMILY, 0, 0, REGULAR)
            addMapping(FAMILY, 1, 0, BOLD)
            addMapping(FAMILY, 0, 1, ITALIC)
            addMapping(FAMILY, 1, 1, BOLD_ITALIC)
            _registered = True
    return FAMILY
