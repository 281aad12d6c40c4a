"""Files embedded in a PDF (the acknowledgement's record), added in an incremental update.

An embedded file sits in the document's /EmbeddedFiles name tree, so every viewer lists
it as an attachment; it must be added before the first signature so each signature covers it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def embed_file(pdf: bytes, name: str, data: bytes, media_type: str, description: str) -> bytes:
    """`pdf` with `data` attached as the file `name`, in an incremental update."""
    # pyHanko takes ~0.4 s to import: load it only when a document is made.
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    attach_file(writer, name, data, media_type, description)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def attach_file(
    writer: IncrementalPdfFileWriter, name: str, data: bytes, media_type: str, description: str
) -> None:
    """Attach `data` as the file `name` in the update `writer` is making."""
    from pyhanko.pdf_utils import embed

    stream = embed.EmbeddedFileObject.from_file_data(
        writer,
        data=data,
        mime_type=media_type,
        # Size and checksum let any reader check the attachment; no dates, so a document
        # rendered twice from one record is the same.
        params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=True),
    )
    embed.embed_file(
        writer,
        embed.FileSpec(
            file_spec_string=name, file_name=name, embedded_data=stream, description=description
        ),
    )
