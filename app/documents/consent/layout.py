"""The flowables of a consent form: tick boxes, writing lines and signature areas.

Every place a person marks or writes is a `Spot`, noted where it lands on the page,
so the fillable PDF can lay a form field over it and a captured form can be filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
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
from app.documents.fonts import REGULAR
from app.documents.styles import ACCENT, INK, MUTED, RULE, SHADE, Styles, esc, make_styles

BOX = 6 * mm  # tick boxes: large enough to mark by pen (at least 5 mm)
GAP = 2.5 * mm
ROW_GAP = 1.0 * mm  # between one tick row and the next
LINE_HEIGHT = 6.5 * mm  # writing space above each line
HEADER_ROOM = 62 * mm  # page 1, top right: where the form ID is printed
LONG_LIST = 6  # options: a longer list may break between columns
SHORT_LABEL = 48  # characters on average: options this short share a column two by two


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
    """A label and a line to write on; a prefilled value is printed on the line."""

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
        _, self._label_height = self.label.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = self._label_height + self.lines * LINE_HEIGHT + 1 * mm
        return self.width, self.height

    def draw(self) -> None:
        canv, area = self.canv, self.lines * LINE_HEIGHT
        self.label.drawOn(canv, 0, area + 1 * mm)
        canv.saveState()
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.6)
        if self.kind == "box":
            canv.rect(0, 0, self.width, area, stroke=1, fill=0)
            canv.setStrokeColor(RULE)
            for n in range(1, self.lines):
                canv.line(2 * mm, n * LINE_HEIGHT, self.width - 2 * mm, n * LINE_HEIGHT)
        else:
            canv.line(0, 0, self.width, 0)
        if self.value:
            canv.setFillColor(INK)
            canv.setFont(REGULAR, 10.5)
            canv.drawString(1.5 * mm, 2 * mm, self.value)
        canv.restoreState()
        # A printed value (the event) is part of the form: nothing to fill in there.
        self._note(
            self.key,
            "printed" if self.value else self.kind,
            0,
            0,
            self.width,
            area,
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
    """The house styles set small for a one-sheet form: body at `size` pt, nothing below 8."""
    s = make_styles()
    small = max(8.0, size - 0.5)

    def at(style: ParagraphStyle, font_size: float, **more: float) -> ParagraphStyle:
        return ParagraphStyle(
            style.name, parent=style, fontSize=font_size, leading=font_size * 1.18, **more
        )

    return replace(
        s,
        overline=at(s.overline, max(8.0, size), spaceAfter=1),
        title=at(s.title, size + 4, spaceAfter=1),
        h2=at(s.h2, size + 1.5, spaceBefore=size * 0.6, spaceAfter=1.5),
        h3=at(s.h3, size, spaceBefore=1, spaceAfter=0.5),
        body=at(s.body, size, spaceAfter=size * 0.3),
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
    head: list[Flowable] = [Paragraph(esc(b.heading), s.h2)]
    if b.intro:
        head.append(Paragraph(esc(b.intro), s.note))
    tick = ParagraphStyle("tick", parent=s.body, spaceAfter=0)
    if b.type == "text":
        return [*head, *(Paragraph(esc(p), s.body) for p in b.paragraphs)]
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
        short = paired or sum(len(o.label) for o in b.options) <= SHORT_LABEL * len(b.options)
        table = _columns(rows) if len(rows) > 3 and short else _stack(rows)
        if len(rows) > LONG_LIST:  # a long list may run on into the next column
            return [KeepTogether(head), table]
        return [KeepTogether([*head, table])]
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
            out += [Paragraph(esc(spec.label), s.label), _columns(rows, 2)]
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


def _stack(rows: list[Flowable]) -> Table:
    return _columns(rows, 1)


def _columns(cells: list[Flowable], count: int = 2, valign: str = "TOP") -> Table:
    """`cells` in `count` columns, filled row by row, with room between the columns."""
    rows = [
        cells[i : i + count] + [""] * (count - len(cells[i : i + count]))
        for i in range(0, len(cells), count)
    ]
    table = Table(rows, colWidths=[f"{100 / count}%"] * count)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("VALIGN", (0, 0), (-1, -1), valign),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5 * mm),
            ]
        )
    )
    return table


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
