"""Names (and any text from a file) made safe to print or show, and shortened for privacy.

A name can arrive from a keyboard, a saved session, a certificate or a PDF. Whatever
its source, control characters, terminal escape sequences and bidirectional overrides
must never reach a PDF, a terminal or a window: a NUL cuts text short, an ANSI escape
can hide or recolour what follows it in a terminal, and an override reverses the
order of what follows. Joiners (ZWJ, ZWNJ) and variation selectors stay: emoji and
Persian or Indic names need them.
"""

from __future__ import annotations

import re
import unicodedata

# An ESC and what a terminal would read after it: CSI "ESC [ ... final", OSC/DCS/APC/PM
# "ESC ] ... BEL or ESC \", or a two-character escape. The 8-bit CSI (U+009B) likewise.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
)
# C0 and C1 controls (but the line breaks, below), bidi embeddings, overrides, isolates
# and marks (they reorder or hide what follows), the byte-order mark, lone surrogates.
_DROP = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e"
    "\u2066-\u2069\ufeff\ud800-\udfff]"
)
_BREAKS = re.compile("[\n\r\t\v\f\x85\u2028\u2029]")
_OTHER_BREAKS = re.compile("[\r\v\f\x85\u2028\u2029]")


def printable(text: str, keep_lines: bool = False) -> str:
    """`text` without escape sequences and control characters.

    Line breaks become spaces, or stay as "\\n" (and tabs as tabs) with `keep_lines`.
    """
    if "\x1b" in text or "\x9b" in text:
        text = _ESCAPES.sub("", text)
    if keep_lines:
        # A lone CR could overwrite what is before it on a terminal: it becomes a new line.
        text = _OTHER_BREAKS.sub("\n", text.replace("\r\n", "\n"))
    else:
        text = _BREAKS.sub(" ", text)
    return _DROP.sub("", text)


def clean_name(text: object) -> str:
    """A name as it should be printed: printable, NFC, runs of spaces folded, none at the ends.

    Anything that is not a string (a number in a damaged file) becomes an empty name.
    """
    if not isinstance(text, str):
        return ""
    return " ".join(unicodedata.normalize("NFC", printable(text)).split())


def first_name_and_initial(full_name: str) -> str:
    """ "Siân L." for "Siân Llewelyn-Jones": enough for a person to find their own onboarding.

    A name of one word (or written without spaces, as Chinese, Japanese and Korean names
    often are) shows its first character only: "王…".
    """
    words = clean_name(full_name).split()
    if not words:
        return ""
    if len(words) == 1:
        word = words[0]
        return word if len(word) == 1 else word[0] + "…"
    return f"{words[0]} {words[-1][0]}."
