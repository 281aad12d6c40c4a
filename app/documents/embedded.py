"""Files embedded in a PDF (the acknowledgement's record), added in an incremental update.

An embedded file sits in the document's /EmbeddedFiles name tree, so every viewer lists
it as an attachment; it must be added before the first signature so each signature covers it.
"""

from __future__ import annotations

import io


def embed_file(pdf: bytes, name: str, data: bytes, media_type: str, description: str) -> bytes:
    """`pdf` with `data` attached as the file `name`, in an incremental update."""
    # pyHanko takes ~0.4 s to import: load it only when a document is made.
    from pyhanko.pdf_utils import embed
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
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
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
