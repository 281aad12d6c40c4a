"""Tampering: any byte of the signed ranges flipped, or a change appended, is caught."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from app.core.onboarding.session import OnboardingSession
from app.signing.org import root_cert_path
from app.signing.secrets import SecretStore
from app.signing.service import verify_pdf

from .support import (
    TRUSTEE_PASSPHRASE,
    enrol_here,
    make_root,
    sign_chain,
    stamp_text_after_signing,
)

MakePdf = Callable[..., tuple[Path, OnboardingSession]]
FLIPS = 200


@pytest.fixture
def signed(make_pdf: MakePdf, store: SecretStore, tmp_path: Path) -> Path:
    """The IET acknowledgement of an under-18, signed by person, guardian and trustee."""
    pdf, session = make_pdf(under_18=True)
    make_root(store)
    enrol_here(store, tmp_path)
    sign_chain(pdf, session, store=store, passphrase=TRUSTEE_PASSPHRASE)
    return pdf


def _root() -> object:
    from asn1crypto import x509 as asn1_x509

    pem = root_cert_path("iet").read_bytes()
    return asn1_x509.Certificate.load(
        x509.load_pem_x509_certificate(pem).public_bytes(Encoding.DER)
    )


def _last_signature(data: bytes, root: object) -> str:
    """pyHanko's own integrity check of the final (trustee) signature, in memory:
    "intact", "altered" (digest or signature mismatch) or "unreadable"."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        signature = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures[-1]
        status = validate_pdf_signature(
            signature, ValidationContext(trust_roots=[root], allow_fetching=False), skip_diff=True
        )
    except Exception:  # the flip broke the file's structure or the signature's
        return "unreadable"
    if signature.field_name == "Trustee" and status.intact and status.valid:
        return "intact"
    return "altered"


def _positions(data: bytes) -> list[int]:
    """FLIPS byte positions spread evenly over both ranges the final signature covers."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    start1, length1, start2, length2 = (
        PdfFileReader(io.BytesIO(data)).embedded_signatures[-1].byte_range
    )
    assert start1 == 0 and start2 + length2 == len(data)  # the whole file but /Contents
    half = FLIPS // 2
    return [start1 + i * (length1 - 1) // (half - 1) for i in range(half)] + [
        start2 + i * (length2 - 1) // (half - 1) for i in range(half)
    ]


def test_every_flipped_byte_breaks_the_signature(signed: Path) -> None:
    """Flipping any one of 200 bytes across the signed ranges leaves the signature not intact."""
    data, root = signed.read_bytes(), _root()
    assert _last_signature(data, root) == "intact"
    positions = _positions(data)
    assert len(set(positions)) == FLIPS
    outcomes: dict[str, list[int]] = {"intact": [], "altered": [], "unreadable": []}
    for position in positions:
        tampered = bytearray(data)
        tampered[position] ^= 0x01
        outcomes[_last_signature(bytes(tampered), root)].append(position)
    assert outcomes["intact"] == []
    # Most flips leave a readable file whose digest no longer matches; the rest break
    # the PDF's structure (xref, trailer, the signature's own dictionary).
    assert len(outcomes["altered"]) > FLIPS * 3 // 4, outcomes["unreadable"]


def test_verify_reports_flipped_copies_as_altered(
    signed: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`verify_pdf` on a sample of flipped copies: never ok, the trustee's not intact, no log."""
    data = signed.read_bytes()
    for number, position in enumerate(_positions(data)[::20]):
        tampered = bytearray(data)
        tampered[position] ^= 0x01
        copy = tmp_path / f"flipped-{number}.pdf"
        copy.write_bytes(bytes(tampered))
        with caplog.at_level(logging.DEBUG):
            report = verify_pdf(copy)
        assert not report.ok, position
        trustee = [s for s in report.signatures if s.field == "Trustee"]
        assert report.error or (trustee and not trustee[0].intact), (position, report)
        assert report.problems and all("\n" not in line for line in report.problems)
    assert [r for r in caplog.records if r.name.startswith("pyhanko")] == []


def test_a_change_after_signing_is_caught(signed: Path) -> None:
    """Text stamped onto page 1 in a later update: signatures intact, but changed after."""
    assert verify_pdf(signed).ok
    stamp_text_after_signing(signed)
    report = verify_pdf(signed)
    assert not report.ok
    assert all(s.intact and s.trusted and not s.unchanged_after for s in report.signatures)
    assert report.problems[-1] == (
        "Trustee (Dafydd ap Gwilym): the document was changed after this signature (page "
        "content or the document's structure was altered)."
    )
