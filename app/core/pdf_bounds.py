"""Reading a PDF someone else made, within bounds, before any PDF library sees it.

pyHanko and pdfium unpack whatever a file asks them to: an 8 MB file can unpack to gigabytes
(a decompression bomb), nest arrays until the parser's stack runs out, or declare a picture
of ten billion pixels. So every PDF Induct opens from outside (an import, a check, a scan)
is first read whole, within MAX_PDF_BYTES, and walked here: each stream's compression is
undone stage by stage with a cap, counting the bytes and throwing them away (only an
object stream, whose objects are then counted, is kept), nesting is measured outside
streams and strings, and objects, pages and picture sizes are counted. A file past any
bound is refused with the reason in words; nothing here keeps more than one stream.
"""

from __future__ import annotations

import binascii
import re
import zlib
from pathlib import Path

from app.core.reading import MIB, RefusedFileError, read_bounded

MAX_PDF_BYTES = 64 * MIB  # an acknowledgement is under 1 MB; a 40-page colour scan fits
MAX_STREAM_BYTES = 256 * MIB  # unpacked, one stream: a 600 dpi colour A4 page is 100 MB
MAX_UNPACKED_BYTES = 1024 * MIB  # unpacked, all streams together
MAX_OBJECTS = 500_000
MAX_PAGES = 5_000
MAX_DEPTH = 100  # arrays and dictionaries within each other; Induct's files use under 10
MAX_PIXELS = 200_000_000  # one picture: a 1,200 dpi A4 page is 140 million
_CHUNK = 1 * MIB

_OUTER = re.compile(
    rb"\(|<<|>>|\[|\]|<[0-9A-Fa-f\s]*>|%[^\r\n]*|/Encrypt(?![^\s/<>\[\]()])|"
    rb"/Type\s*/Page(?![^\s/<>\[\]()])|(?<![^\s/<>\[\]()])\d+\s+\d+\s+obj(?![^\s/<>\[\]()])|"
    rb"stream(?:\r\n|\n|\r)"
)
_IN_STRING = re.compile(rb"\\.|\(|\)", re.S)
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/<>\[\]()]+)")
_NAME = re.compile(rb"/([^\s/<>\[\]()]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+(\d+)\s+R)?")
_WIDTH = re.compile(rb"/(?:Width|W)\s+(\d+)(?![\d\s]*R)")
_HEIGHT = re.compile(rb"/(?:Height|H)\s+(\d+)(?![\d\s]*R)")
_N = re.compile(rb"/N\s+(\d+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image(?![^\s/<>\[\]()])")
_NUMBER_OBJECT = re.compile(
    rb"(?<![0-9])([0-9]{1,10})\s+([0-9]{1,5})\s+obj\s*([0-9]{1,12})\s*endobj"
)
_COMMENTS = re.compile(rb"%[^\r\n]*")

FLATE = {b"FlateDecode", b"Fl"}
TEXT_FILTERS = {b"ASCIIHexDecode", b"AHx", b"ASCII85Decode", b"A85"}
RUN_LENGTH = {b"RunLengthDecode", b"RL"}
PICTURE_FILTERS = {b"DCTDecode", b"DCT", b"JPXDecode", b"JBIG2Decode", b"CCITTFaxDecode", b"CCF"}


class PdfRefusedError(ValueError):
    """A PDF past one of the bounds; the message says which, in words."""


def read_pdf(path: Path, limit: int = MAX_PDF_BYTES) -> bytes:
    """The bytes of the PDF at `path`, once they have passed every bound.

    Raises:
        RefusedFileError: not a regular file, too large, or past a bound (its strerror says
            which); OSError when it cannot be read at all.
    """
    data = read_bounded(Path(path), limit)
    try:
        check_pdf_bytes(data)
    except PdfRefusedError as error:
        raise RefusedFileError(str(error), Path(path)) from None
    return data


def check_pdf_bytes(data: bytes) -> None:
    """Walk `data` (a PDF's bytes) and raise PdfRefusedError at the first bound it passes."""
    _Walk(data).run()


class _Walk:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.objects = 0
        self.pages = 0
        self.unpacked = 0
        self.numbers: dict[tuple[int, int], int] | None = None

    def run(self) -> None:
        self._text(self.data, 0, len(self.data), streams=True)

    def _text(self, data: bytes, pos: int, stop: int, *, streams: bool) -> int:
        """Walk the PDF syntax of data[pos:stop], skipping strings; with `streams`, each
        stream's bytes are unpacked (and counted) and then skipped."""
        depth = 0
        opened: list[int] = []  # where each open dictionary starts
        last_dict = (-1, -1)  # the last dictionary closed: (start, end)
        while True:
            match = _OUTER.search(data, pos, stop)
            if match is None:
                return stop
            token, pos = match.group(), match.end()
            first = token[:1]
            if token == b"(":
                pos = _skip_string(data, pos, stop)
            elif token in (b"<<", b"["):
                depth += 1
                if depth > MAX_DEPTH:
                    raise PdfRefusedError(
                        f"it nests lists and dictionaries more than {MAX_DEPTH} deep"
                    )
                if token == b"<<":
                    opened.append(match.start())
            elif token in (b">>", b"]"):
                depth = max(0, depth - 1)
                if token == b">>" and opened:
                    last_dict = (opened.pop(), pos)
            elif first in (b"<", b"%"):
                continue  # a hex string or a comment
            elif token.startswith(b"/Encrypt"):
                raise PdfRefusedError("it is encrypted, and Induct checks only open files")
            elif token.startswith(b"/Type"):
                self.pages += 1
                if self.pages > MAX_PAGES:
                    raise PdfRefusedError(f"it has more than {MAX_PAGES:,} pages")
            elif token.endswith(b"obj"):
                self._count_objects(1)
            elif streams and token.startswith(b"stream"):
                start, end = last_dict
                between = data[end : match.start()] if end >= 0 else b"?"
                header = data[start:end] if not _COMMENTS.sub(b"", between).strip() else b""
                pos = self._stream(header, pos)
                depth, opened, last_dict = 0, [], (-1, -1)

    def _count_objects(self, count: int) -> None:
        self.objects += count
        if self.objects > MAX_OBJECTS:
            raise PdfRefusedError(f"it has more than {MAX_OBJECTS:,} objects")

    def _stream(self, header: bytes, start: int) -> int:
        """Unpack the stream whose dictionary is `header` and whose bytes begin at `start`;
        returns where its `endstream` ends."""
        end = self._stream_end(header, start)
        raw = self.data[start:end]
        # Without its dictionary (the word in some text, or a file readers must repair),
        # bytes that look compressed are unpacked all the same.
        filters = _filters(header) if header else ([b"Fl"] if raw[:1] == b"x" else [])
        picture = bool(_IMAGE.search(header)) or any(f in PICTURE_FILTERS for f in filters)
        if picture:
            _check_picture(header)
        object_stream = b"/ObjStm" in header
        kept = self._unpack(raw, filters, keep=object_stream)
        if object_stream:
            number = _N.search(header)
            self._count_objects(int(number.group(1)) if number else 0)
            self._text(kept, 0, len(kept), streams=False)
        after = self.data.find(b"endstream", end)
        return len(self.data) if after < 0 else after + len(b"endstream")

    def _stream_end(self, header: bytes, start: int) -> int:
        """Where the stream's bytes end: by its /Length when that lands on `endstream`
        (as readers take it), else at the next `endstream` (as they repair it)."""
        length = _LENGTH.search(header)
        if length is not None:
            value = int(length.group(1)) if not length.group(2) else self._indirect(length)
            after = b"" if value is None else self.data[start + value : start + value + 32]
            if value is not None and value >= 0 and after.lstrip().startswith(b"endstream"):
                return start + value
        found = self.data.find(b"endstream", start)
        return len(self.data) if found < 0 else found

    def _indirect(self, length: re.Match[bytes]) -> int | None:
        if self.numbers is None:  # every "N G obj <integer> endobj", found in one pass
            self.numbers = {
                (int(m.group(1)), int(m.group(2))): int(m.group(3))
                for m in _NUMBER_OBJECT.finditer(self.data)
            }
        return self.numbers.get((int(length.group(1)), int(length.group(3))))

    def _unpack(self, raw: bytes, filters: list[bytes], *, keep: bool) -> bytes:
        """Undo `filters` in order, within MAX_STREAM_BYTES; the last stage's output is
        only counted unless `keep`."""
        data = raw
        for index, name in enumerate(filters):
            last = index == len(filters) - 1 and not keep
            if name in FLATE:
                data = self._inflate(data, count_only=last)
            elif name in TEXT_FILTERS:
                data = _ascii_decode(name, data)
            elif name in RUN_LENGTH:
                data = self._run_length(data, count_only=last)
            elif name in PICTURE_FILTERS:
                return b""  # a picture's size was checked from its width and height
            else:
                shown = name.decode("latin-1")[:40]
                raise PdfRefusedError(
                    f"it uses a kind of compression Induct does not read ({shown})"
                )
        return data

    def _grow(self, size: int) -> None:
        if size > MAX_STREAM_BYTES:
            raise PdfRefusedError(
                f"one of its parts unpacks to more than {MAX_STREAM_BYTES // MIB} MB"
            )
        self.unpacked += size
        if self.unpacked > MAX_UNPACKED_BYTES:
            raise PdfRefusedError(f"its parts unpack to more than {MAX_UNPACKED_BYTES // MIB} MB")

    def _inflate(self, data: bytes, *, count_only: bool) -> bytes:
        inflater = zlib.decompressobj()
        out: list[bytes] = []
        size = 0
        pending = data
        try:
            while not inflater.eof:
                piece = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                if not piece and not pending:
                    break
                size += len(piece)
                self._grow_check(size)
                if not count_only:
                    out.append(piece)
        except zlib.error:
            pass  # readers stop at damage too: what came out so far is what they hold
        self._grow(size)
        return b"".join(out)

    def _grow_check(self, size: int) -> None:
        if size > MAX_STREAM_BYTES:
            self._grow(size)

    def _run_length(self, data: bytes, *, count_only: bool) -> bytes:
        out = bytearray()
        size, index = 0, 0
        while index < len(data):
            length = data[index]
            if length == 128:
                break
            if length < 128:
                chunk = data[index + 1 : index + 2 + length]
                index += 2 + length
            else:
                chunk = data[index + 1 : index + 2] * (257 - length)
                index += 2
            size += len(chunk)
            self._grow_check(size)
            if not count_only:
                out += chunk
        self._grow(size)
        return bytes(out)


def _skip_string(data: bytes, pos: int, stop: int) -> int:
    """Past the literal string opened just before `pos` (balanced brackets, escapes)."""
    depth = 1
    while depth:
        match = _IN_STRING.search(data, pos, stop)
        if match is None:
            return stop
        pos = match.end()
        token = match.group()
        if token == b"(":
            depth += 1
        elif token == b")":
            depth -= 1
    return pos


def _filters(header: bytes) -> list[bytes]:
    found = _FILTER.search(header)
    return [] if found is None else _NAME.findall(found.group(1))


def _check_picture(header: bytes) -> None:
    width, height = _WIDTH.search(header), _HEIGHT.search(header)
    if width is None or height is None:
        raise PdfRefusedError("it has a picture whose size is not given plainly")
    pixels = int(width.group(1)) * int(height.group(1))
    if pixels > MAX_PIXELS:
        raise PdfRefusedError(
            f"it has a picture of more than {MAX_PIXELS // 1_000_000} million pixels"
        )


def _ascii_decode(name: bytes, data: bytes) -> bytes:
    try:
        if name in (b"ASCIIHexDecode", b"AHx"):
            text = re.sub(rb"\s", b"", data).split(b">")[0]
            return binascii.unhexlify(text + b"0" * (len(text) % 2))
        body = data.strip()
        body = body[2:] if body.startswith(b"<~") else body
        body = re.sub(rb"\s", b"", body.split(b"~>")[0])
        return _a85decode(body + b"~>")
    except ValueError:
        return b""  # damaged: readers give up on it as well


def _a85decode(body: bytes) -> bytes:
    # reportlab's, in C: the standard library's takes a second for a 1,000-copy batch
    from reportlab.lib.rl_accel import asciiBase85Decode

    decoded = asciiBase85Decode(body.decode("latin-1"))
    return decoded if isinstance(decoded, bytes) else decoded.encode("latin-1")
