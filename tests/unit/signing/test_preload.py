"""The review page's warm-up: after it, the first signature of a process loads nothing more."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import sys
from pathlib import Path
from app.signing.preload import warm_up
from app.signing.service import Signer, sign_pdf
warm_up()
before = set(sys.modules)
sign_pdf(Path(sys.argv[1]), "Person", Signer("Siân Llewelyn-Jones", "sian@example.org",
         "Volunteer"), org_id="iet", typed_name="Siân Llewelyn-Jones")
print(sorted(set(sys.modules) - before))
"""


def test_after_the_warm_up_signing_imports_nothing(make_pdf, tmp_path: Path) -> None:
    """A fresh process that warmed up signs its first acknowledgement with no new import."""
    pdf, _ = make_pdf(under_18=False)
    listing = set(tmp_path.rglob("*"))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(pdf)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert set(tmp_path.rglob("*")) == listing  # the warm-up wrote nothing of its own
