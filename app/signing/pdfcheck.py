"""pyHanko's validation of each signature, turned into a VerificationReport for people."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
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

from app.core.onboarding.acknowledgement import TRUSTEE_FIELD
from app.signing.certs import cert_email, subject_text
from app.signing.errors import SigningError
from app.signing.report import SignatureCheck, VerificationReport
from app.signing.revocation import Revocation, revocation_of
from app.signing.verdicts import BROKEN, VALID, Facts, classify, file_verdicts

_LOGGERS = ("pyhanko", "pyhanko_certvalidator")


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


def check_pdf(
    path: Path,
    data: bytes,
    roots: list[x509.Certificate],
    crls: list[x509.CertificateRevocationList] = (),  # type: ignore[assignment]
) -> VerificationReport:
    """Check every signature in `data` (the bytes of `path`) against `roots`, with the
    revocation lists `crls` and those the file's own DSS carries, and give each its verdict.

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
        known_crls = [*crls, *embedded_crls(reader)]
        found = [
            _check(sig, trust, roots, known_crls, signed_revisions, revisions) for sig in embedded
        ]
    facts = [f for _, f in found]
    countersigner, countersigned_on = _countersigner(found)
    verdicts = file_verdicts([f for f in facts if f is not None], countersigner, countersigned_on)
    given = iter(verdicts)
    checks = []
    for check, fact in found:
        if fact is None:
            checks.append(check)
            continue
        verdict = next(given)
        problems = () if verdict.kind == VALID else (verdict.words,)
        checks.append(
            replace(check, verdict=verdict.kind, verdict_words=verdict.words, problems=problems)
        )
    named = {check.field for check in checks}
    checks += [
        _unreadable(
            name, "the signature in this field cannot be read: the file is damaged or was altered."
        )
        for name, signed in fields
        if signed and name not in named
    ]
    return VerificationReport(
        path, tuple(checks), tuple(name for name, signed in fields if not signed)
    )


def embedded_crls(reader: PdfFileReader) -> list[x509.CertificateRevocationList]:
    """The revocation lists in the file's document security store (none when it has none)."""
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception:  # no DSS, or one that cannot be read: nothing to use
        return []
    found = []
    for ref in dss.crls:
        try:
            found.append(x509.load_der_x509_crl(ref.get_object().data))
        except (ValueError, TypeError, AttributeError):
            continue
    return found


def _countersigner(found: list[tuple[SignatureCheck, Facts | None]]) -> tuple[str, str]:
    for check, fact in found:
        if fact is not None and fact.is_countersignature:
            return check.signer, check.signed_at[:10]
    return "", ""


def _check(
    sig: EmbeddedPdfSignature,
    trust: list[object],
    roots: list[x509.Certificate],
    crls: list[x509.CertificateRevocationList],
    signed_revisions: set[int],
    revisions: int,
) -> tuple[SignatureCheck, Facts | None]:
    name = str(sig.field_name)
    signer = email = digest = issuer = ""
    try:
        cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
        signer = subject_text(cert, NameOID.COMMON_NAME)
        email = cert_email(cert)
        issuer = cert.issuer.rfc4514_string()
        digest = hashlib.sha256(sig.signer_cert.dump()).hexdigest()
        others = [
            x509.load_der_x509_certificate(c.chosen.dump())
            for c in sig.signed_data["certificates"]
            if c.name == "certificate"
        ]
        claimed = sig.self_reported_timestamp
        chain = classify(cert, others, roots, subject_text(cert, NameOID.TITLE))
        # The chain is judged at the time the signature says it was made: a certificate
        # that has expired since (a trustee's term, a computer's enrolment) still counts.
        context = ValidationContext(
            trust_roots=trust,
            allow_fetching=False,
            revocation_mode="soft-fail",
            moment=claimed,
        )
        # The difference analysis is the slow part: it runs only once the bytes check out.
        status = validate_pdf_signature(sig, signer_validation_context=context, skip_diff=True)
        intact = bool(status.intact and status.valid)
        unchanged, change = (
            _unchanged_after(sig, signed_revisions, revisions) if intact else (False, "")
        )
    except Exception as error:  # a damaged signature is a result, never a crash
        return (
            _unreadable(
                name,
                f"the signature cannot be checked: the file is damaged or was "
                f"altered ({_reason(error)}).",
                signer,
                email,
                digest,
                issuer,
            ),
            None,
        )
    when = status.signer_reported_dt
    revoked = _revoked_before(chain.certs, crls, roots, when)
    trusted = bool(status.trusted)
    facts = Facts(
        field=name,
        signer=signer,
        is_countersignature=name == TRUSTEE_FIELD,
        intact=intact,
        unchanged_after=unchanged,
        chain=chain.kind,
        chain_valid=trusted,
        revoked=revoked,
        signed_at=when,
        change=change,
    )
    reason = str(sig.sig_object.get("/Reason", ""))
    check = SignatureCheck(
        name,
        signer,
        email,
        digest,
        intact,
        trusted and revoked is None,
        unchanged,
        when.isoformat() if when else "",
        (),
        issuer,
        reason,
    )
    return check, facts


def _revoked_before(
    chain: tuple[x509.Certificate, ...],
    crls: list[x509.CertificateRevocationList],
    roots: list[x509.Certificate],
    when: datetime | None,
) -> Revocation | None:
    """The revocation of a certificate of `chain` that came before the signing time."""
    for cert in chain:
        found = revocation_of(cert, crls, roots)
        if found is not None and (when is None or found.revoked_at <= when):
            return found
    return None


def _unreadable(
    name: str, problem: str, signer: str = "", email: str = "", digest: str = "", issuer: str = ""
) -> SignatureCheck:
    return SignatureCheck(
        name,
        signer,
        email,
        digest,
        False,
        False,
        False,
        "",
        (problem,),
        issuer,
        "",
        BROKEN,
        problem,
    )


def _unchanged_after(
    sig: EmbeddedPdfSignature, signed_revisions: set[int], revisions: int
) -> tuple[bool, str]:
    """Whether only later signatures were added after `sig`, and if not, what changed."""
    from app.signing.diff_policy import STRICT_DIFF_POLICY, change_reason

    sig.compute_integrity_info(diff_policy=STRICT_DIFF_POLICY, skip_diff=False)
    reason = change_reason(sig.diff_result)
    if reason:
        return False, reason
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
