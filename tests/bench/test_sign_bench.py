"""Benchmark: acknowledgement render + signature against a bare page + a pyHanko signature."""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from app.core.onboarding.acknowledgement import PERSON_FIELD, build_record
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.documents.acknowledgement import render_acknowledgement
from app.signing.service import sign_pdf

from ..unit.signing.support import APP_VERSION, PERSON, memory_store

ROUNDS = 7


def _median(run: Callable[[], object]) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _bare_page_signed(signer: object) -> bytes:
    """A one-page reportlab PDF, then a pyHanko signature in a new field: the floor."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "I acknowledge the policy.")
    canvas.save()
    writer = IncrementalPdfFileWriter(io.BytesIO(buffer.getvalue()))
    meta = signers.PdfSignatureMetadata(
        field_name="Person", subfilter=fields.SigSeedSubFilter.PADES
    )
    spec = fields.SigFieldSpec("Person", on_page=0, box=(72, 600, 372, 680))
    out = signers.PdfSigner(meta, signer, new_field_spec=spec).sign_pdf(writer)  # type: ignore[arg-type]
    return bytes(out.getvalue())


def test_signing_the_acknowledgement_against_a_bare_signed_page(
    iet_pack: Pack,
    completed_session: Callable[..., OnboardingSession],
    tmp_path: Path,
    record_ratio,
) -> None:
    """Prints both medians and their ratio; the first (warm-up) signature makes the key."""
    store = memory_store()
    session = completed_session(iet_pack)
    record = build_record(iet_pack, session, APP_VERSION)
    drawing = session.signature.drawing if session.signature else None
    counter = iter(range(1000))

    def acknowledgement() -> None:
        pdf = tmp_path / f"ack-{next(counter)}.pdf"
        pdf.write_bytes(render_acknowledgement(record))
        sign_pdf(
            pdf,
            PERSON_FIELD,
            PERSON,
            org_id="iet",
            typed_name=PERSON.name,
            drawing=drawing,
            store=store,
        )

    import_start = time.perf_counter()
    acknowledgement()  # warm-up: imports pyHanko, makes the key and certificate
    first = time.perf_counter() - import_start
    from asn1crypto import keys, x509

    # A one-off key and self-signed certificate, as the acknowledgement's, sign the bare page.
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from app.signing.certs import new_key, now_utc, signer_certificate

    one_off = new_key()
    cert = signer_certificate(
        one_off.public_key(), PERSON.name, PERSON.email, PERSON.role, None, one_off, now_utc()
    )
    key_der = one_off.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    signer = signers.SimpleSigner(
        signing_cert=x509.Certificate.load(_der(cert_pem)),
        signing_key=keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore(),
    )
    _bare_page_signed(signer)  # warm-up

    ours = _median(acknowledgement)
    render = _median(lambda: render_acknowledgement(record))
    floor = _median(lambda: _bare_page_signed(signer))
    print(f"\nfirst acknowledgement incl. pyHanko's import and a new key: {first * 1000:.0f} ms")
    print(f"acknowledgement render + signature (median of {ROUNDS}): {ours * 1000:.0f} ms")
    print(f"  of which the render alone: {render * 1000:.0f} ms")
    print(f"bare reportlab page + pyHanko signature (median of {ROUNDS}): {floor * 1000:.0f} ms")
    print(f"ratio: {ours / floor:.1f}x")
    record_ratio(
        "acknowledgement render + signature",
        "Induct",
        ours * 1000,
        "not yet a fair baseline: one Helvetica line and one signature field, "
        "no fonts, sections or visible stamp",
        floor * 1000,
        "ms",
        target="≤ 1.3× of a fair baseline (still to be written)",
    )


def _der(pem: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return x509.load_pem_x509_certificate(pem).public_bytes(Encoding.DER)
