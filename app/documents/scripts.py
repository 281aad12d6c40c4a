"""Text in any script, laid out for reportlab, which draws characters left to right as given.

Right-to-left text (Arabic, Hebrew) is put in display order by python-bidi, Arabic
letters first joined into their printed shapes by arabic-reshaper; characters DejaVu
Sans lacks are drawn in a fallback font (app.documents.fonts). The PDF's text layer
still reads back as the text typed: pdftotext puts right-to-left runs back in reading
order, and the fonts' ToUnicode maps joined Arabic shapes back to letters.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from xml.sax.saxutils import escape

import arabic_reshaper
from arabic_reshaper.ligatures import LIGATURES
from bidi import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.core.names import printable
from app.documents.fonts import REGULAR, coverage, font_for

# Anything past Latin Extended-B may need a fallback font or reordering; most text has none.
_NEEDS_WORK = re.compile(r"[^\x00-\u024f]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def _is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def display_order(text: str) -> str:
    """`text` as it is drawn from left to right: right-to-left runs reversed, Arabic joined."""
    if not _is_rtl(text):
        return text
    if _ARABIC.search(text):
        text = _reshaper().reshape(text)
    return str(get_display(text))


@functools.cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    """Arabic joined as typed: vowel marks kept, and only the ligatures DejaVu Sans has
    (lam-alef); a word ligature such as "Allah" would print as a missing glyph."""
    have = coverage(REGULAR)
    config: dict[str, object] = {"delete_harakat": False, "support_ligatures": True}
    for name, (_, forms) in LIGATURES:
        config[name] = all(ord(form) in have for form in forms if form)
    return arabic_reshaper.ArabicReshaper(configuration=config)


def font_runs(text: str, base: str = REGULAR) -> Iterator[tuple[str, str]]:
    """(font, text) pieces of `text`, each in the first font that has its characters.

    `base` stands for the main family; spaces and marks stay with the run they are in.
    """
    current, start = base, 0
    for index, char in enumerate(text):
        if char.isspace() or unicodedata.combining(char) or char in "\u200c\u200d":
            continue
        font = font_for(char)
        font = base if font == REGULAR else font
        if font != current:
            if index > start:
                yield current, text[start:index]
            current, start = font, index
    if start < len(text):
        yield current, text[start:]


def markup(text: object) -> str:
    """Text for reportlab's paragraph markup, printed as typed in whatever script it is in.

    Control characters and escape sequences are removed; `<`, `&`, `>` and quotes print
    as themselves; runs a fallback font prints are wrapped in <font face=…>, which keeps
    any surrounding <b> (the fallback's bold face is mapped in app.documents.fonts).
    """
    text = str(text)
    if text.isascii() and text.isprintable():
        return _escape(text)  # most text: nothing to remove, reorder or put in another font
    text = printable(text, keep_lines=True)
    if not _NEEDS_WORK.search(text):
        return _escape(text)
    parts = []
    for font, run in font_runs(display_order(text)):
        if font == REGULAR:
            parts.append(_escape(run))
        else:
            parts.append(f'<font face="{font}">{_escape(run)}</font>')
    return "".join(parts)


def _escape(text: str) -> str:
    # Only &, < and > mean anything in a paragraph's text; quotes matter in attributes only
    # (esc_attr). Escaped, each apostrophe would be a character reference, which reportlab
    # parses into a fragment of its own: a paragraph of several fragments takes its slow
    # line breaker, about eight times slower than a paragraph of one.
    return escape(text)


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw one line of `text` at (x, y) in `font`, falling back per run as `markup` does."""
    text = display_order(printable(text))
    for run_font, run in font_runs(text, base=font):
        canvas.setFont(run_font, size)
        canvas.drawString(x, y, run)
        x += canvas.stringWidth(run, run_font, size)


def text_width(text: str, font: str, size: float) -> float:
    """How wide `text` is once drawn by `draw_text`."""
    text = printable(text)
    if not _NEEDS_WORK.search(text):
        return float(stringWidth(text, font, size))
    return float(sum(stringWidth(run, f, size) for f, run in font_runs(text, base=font)))
