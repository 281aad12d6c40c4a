"""The Markdown a policy section may use, and what `pack check` refuses.

One parser for everyone: CommonMark plus tables and strikethrough, the features the
wizard (Qt's GitHub dialect) and the PDF both render. Anything only one of them could
show (raw HTML, images, task-list boxes) is refused with its line, never printed raw.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_TASK_BOX = re.compile(r"^\[[ xX]\]\s")


def policy_parser() -> MarkdownIt:
    """CommonMark with the table and strikethrough extensions."""
    from markdown_it import MarkdownIt  # imported when a pack is read, not at start-up

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def unsupported(text: str) -> list[tuple[int, str]]:
    """(line, message) for each construct the PDF or the wizard cannot render faithfully."""
    found: list[tuple[int, str]] = []
    tokens = policy_parser().parse(text)
    in_item = False
    for index, token in enumerate(tokens):
        line = (token.map[0] + 1) if token.map else 1
        if token.type == "list_item_open":
            in_item = True
        elif token.type == "html_block":
            found.append((line, "raw HTML is not shown in the PDF; write it as Markdown"))
        elif token.type == "inline":
            found += _inline_problems(token, line, first_in_item=in_item)
            in_item = False
        elif (
            token.type == "paragraph_open" and index and tokens[index - 1].type != "list_item_open"
        ):
            in_item = False
    return found


def _inline_problems(token: Token, line: int, first_in_item: bool) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    if first_in_item and _TASK_BOX.match(token.content):
        out.append((line, "task-list boxes ('[ ]', '[x]') are not shown in the PDF; use a list"))
    offset = 0
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            offset += 1
        elif child.type == "html_inline":
            out.append(
                (line + offset, f"raw HTML {child.content!r} is not shown in the PDF; use Markdown")
            )
        elif child.type == "image":
            out.append(
                (line + offset, "images cannot be part of the policy text; describe it in words")
            )
    return out
