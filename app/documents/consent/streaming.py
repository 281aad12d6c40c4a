"""Write a reportlab canvas's pages to a file as they are made, so memory stays flat.

reportlab keeps every page (its dictionary, its content stream, each copy's QR code) in
memory until the document is saved, and then builds the whole file in memory as well:
a 1,000-copy batch grew by about 13 KB a copy. Here each finished page, with its content
stream and the form XObjects drawn for it, is written out at once and only its object
number and offset are kept; what pages share (the laid-out form, fonts, the page tree)
is written at the end, then the cross-reference table. The file is the one reportlab
would write, objects in a different order.
"""

from __future__ import annotations

from typing import BinaryIO

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

# What a copy adds and nothing later changes; fonts, the page tree, the catalogue and
# annotations may still change, so they wait for the end.
_FINISHED = (pdfdoc.PDFPage, pdfdoc.PDFStream, pdfdoc.PDFFormXObject)


class _Written(pdfdoc.PDFObject):
    """Stands in for an object already in the file, so the object itself can go."""

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        raise RuntimeError("an object already written was formatted again")


class PageStreamer:
    """Streams `canv`'s pages into `sink` (a file open for binary writing)."""

    def __init__(self, canv: Canvas, sink: BinaryIO) -> None:
        self.doc: pdfdoc.PDFDocument = canv._doc
        self.canv, self.sink = canv, sink
        self.offset = 0
        self.checked = self.doc.objectcounter  # objects up to here are shared, kept
        self.written: set[str] = set()
        self.pages_done = 0
        header = pdfdoc.PDFFile(self.doc._pdfVersion).strings[0]
        self._write(header)

    def _write(self, data: bytes) -> int:
        at = self.offset
        self.sink.write(data)
        self.offset += len(data)
        return at

    def _write_object(self, oid: str) -> None:
        doc = self.doc
        obj = doc.idToObject[oid]
        doc.idToOffset[oid] = self._write(pdfdoc.PDFIndirectObject(oid, obj).format(doc))
        doc.idToObject[oid] = _Written()
        self.written.add(oid)

    def flush(self) -> None:
        """Write every page shown since the last flush, with what only it uses."""
        doc = self.doc
        kids = doc.Pages.pages
        while self.pages_done < len(kids):
            page = kids[self.pages_done]
            oid = page.__InternalName__
            self._write_object(oid)  # formatting it registers its content stream
            kids[self.pages_done] = pdfdoc.PDFObjectReference(oid)
            self.pages_done += 1
        # The content streams just registered, and each copy's QR drawings.
        number = self.checked
        while number < doc.objectcounter:
            number += 1
            oid = doc.numberToId[number]
            if oid not in self.written and isinstance(doc.idToObject[oid], _FINISHED):
                self._write_object(oid)
        self.checked = doc.objectcounter

    def finish(self) -> None:
        """Write what is left, the cross-reference table and the trailer (as `save`)."""
        self.flush()
        doc, canv = self.doc, self.canv
        for font in doc.delayedFonts:  # as PDFDocument.GetPDFData, then format
            font.addObjects(doc)
        doc.info.invariant = doc.invariant
        doc.info.digest(doc.signature)
        doc.Reference(doc.Catalog)
        doc.Reference(doc.info)
        doc.Outlines.prepare(doc, canv)
        if doc.Outlines.ready < 0:
            doc.Catalog.Outlines = None
        doc.encrypt.prepare(doc)
        if doc.encrypt.info():
            raise ValueError("streamed PDFs are never encrypted")
        ids = []
        number = 0
        while number + 1 in doc.numberToId:  # objects may be added while formatting
            number += 1
            oid = doc.numberToId[number]
            if oid not in self.written:
                self._write_object(oid)
            ids.append(oid)
        xref = pdfdoc.PDFCrossReferenceTable()
        xref.addsection(0, ids)
        at = self._write(xref.format(doc))
        trailer = pdfdoc.PDFTrailer(
            startxref=at,
            Size=len(ids) + 1,
            Root=doc.Reference(doc.Catalog),
            Info=doc.Reference(doc.info),
            ID=doc.ID(),
        )
        self._write(trailer.format(doc))
