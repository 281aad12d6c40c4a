"""Make the first signature of a process as quick as the next: load what signing needs early.

Signing first imports pyHanko, reportlab and the signing code (about a second on a slow
machine), then meets work done once per process: the fonts read for the signature's
stamp, the cryptography backend, the XML library for the PDF's metadata. The wizard
calls `warm_up` on a worker thread while the person reads their answers on the review
page, so pressing Sign waits only for the signature itself.
"""

from __future__ import annotations

import io
import threading
from datetime import UTC, datetime

# Held by the warm-up and by each render-and-sign: reportlab and pyHanko keep state shared
# by every document (fonts, caches), so the throwaway signature and a real one made at the
# same moment (Sign pressed while the review page was still warming up) take turns.
ONE_AT_A_TIME = threading.Lock()


def warm_up() -> None:
    """Import the signing code and make one throwaway signature in memory.

    The signature is of a one-page PDF made here, with a key made for it and dropped;
    nothing is written or kept, and no credential store is touched.
    """
    with ONE_AT_A_TIME:
        _throwaway_signature()


def _throwaway_signature() -> None:
    from reportlab.pdfgen.canvas import Canvas

    import app.documents.acknowledgement  # noqa: F401 - the acknowledgement's renderer
    from app.documents.fonts import REGULAR, load_fonts
    from app.documents.signature_fields import FieldPlacement, add_signature_fields
    from app.signing.certs import new_key, signer_certificate
    from app.signing.pdfsign import AppearanceInfo, Extras, empty_field_size, open_pdf, sign_field

    load_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 100), initialFontName=REGULAR)
    canvas.showPage()
    canvas.save()
    pdf = add_signature_fields(buffer.getvalue(), [FieldPlacement("Warm-up", 0, (10, 10, 190, 90))])
    moment = datetime.now(UTC)
    key = new_key()
    cert = signer_certificate(
        key.public_key(), "Warm-up", "warm-up@example.org", "Volunteer", None, key, moment
    )
    writer = open_pdf(pdf)
    sign_field(
        writer,
        "Warm-up",
        empty_field_size(writer, "Warm-up"),
        key,
        cert,
        Extras(),
        AppearanceInfo("Warm-up", "Volunteer", "", "", "", "self-signed", "one-off key", None),
        moment,
        reason="warm-up",
    )
