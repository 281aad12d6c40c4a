"""What only the root computer does: enrol computers, list trustees, revoke, back up.

Every action that issues or withdraws a certificate needs the root's key, which stays on
this computer (in the credential store, or in a passphrase file); a backup is the one
way it leaves, encrypted under a passphrase strong enough for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from app.core.atomic import write_atomic
from app.core.validation import add_months
from app.signing import keystore, registry
from app.signing.certs import (
    PrivateKey,
    computer_certificate,
    computer_name,
    fingerprint,
    now_utc,
    request_org,
    same_public_key,
    to_pem,
)
from app.signing.errors import SigningError, WrongPassphrase
from app.signing.org import (
    crl_path,
    load_root_cert,
    load_root_key,
    org_dir,
    revoked_path,
    root_cert_path,
    root_slot,
)
from app.signing.revocation import REASONS, Revoked, read_revoked, write_revoked
from app.signing.secrets import SecretStore
from app.signing.strength import weakness

MAX_MONTHS = 60
BACKUP_KDF_ROUNDS = 600_000  # PBKDF2-SHA256, as OWASP advises for 2023 onwards


def computers_path(org_id: str) -> Path:
    return org_dir(org_id) / "computers.json"


def trustees_path(org_id: str) -> Path:
    return org_dir(org_id) / "trustees.json"


def _root(org_id: str) -> x509.Certificate:
    root = load_root_cert(org_id)
    if root is None:
        raise SigningError(
            f"The {org_id.upper()} organisation root is not on this computer: this is done "
            "on the root computer (or bring the root back from its backup first)."
        )
    return root


def end_of_day(day: date) -> datetime:
    """The last second of `day`, in UTC: a term or an enrolment lasts the whole day."""
    return datetime.combine(day, time(23, 59, 59), UTC)


# -- enrolling computers --------------------------------------------------------------------


@dataclass(frozen=True)
class Enrolment:
    org_id: str
    computer: str
    until: str
    fingerprint: str


def load_request(path: Path) -> x509.CertificateSigningRequest:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise SigningError(f"{path}: cannot read the request ({error.strerror}).") from error
    try:
        request = x509.load_pem_x509_csr(data)
    except ValueError as error:
        raise SigningError(
            f"{path}: not an enrolment request (make one on the computer to enrol)."
        ) from error
    if not request.is_signature_valid:
        raise SigningError(f"{path}: the request is damaged (its signature does not check out).")
    return request


def enrol(
    request_file: Path,
    out: Path,
    months: int,
    *,
    org_id: str = "",
    store: SecretStore | None = None,
    root_passphrase: str | None = None,
) -> Enrolment:
    """Issue the requesting computer's certificate, write it with the root's certificate
    and current revocation list into `out`, and record the computer."""
    request = load_request(request_file)
    org_id = org_id or request_org(request)
    name = computer_name(request).strip()
    if not name:
        raise SigningError(f"{request_file}: the request names no computer.")
    if request_org(request) and request_org(request) != org_id:
        raise SigningError(
            f"{request_file}: the request is for {request_org(request).upper()}, "
            f"not {org_id.upper()}."
        )
    if not 1 <= months <= MAX_MONTHS:
        raise SigningError(f"Enrol a computer for 1 to {MAX_MONTHS} months (--months).")
    root = _root(org_id)
    key = load_root_key(org_id, root, store, root_passphrase)
    today = date.today()
    until = end_of_day(add_months(today, months))
    cert = computer_certificate(request, root, key, now_utc(), until)
    bundle = to_pem(cert) + to_pem(root)
    if crl_path(org_id).is_file():
        bundle += crl_path(org_id).read_bytes()
    try:
        write_atomic(Path(out), bundle)
    except OSError as error:
        raise SigningError(f"{out}: cannot be written ({error.strerror}).") from error
    computers = registry.read_computers(computers_path(org_id))
    computers.append(
        registry.Computer(
            name,
            str(cert.serial_number),
            fingerprint(cert),
            today.isoformat(),
            cert.not_valid_after_utc.date().isoformat(),
        )
    )
    registry.write_computers(computers_path(org_id), computers)
    return Enrolment(org_id, name, cert.not_valid_after_utc.date().isoformat(), fingerprint(cert))


def list_computers(org_id: str) -> list[registry.Computer]:
    _root(org_id)
    return registry.read_computers(computers_path(org_id))


# -- trustees -------------------------------------------------------------------------------


def add_trustee(org_id: str, name: str, email: str, until: date) -> registry.Trustee:
    _root(org_id)
    path = trustees_path(org_id)
    trustees = registry.added(registry.read_trustees(path), name, email, until, date.today())
    registry.write_trustees(path, trustees)
    found = registry.find_trustee(trustees, email)
    assert found is not None
    return found


def list_trustees(org_id: str) -> list[registry.Trustee]:
    _root(org_id)
    return registry.read_trustees(trustees_path(org_id))


def current_trustee(org_id: str, email: str, today: date | None = None) -> registry.Trustee:
    """The listed trustee with this e-mail whose term runs today, else a SigningError."""
    today = today or date.today()
    found = registry.find_trustee(registry.read_trustees(trustees_path(org_id)), email)
    if found is None:
        raise SigningError(
            f"{email} is not a trustee of {org_id.upper()}: only a trustee the organisation "
            "has listed can countersign (trustees are listed on the root computer)."
        )
    if not found.current(today):
        raise SigningError(
            f"{found.name} ({found.email}) cannot countersign: their {found.standing(today)}."
        )
    return found


def end_trustee(
    org_id: str, email: str, *, store: SecretStore | None = None, root_passphrase: str | None = None
) -> registry.Trustee:
    """End a trustee's term today and revoke their certificates (earlier countersignatures
    stay valid: they were made before)."""
    path = trustees_path(org_id)
    trustees, done = registry.ended(registry.read_trustees(path), email, date.today())
    if done.serials:
        _revoke_serials(
            org_id,
            [int(s) for s in done.serials],
            f"trustee {done.email}",
            "term-ended",
            store,
            root_passphrase,
        )
    registry.write_trustees(path, trustees)
    return done


def record_trustee_serial(org_id: str, email: str, serial: int) -> None:
    path = trustees_path(org_id)
    registry.write_trustees(path, registry.with_serial(registry.read_trustees(path), email, serial))


# -- revocation -----------------------------------------------------------------------------


def revoke(
    org_id: str,
    *,
    computer: str = "",
    trustee: str = "",
    reason: str,
    store: SecretStore | None = None,
    root_passphrase: str | None = None,
) -> list[str]:
    """Revoke every certificate of the named computer, or of the trustee (ending their
    term); republish the CRL. Returns what was revoked, in words."""
    if reason not in REASONS:
        raise SigningError(f"Say why with --reason: one of {', '.join(REASONS)}.")
    if bool(computer) == bool(trustee):
        raise SigningError("Name one computer (--computer NAME) or one trustee (--trustee EMAIL).")
    if computer:
        found = [c for c in registry.read_computers(computers_path(org_id)) if c.name == computer]
        if not found:
            raise SigningError(
                f"No computer named '{computer}' was enrolled by {org_id.upper()} on this root."
            )
        _revoke_serials(
            org_id,
            [int(c.serial) for c in found],
            f"computer {computer}",
            reason,
            store,
            root_passphrase,
        )
        return [f"computer {computer} (certificate {c.fingerprint[:16]}…)" for c in found]
    path = trustees_path(org_id)
    trustees = registry.read_trustees(path)
    known = registry.find_trustee(trustees, trustee)
    if known is None:
        raise SigningError(f"{trustee} is not on the list of trustees of {org_id.upper()}.")
    _revoke_serials(
        org_id,
        [int(s) for s in known.serials],
        f"trustee {known.email}",
        reason,
        store,
        root_passphrase,
    )
    if not known.ended:
        trustees, known = registry.ended(trustees, trustee, date.today())
        registry.write_trustees(path, trustees)
    return [f"trustee {known.name} <{known.email}> ({len(known.serials)} certificate(s))"]


def _revoke_serials(
    org_id: str,
    serials: list[int],
    what: str,
    reason: str,
    store: SecretStore | None,
    root_passphrase: str | None,
) -> None:
    root = _root(org_id)
    key = load_root_key(org_id, root, store, root_passphrase)
    entries = read_revoked(revoked_path(org_id))
    known = {e.serial for e in entries}
    # CRLs keep whole seconds: round up, so a signature made just before still counts
    moment = (now_utc() + timedelta(seconds=1)).replace(microsecond=0)
    entries += [Revoked(s, what, moment, reason) for s in serials if s not in known]
    write_revoked(revoked_path(org_id), crl_path(org_id), entries, root, key)


def ensure_crl(org_id: str, store: SecretStore | None, root_passphrase: str | None) -> Path:
    """The root's CRL, published (empty) first if nothing was ever revoked."""
    if not crl_path(org_id).is_file():
        root = _root(org_id)
        key = load_root_key(org_id, root, store, root_passphrase)
        write_revoked(revoked_path(org_id), crl_path(org_id), [], root, key)
    return crl_path(org_id)


# -- backup and restore ---------------------------------------------------------------------


def backup(
    org_id: str,
    out: Path,
    passphrase: str,
    *,
    store: SecretStore | None = None,
    root_passphrase: str | None = None,
) -> Path:
    """Write the root's key and certificate into `out`: PKCS#12, AES-256-CBC, PBKDF2-SHA256
    with BACKUP_KDF_ROUNDS, HMAC-SHA256, under `passphrase` (refused when weak)."""
    root = _root(org_id)
    problem = weakness(passphrase, whose=f"the {org_id.upper()} root's", hints=(org_id,))
    if problem:
        raise SigningError(problem)
    key = load_root_key(org_id, root, store, root_passphrase)
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(BACKUP_KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    data = pkcs12.serialize_key_and_certificates(org_id.encode(), key, root, None, encryption)
    try:
        write_atomic(Path(out), data)
    except OSError as error:
        raise SigningError(f"{out}: cannot be written ({error.strerror}).") from error
    return Path(out)


def restore(
    file: Path,
    passphrase: str,
    *,
    store: SecretStore | None = None,
    new_passphrase: str | None = None,
    crl: Path | None = None,
) -> str:
    """Bring a backed-up root onto this computer; return its organisation id.

    The key goes into the credential store (or a passphrase file, with `new_passphrase`),
    the certificate into the data folder. A different root already here is never replaced.
    The revocations come from the copied data folder, or from `crl` (the kit's revocation
    list); with neither, restoring is refused, since a new, empty list would un-revoke.
    """
    try:
        data = Path(file).read_bytes()
    except OSError as error:
        raise SigningError(f"{file}: cannot be read ({error.strerror}).") from error
    try:
        loaded = pkcs12.load_pkcs12(data, passphrase.encode("utf-8"))
    except ValueError as error:
        raise WrongPassphrase(
            f"That passphrase does not open the backup {file} (or it is not an Induct backup)."
        ) from error
    key, cert = loaded.key, loaded.cert
    if key is None or cert is None or not isinstance(key, PrivateKey):
        raise SigningError(f"{file}: not an Induct root backup (no key and certificate in it).")
    org_id = (cert.friendly_name or b"").decode("utf-8", "replace")
    root = cert.certificate
    if not org_id or not same_public_key(root, key):
        raise SigningError(f"{file}: not an Induct root backup.")
    here = load_root_cert(org_id)
    if here is not None and fingerprint(here) != fingerprint(root):
        raise SigningError(
            f"A different {org_id.upper()} root is already on this computer "
            f"({root_cert_path(org_id)}); Induct never replaces it."
        )
    kit_crls = _kit_crls(crl, root) if crl is not None else None
    if kit_crls is None and not revoked_path(org_id).is_file():
        raise SigningError(
            f"Give the verification kit's revocation list ({org_id}-revoked.crl) with the "
            "backup, or copy the old computer's data folder first: otherwise the "
            "certificates revoked so far would no longer be listed."
        )
    slot = root_slot(org_id)
    if keystore.read_record(slot) is not None:
        try:
            if keystore.load_key(slot, store, new_passphrase) is not None:
                raise SigningError(f"The {org_id.upper()} root's key is already on this computer.")
        except SigningError as error:
            if "already on this computer" in str(error):
                raise
        # the record points at a key this computer does not have (a copied data folder)
        slot.record_path.unlink()
    keystore.store_key(slot, key, store, new_passphrase)
    write_atomic(root_cert_path(org_id), to_pem(root))
    if kit_crls is not None:
        known = read_revoked(revoked_path(org_id))
        serials = {e.serial for e in known}
        known += [e for e in kit_crls if e.serial not in serials]
        write_revoked(revoked_path(org_id), crl_path(org_id), known, root, key)
    return org_id


def _kit_crls(path: Path, root: x509.Certificate) -> list[Revoked]:
    """The entries of the kit's CRL, once its signature shows it is this root's."""
    from app.signing.revocation import REASONS, load_crls

    codes = {flag: reason for reason, (flag, _) in reversed(list(REASONS.items()))}
    entries: list[Revoked] = []
    for crl in load_crls(path):
        if crl.issuer != root.subject or not crl.is_signature_valid(root.public_key()):  # type: ignore[arg-type]
            raise SigningError(f"{path}: not a revocation list of this root.")
        for entry in crl:
            try:
                code = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
            except x509.ExtensionNotFound:
                code = x509.ReasonFlags.key_compromise
            entries.append(
                Revoked(
                    entry.serial_number,
                    f"certificate {entry.serial_number:x}",
                    entry.revocation_date_utc,
                    codes.get(code, "compromised"),
                )
            )
    return entries
