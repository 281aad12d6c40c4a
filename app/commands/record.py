"""`induct record show FILE.pdf [--json]`: the record a signed acknowledgement (or a
captured consent) carries.

It prints what the file's embedded record says and whether its hashes add up (against
its own section texts and, when the same pack is installed here, the pack). It does not
check signatures: `induct verify FILE.pdf` does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.onboarding.acknowledgement import AcknowledgementRecord

CONSENT_FILE = "induct-consent-record.json"
EXIT_OK = 0
EXIT_NO_RECORD = 1
EXIT_UNREADABLE = 2


def add_commands(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("record", help="the record embedded in a signed acknowledgement")
    actions = parser.add_subparsers(dest="record_command", metavar="ACTION", required=True)
    show = actions.add_parser(
        "show", help="print the record a signed acknowledgement PDF carries inside it"
    )
    show.add_argument("file", type=Path, metavar="FILE.pdf")
    show.add_argument("--json", action="store_true", help="print the record's JSON as embedded")
    show.set_defaults(handler=run_show)


def run_show(args: argparse.Namespace) -> int:
    from app.core.onboarding.record import RecordError, embedded_record_bytes, from_bytes

    path: Path = args.file
    try:
        with path.open("rb") as handle:
            if b"%PDF-" not in handle.read(1024):
                print(f"induct: {path}: not a PDF file.", file=sys.stderr)
                return EXIT_UNREADABLE
        raw = embedded_record_bytes(path)
        if raw is None:
            consent = embedded_record_bytes(path, CONSENT_FILE)
            if consent is not None:
                return _show_consent(consent, args.json)
            print(
                f"induct: {path}: carries no embedded record. It was made by an earlier "
                "version of Induct, or not by Induct; `induct verify` still checks its "
                "signatures.",
                file=sys.stderr,
            )
            return EXIT_NO_RECORD
        record = from_bytes(raw)
    except OSError as error:
        print(f"induct: {path}: cannot be read ({error.strerror}).", file=sys.stderr)
        return EXIT_UNREADABLE
    except RecordError as error:
        print(f"induct: {path}: {error}.", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.json:
        sys.stdout.write(raw.decode("utf-8") + "\n")
    else:
        sys.stdout.write(describe(record))
    return EXIT_OK


def _show_consent(raw: bytes, as_json: bool) -> int:
    """A captured consent's record: as embedded, or its main facts."""
    from app.core.consent.embedded import ConsentRecordError, from_bytes

    try:
        record = from_bytes(raw)
    except ConsentRecordError as error:
        print(f"induct: {error}.", file=sys.stderr)
        return EXIT_UNREADABLE
    if as_json:
        sys.stdout.write(raw.decode("utf-8") + "\n")
        return EXIT_OK
    adult = record.consenting_adult
    lines = [
        f"Consent record {record.record_id} (form {record.form_id or 'none'}), "
        f"template {record.template_id} version {record.template_version}",
        f"Pack: {record.pack_id}; text SHA-256 {record.text_sha256}",
        f"Person: {record.subject.name}",
        *([f"Consenting adult: {adult.name} ({adult.relationship})"] if adult is not None else []),
        *(f"  {'yes' if d.granted else 'no'}: {d.label}" for d in record.decisions),
        f"Recorded at {record.recorded_at} by {record.operator}; expires {record.expires_on}",
        "Signatures are not checked here: use `induct verify FILE.pdf`.",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def describe(r: AcknowledgementRecord) -> str:
    """The record in plain words, one fact a line."""
    from app.core.onboarding.record import SCHEMA, SCHEMA_VERSION, hash_problems
    from app.core.packs import installed_packs

    who, p = r.identity, r.policy
    lines = [
        f"Acknowledgement record ({SCHEMA}, version {SCHEMA_VERSION}), made by Induct "
        f"{r.app_version}",
        f"Session: {r.session_id}",
        f"Organisation: {r.organisation_name} (pack {r.pack_id})",
        f"Policy: {p.title}, version {p.version}",
        f"Policy SHA-256: {r.policy_sha256}",
        "",
        f"Person: {who.full_name}",
        f"  E-mail: {who.email or 'not given'}",
        f"  Membership number: {who.membership_number or 'not given'}",
        f"  Role: {who.role}" + (" (senior role)" if r.senior else ""),
        f"  Under 18: {'yes' if who.under_18 else 'no'}",
        f"  Runs or plans an account: {'yes' if who.runs_account else 'no'}",
    ]
    if who.under_18:
        lines += [
            f"Parent or guardian: {who.guardian_name}",
            f"  Relationship: {who.guardian_relationship or 'not given'}",
            f"  E-mail: {who.guardian_email or 'not given'}",
            "  Declares:",
            *(f"    - {text}" for text in r.guardian_declaration),
            f"    {r.guardian_signing_statement}",
        ]
    lines += ["", "Sections read (acknowledged at, SHA-256):"]
    lines += [f"  {s.heading}: {s.acknowledged_at or 'not acknowledged'}" for s in r.sections]
    lines += ["Every section of the policy (SHA-256):"]
    lines += [
        f"  {s.sha256}  {s.heading}" + ("" if s.read_by_this_person else " (senior roles)")
        for s in r.policy_sections
    ]
    lines += ["", f"Quiz: {r.quiz_correct} of {len(r.quiz)} correct"]
    lines += [
        f"  {'right' if q.is_correct else 'wrong'}: {q.question} — {q.chosen or 'no answer'}"
        for q in r.quiz
    ]
    if r.questionnaire_asked:
        lines.append("Questionnaire (running an account):")
        for a in r.questionnaire:
            lines.append(f"  {a.prompt} — {a.answer or 'not answered'}")
            lines += [
                f"    {o.status}" + (f": {o.message}" if o.message else "") for o in a.outcomes
            ]
    else:
        lines.append("Questionnaire: not asked (runs no account)")
    lines.append("Account security checklist (their own statements):")
    lines += [f"  {c.statement} — {c.answer}" for c in r.checklist]
    lines += ["", "Declaration shown before signing:"]
    lines += [f"  - {text}" for text in r.declaration]
    lines.append(f"  {r.signing_statement}")
    sig = r.signature
    if sig is None:
        lines.append("Signed: not yet")
    else:
        drawn = sig.drawing is not None and not sig.drawing.is_empty()
        lines.append(
            f"Signed: typed name {sig.typed_name!r} at {sig.signed_at}"
            + (", with a drawn signature" if drawn else "")
        )
    lines.append(f"Signature fields: {', '.join(r.signature_fields)}")
    catalogue = installed_packs()
    pack = catalogue.packs.get(r.pack_id)
    problems = hash_problems(r, pack)
    lines.append("")
    if problems:
        lines += ["Hashes: do NOT add up:", *(f"  {p}" for p in problems)]
    else:
        against = f" and match pack {r.pack_id!r} as installed here" if pack else ""
        lines.append(f"Hashes: each section's text and the whole-policy hash add up{against}.")
    lines.append("Signatures are not checked here: use `induct verify FILE.pdf`.")
    return "\n".join(lines) + "\n"
