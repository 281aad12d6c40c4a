"""Read scans of returned paper forms: each page's QR code, and the pages kept as a PDF.

A scan is a PDF (a scanner's usual output) or images (PNG, JPEG, TIFF, one page each or
a multi-page TIFF), in any order. PDF pages are drawn by PDFium at 200 dpi in grey; the
QR code is read by zxing-cpp, which finds it at any angle.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from app.core.consent.batches import is_form_id
from app.core.consent.returns import ScannedPage
from app.core.pdf_bounds import MAX_PDF_BYTES, read_pdf
from app.core.pdfium import PDFIUM
from app.core.reading import RefusedFileError, read_bounded

DPI = 200
IMAGE_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
    ".bmp",
    ".gif",
    ".webp",
    ".pgm",
    ".ppm",
    ".pnm",
)
SCAN_SUFFIXES = (".pdf", *IMAGE_SUFFIXES)


MAX_PIXELS = 40_000_000  # one page's picture: an A4 page at 600 dpi is 35 million


class ScanError(ValueError):
    """A file that is not a readable scan; the message names it."""


def _images(path: Path) -> Iterator[Any]:
    """Each page of `path` as a PIL image, in order."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    with PDFIUM:
        if path.suffix.lower() == ".pdf":
            import pypdfium2 as pdfium

            try:
                document = pdfium.PdfDocument(read_pdf(path))
            except RefusedFileError as error:
                raise ScanError(f"{path}: not read, because {error.strerror}") from None
            except pdfium.PdfiumError as error:
                raise ScanError(f"{path}: not a PDF that can be read ({error})") from None
            try:
                for page in document:
                    yield page.render(scale=_scale(page, DPI), grayscale=True).to_pil()
            finally:
                document.close()
            return
        try:
            with Image.open(io.BytesIO(read_bounded(path, MAX_PDF_BYTES))) as image:
                for frame in ImageSequence.Iterator(image):
                    yield frame.convert("L")
        except RefusedFileError as error:
            raise ScanError(f"{path}: not read, because {error.strerror}") from None
        except (UnidentifiedImageError, OSError) as error:
            raise ScanError(f"{path}: not a picture or PDF that can be read ({error})") from None
        except Image.DecompressionBombError:
            raise ScanError(f"{path}: not read, because the picture is far too large") from None


def _scale(page: Any, dpi: int) -> float:
    """`dpi` as a render scale, lowered for a page so large that its picture would pass
    MAX_PIXELS (a hostile file's page can be 200 inches wide)."""
    scale = dpi / 72
    width, height = page.get_size()
    pixels = width * height * scale * scale
    return scale if pixels <= MAX_PIXELS else scale * (MAX_PIXELS / pixels) ** 0.5


def form_id_in(image: Any) -> str:
    """The form ID in the QR code on this page, or "" if none can be read."""
    import zxingcpp

    # zxing-cpp takes one format where its stubs ask for a set of them.
    qr_only = zxingcpp.BarcodeFormat.QRCode
    for barcode in zxingcpp.read_barcodes(image, formats=qr_only):  # type: ignore[arg-type]
        if is_form_id(barcode.text):
            return barcode.text
    return ""


def read_scans(
    paths: list[Path], progress: Callable[[int, str], None] | None = None
) -> list[ScannedPage]:
    """Every page of every file, with the form ID read from it. Raises ScanError naming
    the file if one cannot be read at all (missing, not a PDF or picture)."""
    pages = []
    for path in map(Path, paths):
        if not path.is_file():
            raise ScanError(f"{path}: no such file")
        if path.suffix.lower() not in SCAN_SUFFIXES:
            raise ScanError(
                f"{path}: not a scan; use a PDF or a picture ({', '.join(SCAN_SUFFIXES)})"
            )
        for number, image in enumerate(_images(path), start=1):
            pages.append(ScannedPage(str(path), number, form_id_in(image)))
            if progress:
                progress(len(pages), str(path))
    return pages


def page_image(page: ScannedPage, dpi: int = 100) -> Any:
    """One scanned page as a PIL image, to show beside the ticks."""
    path = Path(page.source)
    with PDFIUM:
        if path.suffix.lower() == ".pdf":
            import pypdfium2 as pdfium

            document = pdfium.PdfDocument(read_pdf(path))
            try:
                found = document[page.number - 1]
                return found.render(scale=_scale(found, dpi)).to_pil()
            finally:
                document.close()
        return _frame(path, page.number).convert("RGB")


def kept_scan(pages: list[ScannedPage]) -> bytes:
    """One PDF of these pages, as scanned: PDF pages copied as they are, pictures placed
    whole on a page each. It is what is kept, and hashed, with the consent."""
    import pypdfium2 as pdfium

    with PDFIUM:
        out = pdfium.PdfDocument.new()
        try:
            for page in pages:
                path = Path(page.source)
                if path.suffix.lower() == ".pdf":
                    source = pdfium.PdfDocument(path)
                    out.import_pages(source, [page.number - 1])
                    source.close()
                    continue
                picture = io.BytesIO()
                _frame(path, page.number).save(picture, "PDF", resolution=150)
                source = pdfium.PdfDocument(picture.getvalue())
                out.import_pages(source, [0])
                source.close()
            buffer = io.BytesIO()
            out.save(buffer)
            return buffer.getvalue()
        finally:
            out.close()


def _frame(path: Path, number: int) -> Any:
    """Page `number` of a picture file, read whole, the file closed again."""
    from PIL import Image

    with Image.open(io.BytesIO(read_bounded(path, MAX_PDF_BYTES))) as image:
        image.seek(number - 1)
        return image.convert("RGB" if image.mode not in ("RGB", "L") else image.mode)
