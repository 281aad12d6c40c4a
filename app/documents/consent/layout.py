"""The flowables of a consent form: tick boxes, writing lines and signature areas.

Every place a person marks or writes is a `Spot`, noted where it lands on the page,
so the fillable PDF can lay a form field over it and a captured form can be filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.core.consent.form import ConsentForm
from app.core.consent.templates import Block, FieldSpec
from app.documents.consent.geometry import COLUMN_W, HEADER_ROOM, SMALLEST
from app.documents.fonts import BOLD, REGULAR
from app.documents.scripts import text_width
from app.documents.styles import ACCENT, INK, MUTED, RULE, SHADE, Styles, esc, make_styles

BOX = 6 * mm  # tick boxes: large enough to mark by pen (at least 5 mm)
GAP = 2.5 * mm
ROW_GAP = 0.8 * mm  # between one tick row and the next
LINE_HEIGHT = 6.5 * mm  # writing space above each line
LONG_LIST = 6  # options: a longer list may break between columns
CELL_GAP = 3 * mm  # between options set side by side
LEADING = 1.12  # line spacing, as a multiple of the type size: tight, still easy to read
VALUE_SIZE = 10.5  # pt: the event printed on its line, as if written there
VALUE_INSET = 3 * mm
WRITING_ROOM = 35 * mm  # a field's label goes beside its line if this much line is left


@dataclass(frozen=True)
class Spot:
    """A box, circle or line to fill in: page index from 0, area in PDF points."""

    key: str
    kind: str  # "tick", "radio", "line", "box", "signature" or "printed" (already filled)
    page: int
    x: float
    y: float
    width: float
    height: float
    group: str = ""
    value: str = ""
    label: str = ""


Spots = dict[str, Spot]


class _Marked(Flowable):
    """A flowable that records the spot it drew."""

    def __init__(self, spots: Spots) -> None:
        super().__init__()
        self._spots = spots

    def _note(
        self,
        key: str,
        kind: str,
        x: float,
        y: float,
        w: float,
        h: float,
        group: str = "",
        value: str = "",
        label: str = "",
    ) -> None:
        ax, ay = self.canv.absolutePosition(x, y)
        self._spots[key] = Spot(
            key, kind, self.canv.getPageNumber() - 1, ax, ay, w, h, group, value, label
        )


class TickRow(_Marked):
    """A square (any number may be ticked) or circle (tick one) with its label beside it."""

    def __init__(
        self,
        key: str,
        label: str,
        style: ParagraphStyle,
        spots: Spots,
        round_box: bool = False,
        group: str = "",
        value: str = "",
    ) -> None:
        super().__init__(spots)
        self.key, self.round_box, self.group, self.value = key, round_box, group, value
        self.para = Paragraph(label, style)
        self.label = self.para.getPlainText()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, self._text_height = self.para.wrap(avail_width - BOX - GAP, avail_height)
        self.lines = round(self._text_height / self.para.style.leading)
        self.width, self.height = avail_width, max(BOX, self._text_height) + ROW_GAP
        return self.width, self.height

    def draw(self) -> None:
        canv, top = self.canv, self.height - ROW_GAP / 2
        box_y = top - BOX
        canv.saveState()
        canv.setStrokeColor(INK)
        canv.setLineWidth(1)
        if self.round_box:
            canv.circle(BOX / 2, box_y + BOX / 2, BOX / 2, stroke=1, fill=0)
        else:
            canv.rect(0, box_y, BOX, BOX, stroke=1, fill=0)
        canv.restoreState()
        text_y = (
            box_y + (BOX - self._text_height) / 2
            if self._text_height < BOX
            else top - self._text_height
        )
        self.para.drawOn(canv, BOX + GAP, text_y)
        self._note(
            self.key,
            "radio" if self.round_box else "tick",
            0,
            box_y,
            BOX,
            BOX,
            self.group,
            self.value,
            self.label,
        )


class WriteLine(_Marked):
    """A label and a line to write on; a prefilled value is printed on the line.

    A short label is printed beside the start of its line, a longer one above it."""

    def __init__(
        self,
        key: str,
        label: str,
        s: Styles,
        spots: Spots,
        value: str = "",
        lines: int = 1,
        kind: str = "line",
    ) -> None:
        super().__init__(spots)
        self.key, self.kind, self.lines, self.value = key, kind, lines, value
        self.label = Paragraph(label, s.label)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        style = self.label.style
        beside = text_width(self.label.getPlainText(), style.fontName, style.fontSize) + 2 * mm
        self._inline = self.kind != "box" and avail_width - beside >= WRITING_ROOM
        if self._inline and self.value and not self._value_fits(avail_width - beside):
            self._inline = False  # a long printed value (the event) gets the whole line
        self._value_lines = self._set_value(avail_width - (beside if self._inline else 0))
        extra = (len(self._value_lines) - 1) * self._value_size * LEADING
        if self._inline:
            self._label_width, self._label_height = self.label.wrap(beside, avail_height)
            self.height = self.lines * LINE_HEIGHT + extra + 1 * mm
            return self.width, self.height
        self._label_width, (_, self._label_height) = 0, self.label.wrap(avail_width, avail_height)
        self.height = self._label_height + self.lines * LINE_HEIGHT + extra + 1 * mm
        return self.width, self.height

    def _value_fits(self, width: float) -> bool:
        return bool(text_width(self.value, REGULAR, VALUE_SIZE) <= width - VALUE_INSET)

    def _set_value(self, width: float) -> list[str]:
        """The printed value in as few lines as fit: smaller type first (not below 8 pt),
        then wrapped; never cut off."""
        room = width - VALUE_INSET
        self._value_size = VALUE_SIZE
        if not self.value:
            return [""]
        while (
            self._value_size > SMALLEST and text_width(self.value, REGULAR, self._value_size) > room
        ):
            self._value_size -= 0.5
        lines: list[str] = simpleSplit(self.value, REGULAR, self._value_size, room)
        return lines or [""]

    def draw(self) -> None:
        canv, area = self.canv, self.lines * LINE_HEIGHT
        extra = self.height - area - 1 * mm - (0 if self._inline else self._label_height)
        start = self._label_width if self._inline else 0
        if self._inline:  # on the line's baseline, as on a paper form
            self.label.drawOn(canv, 0, 0.8 * mm)
        else:
            self.label.drawOn(canv, 0, area + extra + 1 * mm)
        canv.saveState()
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.6)
        if self.kind == "box":
            canv.rect(0, 0, self.width, area, stroke=1, fill=0)
            canv.setStrokeColor(RULE)
            for n in range(1, self.lines):
                canv.line(2 * mm, n * LINE_HEIGHT, self.width - 2 * mm, n * LINE_HEIGHT)
        else:
            canv.line(start, 0, self.width, 0)
        if self.value:
            canv.setFillColor(INK)
            canv.setFont(REGULAR, self._value_size)
            step = self._value_size * LEADING
            last = len(self._value_lines) - 1
            for n, line in enumerate(self._value_lines):  # top down, the reading order
                canv.drawString(start + VALUE_INSET / 2, 2 * mm + (last - n) * step, line)
        canv.restoreState()
        # A printed value (the event) is part of the form: nothing to fill in there.
        self._note(
            self.key,
            "printed" if self.value else self.kind,
            start,
            0,
            self.width - start,
            area + extra,
            label=self.label.getPlainText(),
        )


class SignatureArea(_Marked):
    """A box to sign in, with lines for the printed name and the date beside it."""

    def __init__(self, role: str, spots: Spots, s: Styles) -> None:
        super().__init__(spots)
        self.role, self.s = role, s

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, 16 * mm
        return self.width, self.height

    def draw(self) -> None:
        canv, box_w = self.canv, self.width * 0.46
        canv.saveState()
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.6)
        canv.rect(0, 4 * mm, box_w, 12 * mm, stroke=1, fill=0)
        right = box_w + 6 * mm
        for y in (4 * mm, 13 * mm):
            canv.line(right, y, self.width, y)
        canv.setFillColor(MUTED)
        canv.setFont(REGULAR, 8)
        canv.drawString(0, 1 * mm, "Signature")
        canv.drawString(right, 10 * mm, "Printed name")
        canv.drawString(right, 1 * mm, "Date")
        canv.restoreState()
        self._note(f"sig:{self.role}", "signature", 0, 4 * mm, box_w, 12 * mm)
        self._note(f"sig:{self.role}:name", "line", right, 13 * mm, self.width - right, 5 * mm)
        self._note(f"sig:{self.role}:date", "line", right, 4 * mm, self.width - right, 6 * mm)


MARK_TYPES = (
    "fields",
    "opt_ins",
    "choice",
    "do_not_photograph",
    "free_text",
    "child_agreement",
    "signatures",
)
OVERLEAF = "Please read the information overleaf before you sign."


def form_styles(size: float) -> Styles:
    """The house styles set small and tight for a one-sheet form: body at `size` pt,
    nothing below 8."""
    s = make_styles()
    small = max(8.0, size - 0.5)

    def at(style: ParagraphStyle, font_size: float, **more: float) -> ParagraphStyle:
        return ParagraphStyle(
            style.name, parent=style, fontSize=font_size, leading=font_size * LEADING, **more
        )

    return replace(
        s,
        overline=at(s.overline, max(8.0, size), spaceAfter=0.5),
        title=at(s.title, size + 4, spaceAfter=0),
        h2=at(s.h2, size + 1, spaceBefore=size * 0.4, spaceAfter=1),
        h3=at(s.h3, size, spaceBefore=1.5, spaceAfter=0.5),
        body=at(s.body, size, spaceAfter=size * 0.25),
        small=at(s.small, 8.0),
        label=at(s.label, small),
        note=at(s.note, small, spaceAfter=1),
        cell=at(s.cell, size),
        hash=at(s.hash, 8.0),
    )


def header(form: ConsentForm, s: Styles) -> list[Flowable]:
    """The organisation and the form's title, with room on the right for the form ID."""
    table = Table(
        [
            [
                [
                    Paragraph(esc(form.pack.organisation.name), s.overline),
                    Paragraph(esc(form.title), s.title),
                ],
                "",
            ]
        ],
        colWidths=[None, HEADER_ROOM],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table]


def body(
    form: ConsentForm, s: Styles, spots: Spots, two_sided: bool = False, paired: bool = False
) -> list[Flowable]:
    """The form's blocks in the template's order; on a two-sided sheet, what the person
    fills in, ticks and signs on side 1, and overleaf the information and the part the
    organisation fills in after the signatures."""
    intro = [Paragraph(esc(form.intro), s.body)]
    if not two_sided:
        return intro + [f for b in form.blocks for f in _block(b, form, s, spots, paired)]
    signed = max(i for i, b in enumerate(form.blocks) if b.type == "signatures")
    side1 = [
        b
        for i, b in enumerate(form.blocks)
        if b.type in MARK_TYPES and (i <= signed or b.type != "fields")
    ]
    marks = [f for b in side1 for f in _block(b, form, s, spots, paired)]
    rest = [f for b in form.blocks if b not in side1 for f in _block(b, form, s, spots, paired)]
    return [*intro, Paragraph(f"<b>{esc(OVERLEAF)}</b>", s.body), *marks, PageBreak(), *rest]


def story(form: ConsentForm, s: Styles, spots: Spots) -> list[Flowable]:
    """The whole form in one flow, header first (one column; used for measuring)."""
    return header(form, s) + body(form, s, spots)


def _block(
    b: Block, form: ConsentForm, s: Styles, spots: Spots, paired: bool = False
) -> list[Flowable]:
    """One block's flowables; `paired` sets long lists of options two by two."""
    head: list[Flowable] = [_heading(b, s)]
    tick = ParagraphStyle("tick", parent=s.body, spaceAfter=0)
    if b.type == "text":  # the heading runs in: information reads on, in less room
        first, *rest = b.paragraphs or ("",)
        run_in = f'<font name="{BOLD}" color="{ACCENT.hexval()}">{esc(b.heading)}</font>'
        return [
            Paragraph(f"{run_in}  {esc(first)}", s.body),
            *(Paragraph(esc(p), s.body) for p in rest),
        ]
    if b.type == "fields":
        return [KeepTogether([*head, *_fields(b.fields, form, s, spots)])]
    if b.type in ("opt_ins", "choice"):
        round_box = b.type == "choice"
        rows = [
            TickRow(
                f"{b.id}.{o.key}" if not round_box else f"{b.id}:{o.key}",
                esc(o.label),
                tick,
                spots,
                round_box,
                b.id if round_box else "",
                o.key,
            )
            for o in b.options
        ]
        table = _grid(rows, at_least=2 if paired and len(rows) > LONG_LIST else 1)
        if len(rows) > LONG_LIST:  # a long list may run on into the next column
            return [KeepTogether(head), *table]
        return [KeepTogether([*head, *table])]
    if b.type == "do_not_photograph":
        row = TickRow(b.id, f"<b>{esc(b.label)}</b>", tick, spots)
        return [_shaded([*head, row])]
    if b.type == "free_text":
        return [
            KeepTogether(
                [*head, WriteLine(b.id, esc(b.label), s, spots, lines=b.lines, kind="box")]
            )
        ]
    if b.type == "child_agreement":
        rows = [
            TickRow(f"{b.id}:{key}", esc(label), tick, spots, True, b.id, key)
            for key, label in (("yes", b.yes_label), ("no", b.no_label))
        ]
        return [KeepTogether([*head, *rows])]
    if b.type == "signatures":  # kept on one page with what the signers confirm
        return [
            KeepTogether(
                [
                    *head,
                    *(
                        flowable
                        for signer in b.signers
                        for flowable in (
                            Paragraph(esc(signer.label), s.h3),
                            SignatureArea(signer.role, spots, s),
                        )
                    ),
                ]
            )
        ]
    raise ValueError(f"unknown block type {b.type!r}")


def _heading(b: Block, s: Styles) -> Paragraph:
    """The block's heading, its instruction running on after it in small grey type."""
    if not b.intro:
        return Paragraph(esc(b.heading), s.h2)
    note = s.note
    intro = (
        f'<font name="{note.fontName}" size="{note.fontSize}" color="{MUTED.hexval()}">'
        f"{esc(b.intro)}</font>"
    )
    return Paragraph(f"{esc(b.heading)}\u2002 {intro}", s.h2)


def _fields(
    fields: tuple[FieldSpec, ...], form: ConsentForm, s: Styles, spots: Spots
) -> list[Flowable]:
    out: list[Flowable] = []
    pending: list[Flowable] = []
    tick = ParagraphStyle("tick-small", parent=s.cell)
    for spec in fields:
        if spec.kind == "roles":
            rows = [
                TickRow(f"role:{role}", esc(role), tick, spots, True, "role", role)
                for role in form.roles()
            ]
            out += _grid(rows, lead=Paragraph(esc(spec.label), s.label))
            continue
        if spec.kind == "confirm":
            out.append(TickRow(f"field:{spec.key}", f"<b>{esc(spec.label)}</b>", tick, spots))
            continue
        printed = form.value(spec.key) if spec.key in ("event", "event-date") else ""
        line = WriteLine(f"field:{spec.key}", esc(spec.label), s, spots, printed)
        if spec.half:
            pending.append(line)
            if len(pending) == 2:
                out.append(_columns(pending, valign="BOTTOM"))
                pending = []
        else:
            if pending:
                out.append(_columns(pending, valign="BOTTOM"))
                pending = []
            out.append(line)
    if pending:
        out.append(_columns(pending, valign="BOTTOM"))
    return out


def across(rows: list[TickRow], width: float = COLUMN_W, at_least: int = 1) -> int:
    """How many options to set side by side: the count that takes the least height, no
    label over three lines, and more than one only if that saves a row's height."""
    best, best_height = at_least, _grid_height(rows, at_least, width)
    for count in range(at_least + 1, min(3, len(rows)) + 1):
        height = _grid_height(rows, count, width)
        if height is not None and (best_height is None or height <= best_height - BOX):
            best, best_height = count, height
    return best


def _grid_height(rows: list[TickRow], count: int, width: float) -> float | None:
    """The height of `rows` set `count` across; None if a label would run over 3 lines."""
    cell = (width - (count - 1) * CELL_GAP) / count
    if count > 1 and any(_longest_word(row) > cell - BOX - GAP for row in rows):
        return None  # a word would be broken in two
    heights = [row.wrap(cell, 1e6)[1] for row in rows]
    if count > 1 and any(row.lines > 3 for row in rows):
        return None
    return sum(max(heights[i : i + count]) for i in range(0, len(heights), count))


def _grid(rows: list[TickRow], at_least: int = 1, lead: Paragraph | None = None) -> list[Flowable]:
    """Options in aligned columns, `lead` (their label) above; or, if that saves a row,
    each at its own width, as many to a line as fit, `lead` first (short words: roles)."""
    count = across(rows, at_least=at_least)
    height = _grid_height(rows, count, COLUMN_W)
    items: list[tuple[Flowable, float]] = [(row, _natural_width(row)) for row in rows]
    if lead is not None:
        style = lead.style
        items.insert(0, (lead, text_width(lead.getPlainText(), style.fontName, style.fontSize) + 1))
    lines = _flow_lines(items) if at_least == 1 else None
    if lines is not None and height is not None and len(lines) * (BOX + ROW_GAP) <= height - BOX:
        return [_flow(lines)]
    return [*([lead] if lead is not None else []), _columns(list(rows), count, gap=CELL_GAP)]


def _longest_word(row: TickRow) -> float:
    style = row.para.style
    return max(text_width(word, style.fontName, style.fontSize) for word in row.label.split())


def _natural_width(row: TickRow) -> float:
    style = row.para.style
    return float(BOX + GAP + text_width(row.label, style.fontName, style.fontSize) + 1)


def _flow_lines(
    items: list[tuple[Flowable, float]], width: float = COLUMN_W
) -> list[list[tuple[Flowable, float]]] | None:
    """`items` (each with its natural width) packed into lines; None if one is too wide."""
    lines: list[list[tuple[Flowable, float]]] = []
    used = width
    for item in items:
        need = item[1]
        if need > width:
            return None
        if used + CELL_GAP + need > width:
            lines.append([])
            used = -CELL_GAP
        lines[-1].append(item)
        used += CELL_GAP + need
    return lines


def _flow(lines: list[list[tuple[Flowable, float]]]) -> Table:
    inner = []
    for line in lines:
        table = Table(
            [[item for item, _ in line]],
            colWidths=[width + CELL_GAP for _, width in line],
            hAlign="LEFT",
        )
        table.setStyle(_TIGHT)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        inner.append([table])
    outer = Table(inner, colWidths=["100%"])
    outer.setStyle(_TIGHT)
    return outer


def _stack(rows: list[Flowable]) -> Table:
    return _columns(rows, 1)


def _columns(
    cells: list[Flowable], count: int = 2, valign: str = "TOP", gap: float = 4 * mm
) -> Table:
    """`cells` in `count` columns, filled row by row, `gap` between the columns."""
    rows = [
        cells[i : i + count] + [""] * (count - len(cells[i : i + count]))
        for i in range(0, len(cells), count)
    ]
    # Each cell but the last has the gap on its right, so every column is as wide.
    width = (COLUMN_W - (count - 1) * gap) / count
    widths = [width + gap] * (count - 1) + [width]
    table = Table(rows, colWidths=widths if count > 1 else ["100%"])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("VALIGN", (0, 0), (-1, -1), valign),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-2, -1), gap),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


_TIGHT = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), REGULAR, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *((side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING")),
        *((side, (0, 0), (-1, -1), 0) for side in ("TOPPADDING", "BOTTOMPADDING")),
    ]
)


def _shaded(flowables: list[Flowable]) -> Flowable:
    table = Table([[flowables]], colWidths=["100%"])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    return KeepTogether([Spacer(1, 2 * mm), table])
