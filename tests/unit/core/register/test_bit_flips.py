"""500 random bit flips in register.sqlite: each is caught by `register check`, or shows nowhere.

What the register shows is the CSV export (Register.snapshot, csv_text) and the window's
rows (Register.view(...).page, as app/ui/register/window.py reads them). A flip that
changes either, or stops it with a clear RegisterError, must make `register check` say
the register is not intact (naming the event when the damage is in one); no flip may end
in any other exception.
"""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from dataclasses import asdict
from datetime import date
from pathlib import Path

from app.core.register.events import RegisterError, payload_text
from app.core.register.export import csv_text
from app.core.register.register import Register
from app.core.register.status import PackRule, RowFilter

from .support import add_countersigned, countersign, fill, make_ack

FLIPS = 500
TODAY = date(2026, 12, 1)
RULES = {
    "iet": PackRule("iet", "IET", "1.5", ""),
    "iom3": PackRule("iom3", "IOM3", "2024", ""),
}


def _outputs(path: Path) -> object:
    """What a trustee sees: the CSV and the window's rows, or the refusal they are shown."""
    register = Register(path)
    try:
        view = register.view(RULES, TODAY, RowFilter())
        rows = [asdict(row) for row in view.page(0, 1000)]
        return csv_text(register.snapshot(RULES, TODAY)), rows, view.count()
    except RegisterError as error:
        return f"refused: {error}"


def _check(path: Path) -> list[str]:
    """`register check`'s findings: [] when it says intact."""
    try:
        return [p.describe() for p in Register(path).verify_chain().problems]
    except RegisterError as error:
        return [f"refused: {error}"]


def _register(path: Path) -> bytes:
    """The bytes of a checkpointed register: 60 acknowledgements, every third
    countersigned, two people who signed again."""
    register = Register(path)
    fill(register, 60, countersigned_every=3)
    for number in (4, 9):
        again = make_ack(number)
        again = type(again)(
            **{
                **again.payload(),
                "session_id": f"again-{number}",
                "signed_at": "2026-06-01T10:00:00+00:00",
            }
        )
        register.add_acknowledgement(again)
        add_countersigned(register, countersign(again))
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def test_every_flip_is_caught_or_changes_nothing_shown(tmp_path: Path, rng: random.Random) -> None:
    """Each of 500 seeded bit flips is named by `register check` or leaves every output as it was."""
    original = _register(tmp_path / "register.sqlite")
    baseline = _outputs(tmp_path / "register.sqlite")
    assert isinstance(baseline, tuple) and _check(tmp_path / "register.sqlite") == []
    unseen: list[tuple[int, int]] = []
    tally = {"no effect": 0, "caught": 0, "caught, nothing shown changed": 0}
    for number in range(FLIPS):
        position, bit = rng.randrange(len(original)), rng.randrange(8)
        damaged = bytearray(original)
        damaged[position] ^= 1 << bit
        path = tmp_path / f"flip-{number}.sqlite"
        path.write_bytes(bytes(damaged))
        shown, found = _outputs(path), _check(path)
        if shown != baseline and not found:
            unseen.append((position, bit))
        tally[
            "caught" if found and shown != baseline else
            "caught, nothing shown changed" if found else "no effect"
        ] += 1  # fmt: skip
        for extra in path.parent.glob(f"{path.name}*"):
            extra.unlink()
    print(f"{FLIPS} flips: {tally}")
    assert unseen == [], (
        f"flips (byte, bit) that changed what is shown, check said intact: {unseen}"
    )


def test_a_name_rewritten_beside_the_payload_is_named_by_check(tmp_path: Path) -> None:
    """The person's name edited in the file everywhere but the hashed payload: the CSV reads
    the payload and is unchanged; the window's index shows it, and check names the event."""
    path = tmp_path / "register.sqlite"
    register = Register(path)
    ack = make_ack(1, person="Alice Volunteer")
    register.add_acknowledgement(ack)
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    payload = payload_text(ack.payload()).encode()  # the hashed record stays as it was
    forged = data.replace(payload, b"\x00KEEP\x00").replace(b"Alice Volunteer", b"Mallory Evil!!!")
    path.write_bytes(forged.replace(b"\x00KEEP\x00", payload))
    assert "Mallory Evil!!!" not in csv_text(register.snapshot(RULES, TODAY))
    assert [r.person for r in register.view(RULES, TODAY, RowFilter()).page(0)] == [
        "Mallory Evil!!!"
    ]
    assert [p.describe() for p in register.verify_chain().problems] == [
        "event 1 (acknowledgement signed, 2024-01-01T16:00:00+01:00) differs in the "
        "acknowledgements index"
    ]
