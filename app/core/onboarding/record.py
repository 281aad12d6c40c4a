"""The acknowledgement record as structured data: the JSON embedded in every signed PDF.

The PDF carries its record as an embedded file (`induct-record.json`), added before the
first signature so every signature covers it, and the printed pages are drawn from the
same record read back. The register imports from it and `induct record show` prints it;
nothing is ever read back from the printed text. docs/record.md describes every field.

A record names its schema and version; a reader refuses a version it does not know
rather than guess, and an earlier Induct's file (no record inside) is recognised as such.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from app.core.onboarding.acknowledgement import (
    AcknowledgementRecord,
    AnswerEvidence,
    ChecklistEvidence,
    QuizEvidence,
    QuizRound,
    SectionEvidence,
    SectionHash,
    TodoItem,
)
from app.core.onboarding.rules import RuleOutcome
from app.core.onboarding.session import Drawing, Identity, Signature
from app.core.packs import Contact, Pack, PolicyInfo, canonical_text
from app.core.pdf_bounds import read_pdf
from app.core.reading import RefusedFileError

SCHEMA = "induct-acknowledgement-record"
SCHEMA_VERSION = 1
FILE_NAME = "induct-record.json"
MEDIA_TYPE = "application/json"
DESCRIPTION = "The acknowledgement record this PDF prints and its signatures cover"

T = TypeVar("T")


class RecordError(ValueError):
    """An embedded record that cannot be read; the message names the field."""


# -- writing -----------------------------------------------------------------------------


def to_data(r: AcknowledgementRecord) -> dict[str, Any]:
    """The record as plain JSON data (schema version SCHEMA_VERSION)."""
    who = r.identity
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "app_version": r.app_version,
        "session_id": r.session_id,
        "organisation": {
            "pack_id": r.pack_id,
            "name": r.organisation_name,
            "legal_name": r.organisation_legal_name,
            "charity_numbers": list(r.charity_numbers),
        },
        "policy": {**_policy_data(r.policy), "sha256": r.policy_sha256},
        "person": {
            "full_name": who.full_name,
            "email": who.email,
            "membership_number": who.membership_number,
            "role": who.role,
            "senior": r.senior,
            "under_18": who.under_18,
            "runs_account": who.runs_account,
        },
        "guardian": (
            {
                "name": who.guardian_name,
                "relationship": who.guardian_relationship,
                "email": who.guardian_email,
                "declaration": list(r.guardian_declaration),
                "signing_statement": r.guardian_signing_statement,
            }
            if who.under_18
            else None
        ),
        "sections_read": [
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "sha256": s.sha256,
                "acknowledged_at": s.acknowledged_at,
                "text": s.text,
            }
            for s in r.sections
        ],
        "policy_sections": [
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "sha256": s.sha256,
                "read_by_this_person": s.read_by_this_person,
            }
            for s in r.policy_sections
        ],
        "quiz": [
            {
                "id": q.id,
                "question": q.question,
                "clause": q.clause,
                "chosen": q.chosen,
                "correct_answer": q.correct_answer,
                "is_correct": q.is_correct,
                "explanation": q.explanation,
                "source": q.source,
                "shown_choices": list(q.shown_choices),
                "attempts": [
                    {"round": number, "answer": answer, "right": right}
                    for number, answer, right in q.attempts
                ],
            }
            for q in r.quiz
        ],
        "quiz_pass_mark": r.quiz_pass_mark,
        "quiz_rounds": [
            {"number": q.number, "asked": q.asked, "right": q.right} for q in r.quiz_rounds
        ],
        "questionnaire": {
            "offered": r.questionnaire_offered,
            "asked": r.questionnaire_asked,
            "answers": [
                {
                    "id": a.id,
                    "prompt": a.prompt,
                    "clause": a.clause,
                    "value": a.value,
                    "answer": a.answer,
                    "source": a.source,
                    "outcomes": [
                        {"rule": o.question_id, "clause": o.clause, "status": o.status}
                        | {"message": o.message, "source": o.source}
                        for o in a.outcomes
                    ],
                }
                for a in r.questionnaire
            ],
        },
        "checklist": [
            {
                "id": c.id,
                "statement": c.statement,
                "clause": c.clause,
                "value": c.value,
                "answer": c.answer,
                "source": c.source,
            }
            for c in r.checklist
        ],
        "todo": [{"statement": t.statement, "source": t.source, "help": t.help} for t in r.todo],
        "contacts": [
            {
                "role": c.role,
                "purpose": c.purpose,
                "email": c.email,
                "phone": c.phone,
                "address": c.address,
                "web": c.web,
            }
            for c in r.contacts
        ],
        "disclaimer": {"clause": r.disclaimer_clause, "text": r.disclaimer_text},
        "declaration": {
            "statements": list(r.declaration),
            "signing_statement": r.signing_statement,
        },
        "signature": _signature_data(r.signature),
        "signature_fields": list(r.signature_fields),
    }


def to_bytes(record: AcknowledgementRecord) -> bytes:
    """The embedded file's bytes: UTF-8 JSON, keys in a fixed order, one value a line."""
    return json.dumps(to_data(record), ensure_ascii=False, indent=1).encode("utf-8")


def _policy_data(p: PolicyInfo) -> dict[str, str]:
    return {
        "title": p.title,
        "version": p.version,
        "approved": p.approved,
        "approved_by": p.approved_by,
        "last_reviewed": p.last_reviewed,
        "next_review": p.next_review,
        "owner": p.owner,
        "source": p.source,
        "summary": p.summary,
    }


def _signature_data(sig: Signature | None) -> dict[str, Any] | None:
    if sig is None:
        return None
    drawing = sig.drawing
    return {
        "typed_name": sig.typed_name,
        "signed_at": sig.signed_at,
        "drawing": (
            None
            if drawing is None or drawing.is_empty()
            else {
                "width": drawing.width,
                "height": drawing.height,
                "strokes": [[list(p) for p in stroke] for stroke in drawing.strokes],
            }
        ),
    }


# -- reading -----------------------------------------------------------------------------


def from_bytes(raw: bytes) -> AcknowledgementRecord:
    """The record in an embedded file's bytes; RecordError names what is wrong."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise RecordError(f"the record is not UTF-8 text (byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise RecordError(
            f"the record is not valid JSON (line {error.lineno}: {error.msg})"
        ) from error
    return from_data(data)


def from_data(data: Any) -> AcknowledgementRecord:
    """The record in JSON data written by `to_data`."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise RecordError("the embedded file is not an Induct acknowledgement record")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise RecordError(
            f"the record is in schema version {version!r}; this Induct reads version "
            f"{SCHEMA_VERSION} (a newer Induct made it)"
        )
    g = _Reader(data)
    person, guardian = "person", g.opt_dict("guardian")
    identity = Identity(
        full_name=g.text(person, "full_name"),
        email=g.text(person, "email"),
        membership_number=g.text(person, "membership_number"),
        role=g.text(person, "role"),
        under_18=g.flag(person, "under_18"),
        runs_account=g.flag(person, "runs_account"),
        guardian_name=g.text("guardian", "name") if guardian else "",
        guardian_relationship=g.text("guardian", "relationship") if guardian else "",
        guardian_email=g.text("guardian", "email") if guardian else "",
    )
    if identity.under_18 and not guardian:
        raise RecordError("the record says the person is under 18 but names no guardian")
    return AcknowledgementRecord(
        session_id=g.text("session_id"),
        pack_id=g.text("organisation", "pack_id"),
        organisation_name=g.text("organisation", "name"),
        organisation_legal_name=g.text("organisation", "legal_name"),
        charity_numbers=g.strs("organisation", "charity_numbers"),
        policy=PolicyInfo(**{f.name: g.text("policy", f.name) for f in fields(PolicyInfo)}),
        policy_sha256=g.text("policy", "sha256"),
        identity=identity,
        senior=g.flag(person, "senior"),
        sections=g.items(
            "sections_read",
            lambda s: SectionEvidence(
                s.text("id"),
                s.text("number"),
                s.text("title"),
                s.text("text"),
                s.text("sha256"),
                s.text("acknowledged_at"),
            ),
        ),
        policy_sections=g.items(
            "policy_sections",
            lambda s: SectionHash(
                s.text("id"),
                s.text("number"),
                s.text("title"),
                s.text("sha256"),
                s.flag("read_by_this_person"),
            ),
        ),
        quiz=g.items(
            "quiz",
            lambda q: QuizEvidence(
                q.text("id"),
                q.text("question"),
                q.text("clause"),
                q.text("chosen"),
                q.text("correct_answer"),
                q.flag("is_correct"),
                q.text("explanation"),
                q.text("source"),
                q.strs("shown_choices"),
                q.items(
                    "attempts",
                    lambda a: (int(a.number("round")), a.text("answer"), a.flag("right")),
                ),
            ),
        ),
        questionnaire_asked=g.flag("questionnaire", "asked"),
        questionnaire=g.items(
            "questionnaire.answers",
            lambda a: AnswerEvidence(
                a.text("id"),
                a.text("prompt"),
                a.text("clause"),
                a.text("answer"),
                a.items(
                    "outcomes",
                    lambda o: RuleOutcome(
                        o.text("rule"),
                        o.text("clause"),
                        o.text("status"),
                        o.text("message"),
                        o.text("source"),
                    ),
                ),
                a.text("source"),
                a.text("value"),
            ),
        ),
        checklist=g.items(
            "checklist",
            lambda c: ChecklistEvidence(
                c.text("id"),
                c.text("statement"),
                c.text("clause"),
                c.text("answer"),
                c.text("source"),
                c.text("value"),
            ),
        ),
        disclaimer_clause=g.text("disclaimer", "clause"),
        disclaimer_text=g.text("disclaimer", "text"),
        declaration=g.strs("declaration", "statements"),
        signing_statement=g.text("declaration", "signing_statement"),
        signature=_signature_from(g),
        app_version=g.text("app_version"),
        signature_fields=g.strs("signature_fields"),
        questionnaire_offered=g.flag("questionnaire", "offered"),
        quiz_pass_mark=int(g.number("quiz_pass_mark")),
        quiz_rounds=g.items(
            "quiz_rounds",
            lambda q: QuizRound(
                int(q.number("number")), int(q.number("asked")), int(q.number("right"))
            ),
        ),
        todo=g.items(
            "todo", lambda t: TodoItem(t.text("statement"), t.text("source"), t.text("help"))
        ),
        contacts=g.items(
            "contacts",
            lambda c: Contact(
                c.text("role"),
                c.text("purpose"),
                c.text("email"),
                c.text("phone"),
                c.text("address"),
                c.text("web"),
            ),
        ),
        guardian_declaration=g.strs("guardian", "declaration") if guardian else (),
        guardian_signing_statement=g.text("guardian", "signing_statement") if guardian else "",
    )


def _signature_from(g: _Reader) -> Signature | None:
    if g.opt_dict("signature") is None:
        return None
    drawing = None
    if g.opt_dict("signature", "drawing") is not None:
        d = g.sub("signature", "drawing")
        # [[x, y], …] back to points
        strokes = d.items("strokes", lambda s: [(float(p[0]), float(p[1])) for p in s.value])
        drawing = Drawing(d.number("width"), d.number("height"), list(strokes))
    return Signature(
        typed_name=g.text("signature", "typed_name"),
        declaration=list(g.strs("declaration", "statements")),
        signed_at=g.text("signature", "signed_at"),
        drawing=drawing,
        statement=g.text("declaration", "signing_statement"),
    )


class _Reader:
    """Typed access to nested JSON that names the dotted field when it is missing or wrong."""

    def __init__(self, value: Any, where: str = "") -> None:
        self.value = value
        self.where = where

    def _get(self, keys: tuple[str, ...]) -> tuple[Any, str]:
        value, where = self.value, self.where
        for key in (k for part in keys for k in part.split(".")):
            where = f"{where}.{key}" if where else key
            if not isinstance(value, dict) or key not in value:
                raise RecordError(f"the record has no field {where!r}")
            value = value[key]
        return value, where

    def _typed(self, keys: tuple[str, ...], kind: type[T] | tuple[type, ...], name: str) -> Any:
        value, where = self._get(keys)
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise RecordError(f"the record's field {where!r} is not {name}")
        return value

    def text(self, *keys: str) -> str:
        return self._typed(keys, str, "text")  # type: ignore[no-any-return]

    def flag(self, *keys: str) -> bool:
        return self._typed(keys, bool, "true or false")  # type: ignore[no-any-return]

    def number(self, *keys: str) -> float:
        return float(self._typed(keys, (int, float), "a number"))

    def strs(self, *keys: str) -> tuple[str, ...]:
        return self.items(".".join(keys), lambda item: item.text())

    def opt_dict(self, *keys: str) -> dict[str, Any] | None:
        value, where = self._get(keys)
        if value is not None and not isinstance(value, dict):
            raise RecordError(f"the record's field {where!r} is not a group of fields")
        return value

    def sub(self, *keys: str) -> _Reader:
        value, where = self._get(keys)
        return _Reader(value, where)

    def items(self, key: str, make: Callable[[_Reader], T]) -> tuple[T, ...]:
        value, where = self._get((key,))
        if not isinstance(value, list):
            raise RecordError(f"the record's field {where!r} is not a list")
        return tuple(make(_Reader(item, f"{where}[{n}]")) for n, item in enumerate(value))


# -- checking against the pack -----------------------------------------------------------


def policy_hash_from(record: AcknowledgementRecord) -> str:
    """The whole-policy hash recomputed from the record's list of every section's hash."""
    lines = "\n".join(f"{s.number}\t{s.title}\t{s.sha256}" for s in record.policy_sections)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def hash_problems(record: AcknowledgementRecord, pack: Pack | None = None) -> list[str]:
    """Where the record's hashes do not add up, against its own texts and, if given, the pack."""
    problems = []
    for section in record.sections:
        digest = hashlib.sha256(canonical_text(section.text).encode("utf-8")).hexdigest()
        if digest != section.sha256:
            problems.append(f"section {section.heading}: its text does not match its hash")
    if policy_hash_from(record) != record.policy_sha256:
        problems.append("the whole-policy hash does not match the list of section hashes")
    if pack is not None:
        if pack.policy_sha256 != record.policy_sha256:
            problems.append(
                f"the policy hash differs from pack {pack.id!r} version {pack.policy.version}"
            )
        by_id = {s.id: s.sha256 for s in pack.sections}
        for listed in record.policy_sections:
            if by_id.get(listed.id) != listed.sha256:
                problems.append(f"section {listed.heading} differs from the pack's")
    return problems


def read_record(path: Path) -> AcknowledgementRecord | None:
    """The record embedded in the PDF at `path`; None for a PDF with none (an earlier
    Induct's, or not Induct's). Raises RecordError for one that cannot be read, OSError
    when the file cannot be opened."""
    raw = embedded_record_bytes(path)
    return None if raw is None else from_bytes(raw)


def embedded_record_bytes(path: Path, name: str = FILE_NAME) -> bytes | None:
    """The bytes of the PDF's embedded file `name`, or None when there is none.

    Read with pyHanko's PDF reader, a fresh one per call: PDFium (pypdfium2) must not be
    used from two threads at once, and imports and the shared folder run off the UI thread.
    """
    from pyhanko.pdf_utils.misc import PdfError  # only when a PDF is opened
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        data = read_pdf(Path(path))  # within bounds before pyHanko unpacks anything
    except RefusedFileError as error:
        raise RecordError(f"not read, because {error.strerror}") from None
    try:
        with io.BytesIO(data) as handle:
            reader = PdfFileReader(handle, strict=False)
            names = reader.root.get("/Names")
            tree = names.get_object().get("/EmbeddedFiles") if names is not None else None
            if tree is None:
                return None
            spec = _find_in_name_tree(tree.get_object(), name)
            if spec is None:
                return None
            files = spec["/EF"].get_object()
            stream = (files.get("/UF") or files["/F"]).get_object()
            return bytes(stream.data)
    except (PdfError, KeyError, TypeError, ValueError, AttributeError) as error:
        raise RecordError(f"not a PDF whose attachments can be read ({error})") from error


def _find_in_name_tree(node: Any, name: str, depth: int = 0) -> Any:
    """The value under `name` in a PDF name tree (flat or with /Kids), or None."""
    if depth > 32:  # a loop in a damaged file
        return None
    entries = node.get("/Names")
    if entries is not None:
        entries = entries.get_object()
        for index in range(0, len(entries) - 1, 2):
            if str(entries[index]) == name:
                return entries[index + 1].get_object()
    for kid in node.get("/Kids", ()):
        found = _find_in_name_tree(kid.get_object(), name, depth + 1)
        if found is not None:
            return found
    return None
