"""One person's onboarding: what they told us and did, saved as they go.

`OnboardingSession` is plain data with a JSON form; `SessionStore` saves it atomically
in the user's data folder after every step, so an interrupted onboarding resumes
exactly where it stopped.
"""

from __future__ import annotations

import errno
import json
import re
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core.atomic import write_text_atomic
from app.core.clock import Clock, iso_time, local_now
from app.core.display import display_path
from app.core.names import clean_name, printable
from app.core.packs import Pack
from app.core.reading import MIB, read_bounded

SESSION_SCHEMA = 1
# Session ids name files: hex, as uuid4().hex makes them, never a path.
_ID = re.compile(r"[0-9a-f]{32}")


@dataclass
class Identity:
    full_name: str = ""
    email: str = ""
    membership_number: str = ""
    role: str = ""
    under_18: bool = False
    runs_account: bool = False
    # A parent or guardian signs with anyone under 18; their details go on the PDF.
    guardian_name: str = ""
    guardian_relationship: str = ""
    guardian_email: str = ""


@dataclass
class SectionAck:
    sha256: str
    acknowledged_at: str


@dataclass
class Drawing:
    """A drawn signature as strokes of points, in a box `width` x `height`."""

    width: float
    height: float
    strokes: list[list[tuple[float, float]]] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(len(s) > 1 for s in self.strokes)


@dataclass
class Signature:
    typed_name: str
    declaration: list[str]  # the statements shown above Sign
    signed_at: str
    drawing: Drawing | None = None
    statement: str = ""  # the signing statement shown in bold right above Sign


@dataclass
class OnboardingSession:
    pack_id: str
    policy_version: str
    policy_sha256: str
    started_at: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    updated_at: str = ""
    current_step: str = "identity"
    identity: Identity = field(default_factory=Identity)
    section_acks: dict[str, SectionAck] = field(default_factory=dict)
    quiz_answers: dict[str, int] = field(default_factory=dict)
    # The quiz's shuffles come from this seed, and the order each question's choices were
    # shown in (indexes into the pack's choices) is kept; each round of answers too.
    quiz_seed: int = field(default_factory=lambda: secrets.randbits(32))
    quiz_orders: dict[str, list[int]] = field(default_factory=dict)
    quiz_rounds: list[list[str]] = field(default_factory=list)
    quiz_attempts: list[dict[str, int]] = field(default_factory=list)
    questionnaire: dict[str, str] = field(default_factory=dict)
    checklist: dict[str, str] = field(default_factory=dict)
    signature: Signature | None = None
    guardian_signature: Signature | None = None
    output_pdf: str = ""
    signed_fields: list[str] = field(default_factory=list)
    completed: bool = False

    @classmethod
    def start(cls, pack: Pack, clock: Clock = local_now) -> OnboardingSession:
        now = iso_time(clock())
        return cls(
            pack_id=pack.id,
            policy_version=pack.policy.version,
            policy_sha256=pack.policy_sha256,
            started_at=now,
            updated_at=now,
        )

    def acknowledge(self, section_id: str, sha256: str, clock: Clock = local_now) -> None:
        """Record that a section was read, keeping the first time unless its text changed."""
        existing = self.section_acks.get(section_id)
        if existing is None or existing.sha256 != sha256:
            self.section_acks[section_id] = SectionAck(sha256, iso_time(clock()))

    def withdraw_acknowledgement(self, section_id: str) -> None:
        self.section_acks.pop(section_id, None)

    def to_json(self) -> str:
        data = asdict(self)
        data["schema"] = SESSION_SCHEMA
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> OnboardingSession:
        """Read a saved session; a ValueError names the first field that is wrong."""
        try:
            data = json.loads(text)
        except RecursionError:
            raise ValueError("it is nested too deeply to be a saved onboarding") from None
        return session_from_data(data)

    def forget_stale_acknowledgements(self, pack: Pack) -> list[str]:
        """Drop acknowledgements of sections whose text changed since; return their ids."""
        current = {s.id: s.sha256 for s in pack.sections}
        stale = [k for k, ack in self.section_acks.items() if current.get(k) != ack.sha256]
        for key in stale:
            del self.section_acks[key]
        self.policy_version = pack.policy.version
        self.policy_sha256 = pack.policy_sha256
        return stale


# -- reading a saved session: every field checked, the first wrong one named ----------

MAX_STROKES = 1_000
MAX_POINTS = 50_000  # a drawn signature has a few thousand


def _is(value: object, kind: type | tuple[type, ...]) -> bool:
    # JSON true/false are ints to Python; a number field never accepts them.
    if isinstance(value, bool) and kind is not bool:
        return False
    return isinstance(value, kind)


def _need(value: object, kind: type | tuple[type, ...], where: str, what: str) -> Any:
    if not _is(value, kind):
        raise ValueError(f"{where} should be {what}")
    return value


def _moment(value: object, where: str, empty_ok: bool = False) -> str:
    text: str = _need(value, str, where, "a date and time")
    if empty_ok and not text:
        return text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{where} is not a date and time ({text[:40]!r})") from None
    if moment.tzinfo is None:
        raise ValueError(f"{where} has no UTC offset ({text[:40]!r})")
    return text


def _object(value: object, where: str, fields: Mapping[str, object]) -> dict[str, Any]:
    data: dict[str, Any] = _need(value, dict, where, "a set of fields")
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValueError(f"{where} has an unknown field {unknown[0][:40]!r}")
    return data


def _text_map(value: object, where: str, kind: type = str, what: str = "text") -> dict[str, Any]:
    data: dict[str, Any] = _need(value, dict, where, "a set of answers")
    for key, item in data.items():
        _need(item, kind, f"{where}.{key[:40]}", what)
    return data


def _identity(value: object) -> Identity:
    defaults = asdict(Identity())
    data = _object(value, "identity", defaults)
    for key, default in defaults.items():
        if key in data:
            kind = bool if isinstance(default, bool) else str
            _need(data[key], kind, f"identity.{key}", "yes or no" if kind is bool else "text")
    identity = Identity(**data)
    for key in ("full_name", "guardian_name"):
        setattr(identity, key, clean_name(getattr(identity, key)))
    return identity


def _drawing(value: object, where: str) -> Drawing:
    data = _object(value, where, {"width": 0, "height": 0, "strokes": 0})
    width = _need(data.get("width"), (int, float), f"{where}.width", "a number")
    height = _need(data.get("height"), (int, float), f"{where}.height", "a number")
    strokes = _need(data.get("strokes", []), list, f"{where}.strokes", "a list of strokes")
    for stroke in strokes:
        _need(stroke, list, f"{where}.strokes", "a list of strokes")
    if len(strokes) > MAX_STROKES or sum(map(len, strokes)) > MAX_POINTS:
        raise ValueError(f"{where} has too many strokes to be a signature")
    points = []
    for stroke in strokes:
        line = []
        for point in stroke:
            if not (
                _is(point, list) and len(point) == 2 and all(_is(c, (int, float)) for c in point)
            ):
                raise ValueError(f"{where}.strokes has a point that is not two numbers")
            line.append((float(point[0]), float(point[1])))
        points.append(line)
    return Drawing(float(width), float(height), points)


def _signature(value: object, where: str) -> Signature | None:
    if value is None:
        return None
    fields = {"typed_name": 0, "declaration": 0, "signed_at": 0, "drawing": 0, "statement": 0}
    data = _object(value, where, fields)
    declaration = _need(data.get("declaration"), list, f"{where}.declaration", "a list")
    for line in declaration:
        _need(line, str, f"{where}.declaration", "a list of sentences")
    drawing = data.get("drawing")
    return Signature(
        typed_name=clean_name(_need(data.get("typed_name"), str, f"{where}.typed_name", "text")),
        declaration=declaration,
        signed_at=_moment(data.get("signed_at"), f"{where}.signed_at"),
        drawing=_drawing(drawing, f"{where}.drawing") if drawing else None,
        statement=_need(data.get("statement", ""), str, f"{where}.statement", "text"),
    )


_TEXT_FIELDS = ("pack_id", "policy_version", "policy_sha256", "current_step", "output_pdf")


def session_from_data(data: object) -> OnboardingSession:
    """An OnboardingSession from parsed JSON, every field's type and every date checked."""
    fields = {f: 0 for f in OnboardingSession.__dataclass_fields__} | {"schema": 0}
    data = dict(_object(data, "the file", fields))
    if data.pop("schema", None) != SESSION_SCHEMA:
        raise ValueError("saved by a different version of Induct")
    for key in ("pack_id", "policy_version", "policy_sha256", "started_at", "identity"):
        if key not in data:
            raise ValueError(f"{key} is missing")
    for key in _TEXT_FIELDS:
        if key in data:
            _need(data[key], str, key, "text")
    if "id" in data and not (_is(data["id"], str) and _ID.fullmatch(data["id"])):
        raise ValueError("id is not a session id")
    data["started_at"] = _moment(data["started_at"], "started_at")
    if "updated_at" in data:
        data["updated_at"] = _moment(data["updated_at"], "updated_at", empty_ok=True)
    data["identity"] = _identity(data["identity"])
    acks = _need(data.get("section_acks", {}), dict, "section_acks", "a set of sections")
    data["section_acks"] = {
        key: SectionAck(
            sha256=_need(
                _object(ack, f"section_acks.{key[:40]}", {"sha256": 0, "acknowledged_at": 0}).get(
                    "sha256"
                ),
                str,
                f"section_acks.{key[:40]}.sha256",
                "text",
            ),
            acknowledged_at=_moment(
                ack.get("acknowledged_at"), f"section_acks.{key[:40]}.acknowledged_at"
            ),
        )
        for key, ack in acks.items()
    }
    data["quiz_answers"] = _text_map(data.get("quiz_answers", {}), "quiz_answers", int, "a number")
    data["questionnaire"] = _text_map(data.get("questionnaire", {}), "questionnaire")
    data["checklist"] = _text_map(data.get("checklist", {}), "checklist")
    for key in ("signature", "guardian_signature"):
        data[key] = _signature(data.get(key), key)
    signed = _need(data.get("signed_fields", []), list, "signed_fields", "a list")
    for item in signed:
        _need(item, str, "signed_fields", "a list of names")
    _need(data.get("completed", False), bool, "completed", "yes or no")
    return OnboardingSession(**data)


class SessionFileError(Exception):
    """A saved session could not be read."""


MAX_SESSION_BYTES = 10 * MIB  # a session is a few kB; two drawings of MAX_POINTS fit
MAX_SESSION_FILES = 200  # the Resume list reads no more than this many


class SessionStore:
    """Sessions saved as one JSON file each in `folder`."""

    def __init__(self, folder: Path, clock: Clock = local_now) -> None:
        self.folder = Path(folder)
        self.clock = clock

    def path_for(self, session: OnboardingSession) -> Path:
        if not _ID.fullmatch(session.id):
            raise ValueError(f"not a session id: {session.id!r}")
        return self.folder / f"{session.id}.json"

    def save(self, session: OnboardingSession) -> None:
        session.updated_at = iso_time(self.clock())
        write_text_atomic(self.path_for(session), session.to_json())

    def load(self, path: Path) -> OnboardingSession:
        """Read one saved session, refusing anything that is not a small regular file here."""
        try:
            text = read_bounded(path, MAX_SESSION_BYTES, inside=self.folder).decode("utf-8")
            return OnboardingSession.from_json(text)
        except (OSError, ValueError, TypeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise SessionFileError(
                f"This saved onboarding cannot be read: {printable(path.name)} ({reason})"
            ) from error

    def unfinished(self) -> tuple[list[OnboardingSession], list[str]]:
        """Sessions not yet signed, newest first, and messages for files that would not load."""
        sessions, problems = [], []
        if not self.folder.is_dir():
            return [], []
        for index, path in enumerate(sorted(self.folder.glob("*.json"))):
            if index >= MAX_SESSION_FILES:
                problems.append(f"Only the first {MAX_SESSION_FILES} saved onboardings are listed.")
                break
            try:
                session = self.load(path)
            except SessionFileError as error:
                problems.append(str(error))
                continue
            if not session.completed:
                sessions.append(session)
        sessions.sort(key=lambda s: _sort_key(s.updated_at), reverse=True)
        return sessions, problems

    def delete(self, session: OnboardingSession) -> None:
        self.path_for(session).unlink(missing_ok=True)


_SAVE_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "Induct is not allowed to write there",
    errno.EPERM: "Induct is not allowed to write there",
    errno.EROFS: "the folder is read-only",
    errno.ENOTDIR: "something that is not a folder is in the way",
    errno.EEXIST: "something that is not a folder is in the way",
}


def save_failure_message(error: OSError, folder: Path) -> str:
    """A failed autosave in plain words: why, and that the answers are still safe for now."""
    reason = _SAVE_REASONS.get(error.errno or 0, (error.strerror or str(error)).lower())
    return (
        f"Your answers could not be saved in {display_path(folder)}: {reason}. They are kept "
        "while this window stays open. Choose another folder to save them in."
    )


def _sort_key(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0
