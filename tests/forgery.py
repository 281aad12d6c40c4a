"""Forgeries made the way an attacker would, with pyHanko's IncrementalPdfFileWriter: every
signed byte left as it was, a later revision that changes the metadata, signed into the
Trustee field by the forger's own self-signed key so that it looks like a countersignature."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path


def forge_countersignature(pdf: Path) -> None:
    """A self-signed "Trudy Trustee" countersignature, and nothing else changed."""
    update(pdf, lambda writer: None)


def update(pdf: Path, change: Callable[..., None], *, signed: bool = True) -> None:
    """Append one incremental update to `pdf` made by `change(writer)`; when `signed`, the
    same update signs the Trustee field with a self-signed key."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()), strict=False)
    change(writer)
    if signed:
        pdf.write_bytes(forged_countersignature(writer))
        return
    out = io.BytesIO()
    writer.write(out)
    pdf.write_bytes(out.getvalue())


def forged_countersignature(writer: object) -> bytes:
    """The writer's pending changes, signed into the Trustee field by a self-signed key."""
    from datetime import UTC, datetime

    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import fields, signers

    from app.core.onboarding.acknowledgement import TRUSTEE_FIELD
    from app.signing.certs import new_key, signer_certificate

    key = new_key()
    cert = signer_certificate(
        key.public_key(), "Trudy Trustee", "trudy@example.org", "Trustee", None, key,
        datetime.now(UTC),
    )  # fmt: skip
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=None,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=TRUSTEE_FIELD, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
    )
    out = signers.PdfSigner(meta, signer).sign_pdf(writer, existing_fields_only=True)  # type: ignore[arg-type]
    return bytes(out.getvalue())


def swap_keywords(writer: object) -> None:
    """Replace the session id in the information dictionary's keywords."""
    from pyhanko.pdf_utils import generic

    info_ref = writer.trailer.raw_get("/Info")  # type: ignore[attr-defined]
    info = info_ref.get_object()
    keywords = str(info["/Keywords"])
    assert "induct-id:" in keywords
    head, _, _ = keywords.partition("induct-id:")
    info["/Keywords"] = generic.TextStringObject(head + "induct-id:00000000forged")
    writer.mark_update(info_ref)  # type: ignore[attr-defined]
