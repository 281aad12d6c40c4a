"""Made-up acknowledgements for register tests and benchmarks, written fast in one go."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta, timezone

from app.core.register.events import Event
from app.core.register.kinds import ACKNOWLEDGED, COUNTERSIGNED
from app.core.register.records import Acknowledgement, Countersignature
from app.core.register.register import Register

FIRST = (
    "Siân",
    "Gwenllïan",
    "Dafydd",
    "Zoë",
    "Oluwaseun",
    "Anaïs",
    "Ιωάννης",
    "Мария",
    "Priya",
    "Tomasz",
    "Aoife",
    "Mohammed",
    "Chen",
    "Ngozi",
    "Lars",
    "Émile",
)
LAST = (
    "Llewelyn-Jones",
    "ap Dafydd",
    "Novák",
    "Adeyemi",
    "Kowalski",
    "Ó Briain",
    "Παπαδόπουλος",
    "Иванова",
    "Patel",
    "Nguyen",
    "Okafor",
    "Lindqvist",
    "Dubois",
)
ROLES = ("Volunteer", "Member", "Trustee", "Young professional representative")
PACKS = (
    ("iet", "The Institution of Engineering and Technology"),
    ("iom3", "The Institute of Materials, Minerals and Mining"),
)
START = datetime(2024, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def make_ack(
    number: int,
    *,
    pack_id: str = "iet",
    version: str = "1.5",
    policy_sha256: str = "",
    role: str = "Volunteer",
    signed_at: datetime | None = None,
    person: str = "",
    trusted: bool = True,
) -> Acknowledgement:
    """Acknowledgement number `number`, by a person of its own (e-mail p<number>@…), whose
    signature was trusted unless `trusted` is False."""
    organisation = dict(PACKS)[pack_id]
    session = hashlib.sha256(f"session {number}".encode()).hexdigest()[:32]
    moment = signed_at or START + timedelta(hours=7 * number)
    name = person or f"{FIRST[number % len(FIRST)]} {LAST[number % len(LAST)]} {number}"
    return Acknowledgement(
        session_id=session,
        person=name,
        email=f"p{number}@example.org",
        membership_number=str(1_000_000 + number),
        role=role,
        pack_id=pack_id,
        organisation=organisation,
        policy_title="Social Media Policy",
        policy_version=version,
        policy_sha256=policy_sha256,
        signed_at=moment.isoformat(timespec="seconds"),
        file_path=f"/home/officer/Induct/{pack_id.upper()} acknowledgement - {name}.pdf",
        file_sha256=hashlib.sha256(f"file {number}".encode()).hexdigest(),
        fingerprint=hashlib.sha256(f"cert {number}".encode()).hexdigest(),
        trusted=trusted,
    )


def countersign(
    ack: Acknowledgement, trustee: str = "Dafydd Trustee", trusted: bool = True
) -> Countersignature:
    moment = datetime.fromisoformat(ack.signed_at) + timedelta(days=3)
    return Countersignature(
        session_id=ack.session_id,
        trustee=trustee,
        email="trustee@example.org",
        fingerprint=hashlib.sha256(trustee.encode()).hexdigest(),
        signed_at=moment.isoformat(timespec="seconds"),
        file_path=ack.file_path.replace(".pdf", " countersigned.pdf"),
        file_sha256=hashlib.sha256(f"countersigned {ack.session_id}".encode()).hexdigest(),
        trusted=trusted,
    )


def add_countersigned(register: Register, countersignature: Countersignature) -> Event:
    """Append a countersignature event as the app's import does (one write transaction)."""
    with register.log.writing() as tx:
        return tx.append(
            COUNTERSIGNED,
            countersignature.session_id,
            countersignature.signed_at,
            countersignature.payload(),
            countersignature.file_sha256,
        )


def fill(
    register: Register,
    count: int,
    *,
    countersigned_every: int = 3,
    seed: int = 5,
    start: datetime = START,
    span_days: int = 900,
) -> None:
    """`count` acknowledgements over two packs, roles and versions, in one transaction."""
    rng = random.Random(seed)
    with register.log.writing() as tx:
        for number in range(count):
            pack_id = PACKS[number % 2][0]
            old = rng.random() < 0.15  # some signed the version before the current one
            version = {"iet": ("1.5", "1.4"), "iom3": ("2024", "2023")}[pack_id][old]
            ack = make_ack(
                number,
                pack_id=pack_id,
                role=rng.choice(ROLES),
                version=version,
                signed_at=start + timedelta(minutes=rng.randrange(span_days * 1440)),
            )
            tx.append(ACKNOWLEDGED, ack.session_id, ack.signed_at, ack.payload(), ack.file_sha256)
            if countersigned_every and number % countersigned_every == 0:
                cs = countersign(ack)
                tx.append(COUNTERSIGNED, cs.session_id, cs.signed_at, cs.payload(), cs.file_sha256)
