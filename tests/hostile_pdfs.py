"""Hostile PDFs, made by the tests themselves: decompression bombs, deep nesting, a picture
of billions of pixels, too many objects, encryption, a compression Induct does not read.

Each is a small, well-formed file that a PDF reader would try to unpack in full."""

from __future__ import annotations

import base64
import functools
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

GIB = 1024**3


def pdf_with(*objects: bytes, trailer_extra: bytes = b"") -> bytes:
    """A PDF whose objects 4… are `objects` (1–3 are the catalog, pages and one page that
    draws object 4 as its contents)."""
    body = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        *objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, item in enumerate(body, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + item + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(body) + 1,
        trailer_extra,
        xref,
    )
    return bytes(out)


def stream(header: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n" % (header, len(data)) + data + b"\nendstream"


@functools.cache
def zeros_deflated(size: int) -> bytes:
    """`size` (a multiple of 1 MiB) zero bytes, deflated (a thousandth of the size).

    Built in milliseconds: after a full flush each megabyte deflates to the same bytes, and
    the Adler-32 of n zeros is (n mod 65521) << 16 | 1."""
    packer = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    first = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush()[:-4] + struct.pack(">I", (size % 65521) << 16 | 1)
    return first + again * (size // len(chunk) - 1) + end


def flate_bomb() -> bytes:
    """A 4 MB file whose page contents unpack to 4 GB."""
    return pdf_with(stream(b"/Filter /FlateDecode", zeros_deflated(4 * GIB)))


def ascii85_bomb() -> bytes:
    """The same bomb written as text first (ASCII85, then deflate), as reportlab writes."""
    text = base64.a85encode(zeros_deflated(2 * GIB)) + b"~>"
    return pdf_with(stream(b"/Filter [/ASCII85Decode /FlateDecode]", text))


def double_flate_bomb() -> bytes:
    """Deflated twice: the outer layer unpacks to a few MB, the inner one to 4 GB."""
    inner = zeros_deflated(4 * GIB)
    return pdf_with(stream(b"/Filter [/FlateDecode /FlateDecode]", zlib.compress(inner, 9)))


def deep_nesting() -> bytes:
    """An array nested 3,000 deep: a recursive parser runs out of stack."""
    return pdf_with(b"[" * 3000 + b"]" * 3000)


def huge_picture() -> bytes:
    """A picture that claims 100,000 × 100,000 pixels, in a few bytes."""
    return pdf_with(
        stream(
            b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 "
            b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
            b"\xff\xd8\xff\xd9",
        )
    )


def many_objects() -> bytes:
    """Six hundred thousand tiny objects."""
    return pdf_with(*(b"null" for _ in range(600_000)))


def encrypted() -> bytes:
    """A file that says it is encrypted (its streams cannot be measured unread)."""
    return pdf_with(b"<< /Filter /Standard /V 1 /R 2 >>", trailer_extra=b"/Encrypt 4 0 R ")


def lzw() -> bytes:
    """A stream in LZW, which Induct's files and scanners' do not use."""
    return pdf_with(stream(b"/Filter /LZWDecode", b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01"))


HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "flate-bomb": (flate_bomb, "one of its parts unpacks to more than 256 MB"),
    "ascii85-bomb": (ascii85_bomb, "one of its parts unpacks to more than 256 MB"),
    "double-flate-bomb": (double_flate_bomb, "one of its parts unpacks to more than 256 MB"),
    "deep-nesting": (deep_nesting, "it nests lists and dictionaries more than 100 deep"),
    "huge-picture": (huge_picture, "it has a picture of more than 200 million pixels"),
    "many-objects": (many_objects, "it has more than 500,000 objects"),
    "encrypted": (encrypted, "it is encrypted, and Induct checks only open files"),
    "lzw": (lzw, "it uses a kind of compression Induct does not read (LZWDecode)"),
}


def write(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.pdf"
    path.write_bytes(HOSTILE[name][0]())
    return path
