"""`induct verify`, `induct countersign` and `induct org init|export-kit`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.signing.report import VerificationReport

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2
PASSPHRASE_ENV = "INDUCT_PASSPHRASE"
ROOT_PASSPHRASE_ENV = "INDUCT_ROOT_PASSPHRASE"


def register(commands: argparse._SubParsersAction) -> None:
    verify = commands.add_parser("verify", help="check the signatures in signed PDFs")
    verify.add_argument("files", nargs="+", type=Path, metavar="FILE")
    verify.add_argument(
        "--trust",
        action="append",
        type=Path,
        default=[],
        metavar="CERT",
        help="also trust this root certificate (PEM or DER); repeatable",
    )
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(handler=run_verify)

    countersign = commands.add_parser(
        "countersign", help="check a signed acknowledgement, then countersign it as trustee"
    )
    countersign.add_argument("file", type=Path, metavar="FILE")
    countersign.add_argument("--name", required=True, help="your full name")
    countersign.add_argument("--email", required=True, help="your e-mail address")
    countersign.add_argument("--org", metavar="ID", help="organisation (policy pack) id")
    countersign.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help=f"your key's passphrase, if it is in a file (or {PASSPHRASE_ENV})",
    )
    countersign.add_argument(
        "--root-passphrase-file",
        type=Path,
        metavar="F",
        help=f"the organisation root's passphrase, if it is in a file (or {ROOT_PASSPHRASE_ENV})",
    )
    countersign.set_defaults(handler=run_countersign)

    org = commands.add_parser("org", help="the organisation's signing root")
    actions = org.add_subparsers(dest="org_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="create the organisation root key and certificate")
    init.add_argument("--pack", required=True, metavar="ID", help="policy pack id")
    init.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help="passphrase for the root key where no credential store is "
        f"available (or {PASSPHRASE_ENV})",
    )
    init.set_defaults(handler=run_org_init)
    kit = actions.add_parser("export-kit", help="write the verification kit into DIR")
    kit.add_argument("folder", type=Path, metavar="DIR")
    kit.add_argument("--pack", required=True, metavar="ID", help="policy pack id")
    kit.set_defaults(handler=run_export_kit)


def run_verify(args: argparse.Namespace) -> int:
    from app.signing.errors import SigningError
    from app.signing.service import verify_pdf

    try:
        reports = [verify_pdf(path, args.trust) for path in args.files]
    except SigningError as error:
        return _fail(str(error), EXIT_UNREADABLE)
    if args.json:
        print(
            json.dumps(
                {"ok": all(r.ok for r in reports), "files": [_as_json(r) for r in reports]},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for report in reports:
            print_report(report)
    if any(r.error for r in reports):
        return EXIT_UNREADABLE
    return EXIT_OK if all(r.ok for r in reports) else EXIT_PROBLEMS


def print_report(report: VerificationReport) -> None:
    """The report as people read it: a line per signature, then one line per problem."""
    print(f"{report.path}")
    for s in report.signatures:
        state = ", ".join(
            (
                "intact" if s.intact else "NOT INTACT",
                "unchanged after" if s.unchanged_after else "CHANGED AFTER",
                "trusted" if s.trusted else "NOT TRUSTED",
            )
        )
        print(
            f"  {s.field}: {s.signer} <{s.email}>, signed {s.signed_at or 'at an unknown time'}"
            f", certificate SHA-256 {s.fingerprint}: {state}"
        )
    for name in report.unsigned_fields:
        print(f"  {name}: not signed")
    for problem in report.problems:
        print(f"{report.path}: {problem}")
    if report.ok:
        print(f"{report.path}: every signature is intact, unchanged after and trusted")


def _as_json(report: VerificationReport) -> dict[str, object]:
    return {
        "path": str(report.path),
        "ok": report.ok,
        "error": report.error,
        "signatures": [{**asdict(s), "ok": s.ok} for s in report.signatures],
        "unsigned_fields": list(report.unsigned_fields),
        "problems": list(report.problems),
    }


def run_countersign(args: argparse.Namespace) -> int:
    from app.core.onboarding.acknowledgement import TRUSTEE_FIELD
    from app.signing.errors import PassphraseNeeded, SigningError
    from app.signing.service import Signer, sign_pdf, verify_pdf

    try:
        passphrase = _passphrase(args.passphrase_file, PASSPHRASE_ENV)
        root_passphrase = _passphrase(args.root_passphrase_file, ROOT_PASSPHRASE_ENV)
        report = verify_pdf(args.file)
        print_report(report)
        if report.error:
            return EXIT_UNREADABLE
        if not report.signatures:
            return _fail(f"{args.file}: not countersigned: it has no signature to countersign.")
        if TRUSTEE_FIELD not in report.unsigned_fields:
            return _fail(
                f"{args.file}: not countersigned: it has no empty {TRUSTEE_FIELD} "
                "field (it is countersigned already, or not an acknowledgement)."
            )
        if not all(s.intact and s.unchanged_after for s in report.signatures):
            return _fail(
                f"{args.file}: not countersigned: the signatures above are not intact, "
                "or the document was changed after them."
            )
        if not all(s.trusted for s in report.signatures):
            print(
                "Note: a signature above is not from a trusted organisation root; by "
                "countersigning you vouch for it after your own check."
            )
        org_id = args.org or _guess_org(report)
        summary = sign_pdf(
            args.file,
            TRUSTEE_FIELD,
            Signer(args.name, args.email, "Trustee"),
            org_id=org_id,
            typed_name=args.name,
            passphrase=passphrase,
            root_passphrase=root_passphrase,
        )
    except PassphraseNeeded as error:
        where = (
            "--root-passphrase-file F or " + ROOT_PASSPHRASE_ENV
            if error.for_root
            else "--passphrase-file F or " + PASSPHRASE_ENV
        )
        return _fail(f"{error} Give it with {where}.")
    except SigningError as error:
        return _fail(str(error))
    print(
        f"Countersigned the {summary.field} field as {summary.signer} <{summary.email}>, "
        f"certificate SHA-256 {summary.fingerprint} ({summary.key_protection})."
    )
    from app.core.register.recording import countersignature_line

    print(countersignature_line(args.file, verify_pdf))  # the register follows every signing
    return EXIT_OK


def _guess_org(report: VerificationReport) -> str:
    """The organisation whose root issued the earlier signers' certificates, or the only one."""
    from app.signing.certs import load_certificates
    from app.signing.errors import SigningError
    from app.signing.org import local_root_files

    roots = {path.parent.name: load_certificates(path)[0] for path in local_root_files()}
    issuers = {s.issuer for s in report.signatures}
    matching = [org for org, cert in roots.items() if cert.subject.rfc4514_string() in issuers]
    if len(matching) == 1:
        return matching[0]
    if len(roots) == 1:
        return next(iter(roots))
    if not roots:
        raise SigningError(
            "A trustee's certificate is issued by the organisation root, and "
            "there is none on this computer. Create it with "
            "`induct org init --pack ID`."
        )
    raise SigningError(
        f"Say which organisation you countersign for with --org "
        f"(one of: {', '.join(sorted(roots))})."
    )


def run_org_init(args: argparse.Namespace) -> int:
    from app.core.packs import installed_packs
    from app.signing.certs import fingerprint, grouped, load_certificates
    from app.signing.errors import PassphraseNeeded, SigningError
    from app.signing.org import init_org, root_protection

    catalogue = installed_packs()
    pack = catalogue.packs.get(args.pack)
    if pack is None:
        return _fail(f"There is no policy pack '{args.pack}' (`induct pack list` shows them).")
    try:
        cert_path = init_org(
            pack.id, pack.organisation.name, _passphrase(args.passphrase_file, PASSPHRASE_ENV)
        )
    except PassphraseNeeded as error:
        return _fail(f"{error} Give it with --passphrase-file F or {PASSPHRASE_ENV}.")
    except SigningError as error:
        return _fail(str(error))
    digest = fingerprint(load_certificates(cert_path)[0])
    print(f"Created the {pack.id.upper()} organisation root: {cert_path}")
    print(f"SHA-256 fingerprint: {grouped(digest)}")
    print(f"Its private key is kept in: {root_protection(pack.id)}")
    print(f"Give checkers the kit: induct org export-kit DIR --pack {pack.id}")
    return EXIT_OK


def run_export_kit(args: argparse.Namespace) -> int:
    from app.signing.errors import SigningError
    from app.signing.org import export_kit

    try:
        files = export_kit(args.pack, args.folder)
    except SigningError as error:
        return _fail(str(error))
    for path in files:
        print(path)
    return EXIT_OK


def _passphrase(file: Path | None, variable: str) -> str | None:
    """The passphrase from `file` (first line) or the environment; never from the command line."""
    from app.signing.errors import SigningError

    if file is not None:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise SigningError(f"{file}: cannot read the passphrase file ({error}).") from error
        return text.splitlines()[0] if text else ""
    return os.environ.get(variable) or None


def _fail(message: str, code: int = EXIT_PROBLEMS) -> int:
    print(f"induct: {message}", file=sys.stderr)
    return code
