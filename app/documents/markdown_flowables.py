"""Policy Markdown (CommonMark, parsed by markdown-it-py) turned into reportlab flowables."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Indenter,
    ListFlowable,
    ListItem,
    Paragraph,
    Preformatted,
)

from app.documents.fonts import REGULAR
from app.documents.styles import ACCENT, RULE, Styles, esc, esc_attr

_BULLETS = ("•", "◦", "▪")  # outer to inner; all in DejaVu Sans


def markdown_to_flowables(text: str, styles: Styles) -> list[Flowable]:
    """Flowables for Markdown `text`: paragraphs, headings, nested lists, quotes, links.

    Every character of the source text is escaped before it reaches reportlab's
    paragraph markup, so `<`, `&` and quotes print literally; raw HTML prints as text.
    """
    tree = SyntaxTreeNode(MarkdownIt("commonmark").parse(text))
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
    if kind in ("code_block", "fence", "html_block"):
        # Shown as typed; Preformatted does not parse markup, so no escaping is needed.
        return [Preformatted(node.content.rstrip("\n"), styles.small)]
    return _blocks(node.children, styles, depth)


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
