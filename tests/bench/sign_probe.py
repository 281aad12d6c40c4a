"""The first signature in a fresh process: Induct's, or a bare pyHanko script's.

Run as `python -m tests.bench.sign_probe induct|bare PDF DRAWING_JSON WIDTH HEIGHT`; it
signs the empty Person field of PDF (a rendered acknowledgement) in place and prints the
milliseconds the signature took:

- induct: the process first does what the wizard does while the review page is shown
  (app.signing.preload.warm_up), then the clock runs from the Sign press, sign_pdf, to
  the signed file written.
- bare: the clock runs from the script's first import: pyHanko, reportlab for the stamp,
  cryptography for the one-off key and its certificate, then the same signature, with
  the same stamp, into the same field.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace

NAME, EMAIL, ROLE = "Siân Llewelyn-Jones", "sian@example.org", "Volunteer"


def main(which: str, pdf: Path, drawing_json: str, width: float, height: float) -> float:
    strokes = json.loads(drawing_json)
    if which == "induct":
        from app.core.onboarding.session import Drawing
        from app.signing.preload import warm_up
        from app.signing.service import Signer, sign_pdf

        warm_up()  # on the wizard's worker thread, while the review page is read
        drawing = Drawing(strokes["width"], strokes["height"], strokes["strokes"])
        start = time.perf_counter()
        sign_pdf(
            pdf,
            "Person",
            Signer(NAME, EMAIL, ROLE),
            org_id="iet",
            typed_name=NAME,
            drawing=drawing,
        )
        return time.perf_counter() - start
    start = time.perf_counter()
    from datetime import datetime

    from tests.bench import fair_acknowledgement as fair

    fair.sign(
        pdf.read_bytes(),
        {},
        None,
        pdf,
        stamp_size=(width, height),
        name=NAME,
        email=EMAIL,
        role=ROLE,
        moment=datetime.now().astimezone(),
        strokes=SimpleNamespace(**strokes),
    )
    return time.perf_counter() - start


if __name__ == "__main__":
    which, pdf, drawing_json, width, height = sys.argv[1:6]
    print(f"{main(which, Path(pdf), drawing_json, float(width), float(height)) * 1000:.1f}")
