"""Bringing signed acknowledgements from other computers into the register.

Each file is checked (its signatures must be intact and nothing changed after them; a
person's signature that needs a trustee is recorded and said, and counts for nobody until
a trusted countersignature vouches for it; a file with a countersignature that is not
trusted is refused), read from the record embedded
in it (app.core.onboarding.record; an earlier Induct's file without one is read from its
printed text, and the result says so), and then added in one
write transaction: an `imported` event naming the file, the acknowledgement, and its
countersignature if it has one. A file already in the register is a duplicate; a later,
countersigned copy of a registered acknowledgement adds only the countersignature.

The signature check is passed in (`verify`, app.signing.service.verify_pdf in the app),
so this module stays in plain Python below the signing layer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.clock import Clock, iso_time, local_now
from app.core.onboarding.acknowledgement import (
    GUARDIAN_FIELD,
    PERSON_FIELD,
    TRUSTEE_FIELD,
    AcknowledgementRecord,
)
from app.core.onboarding.record import RecordError, embedded_record_bytes, hash_problems
from app.core.onboarding.record import from_bytes as record_from_bytes
from app.core.pdf_bounds import read_pdf
from app.core.reading import RefusedFileError
from app.core.register.events import Writer
from app.core.register.kinds import ACKNOWLEDGED, COUNTERSIGNED, IMPORTED
from app.core.register.pdf_facts import PdfInfo, pdf_info
from app.core.register.records import (
    COUNTERSIGNED_HERE,
    FROM_PRINTED_TEXT,
    FROM_RECORD,
    IMPORTED_FROM_FILE,
    Acknowledgement,
    Countersignature,
    ImportedFile,
    SignatureSeen,
)
from app.core.register.register import Register

ADDED = "added"
COUNTERSIGNATURE_ADDED = "countersignature added"
DUPLICATE = "duplicate"
REFUSED = "refused"
UNREADABLE = "unreadable"
EXIT_OK, EXIT_REFUSED, EXIT_UNREADABLE = 0, 1, 2
EARLIER_FORMAT_NOTE = (
    "made by an earlier version of Induct, without an embedded record: read from its printed text."
)
Verify = Callable[[Path], Any]  # returns a VerificationReport (app.signing.verify)


@dataclass(frozen=True)
class ImportResult:
    """What happened to one file, in words a trustee reads."""

    path: Path
    outcome: str  # ADDED, COUNTERSIGNATURE_ADDED, DUPLICATE, REFUSED or UNREADABLE
    message: str
    notes: tuple[str, ...] = ()  # e.g. a signature that is not trusted

    @property
    def line(self) -> str:
        return f"{self.outcome}: {self.path.name}: {self.message}"


@dataclass(frozen=True)
class FileFacts:
    """An acknowledgement PDF that checked out, as the register will store it."""

    imported: ImportedFile
    acknowledgement: Acknowledgement
    countersignature: Countersignature | None  # only a trusted one


def exit_code(results: Iterable[ImportResult]) -> int:
    """0 when every file was added or already there, 1 if any was refused, 2 if unreadable."""
    outcomes = {r.outcome for r in results}
    if UNREADABLE in outcomes:
        return EXIT_UNREADABLE
    return EXIT_REFUSED if REFUSED in outcomes else EXIT_OK


def import_files(
    register: Register, files: Iterable[Path], verify: Verify, clock: Clock = local_now
) -> list[ImportResult]:
    return [import_file(register, Path(f), verify, clock) for f in files]


def import_file(
    register: Register,
    path: Path,
    verify: Verify,
    clock: Clock = local_now,
    countersigned_here: bool = False,
) -> ImportResult:
    """Check `path` and add what it holds to `register`, unless it is there already.

    Args:
        countersigned_here: the file was just countersigned on this computer, so a
            registered acknowledgement gets its countersignature without an import event.
    """
    try:
        data = read_pdf(path)
    except RefusedFileError as error:
        return ImportResult(path, UNREADABLE, f"not read: {error.strerror}.")
    except OSError as error:
        return ImportResult(path, UNREADABLE, f"cannot be read ({error.strerror}).")
    if b"%PDF-" not in data[:1024]:
        return ImportResult(path, UNREADABLE, "not a PDF file.")
    digest = hashlib.sha256(data).hexdigest()
    known = register.event_for_file(digest)
    if known is not None:
        return _duplicate_file(path, known.seq, known.kind)
    report = verify(path)
    if report.error:
        return ImportResult(path, UNREADABLE, report.error)
    facts = read_facts(path, digest, report, iso_time(clock()))
    if isinstance(facts, str):
        return ImportResult(path, REFUSED, facts)
    with register.log.writing() as tx:
        return _add(tx, path, facts, countersigned_here)


def read_facts(path: Path, digest: str, report: Any, now: str) -> FileFacts | str:
    """What the checked file holds, or why it is refused (a sentence).

    Everything comes from the record embedded in the PDF and from its signatures. A file
    made before the record was embedded (no record inside) is read from its printed text,
    and the result says so.
    """
    try:
        raw = embedded_record_bytes(path)
        record = None if raw is None else record_from_bytes(raw)
    except RecordError as error:
        return f"its embedded record cannot be read: {error}."
    info = pdf_info(path) if record is None else None
    if info is not None and (
        info.keywords.get("kind") != "acknowledgement" or not info.keywords.get("id")
    ):
        return "not an acknowledgement made by Induct (it does not name an onboarding session)."
    signatures = {s.field: s for s in report.signatures}
    person = signatures.get(PERSON_FIELD)
    if person is None:
        return "the person has not signed it yet."
    broken = [
        f"{s.field} ({s.signer or 'unknown signer'}): {problem}"
        for s in report.signatures
        if s.verdict == "broken"  # altered, changed after, revoked, or not authorised
        for problem in s.problems[:1]
    ]
    if broken:
        return "its signatures do not check out: " + " ".join(broken)
    trustee = signatures.get(TRUSTEE_FIELD)
    if trustee is not None and not trustee.trusted:  # never one that "needs a trustee"
        return f"its countersignature by {trustee.signer or 'an unknown signer'} is not trusted."
    under_18 = record.identity.under_18 if record else GUARDIAN_FIELD in _fields(report)
    if under_18 and GUARDIAN_FIELD not in signatures:
        return "the parent or guardian has not signed it yet."
    if record is not None:
        problems = hash_problems(record)
        if problems:
            return "its record does not add up: " + "; ".join(problems) + "."
        certified, typed = (person.email or "").casefold(), record.identity.email.casefold()
        if certified and typed and certified != typed:
            return (
                f"the e-mail address in its record ({record.identity.email}) is not the one "
                f"in the person's signing certificate ({person.email})."
            )
    notes = tuple(
        f"{s.field} ({s.signer}): {problem}"
        for s in report.signatures
        if not s.trusted
        for problem in s.problems
    )
    if record is None:
        notes = (EARLIER_FORMAT_NOTE, *notes)
    seen = tuple(
        SignatureSeen(s.field, s.signer, s.email, s.fingerprint, s.signed_at, s.trusted)
        for s in report.signatures
    )
    file_path = str(path.resolve())
    guardian = signatures.get(GUARDIAN_FIELD)
    who = (
        _from_record(record, person, guardian)
        if record is not None
        else _from_printed_text(info or PdfInfo(), person, guardian)
    )
    ack = Acknowledgement(
        **who,
        signed_at=person.signed_at,
        file_path=file_path,
        file_sha256=digest,
        fingerprint=person.fingerprint,
        trusted=person.trusted,
        guardian_fingerprint=guardian.fingerprint if guardian else "",
        source=IMPORTED_FROM_FILE,
        read_from=FROM_RECORD if record is not None else FROM_PRINTED_TEXT,
        record_sha256=hashlib.sha256(raw).hexdigest() if raw is not None else "",
    )
    session_id, pack_id = ack.session_id, ack.pack_id
    trustee = signatures.get(TRUSTEE_FIELD)
    countersignature = (
        None
        if trustee is None
        else Countersignature(
            session_id=session_id,
            trustee=trustee.signer,
            email=trustee.email,
            fingerprint=trustee.fingerprint,
            signed_at=trustee.signed_at,
            file_path=file_path,
            file_sha256=digest,
            trusted=trustee.trusted,
            source=IMPORTED_FROM_FILE,
        )
    )
    imported = ImportedFile(file_path, digest, session_id, pack_id, now, seen, notes)
    return FileFacts(imported, ack, countersignature)


def _fields(report: Any) -> set[str]:
    """Every signature field of the file, signed or not."""
    return {s.field for s in report.signatures} | set(report.unsigned_fields)


def _from_record(record: AcknowledgementRecord, person: Any, guardian: Any) -> dict[str, Any]:
    """Who signed which policy, as the embedded record (covered by the signatures) says."""
    who = record.identity
    return {
        "session_id": record.session_id,
        "person": who.full_name,
        "email": who.email or person.email,
        "membership_number": who.membership_number,
        "role": who.role,
        "pack_id": record.pack_id,
        "organisation": record.organisation_name,
        "policy_title": record.policy.title,
        "policy_version": record.policy.version,
        "policy_sha256": record.policy_sha256,
        "guardian_name": who.guardian_name if who.under_18 else "",
        "guardian_relationship": who.guardian_relationship if who.under_18 else "",
        "guardian_email": (who.guardian_email or guardian.email) if guardian else "",
    }


def _from_printed_text(info: PdfInfo, person: Any, guardian: Any) -> dict[str, Any]:
    """The same facts from an earlier Induct's file, which has no record: its printed rows.

    Kept only for those files; it depends on the wording and layout of that version.
    """
    relationship = info.fact("Parent or guardian").partition(", ")[2].partition(" (")[0]
    return {
        "session_id": info.keywords["id"],
        "person": info.fact("Full name") or person.signer,
        "email": person.email or info.fact("E-mail"),
        "membership_number": info.fact("Membership number"),
        "role": info.fact("Role") or person.reason.partition(" signature in Induct")[0],
        "pack_id": info.keywords.get("pack", ""),
        "organisation": info.fact("Name") or info.from_subject("organisation"),
        "policy_title": info.fact("Title") or info.from_subject("title"),
        "policy_version": info.fact("Version") or info.from_subject("version"),
        "policy_sha256": info.fact("Policy SHA-256"),
        "guardian_name": guardian.signer if guardian else "",
        "guardian_relationship": relationship if guardian else "",
        "guardian_email": guardian.email if guardian else "",
    }


def _add(tx: Writer, path: Path, facts: FileFacts, countersigned_here: bool) -> ImportResult:
    """Decide and append inside the write transaction, so two importers never both add."""
    ack, countersignature, imported = facts.acknowledgement, facts.countersignature, facts.imported
    notes = imported.notes
    same_file = tx.events(file_sha256=imported.file_sha256)
    if same_file:
        return _duplicate_file(path, same_file[0].seq, same_file[0].kind)
    registered = tx.events(subject=ack.session_id, kinds=(ACKNOWLEDGED,))
    countersigned = tx.events(subject=ack.session_id, kinds=(COUNTERSIGNED,))
    if countersigned_here and countersignature is not None:
        countersignature = Countersignature(
            **{**countersignature.payload(), "source": COUNTERSIGNED_HERE}
        )
    if registered:
        first = Acknowledgement.from_payload(registered[0].payload)
        if countersignature is None or countersigned:
            what = "and its countersignature are" if countersigned else "is"
            return ImportResult(
                path,
                DUPLICATE,
                (
                    f"the acknowledgement by {first.person}, signed {first.signed_at[:10]}, {what} "
                    f"already in the register (event {registered[0].seq})."
                ),
                notes,
            )
        if not countersigned_here:
            tx.append(
                IMPORTED,
                ack.session_id,
                imported.imported_at,
                imported.payload(),
                imported.file_sha256,
            )
        _append_countersignature(tx, countersignature)
        return ImportResult(
            path,
            COUNTERSIGNATURE_ADDED,
            (
                f"{countersignature.trustee} countersigned the acknowledgement by {first.person} "
                f"on {countersignature.signed_at[:10]}."
            ),
            notes,
        )
    tx.append(
        IMPORTED, ack.session_id, imported.imported_at, imported.payload(), imported.file_sha256
    )
    tx.append(ACKNOWLEDGED, ack.session_id, ack.signed_at, ack.payload(), ack.file_sha256)
    if countersignature is not None:
        _append_countersignature(tx, countersignature)
    by = f", countersigned by {countersignature.trustee}" if countersignature else ""
    return ImportResult(
        path,
        ADDED,
        (
            f"{ack.person} ({ack.role}), {ack.organisation or ack.pack_id}, policy version "
            f"{ack.policy_version}, signed {ack.signed_at[:10]}{by}."
        ),
        notes,
    )


def _append_countersignature(tx: Writer, countersignature: Countersignature) -> None:
    tx.append(
        COUNTERSIGNED,
        countersignature.session_id,
        countersignature.signed_at,
        countersignature.payload(),
        countersignature.file_sha256,
    )


def _duplicate_file(path: Path, seq: int, kind: str) -> ImportResult:
    return ImportResult(
        path, DUPLICATE, f"this very file is already in the register (event {seq}, {kind})."
    )
