"""What the windows write into rich text: its colours, escaping, and button texts taken as
written. Kept apart from the page helpers so the home window needs nothing else."""

from __future__ import annotations

import html


def no_mnemonic(text: str) -> str:
    """`text` for a button or check box as written: an "&" in a name is shown, not taken
    as the next letter's keyboard shortcut."""
    return text.replace("&", "&&")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


GOOD = "#1b5e20"
WARN = "#7a4f00"
BAD = "#b00020"
