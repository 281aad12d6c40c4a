"""The PAdES B-B approval signature itself, with pyHanko (imported by service only to sign)."""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_byterange import BuildProps
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app import __version__
from app.core.onboarding.session import Drawing
from app.signing.appearance import AppearanceText, render_appearance
from app.signing.certs import PrivateKey
from app.signing.errors import SigningError


@dataclass(frozen=True)
class Extras:
    """What goes with a signature besides the signer's certificate.

    Attributes:
        chain: the issuing certificates, carried in the signature so checkers find the path.
        dss_certs, dss_crls: written into the document security store in the same update,
            so the file carries the revocation data its countersignature was checked with.
    """

    chain: tuple[x509.Certificate, ...] = ()
    dss_certs: tuple[x509.Certificate, ...] = ()
    dss_crls: tuple[x509.CertificateRevocationList, ...] = ()


@dataclass(frozen=True)
class AppearanceInfo:
    """What the signature's box shows, worded for people."""

    typed_name: str
    role: str
    email: str
    when: str
    fingerprint: str
    issuer: str
    protection: str
    drawing: Drawing | None

    def text(self) -> AppearanceText:
        issuer = (
            "Self-signed certificate: a trustee checks it"
            if self.issuer == "self-signed"
            else f"Certificate issued by {self.issuer}"
        )
        return AppearanceText(
            self.typed_name,
            (
                f"{self.role} · {self.email}",
                f"Signed {self.when}",
                f"Certificate SHA-256 {self.fingerprint}",
                issuer,
                self.protection[:1].upper() + self.protection[1:],
            ),
        )


class _TimedPdfSigner(signers.PdfSigner):
    """A PdfSigner that records the given signing time (pyHanko otherwise takes 'now')."""

    def __init__(self, *args: object, moment: datetime, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._moment = moment

    def init_signing_session(
        self, pdf_out: object, existing_fields_only: bool = False
    ) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only)  # type: ignore[arg-type]
        session.system_time = self._moment
        return session


def open_pdf(data: bytes) -> IncrementalPdfFileWriter:
    """The PDF `data`, read once, ready for an incremental update.

    Raises:
        SigningError: not a PDF pyHanko can update.
    """
    try:
        return IncrementalPdfFileWriter(io.BytesIO(data))
    except (PdfError, ValueError, KeyError, TypeError) as error:
        raise SigningError(f"The file is not a PDF Induct can sign ({error}).") from error


def empty_field_size(writer: IncrementalPdfFileWriter, field: str) -> tuple[float, float]:
    """Width and height of the empty signature field `field` of the PDF `writer` updates.

    Raises:
        SigningError: a damaged PDF, no such field, or it is signed already.
    """
    try:
        return _empty_field_size(writer.prev, field)
    except (PdfError, ValueError, KeyError, TypeError) as error:
        raise SigningError(f"The file is not a PDF Induct can sign ({error}).") from error


def sign_field(
    writer: IncrementalPdfFileWriter,
    field: str,
    size: tuple[float, float],
    key: PrivateKey,
    cert: x509.Certificate,
    extras: Extras,
    appearance: AppearanceInfo,
    moment: datetime,
    *,
    reason: str,
) -> bytes:
    """The PDF `writer` read, with an approval signature in its existing, empty field
    `field` (of `size`), appended as an incremental update so earlier signatures stay valid."""
    asn1_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    registry = SimpleCertificateStore.from_certs([_asn1(c) for c in extras.chain])
    if extras.dss_certs or extras.dss_crls:
        DocumentSecurityStore.supply_dss_in_writer(
            writer,
            None,
            certs=[_asn1(c) for c in extras.dss_certs],
            crls=[
                asn1_crl.CertificateList.load(c.public_bytes(serialization.Encoding.DER))
                for c in extras.dss_crls
            ],
        )
    signer = signers.SimpleSigner(
        signing_cert=asn1_cert,
        cert_registry=registry,
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=False,
        reason=reason,
        name=appearance.typed_name,
        app_build_props=BuildProps(name="Induct", revision=__version__),
    )
    with tempfile.TemporaryDirectory(prefix="induct-") as folder:
        # pyHanko imports a stamp's page from a file; the page holds no secret.
        stamp_file = Path(folder) / "appearance.pdf"
        stamp_file.write_bytes(render_appearance(*size, appearance.text(), appearance.drawing))
        style = StaticStampStyle.from_pdf_file(str(stamp_file), border_width=0)
        pdf_signer = _TimedPdfSigner(meta, signer, stamp_style=style, moment=moment)
        out = pdf_signer.sign_pdf(
            writer,
            existing_fields_only=True,
            bytes_reserved=signature_room(asn1_cert, list(registry)),
        )
    return bytes(out.getvalue())


# Room in the signature container for all but the certificates and the issuer's name:
# the signed attributes, the algorithm identifiers and the signature value itself (an
# ECDSA P-256 signature is 72 bytes; RSA-4096, 512); a few hundred bytes are used.
_CMS_OVERHEAD = 2048


def signature_room(cert: asn1_x509.Certificate, chain: list[asn1_x509.Certificate]) -> int:
    """Bytes to reserve in the PDF for the signature (hex digits, so twice the DER size).

    Given up front, pyHanko builds the signature once; left to itself it builds a dummy
    one first only to measure it. The container holds every certificate, and the issuer's
    name twice more (who signed, and the signing-certificate attribute); a name can be long.
    """
    certs = sum(len(c.dump()) for c in (cert, *chain))
    return 2 * (certs + 2 * len(cert.issuer.dump()) + _CMS_OVERHEAD)


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _empty_field_size(reader: PdfFileReader, field: str) -> tuple[float, float]:
    """Width and height of the empty signature field `field`, or a SigningError."""
    for name, value, ref in fields.enumerate_sig_fields(reader):
        if name != field:
            continue
        if value is not None:
            raise SigningError(f"The {field} field of this document is already signed.")
        widget = ref.get_object()
        if "/Rect" not in widget and "/Kids" in widget:
            widget = widget["/Kids"][0].get_object()
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        return abs(x2 - x1), abs(y2 - y1)
    raise SigningError(f"This document has no signature field named {field}.")
