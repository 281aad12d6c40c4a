"""Every hostile PDF is refused before a PDF library unpacks it, with the reason in words;
Induct's own files pass."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from app.core.pdf_bounds import PdfRefusedError, check_pdf_bytes, read_pdf
from app.core.reading import RefusedFileError
from tests.hostile_pdfs import HOSTILE, pdf_with, stream, write


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_pdf_is_refused_with_its_reason(name: str) -> None:
    """Bombs, nesting, huge pictures, floods of objects, encryption, LZW: each says why."""
    data = HOSTILE[name][0]()
    with pytest.raises(PdfRefusedError) as refused:
        check_pdf_bytes(data)
    assert str(refused.value) == HOSTILE[name][1]


def test_a_bomb_costs_under_a_second_and_no_memory() -> None:
    """Unpacking is counted and thrown away: a 4 GB bomb is measured in constant memory."""
    data = HOSTILE["flate-bomb"][0]()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(PdfRefusedError):
        check_pdf_bytes(data)
    assert time.perf_counter() - started < 2.0
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 64 * 1024


def test_a_bomb_hidden_behind_a_wrong_length_is_still_measured() -> None:
    """A /Length that does not land on endstream is ignored, as readers repairing it do."""
    body = stream(b"/Filter /FlateDecode", bytes(10))
    bomb = HOSTILE["flate-bomb"][0]().split(b"stream\n", 1)[1].split(b"\nendstream", 1)[0]
    forged = body.replace(b"stream\n" + bytes(10), b"stream\n" + bomb)
    with pytest.raises(PdfRefusedError, match="unpacks to more than 256 MB"):
        check_pdf_bytes(pdf_with(forged))


def test_a_fifo_in_place_of_a_pdf_is_refused_at_once(tmp_path: Path) -> None:
    """A named pipe would block a plain read for ever."""
    import os

    fifo = tmp_path / "scan.pdf"
    os.mkfifo(fifo)
    with pytest.raises(RefusedFileError, match="it is not a regular file"):
        read_pdf(fifo)


def test_read_pdf_names_the_bound_in_its_reason(tmp_path: Path) -> None:
    """The refusal reaches the caller as a reason it can show after the file name."""
    path = write(tmp_path, "deep-nesting")
    with pytest.raises(RefusedFileError) as refused:
        read_pdf(path)
    assert refused.value.strerror == "it nests lists and dictionaries more than 100 deep"
    assert refused.value.filename == str(path)
