"""`induct register check|import|export|due`: the register of acknowledgements, headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.register.register import Register
    from app.core.register.status import PackRule

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def add_commands(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "register", help="the register of acknowledgements, countersignatures and consents"
    )
    actions = parser.add_subparsers(dest="register_command", metavar="ACTION", required=True)

    def action(
        name: str, help_text: str, handler: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument(
            "--db",
            type=Path,
            metavar="FILE",
            help="the register file (default: register.sqlite in the data folder)",
        )
        sub.set_defaults(handler=handler)
        return sub

    action(
        "check", "verify the register's hash chain; exit 1 naming the first broken event", run_check
    )
    imports = action("import", "check signed acknowledgement PDFs and add them", run_import)
    imports.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imports.add_argument(
        "--trust",
        action="append",
        type=Path,
        default=[],
        metavar="CERT",
        help="also trust this organisation root certificate; repeatable",
    )
    export = action("export", "write every acknowledgement and its status to a file", run_export)
    export.add_argument(
        "--csv",
        type=Path,
        required=True,
        metavar="FILE",
        help="the CSV file to write (replaced atomically)",
    )
    export.add_argument(
        "--on",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="work statuses out as on this date (default: today)",
    )
    due = action("due", "list who is due to acknowledge again, by organisation", run_due)
    due.add_argument(
        "--on",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="as on this date (default: today)",
    )


def _open(args: argparse.Namespace) -> Register:
    from app.core.register.register import Register

    return Register(args.db)


def _rules() -> dict[str, PackRule]:
    from app.core.packs import installed_packs
    from app.core.register.status import rules_for

    catalogue = installed_packs()
    return rules_for(catalogue.packs.values())


class _ProgressLine:
    """Each part of a long check on one line of the terminal, written over as it moves on
    (with spaces: the output filter lets no escape codes through)."""

    def __init__(self) -> None:
        self.width = 0

    def show(self, part: str) -> None:
        text = f"Checking {part}…"
        self.width = max(self.width, len(text))
        sys.stderr.write("\r" + text.ljust(self.width))
        sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r" + " " * self.width)
        sys.stderr.write("\r")  # a CR of its own: the output filter keeps only a leading one
        sys.stderr.flush()


def run_check(args: argparse.Namespace) -> int:
    from app.core.register.register import RegisterError

    book = _open(args)
    if not book.path.exists():
        print(f"There is no register yet at {book.path}: nothing has been recorded there.")
        return EXIT_OK
    # Only on a terminal: a log or a pipe gets the result alone.
    line = _ProgressLine() if sys.stderr.isatty() else None
    try:
        check = book.verify_chain(line.show if line else None)
    except RegisterError as error:
        return _fail(str(error), EXIT_UNREADABLE)
    finally:
        if line:
            line.clear()  # gives way to the result
    if check.first_broken is not None:
        print(
            f"{book.path}: the register was changed outside Induct: "
            f"{check.first_broken.describe()}."
        )
        for problem in check.problems[1:]:
            print(f"  also: {problem.describe()}")
        return EXIT_PROBLEMS
    print(f"{book.path}: the register is intact ({check.count} events).")
    print(f"SHA-256 of the last event: {check.head}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from app.core.register.importing import exit_code, import_files
    from app.core.register.register import RegisterError
    from app.signing.errors import SigningError
    from app.signing.service import verify_pdf

    def verify(path: Path):
        return verify_pdf(path, args.trust)

    try:
        results = import_files(_open(args), args.files, verify)
    except (RegisterError, SigningError) as error:
        return _fail(str(error), EXIT_UNREADABLE)
    for result in results:
        print(result.line)
        for note in result.notes:
            print(f"  note: {note}")
    return exit_code(results)


def run_export(args: argparse.Namespace) -> int:
    from app.core.register.export import write_csv
    from app.core.register.register import RegisterError

    try:
        rows = _open(args).snapshot(_rules(), args.on or date.today())
        count = write_csv(args.csv, rows)
    except (RegisterError, OSError) as error:
        return _fail(str(error), EXIT_UNREADABLE)
    print(f"Wrote {count} acknowledgement{'s' if count != 1 else ''} to {args.csv}.")
    return EXIT_OK


def run_due(args: argparse.Namespace) -> int:
    from app.core.register.register import RegisterError

    rules = _rules()
    try:
        due = _open(args).due(rules, args.on or date.today())
    except RegisterError as error:
        return _fail(str(error), EXIT_UNREADABLE)
    if not due:
        print("Nobody is due to acknowledge again.")
        return EXIT_OK
    by_pack: dict[str, list] = {}
    for row in due:
        by_pack.setdefault(row.pack_id, []).append(row)
    for pack_id, rows in by_pack.items():
        rule = rules.get(pack_id)
        rule_text = (
            f"policy version {rule.policy_version}, renewed every {rule.renew_after_months} months"
            if rule
            else "pack not on this computer"
        )
        print(f"{rows[0].organisation_short} ({pack_id}): {len(rows)} due ({rule_text})")
        for row in rows:
            email = f" <{row.email}>" if row.email else ""
            print(
                f"  {row.person}{email}, {row.role}, signed version {row.policy_version} on "
                f"{row.signed_at[:10]}: {row.note}"
            )
    return EXIT_OK


def _fail(message: str, code: int = EXIT_PROBLEMS) -> int:
    print(f"induct: {message}", file=sys.stderr)
    return code
