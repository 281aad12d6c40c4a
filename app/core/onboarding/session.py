"""One person's onboarding: what they told us and did, saved as they go.

`OnboardingSession` is plain data with a JSON form; `SessionStore` saves it atomically
in the user's data folder after every step, so an interrupted onboarding resumes
exactly where it stopped.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core.atomic import write_text_atomic
from app.core.clock import Clock, local_now, stamp
from app.core.packs import Pack

SESSION_SCHEMA = 1


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
    questionnaire: dict[str, str] = field(default_factory=dict)
    checklist: dict[str, str] = field(default_factory=dict)
    signature: Signature | None = None
    guardian_signature: Signature | None = None
    output_pdf: str = ""
    signed_fields: list[str] = field(default_factory=list)
    completed: bool = False

    @classmethod
    def start(cls, pack: Pack, clock: Clock = local_now) -> OnboardingSession:
        now = stamp(clock())
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
            self.section_acks[section_id] = SectionAck(sha256, stamp(clock()))

    def withdraw_acknowledgement(self, section_id: str) -> None:
        self.section_acks.pop(section_id, None)

    def to_json(self) -> str:
        data = asdict(self)
        data["schema"] = SESSION_SCHEMA
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> OnboardingSession:
        data: dict[str, Any] = json.loads(text)
        if data.pop("schema", None) != SESSION_SCHEMA:
            raise ValueError("saved by a different version of Induct")
        data["identity"] = Identity(**data["identity"])
        data["section_acks"] = {k: SectionAck(**v) for k, v in data["section_acks"].items()}
        for key in ("signature", "guardian_signature"):
            if data.get(key):
                data[key] = _signature_from_json(data[key])
        return cls(**data)

    def forget_stale_acknowledgements(self, pack: Pack) -> list[str]:
        """Drop acknowledgements of sections whose text changed since; return their ids."""
        current = {s.id: s.sha256 for s in pack.sections}
        stale = [k for k, ack in self.section_acks.items() if current.get(k) != ack.sha256]
        for key in stale:
            del self.section_acks[key]
        self.policy_version = pack.policy.version
        self.policy_sha256 = pack.policy_sha256
        return stale


def _signature_from_json(data: dict[str, Any]) -> Signature:
    drawing = data.get("drawing")
    if drawing:
        drawing["strokes"] = [[tuple(p) for p in s] for s in drawing["strokes"]]
        data["drawing"] = Drawing(**drawing)
    return Signature(**data)


class SessionFileError(Exception):
    """A saved session could not be read."""


class SessionStore:
    """Sessions saved as one JSON file each in `folder`."""

    def __init__(self, folder: Path, clock: Clock = local_now) -> None:
        self.folder = Path(folder)
        self.clock = clock

    def path_for(self, session: OnboardingSession) -> Path:
        return self.folder / f"{session.id}.json"

    def save(self, session: OnboardingSession) -> None:
        session.updated_at = stamp(self.clock())
        write_text_atomic(self.path_for(session), session.to_json())

    def load(self, path: Path) -> OnboardingSession:
        try:
            return OnboardingSession.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise SessionFileError(f"{path}: cannot be resumed ({error})") from error

    def unfinished(self) -> tuple[list[OnboardingSession], list[str]]:
        """Sessions not yet signed, newest first, and messages for files that would not load."""
        sessions, problems = [], []
        if not self.folder.is_dir():
            return [], []
        for path in self.folder.glob("*.json"):
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


def _sort_key(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0
