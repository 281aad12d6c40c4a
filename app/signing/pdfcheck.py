"""pyHanko's validation of each signature, turned into a VerificationReport for people."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import ModificationInfo
from pyhanko_certvalidator import ValidationContext

from app.signing.certs import cert_email, subject_text
from app.signing.errors import SigningError
from app.signing.report import SignatureCheck, VerificationReport

_LOGGERS = ("pyhanko", "pyhanko_certvalidator")

UNTRUSTED = (
    "certificate not trusted: it is not issued by an organisation root this "
    "computer knows (check its fingerprint with the signer, or use the organisation's "
    "verification kit: induct verify --trust ROOT.pem)"
)
_TRUST_WORDS = {
    "NO_CERTIFICATE_CHAIN_FOUND": UNTRUSTED,
    "CHAIN_CONSTRAINTS_FAILURE": UNTRUSTED,  # what a self-signed certificate gets
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": UNTRUSTED,
    "EXPIRED": "the signer's certificate has expired",
    "NOT_YET_VALID": "the signer's certificate is not valid yet (check this computer's clock)",
    "REVOKED": "the signer's certificate has been revoked",
}


@contextlib.contextmanager
def quiet_pyhanko() -> Iterator[None]:
    """Keep pyHanko's ERROR-level tracebacks out of the user's view; results say it all."""
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    saved = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)  # their child loggers inherit the level
    try:
        yield
    finally:
        for logger, level in zip(loggers, saved, strict=True):
            logger.setLevel(level)


def check_pdf(path: Path, data: bytes, roots: list[x509.Certificate]) -> VerificationReport:
    """Validate every signature in `data` (the bytes of `path`) against `roots`.

    Raises:
        SigningError: the bytes cannot be read as a PDF.
    """
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    trust = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in roots]
    with quiet_pyhanko():
        try:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            fields = [(name, value is not None) for name, value, _ in enumerate_sig_fields(reader)]
            embedded = list(reader.embedded_signatures)
            revisions = reader.xrefs.total_revisions
            signed_revisions = {sig.signed_revision for sig in embedded}
        except Exception as error:  # any damage to the file's structure lands here
            raise SigningError(f"cannot be read as a PDF ({_reason(error)}).") from error
        if not embedded and (any(signed for _, signed in fields) or b"/ByteRange" in data):
            raise SigningError(
                "its signatures cannot be found: the file is damaged or was altered after signing."
            )
        checks = [_check(sig, trust, signed_revisions, revisions) for sig in embedded]
    found = {check.field for check in checks}
    checks += [
        _unreadable(
            name, "the signature in this field cannot be read: the file is damaged or was altered."
        )
        for name, signed in fields
        if signed and name not in found
    ]
    return VerificationReport(
        path, tuple(checks), tuple(name for name, signed in fields if not signed)
    )


def _check(
    sig: EmbeddedPdfSignature, trust: list[object], signed_revisions: set[int], revisions: int
) -> SignatureCheck:
    name = str(sig.field_name)
    signer = email = digest = issuer = ""
    try:
        cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
        signer = subject_text(cert, NameOID.COMMON_NAME)
        email = cert_email(cert)
        issuer = cert.issuer.rfc4514_string()
        digest = hashlib.sha256(sig.signer_cert.dump()).hexdigest()
        context = ValidationContext(
            trust_roots=trust, allow_fetching=False, revocation_mode="soft-fail"
        )
        # The difference analysis is the slow part: it runs only once the bytes check out.
        status = validate_pdf_signature(sig, signer_validation_context=context, skip_diff=True)
        intact = bool(status.intact and status.valid)
        unchanged, change = (
            _unchanged_after(sig, signed_revisions, revisions) if intact else (False, "")
        )
    except Exception as error:  # a damaged signature is a result, never a crash
        return _unreadable(
            name,
            f"the signature cannot be checked: the file is damaged or was "
            f"altered ({_reason(error)}).",
            signer,
            email,
            digest,
            issuer,
        )
    trusted = bool(status.trusted)
    problems = []
    if not status.intact:
        problems.append("the signed bytes have been altered since this signature was made.")
    elif not status.valid:
        problems.append("the signature does not match the signer's certificate.")
    if intact and not unchanged:
        problems.append(f"the document was changed after this signature ({change}).")
    if intact and not trusted:
        indic = status.trust_problem_indic
        key = indic.name if isinstance(indic, Enum) else "NO_CERTIFICATE_CHAIN_FOUND"
        problems.append(_TRUST_WORDS.get(key, f"certificate not trusted ({key.lower()})") + ".")
    when = status.signer_reported_dt
    reason = str(sig.sig_object.get("/Reason", ""))
    return SignatureCheck(
        name,
        signer,
        email,
        digest,
        intact,
        trusted,
        unchanged,
        when.isoformat() if when else "",
        tuple(problems),
        issuer,
        reason,
    )


def _unreadable(
    name: str, problem: str, signer: str = "", email: str = "", digest: str = "", issuer: str = ""
) -> SignatureCheck:
    return SignatureCheck(name, signer, email, digest, False, False, False, "", (problem,), issuer)


def _unchanged_after(
    sig: EmbeddedPdfSignature, signed_revisions: set[int], revisions: int
) -> tuple[bool, str]:
    """Whether only later signatures were added after `sig`, and if not, what changed."""
    sig.compute_integrity_info(skip_diff=False)
    integrity = ModificationInfo(**sig.summarise_integrity_info())
    level = integrity.modification_level
    if level is None or integrity.docmdp_ok is not True or level > ModificationLevel.FORM_FILLING:
        if level == ModificationLevel.ANNOTATIONS:
            return False, "annotations were added or changed"
        return False, "page content or the document's structure was altered"
    later = range(sig.signed_revision + 1, revisions)
    if any(revision not in signed_revisions for revision in later):
        return False, "an update that is not a signature was added"
    return True, ""


def _reason(error: BaseException) -> str:
    text = str(error).strip().rstrip(".")
    return text if text and not text.startswith("[") else type(error).__name__
