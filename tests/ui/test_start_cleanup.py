"""Starting Induct clears what writes cut short by a kill left in the data folders."""

from __future__ import annotations

import os
import time

from app.core import paths
from app.core.atomic import ORPHAN_AGE_S
from app.ui.application import default_services


def test_starting_removes_orphan_temporary_files() -> None:
    """Old `.NAME.RANDOM.tmp` files in the sessions and data folders are gone after start."""
    orphans = [
        paths.sessions_dir() / ".0123456789abcdef0123456789abcdef.json.x1y2z3w4.tmp",
        paths.data_dir() / ".register.csv.a1b2c3d4.tmp",
    ]
    for orphan in orphans:
        orphan.parent.mkdir(parents=True, exist_ok=True)
        orphan.write_text("{")
        when = time.time() - ORPHAN_AGE_S - 5
        os.utime(orphan, (when, when))
    default_services()
    assert [o.exists() for o in orphans] == [False, False]
