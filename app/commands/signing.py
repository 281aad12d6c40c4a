"""`induct verify`, `induct countersign`, `induct org …` (the root computer's actions) and
`induct computer request|install` (enrolling an induction laptop)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.signing.report import VerificationReport

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2
EXIT_NEEDS_TRUSTEE = 3
PASSPHRASE_ENV = "INDUCT_PASSPHRASE"
ROOT_PASSPHRASE_ENV = "INDUCT_ROOT_PASSPHRASE"


def add_commands(commands: argparse._SubParsersAction) -> None:
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
    verify.add_argument(
        "--crl",
        action="append",
        type=Path,
        default=[],
        metavar="CRL",
        help="also use this revocation list (the kit's); repeatable",
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
        help=f"your trustee passphrase (or {PASSPHRASE_ENV})",
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
    _register_root_actions(actions)
    _register_computer(commands)


def _root_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root-passphrase-file",
        type=Path,
        metavar="F",
        help=f"the organisation root's passphrase, if it is in a file (or {ROOT_PASSPHRASE_ENV})",
    )


def _register_root_actions(actions: argparse._SubParsersAction) -> None:
    backup = actions.add_parser("backup", help="write the root's key and certificate, encrypted")
    backup.add_argument("file", type=Path, metavar="FILE")
    backup.add_argument("--pack", required=True, metavar="ID", help="policy pack id")
    backup.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help=f"the backup's passphrase, chosen now (or {PASSPHRASE_ENV})",
    )
    _root_passphrase_option(backup)
    backup.set_defaults(handler=run_backup)

    restore = actions.add_parser("restore", help="bring the root back from its backup")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help=f"the backup's passphrase (or {PASSPHRASE_ENV})",
    )
    restore.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="F",
        help=f"where there is no credential store: the root key file's passphrase "
        f"(or {ROOT_PASSPHRASE_ENV})",
    )
    restore.add_argument(
        "--crl",
        type=Path,
        metavar="CRL",
        help="the verification kit's revocation list, unless the old data folder was copied",
    )
    restore.set_defaults(handler=run_restore)

    enrol = actions.add_parser("enrol", help="issue an induction computer its certificate")
    enrol.add_argument("request", type=Path, metavar="REQUEST")
    enrol.add_argument("--out", required=True, type=Path, metavar="CERT")
    enrol.add_argument("--months", required=True, type=int, metavar="N")
    enrol.add_argument("--pack", metavar="ID", help="policy pack id (else the request's)")
    _root_passphrase_option(enrol)
    enrol.set_defaults(handler=run_enrol)

    trustee = actions.add_parser("trustee", help="the list of trustees who may countersign")
    verbs = trustee.add_subparsers(dest="trustee_command", metavar="ACTION", required=True)
    add = verbs.add_parser("add", help="list a trustee (or renew their term)")
    add.add_argument("--pack", required=True, metavar="ID")
    add.add_argument("--name", required=True)
    add.add_argument("--email", required=True)
    add.add_argument("--until", required=True, metavar="YYYY-MM-DD", help="last day of the term")
    add.set_defaults(handler=run_trustee_add)
    listing = verbs.add_parser("list", help="show the trustees and their terms")
    listing.add_argument("--pack", required=True, metavar="ID")
    listing.set_defaults(handler=run_trustee_list)
    end = verbs.add_parser("end", help="end a trustee's term today")
    end.add_argument("--pack", required=True, metavar="ID")
    end.add_argument("--email", required=True)
    _root_passphrase_option(end)
    end.set_defaults(handler=run_trustee_end)

    from app.signing.revocation import REASONS

    revoke = actions.add_parser("revoke", help="withdraw a computer's or a trustee's certificate")
    revoke.add_argument("--pack", required=True, metavar="ID")
    who = revoke.add_mutually_exclusive_group(required=True)
    who.add_argument("--computer", metavar="NAME")
    who.add_argument("--trustee", metavar="EMAIL")
    revoke.add_argument("--reason", required=True, choices=sorted(REASONS))
    _root_passphrase_option(revoke)
    revoke.set_defaults(handler=run_revoke)


def _register_computer(commands: argparse._SubParsersAction) -> None:
    computer = commands.add_parser("computer", help="enrol this computer with an organisation")
    actions = computer.add_subparsers(dest="computer_command", metavar="ACTION", required=True)
    request = actions.add_parser("request", help="make this computer's key and a request")
    request.add_argument("--pack", required=True, metavar="ID")
    request.add_argument("--name", required=True, help='a name trustees recognise: "Laptop 3"')
    request.add_argument("--out", required=True, type=Path, metavar="REQUEST")
    request.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help=f"where there is no credential store: the computer key's passphrase "
        f"(or {PASSPHRASE_ENV})",
    )
    request.set_defaults(handler=run_computer_request)
    install = actions.add_parser("install", help="install the certificate the root issued")
    install.add_argument("cert", type=Path, metavar="CERT")
    install.add_argument("--pack", metavar="ID")
    install.set_defaults(handler=run_computer_install)


def run_verify(args: argparse.Namespace) -> int:
    from app.signing.errors import SigningError
    from app.signing.service import verify_pdf
    from app.signing.verify import skipped_trust_files

    for line in skipped_trust_files():  # said once; the verdicts go on without those roots
        print(f"note: {line}", file=sys.stderr)
    try:
        reports = [verify_pdf(path, args.trust, args.crl) for path in args.files]
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
    if any(r.verdict == "broken" for r in reports):
        return EXIT_PROBLEMS
    return EXIT_OK if all(r.ok for r in reports) else EXIT_NEEDS_TRUSTEE


def print_report(report: VerificationReport) -> None:
    """The report as people read it: a line per signature with its verdict, then one line
    per problem, then the file's verdict. Fingerprints are grouped as in the kit."""
    from app.signing.certs import grouped

    print(f"{report.path}")
    for s in report.signatures:
        print(
            f"  {s.field}: {s.signer} <{s.email}>, signed {s.signed_at or 'at an unknown time'}"
            f", certificate SHA-256 {grouped(s.fingerprint)}: {s.verdict.upper()}: "
            f"{s.verdict_words}"
        )
    for name in report.unsigned_fields:
        print(f"  {name}: not signed")
    for problem in report.problems:
        print(f"{report.path}: {problem}")
    words = {
        "valid": "VALID: every signature is valid",
        "needs a trustee": "NEEDS A TRUSTEE: intact, but a trustee has yet to countersign",
        "broken": "BROKEN: see the problems above",
    }
    print(f"{report.path}: {words[report.verdict]}")


def _as_json(report: VerificationReport) -> dict[str, object]:
    return {
        "path": str(report.path),
        "ok": report.ok,
        "verdict": report.verdict,
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
        if report.verdict == "broken":
            return _fail(f"{args.file}: not countersigned: a signature above is broken.")
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
    from app.signing.certs import grouped

    print(
        f"Countersigned the {summary.field} field as {summary.signer} <{summary.email}>, "
        f"certificate SHA-256 {grouped(summary.fingerprint)}."
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
    if len(roots) == 1:
        return next(iter(roots))
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
        return _fail(_no_such_pack(args.pack))
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
    print(f"Then list the trustees: induct org trustee add --pack {pack.id} --name … --email …")
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


def _pack_id(pack_id: str) -> str:
    """The id of an installed pack, else a SigningError naming it."""
    from app.core.packs import installed_packs
    from app.signing.errors import SigningError

    if pack_id not in installed_packs().packs:
        raise SigningError(_no_such_pack(pack_id))
    return pack_id


def _no_such_pack(pack_id: str) -> str:
    """The refusal of an unknown --pack, with a long id cut short and its length said."""
    shown = pack_id if len(pack_id) <= 70 else f"{pack_id[:60]}… ({len(pack_id):,} characters)"
    return f"There is no policy pack '{shown}' (--pack; `induct pack list` shows them)."


def _run(action: Callable[[], int]) -> int:
    """Run `action`, turning signing errors into one clear line and exit 1."""
    from app.signing.errors import PassphraseNeeded, SigningError

    try:
        return int(action())
    except PassphraseNeeded as error:
        flag = (
            f"--root-passphrase-file F or {ROOT_PASSPHRASE_ENV}"
            if error.for_root
            else f"--passphrase-file F or {PASSPHRASE_ENV}"
        )
        return _fail(f"{error} Give it with {flag}.")
    except SigningError as error:
        return _fail(str(error))


def run_backup(args: argparse.Namespace) -> int:
    def action() -> int:
        from app.signing.authority import backup
        from app.signing.errors import SigningError

        passphrase = _passphrase(args.passphrase_file, PASSPHRASE_ENV)
        if not passphrase:
            raise SigningError(
                f"Choose the backup's passphrase and give it with --passphrase-file F or "
                f"{PASSPHRASE_ENV}; keep it apart from the backup."
            )
        path = backup(
            _pack_id(args.pack),
            args.file,
            passphrase,
            root_passphrase=_passphrase(args.root_passphrase_file, ROOT_PASSPHRASE_ENV),
        )
        print(f"Wrote the {args.pack.upper()} root's backup: {path}")
        print("Keep it, and its passphrase, in two different safe places.")
        return EXIT_OK

    return _run(action)


def run_restore(args: argparse.Namespace) -> int:
    def action() -> int:
        from app.signing.authority import restore
        from app.signing.certs import fingerprint, grouped
        from app.signing.errors import SigningError
        from app.signing.org import load_root_cert, root_protection

        passphrase = _passphrase(args.passphrase_file, PASSPHRASE_ENV)
        if passphrase is None:
            raise SigningError(
                f"Give the backup's passphrase with --passphrase-file F or {PASSPHRASE_ENV}."
            )
        org_id = restore(
            args.file,
            passphrase,
            new_passphrase=_passphrase(args.new_passphrase_file, ROOT_PASSPHRASE_ENV),
            crl=args.crl,
        )
        cert = load_root_cert(org_id)
        assert cert is not None
        print(f"Restored the {org_id.upper()} organisation root.")
        print(f"SHA-256 fingerprint: {grouped(fingerprint(cert))}")
        print(f"Its private key is kept in: {root_protection(org_id)}")
        return EXIT_OK

    return _run(action)


def run_enrol(args: argparse.Namespace) -> int:
    def action() -> int:
        from app.signing.authority import enrol

        done = enrol(
            args.request,
            args.out,
            args.months,
            org_id=_pack_id(args.pack) if args.pack else "",
            root_passphrase=_passphrase(args.root_passphrase_file, ROOT_PASSPHRASE_ENV),
        )
        print(
            f"Enrolled '{done.computer}' for {done.org_id.upper()} until {done.until}: {args.out}"
        )
        print(f"On that computer: induct computer install {args.out.name}")
        return EXIT_OK

    return _run(action)


def run_trustee_add(args: argparse.Namespace) -> int:
    def action() -> int:
        from app.core.validation import parse_date
        from app.signing.authority import add_trustee
        from app.signing.errors import SigningError

        try:
            until = parse_date(args.until)
        except ValueError as error:
            raise SigningError(f"--until: {error}.") from error
        trustee = add_trustee(_pack_id(args.pack), args.name, args.email, until)
        print(
            f"{trustee.name} <{trustee.email}> is a trustee of {args.pack.upper()} until {trustee.until}."
        )
        return EXIT_OK

    return _run(action)


def run_trustee_list(args: argparse.Namespace) -> int:
    def action() -> int:
        from datetime import date

        from app.signing.authority import list_trustees

        trustees = list_trustees(_pack_id(args.pack))
        if not trustees:
            print(f"No trustees listed for {args.pack.upper()} yet.")
        for t in trustees:
            print(f"{t.name} <{t.email}>: {t.standing(date.today())}")
        return EXIT_OK

    return _run(action)


def run_trustee_end(args: argparse.Namespace) -> int:
    def action() -> int:
        from app.signing.authority import end_trustee

        done = end_trustee(
            _pack_id(args.pack),
            args.email,
            root_passphrase=_passphrase(args.root_passphrase_file, ROOT_PASSPHRASE_ENV),
        )
        print(
            f"{done.name}'s term ended today ({done.ended}); countersignatures made before "
            "stay valid. Hand out the kit again so checkers have the new revocation list."
        )
        return EXIT_OK

    return _run(action)


def run_revoke(args: argparse.Namespace) -> int:
    def action() -> int:
        from app.signing.authority import revoke

        done = revoke(
            _pack_id(args.pack),
            computer=args.computer or "",
            trustee=args.trustee or "",
            reason=args.reason,
            root_passphrase=_passphrase(args.root_passphrase_file, ROOT_PASSPHRASE_ENV),
        )
        for what in done:
            print(f"Revoked {what}: {args.reason}.")
        print(
            "Signatures made before now stay valid; later ones are broken. Hand out the kit "
            f"again (induct org export-kit DIR --pack {args.pack}) so checkers see it."
        )
        return EXIT_OK

    return _run(action)


def run_computer_request(args: argparse.Namespace) -> int:
    def action() -> int:
        from app.signing.computer import make_request

        out = make_request(
            _pack_id(args.pack),
            args.name,
            args.out,
            passphrase=_passphrase(args.passphrase_file, PASSPHRASE_ENV),
        )
        print(f"Wrote the enrolment request for '{' '.join(args.name.split())}': {out}")
        print(f"Take it to the root computer: induct org enrol {out.name} --out CERT --months N")
        return EXIT_OK

    return _run(action)


def run_computer_install(args: argparse.Namespace) -> int:
    def action() -> int:
        from app.signing.certs import grouped
        from app.signing.computer import install

        done = install(args.cert, _pack_id(args.pack) if args.pack else "")
        print(
            f"This computer, '{done.name}', is enrolled by {done.org_id.upper()} until {done.until}."
        )
        print(f"Organisation root SHA-256 fingerprint: {grouped(done.root_fingerprint)}")
        print("Compare it with the one in the organisation's verification kit.")
        return EXIT_OK

    return _run(action)
