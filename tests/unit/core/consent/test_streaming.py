"""A batch is written page by page: what reportlab would hold until the end is let go."""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfdoc

from app.core.consent.form import ConsentForm
from app.core.consent.templates import ConsentTemplate
from app.core.packs import Pack
from app.documents.consent.layout import Spots
from app.documents.consent.pages import id_stamp, print_copies
from app.documents.consent.sheet import laid_out


def test_no_copy_stays_in_memory_once_its_pages_are_written(
    iet_pack: Pack, templates: dict[str, ConsentTemplate]
) -> None:
    """After each of 30 copies, the document holds none of its pages, page streams or QR
    drawings: only their place in the file (the batch's memory does not grow by copy)."""
    form = ConsentForm(iet_pack, templates["guardian"], {"event": "Open day"})
    canv = laid_out(form, Spots())
    ids = [f"IET-GUA-AAAA-{n:04d}" for n in range(30)]
    held: list[int] = []

    def count_held(done: int, total: int) -> None:
        objects = canv._doc.idToObject.values()
        per_copy = (pdfdoc.PDFPage, pdfdoc.PDFStream)
        qr = [k for k, o in canv._doc.idToObject.items() if k.startswith("FormXob.qr")]
        held.append(
            sum(isinstance(o, per_copy) for o in objects)
            + sum(isinstance(canv._doc.idToObject[k], pdfdoc.PDFFormXObject) for k in qr)
        )

    sink = io.BytesIO()
    print_copies(canv, len(ids), id_stamp(ids), progress=count_held, sink=sink)
    assert (held, sink.getvalue()[:5]) == ([0] * 30, b"%PDF-")
