"""Person, guardian and trustee sign with keys in the Secret Service; poppler agrees."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.session import OnboardingSession
from app.signing.org import root_cert_path
from app.signing.secrets import SecretStore
from app.signing.service import ONE_OFF, verify_pdf

from ..unit.signing.support import (
    TRUSTEE_PASSPHRASE,
    enrol_here,
    make_root,
    sign_chain,
    stamp_text_after_signing,
)
from .conftest import nss_db_trusting, pdfsig

MakePdf = Callable[..., tuple[Path, OnboardingSession]]
VALID = "Signature Validation: Signature is Valid."
TRUSTED = "Certificate Validation: Certificate is Trusted."


@pytest.fixture
def chain(make_pdf: MakePdf, secret_service: SecretStore, tmp_path: Path) -> Path:
    """An under-18's acknowledgement signed in turn by person, guardian and trustee, on a
    computer enrolled by the root it also holds (the computer's key in the Secret Service)."""
    pdf, session = make_pdf(under_18=True)
    make_root(secret_service)
    enrol_here(secret_service, tmp_path)
    summaries = sign_chain(pdf, session, passphrase=TRUSTEE_PASSPHRASE)
    assert [s.key_protection for s in summaries][:2] == [ONE_OFF, ONE_OFF]
    return pdf


def test_the_chain_verifies_in_induct_and_in_pdfsig(chain: Path, tmp_path: Path) -> None:
    """Three valid signatures; pdfsig trusts them once the root is in its NSS database."""
    report = verify_pdf(chain)
    assert report.ok, report.problems
    plain = pdfsig(chain).stdout
    assert re.findall(r"Signature Field Name: (\w+)", plain) == ["Person", "Guardian", "Trustee"]
    assert plain.count(VALID) == 3
    assert plain.count("Total document signed") == 1  # the trustee's, the last
    assert "Signer Certificate Common Name: Siân Llewelyn-Jones" in plain
    assert TRUSTED not in plain  # without the root, nothing is trusted
    nss = nss_db_trusting(root_cert_path("iet"), tmp_path / "nss")
    trusted = pdfsig(chain, nss).stdout
    assert trusted.count(VALID) == 3 and trusted.count(TRUSTED) == 3


def test_pdfsig_needs_the_root_trusted_for_email_signing(chain: Path, tmp_path: Path) -> None:
    """certutil's "C,," trusts the root for TLS only: pdfsig then trusts no signature."""
    tls_only = nss_db_trusting(root_cert_path("iet"), tmp_path / "tls", "C,,")
    assert "Certificate issuer isn't Trusted." in pdfsig(chain, tls_only).stdout
    assert TRUSTED not in pdfsig(chain, tls_only).stdout


def test_countersigning_keeps_the_earlier_signatures_valid(chain: Path) -> None:
    """Each signature covers its own revision; the later ones only fill fields."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    signatures = PdfFileReader(io.BytesIO(chain.read_bytes())).embedded_signatures
    ends = [s.byte_range[2] + s.byte_range[3] for s in signatures]
    assert ends == sorted(ends) and ends[-1] == chain.stat().st_size
    assert all(s.intact and s.unchanged_after for s in verify_pdf(chain).signatures)


def test_pdfsig_sees_a_flipped_byte_but_still_exits_0(chain: Path, tmp_path: Path) -> None:
    """A flipped byte: pdfsig prints "Digest Mismatch" yet exits 0; Induct says not intact."""
    data = bytearray(chain.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    result = pdfsig(tampered)
    assert result.returncode == 0 and "Digest Mismatch" in result.stdout
    report = verify_pdf(tampered)
    assert not report.ok and not report.signatures[-1].intact


def test_a_change_after_signing_fools_pdfsig_but_not_induct(chain: Path, tmp_path: Path) -> None:
    """Text stamped on page 1 after signing: pdfsig still says valid; Induct says changed."""
    stamp_text_after_signing(chain)
    nss = nss_db_trusting(root_cert_path("iet"), tmp_path / "nss")
    assert pdfsig(chain, nss).stdout.count(VALID) == 3
    report = verify_pdf(chain)
    assert not report.ok
    assert [s.unchanged_after for s in report.signatures] == [False, False, False]
    assert all(s.intact and s.trusted for s in report.signatures)


def _ink_inside(pdf: Path, tmp_path: Path) -> dict[str, float]:
    """Share of dark pixels inside each signature field, as pdftoppm draws the page."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(io.BytesIO(pdf.read_bytes()))
    shares = {}
    for name, _, ref in enumerate_sig_fields(reader):
        widget = ref.get_object()
        page = [
            reader.find_page_for_modification(i)[0].idnum
            for i in range(int(reader.root["/Pages"]["/Count"]))
        ].index(widget.raw_get("/P").idnum) + 1
        out = tmp_path / f"page-{name}"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "72",
                "-gray",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(pdf),
                str(out),
            ],
            check=True,
            timeout=60,
        )
        data = out.with_suffix(".pgm").read_bytes()
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
        assert header
        width, height = int(header.group(1)), int(header.group(2))
        pixels = data[header.end() :]
        x1, y1, x2, y2 = (round(float(v)) for v in widget["/Rect"])
        inside = [
            pixels[(height - y) * width + x]
            for y in range(y1 + 3, y2 - 3)
            for x in range(x1 + 3, x2 - 3)
        ]
        shares[name] = sum(p < 160 for p in inside) / len(inside)
    return shares


def test_each_signature_is_drawn_in_its_box(chain: Path, tmp_path: Path) -> None:
    """pdftoppm draws each signature's appearance inside its field (empty before signing)."""
    shares = _ink_inside(chain, tmp_path)
    assert list(shares) == ["Person", "Guardian", "Trustee"]
    assert all(0.01 < share < 0.3 for share in shares.values()), shares
