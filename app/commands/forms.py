"""`induct forms check [DIR]` and `induct forms build ...`: consent-form templates and batches."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2


def register(commands: argparse._SubParsersAction) -> None:
    forms = commands.add_parser("forms", help="consent-form templates and printed batches")
    actions = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="validate consent-form templates")
    check.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="folder of templates (default: the ones that come with Induct)",
    )
    check.set_defaults(handler=check_forms)
    build = actions.add_parser(
        "build",
        help="write consent forms for an event, each copy with its own form ID",
        description="Printable forms are written as one PDF holding every copy; with "
        "--fillable, one fillable PDF per copy.",
    )
    build.add_argument("--pack", required=True, metavar="ID", help="policy pack, e.g. iet")
    build.add_argument(
        "--form", required=True, metavar="ID", help="template id: publicity, quote or guardian"
    )
    build.add_argument("--event", default="", metavar="NAME", help="event or programme")
    build.add_argument(
        "--date", default=None, type=_date, metavar="YYYY-MM-DD", help="date of the event"
    )
    build.add_argument(
        "--copies", default=1, type=_copies, metavar="N", help="how many copies (default 1)"
    )
    build.add_argument(
        "--partners",
        default="",
        metavar="NAMES",
        help="other organisations that will use the images, each named",
    )
    build.add_argument("--fillable", action="store_true", help="fillable PDFs (AcroForm)")
    build.add_argument(
        "--forms",
        type=Path,
        metavar="DIR",
        help="folder of templates (default: the ones that come with Induct)",
    )
    build.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="folder to write the PDFs to"
    )
    build.set_defaults(handler=build_forms)


def _date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD (for example 2026-06-12)"
        ) from None


def _copies(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r}: the number of copies must be a whole number, 1 or more"
        )
    return number


def _forms_dir(folder: Path | None) -> Path:
    from app.core import paths

    return folder if folder is not None else paths.bundled_dir("forms")


def check_forms(args: argparse.Namespace) -> int:
    from app.core.consent.templates import check_templates

    folder = _forms_dir(args.folder)
    problems = check_templates(folder)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{folder}: {len(problems)} problem(s)", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{folder}: templates are good")
    return EXIT_OK


def build_forms(args: argparse.Namespace) -> int:
    from app.core.consent.templates import load_templates
    from app.core.packs import installed_packs

    packs = installed_packs().packs
    pack = packs.get(args.pack)
    if pack is None:
        return _unusable(
            f"there is no pack {args.pack!r}; the packs are: {', '.join(sorted(packs)) or 'none'}"
        )
    if pack.consent is None:
        return _unusable(
            f"the pack {pack.id!r} has no [consent] table, so it cannot fill in "
            "consent forms (see docs/packs.md)"
        )
    templates = load_templates(_forms_dir(args.forms))
    template = templates.get(args.form)
    if template is None:
        return _unusable(
            f"there is no form {args.form!r}; the forms are: "
            f"{', '.join(sorted(templates)) or 'none'} "
            "(`induct forms check` lists broken ones)"
        )
    from app.documents.consent.form import build_batch

    tty = sys.stdout.isatty()

    def progress(done: int, total: int) -> None:
        print(f"\rWriting copy {done} of {total}", end="" if done < total else "\n", flush=True)

    written = build_batch(
        pack,
        template,
        event=args.event,
        date=args.date or "",
        copies=args.copies,
        out_dir=args.out,
        fillable=args.fillable,
        partners=args.partners,
        progress=progress if tty else None,
    )
    for path in written:
        print(path)
    return EXIT_OK


def _unusable(message: str) -> int:
    print(f"induct: {message}", file=sys.stderr)
    return EXIT_UNUSABLE
