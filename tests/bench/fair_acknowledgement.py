"""The fair baseline for the acknowledgement: a bare reportlab + pyHanko program, from scratch.

What a competent developer would write to print the same acknowledgement and sign it:
the same words from the same record, DejaVu Sans (regular and bold) registered once and
embedded as subsets, the same pages (a signature page with a box for each field, the
evidence, the policy text), the record attached, an empty signature field for each
signer, and the person's signature in its field with the same visible stamp (the drawn
signature and the same lines of text), signed with pyHanko. Nothing of Induct's is used
but the record it prints and the font files: plain Paragraphs, Tables and lists, no
KeepTogether, one incremental update for fields, attachment and signature, one write.

What the reader sees is the same too: the words Induct prints in colour (references in
grey, verdicts in green, amber or red; a paragraph of several colours takes reportlab's
slower line breaker, here as there) and the rules between table rows. It does less than
Induct where nothing shows, in its favour: no headings kept with what follows them, and
the file written without fsync.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "resources" / "fonts"
W = A4[0] - 40 * mm
SIGNED_AT_FORMAT = "%d %b %Y, %H:%M:%S"
_fonts = False


def _register_fonts() -> None:
    global _fonts
    if not _fonts:
        pdfmetrics.registerFont(TTFont("Sans", str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("Sans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily("Sans", normal="Sans", bold="Sans-Bold")
        _fonts = True


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName="Sans", bulletFontName="Sans", fontSize=9.5, leading=13.5, spaceAfter=5
    )
    grey = colors.HexColor("#57606a")

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)

    return {
        "body": body,
        "title": style("title", fontName="Sans-Bold", fontSize=18, leading=23, spaceAfter=8),
        "h1": style("h1", fontName="Sans-Bold", fontSize=13, leading=17, spaceBefore=12),
        "h2": style("h2", fontName="Sans-Bold", fontSize=11, leading=15, spaceBefore=9),
        "h3": style("h3", fontName="Sans-Bold", fontSize=9.5, leading=13, spaceBefore=6),
        "note": style("note", fontSize=8.5, leading=12, textColor=grey),
        "cell": style("cell", fontSize=9, leading=12.5, spaceAfter=0),
        "label": style("label", fontName="Sans-Bold", fontSize=8.5, leading=12, spaceAfter=0),
        "hash": style("hash", fontSize=7.5, leading=10, splitLongWords=0, spaceAfter=0),
        "small": style("small", fontSize=8, leading=10.5, textColor=grey),
    }


def e(text: object) -> str:
    return escape(str(text))


def when(iso: str) -> str:
    """An ISO time as people read it: 21 Nov 2026, 19:05:00 (UTC+01:00)."""
    moment = datetime.fromisoformat(iso)
    offset = moment.strftime("%z")
    return f"{moment:{SIGNED_AT_FORMAT}} (UTC{offset[:3]}:{offset[3:]})"


class Box(Flowable):
    """An empty framed box that notes its page and position, for a signature field."""

    def __init__(self, name: str, found: dict[str, tuple[int, tuple[int, int, int, int]]]):
        super().__init__()
        self.name, self.found = name, found
        self.width, self.height = round(W), 78

    def draw(self) -> None:
        x, y = (round(v) for v in self.canv.absolutePosition(0, 0))
        self.canv.rect(0, 0, self.width, self.height)
        page = self.canv.getPageNumber() - 1
        self.found[self.name] = (page, (x, y, x + self.width, y + self.height))


def _numbered_canvas(footer: str) -> type[Canvas]:
    """reportlab's usual "Page N of M" recipe: hold the pages, number them at the end."""

    class Numbered(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802
            self.pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for page in self.pages:
                self.__dict__.update(page)
                self.setFont("Sans", 7.5)
                self.drawString(20 * mm, 11 * mm, footer)
                self.drawRightString(
                    A4[0] - 20 * mm, 11 * mm, f"Page {page['_pageNumber']} of {len(self.pages)}"
                )
                Canvas.showPage(self)
            Canvas.save(self)

    return Numbered


class Strokes(Flowable):
    """The drawn signature's strokes, scaled into a box."""

    def __init__(self, drawing: Any, width: float, height: float) -> None:
        super().__init__()
        self.drawing = drawing
        self.scale = min(width / drawing.width, height / drawing.height)
        self.width, self.height = drawing.width * self.scale, drawing.height * self.scale

    def draw(self) -> None:
        for stroke in self.drawing.strokes:
            path = self.canv.beginPath()
            path.moveTo(stroke[0][0] * self.scale, self.height - stroke[0][1] * self.scale)
            for x, y in stroke[1:]:
                path.lineTo(x * self.scale, self.height - y * self.scale)
            self.canv.drawPath(path)


# Cells hold paragraphs, but a Table selects Helvetica unless told: keep it out of the file.
STYLE = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), "Sans", 9),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#c9d1d9")),  # rules between rows
    ]
)
# The colours Induct prints words in: references grey, verdicts green, amber or red.
GREY, GREEN, AMBER, RED = "#57606a", "#1a7f37", "#9a6700", "#b42318"


def grey(text: str) -> str:
    return f'<font color="{GREY}">{text}</font>'


def _table(rows: list[tuple[str, Any]], s: dict[str, ParagraphStyle], label: str = "label"):
    data = [
        [Paragraph(e(a), s[label]), Paragraph(b, s["cell"]) if isinstance(b, str) else b]
        for a, b in rows
    ]
    table = Table(data, colWidths=[42 * mm, W - 42 * mm])
    table.setStyle(STYLE)
    return table


def _markdown(md: Any, text: str, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Paragraphs and (nested) list items, bold and italics: what the policy uses."""
    out: list[Flowable] = []
    lists: list[list[int]] = []  # per open list: [ordered, next number]
    bullet: str | None = None
    for token in md.parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([token.type == "ordered_list_open", int(token.attrs.get("start", 1))])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            ordered, number = lists[-1]
            bullet = f"{number}." if ordered else "•"
            lists[-1][1] += 1
        elif token.type == "inline":
            html = md.renderer.renderInline(token.children or [], md.options, {})
            style = ParagraphStyle("li", parent=s["body"], leftIndent=16 * len(lists))
            out.append(Paragraph(html, style if lists else s["body"], bulletText=bullet))
            bullet = None
    return out


def story(record: Any, found: dict[str, tuple[int, tuple[int, int, int, int]]]) -> list[Flowable]:
    """The acknowledgement's words, section by section, as plain flowables."""
    s = _styles()
    who, p, sig = record.identity, record.policy, record.signature
    name = e(who.full_name)
    out: list[Flowable] = [
        Paragraph(e(record.organisation_name), s["label"]),
        Paragraph(f"Acknowledgement of the {e(p.title)}", s["title"]),
        Paragraph(
            f"This document records how {name} read and acknowledged this policy of "
            f"{e(record.organisation_name)}: when each section was read, what was answered "
            "and the declaration signed. The policy itself is reproduced in full at the end, "
            "as it was read.",
            s["body"],
        ),
        Paragraph("Organisation", s["h1"]),
        _table(
            [
                ("Name", e(record.organisation_name)),
                ("Legal name", e(record.organisation_legal_name)),
                (
                    "Charity number" + ("s" if len(record.charity_numbers) > 1 else ""),
                    "<br/>".join(e(n) for n in record.charity_numbers),
                ),
            ],
            s,
        ),
        Paragraph("Policy", s["h1"]),
    ]
    policy = [("Title", e(p.title)), ("Version", e(p.version))]
    approved = f"{e(p.approved)} by {e(p.approved_by)}" if p.approved_by else e(p.approved)
    policy.append(("Approved", approved))
    if p.last_reviewed:
        policy.append(("Last reviewed", e(p.last_reviewed)))
    if p.next_review:
        due = datetime.strptime(p.next_review, "%Y-%m")
        late = " — already past when this was signed" if due < datetime(2026, 11, 1) else ""
        policy.append(("Next review due", f"{due:%B %Y}{late}"))
    policy += [("Source", e(p.source)), ("SHA-256 of the whole policy", record.policy_sha256)]
    out += [_table(policy, s), Paragraph("The person", s["h1"])]
    out.append(
        _table(
            [
                ("Full name", f"<b>{name}</b>"),
                ("E-mail", e(who.email or "Not given")),
                ("Membership number", e(who.membership_number or "Not given")),
                ("Role", e(who.role)),
                ("Under 18", "Yes" if who.under_18 else "No"),
            ],
            s,
        )
    )
    rows = [[Paragraph("Section", s["label"]), Paragraph("Acknowledged at", s["label"])]]
    for section in record.sections:
        rows.append(
            [
                Paragraph(e(section.heading), s["cell"]),
                Paragraph(when(section.acknowledged_at), s["cell"]),
            ]
        )
    out += [
        Paragraph("Sections acknowledged", s["h1"]),
        Paragraph(
            "Each section was shown in full and acknowledged on its own. The text of every "
            "section is reproduced under “The policy as acknowledged”.",
            s["note"],
        ),
        Table(rows, colWidths=[W - 62 * mm, 62 * mm], repeatRows=1, style=STYLE),
        Paragraph("Quiz", s["h1"]),
        Paragraph(
            f"<b>{record.quiz_correct} of {len(record.quiz)} answered correctly in the end.</b> "
            f"The pass mark is {record.quiz_pass_mark} of {len(record.quiz)}: below it, the "
            "explanations are read and the missed questions answered again. The choices were "
            "shown in an order shuffled for this person, as listed.",
            s["body"],
        ),
    ]
    for rnd in record.quiz_rounds:
        what = "all questions" if rnd.number == 1 else "the questions missed before"
        out.append(
            Paragraph(
                f"Attempt {rnd.number} ({what}): {rnd.right} of {rnd.asked} right.", s["cell"]
            )
        )
    for number, q in enumerate(record.quiz, 1):
        out.append(
            Paragraph(f"{number}. {e(q.question)} {grey(f'({e(q.source or q.clause)})')}", s["h3"])
        )
        choices = " ".join(f"<b>{chr(65 + i)}.</b> {e(c)}" for i, c in enumerate(q.shown_choices))
        out.append(Paragraph(f"Choices as shown: {choices}", s["note"]))
        verdict = (
            f'<font color="{GREEN}">✓ Correct</font>'
            if q.is_correct
            else f'<font color="{RED}">✗ Not correct</font>'
        )
        out.append(Paragraph(f"Answer given: {e(q.chosen)} — {verdict}", s["cell"]))
        if not q.is_correct:
            out.append(Paragraph(f"Correct answer: {e(q.correct_answer)}", s["cell"]))
        out.append(Paragraph(e(q.explanation), s["note"]))
    out += [
        Paragraph("Questionnaire: running an account", s["h1"]),
        Paragraph(
            f"{name} runs, or plans to run, an account connected with "
            f"{e(record.organisation_name)}, and answered these questions. Advice is recorded "
            "and never stops anyone; a refused answer has to be changed.",
            s["note"],
        ),
    ]
    labels = {"met": ("Rule met", GREEN), "advice": ("Advice", AMBER), "refused": ("Refused", RED)}
    for a in record.questionnaire:
        out.append(Paragraph(f"{e(a.prompt)} {grey(f'({e(a.source or a.clause)})')}", s["h3"]))
        out.append(Paragraph(f"Answer: {e(a.answer)}", s["cell"]))
        for outcome in a.outcomes:
            label, colour = labels.get(outcome.status, (outcome.status, "#1f4e79"))
            text = f'<font color="{colour}"><b>{label}</b></font>'
            out.append(
                Paragraph(text + (f": {e(outcome.message)}" if outcome.message else ""), s["note"])
            )
    rows = [[Paragraph("Statement", s["label"]), Paragraph("Their answer", s["label"])]]
    for item in record.checklist:
        rows.append(
            [
                Paragraph(
                    f"{e(item.statement)} {grey(f'({e(item.source or item.clause)})')}", s["cell"]
                ),
                Paragraph(f"<b>{e(item.answer)}</b>", s["cell"]),
            ]
        )
    out += [
        Paragraph("Account security checklist", s["h1"]),
        Paragraph(
            f"These are {name}'s own statements (attestations) about their accounts and devices. "
            "They are recorded as given and have not been verified.",
            s["note"],
        ),
        Table(rows, colWidths=[W - 34 * mm, 34 * mm], repeatRows=1, style=STYLE),
    ]
    if record.todo:
        out += [
            Paragraph(f"{name}'s to-do list", s["h2"]),
            Paragraph("Answered “Not yet”: each is a step still to take.", s["note"]),
        ]
        for t in record.todo:
            more = f"<br/>{e(t.help)}" if t.help else ""
            out.append(
                Paragraph(
                    f"{e(t.statement)} {grey(f'({e(t.source)})')}{more}", s["body"], bulletText="☐"
                )
            )
    out += [
        Paragraph("Disclaimer for personal accounts", s["h1"]),
        Paragraph(
            f"The policy (clause {e(record.disclaimer_clause)}) gives this wording for posts on "
            f"personal accounts that could be linked with {e(record.organisation_name)}:",
            s["body"],
        ),
        Paragraph(f"“{e(record.disclaimer_text)}”", s["body"]),
    ]
    if record.contacts:
        out.append(Paragraph("Who to contact", s["h1"]))
        out.append(
            _table(
                [
                    (c.role, f"{e(c.purpose)}<br/><b>{'<br/>'.join(e(r) for r in c.routes)}</b>")
                    for c in record.contacts
                ],
                s,
            )
        )
    out += [
        Paragraph("Declaration", s["h1"]),
        Paragraph(f"Immediately before signing, {name} was shown these statements:", s["body"]),
        *[Paragraph(e(text), s["body"], bulletText="•") for text in record.declaration],
        Paragraph(f"<b>{e(record.signing_statement)}</b>", s["body"]),
        Paragraph("Signed", s["h2"]),
        _table(
            [
                ("Typed name", f"<b>{e(sig.typed_name)}</b>"),
                ("Drawn signature", Strokes(sig.drawing, 70 * mm, 24 * mm)),
                (
                    "Signed at",
                    when(sig.signed_at)
                    + f'<br/><font size="8" color="{GREY}">The time is the computer\'s own '
                    "clock, which Induct does not check.</font>",
                ),
                ("Method", "Typed full name and the Sign button, with a drawn signature"),
                ("App", f"Induct {e(record.app_version)}"),
            ],
            s,
        ),
        PageBreak(),
        Paragraph("Signatures", s["h1"]),
        Paragraph(
            "Each box below is a PDF signature field, empty until it is signed with the signer's "
            "own key in Induct. They are signed in this order. A PDF reader that shows "
            "signatures lists who signed each field and whether the document was changed "
            "afterwards.",
            s["body"],
        ),
    ]
    for field in record.signature_fields:
        out += [
            Paragraph(f"{e(field)}: {name}" if field == "Person" else e(field), s["h2"]),
            Paragraph(
                f"{name} signs here to acknowledge the policy."
                if field == "Person"
                else f"A trustee of {e(record.organisation_name)} countersigns here after "
                "checking this acknowledgement.",
                s["body"],
            ),
            Box(field, found),
            Paragraph(f"Signature field “{e(field)}”", s["small"]),
            Spacer(1, 10),
        ]
    out += [
        PageBreak(),
        Paragraph("Evidence", s["h1"]),
        _table(
            [
                ("Session", e(record.session_id)),
                ("Policy pack", e(record.pack_id)),
                ("Policy version", e(p.version)),
                ("App", f"Induct {e(record.app_version)}"),
            ],
            s,
        ),
        Paragraph("SHA-256 of each section of the policy", s["h2"]),
    ]
    for section in record.policy_sections:
        out.append(Paragraph(e(section.heading), s["label"]))
        out.append(Paragraph(section.sha256, s["hash"]))
    out += [
        Paragraph("SHA-256 of the whole policy", s["label"]),
        Paragraph(record.policy_sha256, s["hash"]),
        Paragraph(e(HASH_EXPLANATION), s["note"]),
        PageBreak(),
        Paragraph("The policy as acknowledged", s["h1"]),
        Paragraph(
            f"{e(p.title)}, version {e(p.version)}, section by section, exactly as it was shown "
            "and hashed.",
            s["note"],
        ),
    ]
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    for section in record.sections:
        out.append(Paragraph(e(section.heading), s["h2"]))
        out += _markdown(md, section.text, s)
    return out


HASH_EXPLANATION = (
    "How to recompute these: each section's text, as UTF-8 with \\n line endings and no "
    "trailing white space at the end, is hashed with SHA-256. The whole policy's hash is the "
    "SHA-256 of the lines “number<TAB>title<TAB>section hash”, one per section of the pack in "
    "reading order (including any sections only senior roles read), joined with \\n. The "
    "section files are in the policy pack, so any SHA-256 tool gives the same values. This "
    "whole record is also attached to the PDF as the file induct-record.json, which every "
    "signature covers."
)


def box_size(boxes: dict[str, tuple[int, tuple[int, int, int, int]]]) -> tuple[int, int]:
    x1, y1, x2, y2 = boxes["Person"][1]
    return x2 - x1, y2 - y1


def render(record: Any) -> tuple[bytes, dict[str, tuple[int, tuple[int, int, int, int]]]]:
    """The printed pages (reportlab only) and where each signature box landed."""
    _register_fonts()
    found: dict[str, tuple[int, tuple[int, int, int, int]]] = {}
    buffer = io.BytesIO()
    name = record.identity.full_name
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=22 * mm,
        title=f"Acknowledgement of the {record.policy.title}",
        author=name,
        initialFontName="Sans",
    )
    doc.build(
        story(record, found),
        canvasmaker=_numbered_canvas(f"{record.organisation_name} · Acknowledgement by {name}"),
    )
    return buffer.getvalue(), found


def stamp(width: float, height: float, lines: list[str], strokes: Any) -> bytes:
    """The signature's visible stamp: the drawn strokes at left, the lines of text at right."""
    _register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName="Sans")
    left = min(width * 0.36, 190.0)
    if strokes is not None:
        scale = min((left - 10) / strokes.width, (height - 10) / strokes.height)
        for stroke in strokes.strokes:
            path = canvas.beginPath()
            path.moveTo(5 + stroke[0][0] * scale, height - 5 - stroke[0][1] * scale)
            for x, y in stroke[1:]:
                path.lineTo(5 + x * scale, height - 5 - y * scale)
            canvas.drawPath(path)
    canvas.line(left, 5, left, height - 5)
    y = height - 16
    canvas.setFont("Sans-Bold", 9.5)
    canvas.drawString(left + 7, y, lines[0])
    canvas.setFont("Sans", 7.6)
    for line in lines[1:]:
        y -= 9.6
        canvas.drawString(left + 7, y, line)
    canvas.save()
    return buffer.getvalue()


def signer_certificate(
    name: str, email: str, role: str, now: datetime, issuer: Any = None, issuer_key: Any = None
):
    """A fresh P-256 key and a certificate naming the signer: self-signed, or issued by
    `issuer` (this computer's) with `issuer_key`, and then lasting no longer than it."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, email),
            x509.NameAttribute(NameOID.TITLE, role),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(issuer.not_valid_after_utc if issuer else now + timedelta(days=3650))
        .sign(issuer_key if issuer else key, hashes.SHA256())
    )
    return key, cert


def sign(
    pdf: bytes,
    boxes: dict[str, tuple[int, tuple[int, int, int, int]]],
    attachment: bytes | None,
    out: Path,
    *,
    stamp_size: tuple[float, float],
    name: str,
    email: str,
    role: str,
    moment: datetime,
    strokes: Any,
    key_and_cert: tuple[Any, Any] | None = None,
    chain: tuple[Any, ...] = (),
    issuer_words: str = "Self-signed certificate: a trustee checks it",
) -> None:
    """Fields for every box, the attachment, and the Person signature: one update, one write.

    With `key_and_cert` None a one-off self-signed key signs; else that key, with `chain`.
    A file with its fields and attachment already in it is signed with no `boxes` and no
    `attachment`.
    """
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils import embed
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for field, (page, box) in boxes.items():
        fields.append_signature_field(writer, fields.SigFieldSpec(field, on_page=page, box=box))
    if attachment is not None:
        data = embed.EmbeddedFileObject.from_file_data(
            writer, data=attachment, mime_type="application/json"
        )
        embed.embed_file(
            writer,
            embed.FileSpec(
                file_spec_string="induct-record.json",
                file_name="induct-record.json",
                embedded_data=data,
            ),
        )
    key, cert = key_and_cert or signer_certificate(name, email, role, moment)
    der = cert.public_bytes(serialization.Encoding.DER)
    digest = hashlib.sha256(der).hexdigest().upper()
    left = ":".join(digest[i : i + 2] for i in range(0, 8, 2))
    right = ":".join(digest[i : i + 2] for i in range(56, 64, 2))
    lines = [
        name,
        f"{role} · {email}",
        f"Signed {when(moment.isoformat())}",
        f"Certificate SHA-256 {left}…{right}",
        issuer_words,
        "One-off key, destroyed after signing",
    ]
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(der),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in chain]
        ),
    )
    with tempfile.TemporaryDirectory() as folder:
        stamp_file = Path(folder) / "stamp.pdf"
        stamp_file.write_bytes(stamp(*stamp_size, lines, strokes))
        style = StaticStampStyle.from_pdf_file(str(stamp_file), border_width=0)
        meta = signers.PdfSignatureMetadata(
            field_name="Person", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
        )
        with out.open("wb") as file:
            signers.PdfSigner(meta, signer, stamp_style=style).sign_pdf(
                writer, existing_fields_only=True, bytes_reserved=8192, output=file
            )
