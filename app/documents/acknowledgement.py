"""The acknowledgement PDF: what the person read, answered and declared, ready for signatures.

The record goes into the PDF as an embedded JSON file (app.core.onboarding.record) and
the pages are drawn from that same record read back, so what is printed and what the
signatures cover as data can never say different things.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import unicodedata
from datetime import date
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)

from app.core.atomic import write_atomic
from app.core.clock import readable
from app.core.folders import ensure_folder
from app.core.onboarding import record as embedded_record
from app.core.onboarding.acknowledgement import AcknowledgementRecord
from app.core.onboarding.rules import ADVICE, MET, REFUSED
from app.core.packs import readable_partial_date, review_overdue
from app.documents.embedded import attach_file
from app.documents.fonts import REGULAR
from app.documents.markdown_flowables import markdown_to_flowables
from app.documents.paragraph import Paragraph
from app.documents.signature_fields import (
    DrawnSignature,
    FieldPlacement,
    append_fields,
    signature_page,
)
from app.documents.styles import (
    ACCENT,
    BAD,
    GOOD,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_SIZE,
    SHADE,
    TEXT_WIDTH,
    WARN,
    Styles,
    clause_ref,
    esc,
    facts,
    footer_canvas,
    grid,
    hash_text,
    make_styles,
)

HASH_EXPLANATION = (
    "How to recompute these: each section's text, as UTF-8 with \\n line endings and no "
    "trailing white space at the end, is hashed with SHA-256. The whole policy's hash is the "
    "SHA-256 of the lines “number<TAB>title<TAB>section hash”, one per section of the pack in "
    "reading order (including any sections only senior roles read), joined with \\n. The "
    "section files are in the policy pack, so any SHA-256 tool gives the same values. This "
    "whole record is also attached to the PDF as the file induct-record.json, which every "
    "signature covers."
)


def document_keywords(kind: str, pack_id: str, document_id: str) -> str:
    """Keywords by which Induct recognises its own PDFs later (kind, pack, id)."""
    return f"induct-kind:{kind} induct-pack:{pack_id} induct-id:{document_id}"


def render_acknowledgement(record: AcknowledgementRecord) -> bytes:
    """The complete acknowledgement PDF: its record embedded, an empty signature field for
    every signer."""
    data = embedded_record.to_bytes(record)
    # Print what the embedded record says, read back, not the object it was made from.
    record = embedded_record.from_bytes(data)
    styles = make_styles()
    placements: dict[str, FieldPlacement] = {}
    story = _story(record, styles, placements)
    buffer = io.BytesIO()
    name = record.identity.full_name
    policy = record.policy
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"Acknowledgement of the {policy.title}",
        author=name,
        subject=f"Acknowledgement by {name} of the {policy.title}, version {policy.version}, "
        f"of {record.organisation_name}",
        creator=f"Induct {record.app_version}",
        lang="en-GB",
        displayDocTitle=True,
        keywords=document_keywords("acknowledgement", record.pack_id, record.session_id),
        initialFontName=REGULAR,  # keeps Helvetica, a base-14 font, out of the file
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate("page", frames=[frame])])
    doc.build(
        story, canvasmaker=footer_canvas(f"{record.organisation_name} · Acknowledgement by {name}")
    )
    missing = [f for f in record.signature_fields if f not in placements]
    if missing:
        raise RuntimeError(f"signature boxes were not placed: {missing}")
    # pyHanko takes ~0.4 s to import: load it only when a document is made.
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    # The fields and the record go in together: one update, the pages read and written once.
    writer = IncrementalPdfFileWriter(io.BytesIO(buffer.getvalue()))
    append_fields(writer, [placements[f] for f in record.signature_fields])
    attach_file(
        writer,
        embedded_record.FILE_NAME,
        data,
        embedded_record.MEDIA_TYPE,
        embedded_record.DESCRIPTION,
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def save_acknowledgement(record: AcknowledgementRecord, folder: Path) -> Path:
    """Render and write the PDF into `folder` under a new name; never replaces a file."""
    pdf = render_acknowledgement(record)
    folder = ensure_folder(Path(folder))  # FolderRefusedError names the folder and why
    stem = file_stem(record)
    for number in range(1, 1000):
        path = folder / (f"{stem}.pdf" if number == 1 else f"{stem} ({number}).pdf")
        try:
            # Claim the name first, so a second save at the same moment picks another.
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            continue
        try:
            write_atomic(path, pdf)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            raise
        return path
    raise FileExistsError(f"too many acknowledgements named {stem!r} in {folder}")


def file_stem(record: AcknowledgementRecord) -> str:
    """`IET acknowledgement - Siân Llewelyn-Jones - 2026-11-21`, safe on every system."""
    when = record.signature.signed_at[:10] if record.signature else date.today().isoformat()
    # File names are limited to 255 bytes: keep the name well inside, whatever its script.
    name = safe_file_part(record.identity.full_name).encode()[:120].decode(errors="ignore")
    name = name.strip(" .") or "unnamed"
    return f"{safe_file_part(record.pack_id.upper())} acknowledgement - {name} - {when}"


def safe_file_part(text: str) -> str:
    """`text` without characters Windows, macOS or Linux refuse in file names."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f]', "", text)
    return re.sub(r"\s+", " ", text).strip(" .")


def _colour(colour: Color) -> str:
    """`colour` as a font tag's colour attribute. reportlab reads "rgb(…)" directly; "#rrggbb"
    and "0xrrggbb" it reaches only after trying it as a Python literal, 7–25 times slower."""
    return f"rgb({round(colour.red * 255)},{round(colour.green * 255)},{round(colour.blue * 255)})"


def _story(
    record: AcknowledgementRecord, s: Styles, placements: dict[str, FieldPlacement]
) -> list[Flowable]:
    return [
        *_opening(record, s),
        *_sections(record, s),
        *_quiz(record, s),
        *_questionnaire(record, s),
        *_checklist(record, s),
        *_disclaimer(record, s),
        *_contacts(record, s),
        *_declaration(record, s),
        PageBreak(),
        *signature_page(
            record.signature_fields,
            record.identity.full_name,
            record.organisation_name,
            s,
            placements,
            guardian=record.identity.guardian_name,
        ),
        PageBreak(),
        *_evidence(record, s),
        PageBreak(),
        *_policy_text(record, s),
    ]


def _opening(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    p, who = r.policy, r.identity
    name = esc(who.full_name)
    approved = (
        f"{esc(p.approved)} by {esc(p.approved_by)}"
        if p.approved and p.approved_by
        else esc(p.approved)
        if p.approved
        else f"By {esc(p.approved_by)} (no date given)"
        if p.approved_by
        else "Not stated"
    )
    policy_rows: list[tuple[str, str | Flowable]] = [
        ("Title", esc(p.title)),
        ("Version", esc(p.version)),
        ("Approved", approved),
    ]
    if p.last_reviewed:
        policy_rows.append(("Last reviewed", esc(p.last_reviewed)))
    if p.next_review:
        signed = date.fromisoformat(r.signature.signed_at[:10]) if r.signature else date.today()
        late = " — already past when this was signed" if review_overdue(p, signed) else ""
        policy_rows.append(("Next review due", esc(readable_partial_date(p.next_review) + late)))
    policy_rows += [
        ("Source", esc(p.source)),
        ("SHA-256 of the whole policy", hash_text(r.policy_sha256, s)),
    ]
    person = facts(
        [
            ("Full name", f"<b>{name}</b>"),
            ("E-mail", esc(who.email or "Not given")),
            ("Membership number", esc(who.membership_number or "Not given")),
            ("Role", esc(who.role)),
            ("Under 18", "Yes" if who.under_18 else "No"),
            *(
                [
                    (
                        "Parent or guardian",
                        f"<b>{esc(who.guardian_name)}</b>, "
                        f"{esc(who.guardian_relationship)}"
                        + (f" ({esc(who.guardian_email)})" if who.guardian_email else ""),
                    )
                ]
                if who.under_18
                else []
            ),
        ],
        s,
    )
    out: list[Flowable] = [
        Paragraph(esc(r.organisation_name), s.overline),
        Paragraph(f"Acknowledgement of the {esc(p.title)}", s.title),
        Paragraph(
            f"This document records how {name} read and acknowledged this policy of "
            f"{esc(r.organisation_name)}: when each section was read, what was answered "
            "and the declaration signed. The policy itself is "
            "reproduced in full at the end, as it was read.",
            s.body,
        ),
        Paragraph("Organisation", s.h1),
        facts(
            [
                ("Name", esc(r.organisation_name)),
                ("Legal name", esc(r.organisation_legal_name)),
                (
                    "Charity number" + ("s" if len(r.charity_numbers) > 1 else ""),
                    "<br/>".join(esc(n) for n in r.charity_numbers),
                ),
            ],
            s,
        ),
        Paragraph("Policy", s.h1),
        facts(policy_rows, s),
        Paragraph("The person", s.h1),
        person,
    ]
    if r.senior:
        out += [
            Spacer(1, 4),
            Paragraph(
                f"<b>Senior role.</b> As {esc(who.role)}, {name} has the policy's further duties "
                "for senior roles, and read and acknowledged the sections for senior roles too.",
                s.note,
            ),
        ]
    return out


def _sections(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    rows = [[Paragraph("Section", s.label), Paragraph("Acknowledged at", s.label)]]
    for section in r.sections:
        when = readable(section.acknowledged_at) if section.acknowledged_at else "Not acknowledged"
        rows.append([Paragraph(esc(section.heading), s.cell), Paragraph(esc(when), s.cell)])
    table = grid(rows, [TEXT_WIDTH - 62 * mm, 62 * mm], header=True)
    return [
        Paragraph("Sections acknowledged", s.h1),
        Paragraph(
            "Each section was shown in full and acknowledged on its own. The text "
            "of every section is reproduced under “The policy as acknowledged”.",
            s.note,
        ),
        table,
    ]


def _quiz(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    if not r.quiz:
        return []  # the pack has no quiz
    rule = (
        f"The pass mark is {r.quiz_pass_mark} of {len(r.quiz)}: below it, the explanations "
        "are read and the missed questions answered again."
        if r.quiz_pass_mark
        else "A wrong answer is explained and never stops anyone going on."
    )
    out: list[Flowable] = [
        Paragraph("Quiz", s.h1),
        Paragraph(
            f"<b>{r.quiz_correct} of {len(r.quiz)} answered correctly in the end.</b> {rule} "
            "The choices were shown in an order shuffled for this person, as listed.",
            s.body,
        ),
    ]
    for rnd in r.quiz_rounds:
        what = "all questions" if rnd.number == 1 else "the questions missed before"
        out.append(
            Paragraph(f"Attempt {rnd.number} ({what}): {rnd.right} of {rnd.asked} right.", s.cell)
        )
    for number, q in enumerate(r.quiz, 1):
        verdict = (
            f'<font color="{_colour(GOOD)}">✓ Correct</font>'
            if q.is_correct
            else f'<font color="{_colour(BAD)}">✗ Not correct</font>'
        )
        block: list[Flowable] = [
            Paragraph(
                f"{number}. {esc(q.question)} "
                f'<font color="{_colour(MUTED)}">({esc(q.source or q.clause)})</font>',
                s.h3,
            ),
        ]
        if q.shown_choices:
            block.append(
                Paragraph(
                    "Choices as shown: "
                    + " ".join(
                        f"<b>{chr(65 + i)}.</b> {esc(c)}" for i, c in enumerate(q.shown_choices)
                    ),
                    s.note,
                )
            )
        for attempt, chosen, right in q.attempts if len(q.attempts) > 1 else ():
            mark = "right" if right else "not right"
            block.append(
                Paragraph(f"Attempt {attempt}: {esc(chosen or 'No answer')} ({mark})", s.cell)
            )
        block.append(Paragraph(f"Answer given: {esc(q.chosen or 'No answer')} — {verdict}", s.cell))
        if not q.is_correct:
            block.append(Paragraph(f"Correct answer: {esc(q.correct_answer)}", s.cell))
        block.append(Paragraph(esc(q.explanation), s.note))
        out.append(KeepTogether(block))
    return out


_OUTCOME_LABEL = {MET: ("Rule met", GOOD), ADVICE: ("Advice", WARN), REFUSED: ("Refused", BAD)}


def _questionnaire(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    if not r.questionnaire_offered:
        return []  # the pack asks no account questions
    title = Paragraph("Questionnaire: running an account", s.h1)
    name = esc(r.identity.full_name)
    if not r.questionnaire_asked:
        return [
            title,
            Paragraph(
                f"Not asked: {name} does not run, or plan to run, a social "
                f"media account connected with {esc(r.organisation_name)}.",
                s.body,
            ),
        ]
    out: list[Flowable] = [
        title,
        Paragraph(
            f"{name} runs, or plans to run, an account connected with "
            f"{esc(r.organisation_name)}, and answered these questions. Advice is recorded and "
            "never stops anyone; a refused answer has to be changed.",
            s.note,
        ),
    ]
    for a in r.questionnaire:
        block = [
            Paragraph(
                f'{esc(a.prompt)} <font color="{_colour(MUTED)}">({esc(a.source or a.clause)})</font>',
                s.h3,
            ),
            Paragraph(f"Answer: {esc(a.answer) if a.answer else '<i>Not answered</i>'}", s.cell),
        ]
        for outcome in a.outcomes:
            label, colour = _OUTCOME_LABEL.get(outcome.status, (outcome.status, ACCENT))
            text = f'<font color="{_colour(colour)}"><b>{label}</b></font>'
            if outcome.message:
                text += f": {esc(outcome.message)}"
            block.append(Paragraph(text, s.note))
        out.append(KeepTogether(block))
    return out


def _checklist(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    if not r.checklist:
        return []  # the pack has no checklist
    rows = [[Paragraph("Statement", s.label), Paragraph("Their answer", s.label)]]
    for item in r.checklist:
        rows.append(
            [
                Paragraph(
                    f'{esc(item.statement)} <font color="{_colour(MUTED)}">'
                    f"({esc(item.source or item.clause)})</font>",
                    s.cell,
                ),
                Paragraph(f"<b>{esc(item.answer)}</b>", s.cell),
            ]
        )
    table = grid(rows, [TEXT_WIDTH - 34 * mm, 34 * mm], header=True)
    return [
        Paragraph("Account security checklist", s.h1),
        Paragraph(
            f"These are {esc(r.identity.full_name)}'s own statements (attestations) "
            "about their accounts and devices. They are recorded as given and have "
            "not been verified.",
            s.note,
        ),
        table,
        *_todo(r, s),
    ]


def _todo(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    """The "Not yet" answers, as the person's own list of things to do."""
    if not r.todo:
        return []
    items = ListFlowable(
        [
            ListItem(
                Paragraph(
                    f"{esc(t.statement)} "
                    f'<font color="{_colour(MUTED)}">({esc(t.source)})</font>'
                    + (f"<br/>{esc(t.help)}" if t.help else ""),
                    s.body,
                )
            )
            for t in r.todo
        ],
        bulletType="bullet",
        start="☐",
        bulletFontName=REGULAR,
        bulletColor=ACCENT,
        leftIndent=16,
    )
    return [
        Paragraph(f"{esc(r.identity.full_name)}'s to-do list", s.h2),
        Paragraph("Answered “Not yet”: each is a step still to take.", s.note),
        items,
    ]


def _disclaimer(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    return [
        Paragraph("Disclaimer for personal accounts", s.h1),
        Paragraph(
            f"The policy ({clause_ref(r.disclaimer_clause)}) gives this wording for "
            "posts on personal accounts that could be linked with "
            f"{esc(r.organisation_name)}:",
            s.body,
        ),
        Paragraph(f"“{esc(r.disclaimer_text)}”", s.quote),
    ]


def _contacts(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    """Who to reach, and how: every contact has at least one route."""
    if not r.contacts:
        return []
    rows: list[tuple[str, str | Flowable]] = [
        (
            c.role,
            f"{esc(c.purpose)}<br/><b>{'<br/>'.join(esc(route) for route in c.routes)}</b>",
        )
        for c in r.contacts
    ]
    return [Paragraph("Who to contact", s.h1), facts(rows, s)]


def _statements(texts: tuple[str, ...], s: Styles) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(esc(text), s.body)) for text in texts],
        bulletType="bullet",
        start="•",
        bulletFontName=REGULAR,
        bulletColor=ACCENT,
        leftIndent=16,
    )


def _declaration(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    name = esc(r.identity.full_name)
    sig = r.signature
    # The exact words shown at signing: the statements, then the signing statement.
    out: list[Flowable] = [
        Paragraph("Declaration", s.h1),
        Paragraph(f"Immediately before signing, {name} was shown these statements:", s.body),
        _statements(r.declaration, s),
        Paragraph(f"<b>{esc(r.signing_statement)}</b>", s.body),
    ]
    guardian = _guardian_declaration(r, s)
    if sig is None:
        return [KeepTogether([*out, Paragraph("<b>Not yet signed.</b>", s.body)]), *guardian]
    drawn = sig.drawing is not None and not sig.drawing.is_empty()
    rows: list[tuple[str, str | Flowable]] = [("Typed name", f"<b>{esc(sig.typed_name)}</b>")]
    if drawn and sig.drawing is not None:
        rows.append(("Drawn signature", DrawnSignature(sig.drawing, 70 * mm, 24 * mm)))
    rows += [
        (
            "Signed at",
            esc(readable(sig.signed_at)) + f'<br/><font size="8" color="{_colour(MUTED)}">'
            "The time is the computer's own clock, which Induct does not check.</font>",
        ),
        (
            "Method",
            "Typed full name and the Sign button" + (", with a drawn signature" if drawn else ""),
        ),
        ("App", f"Induct {esc(r.app_version)}"),
    ]
    # What was declared and the signature belong on one page where they fit.
    return [KeepTogether([*out, Paragraph("Signed", s.h2), facts(rows, s)]), *guardian]


def _guardian_declaration(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    """Under 18: the parent or guardian's details and their declaration, word for word."""
    who = r.identity
    if not who.under_18:
        return []
    guardian = esc(who.guardian_name)
    details = facts(
        [
            ("Name", f"<b>{guardian}</b>"),
            ("Relationship", esc(who.guardian_relationship or "Not given")),
            ("E-mail", esc(who.guardian_email or "Not given")),
        ],
        s,
    )
    return [
        KeepTogether(
            [
                Paragraph("Parent or guardian's declaration", s.h1),
                details,
                Spacer(1, 4),
                Paragraph(
                    f"Immediately before signing, {guardian} is shown these statements:", s.body
                ),
                _statements(r.guardian_declaration, s),
                Paragraph(f"<b>{esc(r.guardian_signing_statement)}</b>", s.body),
                Paragraph(
                    "Their signature, with its time, is the Parent or guardian signature on the "
                    "signature page.",
                    s.note,
                ),
            ]
        )
    ]


def _evidence(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph("Evidence", s.h1),
        facts(
            [
                ("Session", esc(r.session_id)),
                ("Policy pack", esc(r.pack_id)),
                ("Policy version", esc(r.policy.version)),
                ("App", f"Induct {esc(r.app_version)}"),
            ],
            s,
        ),
        Paragraph("SHA-256 of each section of the policy", s.h2),
    ]
    for section in r.policy_sections:
        # Every section is listed, so the whole-policy hash can be recomputed from this page.
        note = "" if section.read_by_this_person else " (for trustees and senior roles only)"
        out.append(
            KeepTogether(
                [
                    Paragraph(esc(section.heading + note), s.label),
                    hash_text(section.sha256, s),
                    Spacer(1, 4),
                ]
            )
        )
    box = grid(
        [[Paragraph("SHA-256 of the whole policy", s.label)], [hash_text(r.policy_sha256, s)]],
        [TEXT_WIDTH],
    )
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0, SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [*out, Spacer(1, 6), box, Spacer(1, 8), Paragraph(esc(HASH_EXPLANATION), s.note)]


def _policy_text(r: AcknowledgementRecord, s: Styles) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph("The policy as acknowledged", s.h1),
        Paragraph(
            f"{esc(r.policy.title)}, version {esc(r.policy.version)}, section by "
            "section, exactly as it was shown and hashed.",
            s.note,
        ),
    ]
    for section in r.sections:
        out.append(Paragraph(esc(section.heading), s.h2))
        out += markdown_to_flowables(section.text, s)
    return out
