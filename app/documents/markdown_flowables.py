"""Policy Markdown (CommonMark plus tables, parsed by markdown-it-py) as reportlab flowables.

The parser is the one `pack check` validates with (app.core.policy_markdown), so what the
checker accepts is exactly what is drawn here; tables become real tables that wrap and
split across pages, repeating their header row.
"""

from __future__ import annotations

import functools
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Indenter,
    ListFlowable,
    ListItem,
    Preformatted,
    Table,
    TableStyle,
)

from app.core.policy_markdown import policy_parser
from app.documents.fonts import BOLD, REGULAR
from app.documents.paragraph import Paragraph
from app.documents.styles import ACCENT, RULE, SHADE, Styles, esc, esc_attr

_BULLETS = ("•", "◦", "▪")  # outer to inner; all in DejaVu Sans


@functools.cache
def _parser() -> MarkdownIt:
    """The policy parser, made once: making one costs more than parsing a section."""
    return policy_parser()


def markdown_to_flowables(text: str, styles: Styles) -> list[Flowable]:
    """Flowables for Markdown `text`: paragraphs, headings, nested lists, quotes, links.

    Every character of the source text is escaped before it reaches reportlab's
    paragraph markup, so `<`, `&` and quotes print literally; raw HTML prints as text.
    """
    tree = SyntaxTreeNode(_parser().parse(text))
    return _blocks(tree.children, styles, depth=0)


def _blocks(nodes: list[SyntaxTreeNode], styles: Styles, depth: int) -> list[Flowable]:
    out: list[Flowable] = []
    for node in nodes:
        out.extend(_block(node, styles, depth))
    return out


def _block(node: SyntaxTreeNode, styles: Styles, depth: int) -> list[Flowable]:
    kind = node.type
    if kind == "paragraph":
        return [Paragraph(inline_markup(node.children), styles.body)]
    if kind == "heading":
        return [Paragraph(inline_markup(node.children), styles.h3)]
    if kind in ("bullet_list", "ordered_list"):
        return [_list(node, styles, depth)]
    if kind == "blockquote":
        return [Indenter(left=14), *_blocks(node.children, styles, depth), Indenter(left=-14)]
    if kind == "hr":
        return [HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=4, spaceAfter=8)]
    if kind == "table":
        return [_table(node, styles)]
    if kind in ("code_block", "fence", "html_block"):
        # Shown as typed; Preformatted does not parse markup, so no escaping is needed.
        return [Preformatted(node.content.rstrip("\n"), styles.small)]
    return _blocks(node.children, styles, depth)


def _table(node: SyntaxTreeNode, styles: Styles) -> Table:
    """A Markdown table as a reportlab Table: cells wrap, rows split across pages."""
    rows: list[list[Flowable]] = []
    header_rows = 0
    for part in node.children:  # thead, tbody
        for tr in part.children:
            cells = []
            for cell in tr.children:
                style = _cell_style(styles, cell.type == "th", str(cell.attrs.get("style", "")))
                cells.append(Paragraph(inline_markup(cell.children), style))
            rows.append(cells)
            if part.type == "thead":
                header_rows += 1
    columns = max((len(r) for r in rows), default=1)
    for row in rows:
        row += [Paragraph("", styles.cell)] * (columns - len(row))
    # Columns share the width by how much text they hold, none narrower than a sixth.
    weights = [max(sum(len(_plain(r[c])) for r in rows), 1) for c in range(columns)]
    total = sum(weights)
    shares = [max(w / total, 1 / (columns * 6)) for w in weights]
    scale = sum(shares)
    widths = [f"{100 * share / scale:.2f}%" for share in shares]
    table = Table(rows, colWidths=widths, repeatRows=header_rows, hAlign="LEFT", splitByRow=1)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 9),  # keeps the base-14 Helvetica out of the file
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    table.setStyle(TableStyle(commands))
    table.spaceAfter = 8
    return table


def _plain(cell: Flowable) -> str:
    return cell.getPlainText() if isinstance(cell, Paragraph) else ""


def _cell_style(styles: Styles, header: bool, css: str) -> ParagraphStyle:
    alignment = TA_RIGHT if "right" in css else TA_CENTER if "center" in css else 0
    return ParagraphStyle(
        f"md-cell-{int(header)}-{alignment}",
        parent=styles.cell,
        fontName=BOLD if header else styles.cell.fontName,
        alignment=alignment,
    )


def _list(node: SyntaxTreeNode, styles: Styles, depth: int) -> ListFlowable:
    ordered = node.type == "ordered_list"
    items = [
        ListItem(_blocks(item.children, styles, depth + 1) or [Paragraph("", styles.body)])
        for item in node.children
    ]
    options: dict[str, object] = {
        "bulletFontName": REGULAR,  # the default is Helvetica, a base-14 font
        "bulletFontSize": styles.body.fontSize,
        "bulletColor": ACCENT,
        "leftIndent": 16,
        "spaceAfter": 3,
    }
    if ordered:
        start = node.attrs.get("start", 1)
        return ListFlowable(items, bulletType="1", start=str(start), bulletFormat="%s.", **options)
    return ListFlowable(
        items, bulletType="bullet", start=_BULLETS[depth % len(_BULLETS)], **options
    )


def inline_markup(nodes: list[SyntaxTreeNode]) -> str:
    """Reportlab paragraph markup for inline nodes, with all text escaped."""
    return "".join(_inline(node) for node in nodes)


def _inline(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind == "inline":
        return inline_markup(node.children)
    if kind == "text":
        return esc(node.content)
    if kind in ("code_inline", "html_inline"):
        return esc(node.content)
    if kind == "softbreak":
        return " "
    if kind == "hardbreak":
        return "<br/>"
    if kind == "strong":
        return f"<b>{inline_markup(node.children)}</b>"
    if kind == "em":
        return f"<i>{inline_markup(node.children)}</i>"
    if kind == "s":
        return f"<strike>{inline_markup(node.children)}</strike>"
    if kind == "link":
        href = str(node.attrs.get("href", ""))
        inner = inline_markup(node.children)
        if not href:
            return inner
        shown = f"<u>{inner}</u>"
        # On paper the address must be readable, not only clickable.
        address = href.removeprefix("mailto:")
        if "".join(c.content for c in node.children) != address:
            shown += f" ({esc(address)})"
        return f'<a href="{esc_attr(href)}" color="#1f4e79">{shown}</a>'
    if kind == "image":
        return esc(node.attrs.get("alt") or node.content)
    return inline_markup(node.children)
