"""The embedded fonts, registered with reportlab once per process.

DejaVu Sans prints almost everything (Latin, Greek, Cyrillic, Arabic, Hebrew, common
emoji); the fallbacks print what it lacks: Devanagari, Chinese and Japanese, Korean, and
the emoji past the emoticons.
resources/fonts/LICENSE says where each comes from and under which licence.
"""

from __future__ import annotations

import threading
import unicodedata

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
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
# Fallback families, tried in this order: (regular, its file, bold, its file or None).
# A family without a bold face prints bold text in its regular face.
FALLBACKS = (
    (
        "NotoSansDevanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold",
        "NotoSansDevanagari-Bold.ttf",
    ),
    ("DroidSansFallback", "DroidSansFallbackFull.ttf", None, None),
    ("NanumSquare", "NanumSquareR.ttf", None, None),
    ("Symbola", "Symbola-Emoji.ttf", None, None),
)
_lock = threading.Lock()
_registered = False
_fallbacks_registered = threading.Event()
_coverage: dict[str, frozenset[int]] = {}


def load_fonts() -> str:
    """Register the main family (idempotent, thread-safe) and return its name.

    Every PDF uses these TrueType fonts, embedded as subsets, so any script a name is
    written in prints, and no base-14 font (Latin-1 only, not embedded) slips in. The
    fallbacks are registered the first time a character needs one (`font_for`).
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
            _coverage[REGULAR] = _cmap(REGULAR)
            ttfonts.makeToUnicodeCMap = to_unicode_cmap
            _registered = True
    return FAMILY


def _register_fallbacks() -> None:
    """Register every fallback family (a few MB of fonts to read, so only when needed)."""
    load_fonts()
    with _lock:
        if _fallbacks_registered.is_set():
            return
        folder = fonts_dir()
        for regular, file_name, bold, bold_file in FALLBACKS:
            pdfmetrics.registerFont(TTFont(regular, str(folder / file_name)))
            if bold and bold_file:
                pdfmetrics.registerFont(TTFont(bold, str(folder / bold_file)))
            bold_face = bold or regular
            addMapping(regular, 0, 0, regular)
            addMapping(regular, 1, 0, bold_face)
            addMapping(regular, 0, 1, regular)
            addMapping(regular, 1, 1, bold_face)
            _coverage[regular] = _cmap(regular)
        _fallbacks_registered.set()


def _cmap(name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def coverage(name: str) -> frozenset[int]:
    """The characters the registered family `name` has glyphs for."""
    if name == REGULAR:
        load_fonts()
    else:
        _register_fallbacks()
    return _coverage[name]


def font_for(char: str) -> str:
    """The family that prints `char`: DejaVu Sans if it can, else the first fallback that can."""
    load_fonts()
    code = ord(char)
    if code in _coverage[REGULAR]:
        return REGULAR
    _register_fallbacks()
    for regular, *_ in FALLBACKS:
        if code in _coverage[regular]:
            return regular
    return REGULAR  # nothing has it: DejaVu's "missing" box, and the text layer keeps it


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of a font subset: what each glyph means when text is copied.

    Replaces reportlab's, which writes characters above U+FFFF as five hex digits instead
    of UTF-16 (so an emoji reads back as another character), and maps Arabic
    presentation forms (the joined letter shapes Arabic is printed with) to the letters
    themselves, so copying a name gives back the name as typed.
    """
    entries = [f"<{code:02X}> <{_utf16_hex(char)}>" for code, char in enumerate(subset)]
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A CMap section holds at most 100 entries.
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        cmap += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    cmap += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(cmap)


def _utf16_hex(code: int) -> str:
    text = chr(code)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE:  # Arabic presentation forms
        # The page holds right-to-left text in display order (app.documents.scripts), so a
        # ligature's letters are listed in display order too: a reader that restores
        # reading order (pdftotext) reverses them with the rest of the word.
        text = unicodedata.normalize("NFKC", text)[::-1]
    return text.encode("utf-16-be", errors="replace").hex().upper()
