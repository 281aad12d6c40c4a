"""The last page of a captured consent form: the record as stored, and its signature fields."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from app.core.clock import readable
from app.core.consent.form import ConsentForm, ConsentRecord, effective_decisions, refusal_reason
from app.core.onboarding.acknowledgement import GUARDIAN_FIELD, PERSON_FIELD
from app.documents.signature_fields import FieldPlacement, SignatureBox
from app.documents.styles import BAD, GOOD, Styles, esc, facts, grid, hash_text

TEXT_HASH_NOTE = (
    "The SHA-256 covers the exact wording of this form as shown to the signer: the words of "
    "each part in reading order, one item a line, as UTF-8. Induct recomputes it from the "
    "template and the policy pack, so a changed template cannot pass for this one."
)


def signature_fields(record: ConsentRecord, form: ConsentForm) -> tuple[str, ...]:
    """The PDF signature fields this record needs: the person, and the parent or guardian."""
    roles = {s.role for b in form.blocks for s in b.signers}
    fields = []
    if "subject" in roles and form.template.kind != "guardian":
        fields.append(PERSON_FIELD)
    if record.consenting_adult is not None:
        fields.append(GUARDIAN_FIELD)
    return tuple(fields)


def evidence_story(
    record: ConsentRecord,
    form: ConsentForm,
    s: Styles,
    width: float,
    placements: dict[str, FieldPlacement],
) -> list[Flowable]:
    """The record of this consent, decision by decision, then an empty box per signature field."""
    subject, adult = record.subject, record.consenting_adult
    born = subject.dob or (str(subject.age) if subject.age is not None else "")
    rows: list[tuple[str, str | Flowable]] = [
        ("Record", esc(record.record_id)),
        ("Form ID", esc(record.form_id or "None")),
        (
            "Template",
            esc(f"{record.template_id}, version {record.template_version} ({form.template.date})"),
        ),
        ("SHA-256 of the text", hash_text(record.text_sha256, s)),
        (
            "Privacy notice",
            esc(
                f"{form.pack.consent.privacy_notice if form.pack.consent else ''}"
                f", version: {record.privacy_notice_version}"
            ),
        ),
        ("Policy pack", esc(record.pack_id)),
        (
            "The person",
            esc(
                f"{subject.name} (ID {subject.internal_id})"
                + (f", {subject.role}" if subject.role else "")
                + (f", born or aged {born}" if born else "")
            ),
        ),
    ]
    if adult is not None:
        rows.append(
            (
                "Parent or guardian",
                esc(
                    f"{adult.name}, {adult.relationship}; parental responsibility "
                    + ("confirmed" if adult.parental_responsibility else "NOT confirmed")
                ),
            )
        )
    rows += [
        ("Recorded at", esc(readable(record.recorded_at))),
        ("Method", esc(record.method)),
        ("Recorded by", esc(record.operator or "Not given")),
        ("Witness or receiver", esc(record.witness or "None")),
        ("Expires on", esc(record.expires_on)),
    ]
    if record.identification:
        rows.append(("Named as", esc(_option_label(form, "identification", record.identification))))
    rows += [
        (esc(_heading(form, key)), esc(_option_label(form, key, value)))
        for key, value in record.options.items()
    ]
    if record.child_agreement is not None:
        rows.append(
            (
                "Child's agreement",
                "Agrees"
                if record.child_agreement
                else f'<font color="{BAD.hexval()}"><b>Does not agree</b></font>',
            )
        )
    out: list[Flowable] = [Paragraph("Record of this consent", s.h1), facts(rows, s)]
    reason = refusal_reason(record)
    if reason:
        out += [
            Spacer(1, 3 * mm),
            Paragraph(
                f'<font color="{BAD.hexval()}"><b>No consent.</b></font> {esc(reason)} Every '
                "purpose below counts as refused, whatever was ticked.",
                s.body,
            ),
        ]
    out += [
        Paragraph("Decisions, one per purpose", s.h2),
        _decisions(record, s, width),
        Spacer(1, 2 * mm),
        Paragraph(esc(TEXT_HASH_NOTE), s.note),
    ]
    fields = signature_fields(record, form)
    if fields:
        out += [
            Paragraph("Digital signatures", s.h2),
            Paragraph(
                "Each box below is an empty PDF signature field, signed in Induct with the "
                "signer's own key. Signing does not change what is recorded above.",
                s.note,
            ),
        ]
        for name in fields:
            out.append(
                KeepTogether(
                    [
                        Paragraph(esc(name), s.h3),
                        SignatureBox(name, width, 60, placements),
                        Spacer(1, 6),
                    ]
                )
            )
    return out


def _decisions(record: ConsentRecord, s: Styles, width: float) -> Flowable:
    effective = {d.purpose_key: d.granted for d in effective_decisions(record)}
    rows: list[list[Flowable]] = [
        [
            Paragraph("Purpose", s.label),
            Paragraph("Ticked", s.label),
            Paragraph("Counts as", s.label),
        ]
    ]
    for d in record.decisions:
        now = effective[d.purpose_key]
        colour = GOOD if now else BAD
        rows.append(
            [
                Paragraph(esc(d.label), s.cell),
                Paragraph("Yes" if d.granted else "No", s.cell),
                Paragraph(
                    f'<font color="{colour.hexval()}"><b>'
                    f"{'Granted' if now else 'Refused'}</b></font>",
                    s.cell,
                ),
            ]
        )
    return grid(rows, [width - 50 * mm, 20 * mm, 30 * mm], header=True)


def _heading(form: ConsentForm, block_id: str) -> str:
    return next((b.heading for b in form.blocks if b.id == block_id), block_id)


def _option_label(form: ConsentForm, block_id: str, key: str) -> str:
    for block in form.blocks:
        if block.id == block_id:
            return next((o.label for o in block.options if o.key == key), key)
    return key
