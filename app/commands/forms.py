"""`induct forms check|build|scan|record|list`: templates, printed batches, returned paper
forms matched by their QR codes, and the officers' lists."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2

if TYPE_CHECKING:
    from app.core.consent.batches import BatchLog


def add_commands(commands: argparse._SubParsersAction) -> None:
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
    register_returns(actions)
    register_lists(actions)


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
        log=_batch_log(),
    )
    for path in written:
        print(path)
    return EXIT_OK


def _unusable(message: str) -> int:
    print(f"induct: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


# -- returned paper forms ----------------------------------------------------------------


def register_returns(actions: argparse._SubParsersAction) -> None:
    scan = actions.add_parser(
        "scan",
        help="read the QR codes of scanned returned forms and match each to its printed batch",
        description="Each page's QR code is read; pages are grouped by form ID and matched "
        "to the batch they were printed in. A form ID never printed here, or already "
        "recorded, is flagged (exit 1).",
    )
    scan.add_argument("files", nargs="+", type=Path, metavar="FILE", help="PDF or pictures")
    scan.add_argument(
        "--keep", type=Path, metavar="DIR", help="also write each form's pages as one PDF here"
    )
    scan.set_defaults(handler=scan_forms)
    record = actions.add_parser(
        "record",
        help="record a returned paper form from the ticks marked on it, keeping its scan",
        description="The form ID is the one printed under the QR code (typed or scanned). "
        "Name each ticked box with --tick (such as media.photo or channels.website).",
    )
    record.add_argument("form_id", metavar="FORM-ID")
    record.add_argument("--scan", nargs="+", required=True, type=Path, metavar="FILE")
    record.add_argument("--name", required=True, help="the person's name as written")
    record.add_argument("--received-by", required=True, metavar="NAME", help="you")
    record.add_argument("--tick", action="append", default=[], metavar="PURPOSE")
    record.add_argument(
        "--choice", action="append", default=[], metavar="BLOCK=OPTION",
        help="a circle ticked, such as identification=first-name",
    )  # fmt: skip
    record.add_argument(
        "--field", action="append", default=[], metavar="KEY=VALUE",
        help="another line written on the form, such as role=Member or dob=2012-09-30",
    )  # fmt: skip
    record.add_argument("--do-not-photograph", action="store_true")
    record.add_argument("--child", choices=("yes", "no"), help="the child's own agreement")
    record.add_argument(
        "--parental-responsibility", action="store_true", help="the parent ticked the confirmation"
    )
    record.add_argument("--out", required=True, type=Path, metavar="DIR", help="where scans go")
    record.set_defaults(handler=record_form)


def _batch_log() -> BatchLog:
    """The printed batches' notes, beside the register (which printing does not open)."""
    from app.core.consent.batches import BatchLog
    from app.core.register.register import default_path

    return BatchLog.beside(default_path())


def _stores() -> tuple[object, object]:
    from app.core.consent.batches import BatchLog
    from app.core.consent.store import ConsentStore

    store = ConsentStore()
    return BatchLog.beside(store.path), store


def scan_forms(args: argparse.Namespace) -> int:
    from app.core.consent.returns import READY, match
    from app.documents.consent.scans import ScanError, kept_scan, read_scans

    log, store = _stores()
    try:
        pages = read_scans(args.files)
    except ScanError as error:
        return _unusable(str(error))
    returns = match(pages, log, store)  # type: ignore[arg-type]
    for form in returns.forms:
        mark = "ok  " if form.status == READY else "FLAG"
        print(f"{mark} {form.message()}")
        if args.keep and form.status == READY:
            from app.documents.consent.form import _write_new

            kept = _write_new(args.keep, f"{form.form_id} scan", kept_scan(form.pages))
            print(f"     kept as {kept}")
    for page in returns.unread:
        print(f"FLAG {page.where()}: no form ID could be read; type the ID printed on it")
    ready = sum(1 for f in returns.forms if f.status == READY)
    print(f"{len(returns.forms)} form(s) found, {ready} ready to record, {len(pages)} page(s) read")
    return EXIT_PROBLEMS if returns.flagged else EXIT_OK


def _pairs(items: list[str], what: str) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"{item!r}: write {what} as KEY=VALUE")
        out[key.strip()] = value.strip()
    return out


def record_form(args: argparse.Namespace) -> int:
    from app.core.clock import iso_time, local_now
    from app.core.consent.capture import FormValues
    from app.core.consent.returns import READY, printed_form, typed
    from app.core.consent.templates import load_templates
    from app.core.packs import installed_packs
    from app.documents.consent.saving import NotSavedError, save_scanned
    from app.documents.consent.scans import ScanError, kept_scan, read_scans

    log, store = _stores()
    found = typed(args.form_id, log, store)  # type: ignore[arg-type]
    if isinstance(found, str):
        return _unusable(found)
    if found.status != READY:
        return _unusable(found.message())
    assert found.batch is not None
    try:
        form = printed_form(found.batch, installed_packs().packs, load_templates(_forms_dir(None)))
        pages = read_scans(args.scan)
        fields = {"name": args.name, **_pairs(args.field, "--field")}
        choices = _pairs(args.choice, "--choice")
    except (ValueError, ScanError) as error:
        return _unusable(str(error))
    own = [p for p in pages if p.form_id == found.form_id] or pages  # a typed ID: all pages
    values = FormValues(
        fields=fields,
        confirms={"parental-responsibility": args.parental_responsibility},
        granted=args.tick,
        choices=choices,
        do_not_photograph=args.do_not_photograph,
        child_agreement=None if args.child is None else args.child == "yes",
        receiver=args.received_by,
    )
    now = local_now()
    try:
        saved = save_scanned(
            form, values, kept_scan(own), form_id=found.form_id, store=store,  # type: ignore[arg-type]
            folder=args.out, today=now.date(), recorded_at=iso_time(now),
        )  # fmt: skip
    except NotSavedError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        keys = [f"{s.key} ({form.fill(s.label)})" for s in form.template.field_specs()]
        purposes = ", ".join(p.key for p in form.purposes)
        print(
            f"Lines on this form, for --field KEY=VALUE: {'; '.join(keys)}\n"
            f"Boxes, for --tick: {purposes}",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    except (ValueError, OSError) as error:
        return _unusable(str(error))
    granted = ", ".join(saved.record.granted()) or "nothing"
    print(f"Recorded {found.form_id} for {saved.record.subject.name}: grants {granted}")
    print(saved.path)
    return EXIT_OK


# -- officers' lists ----------------------------------------------------------------------


def register_lists(actions: argparse._SubParsersAction) -> None:
    lists = actions.add_parser(
        "list",
        help="officers' lists: by event, due for review, photographer's list, one person",
        description="Prints the list; --csv writes it for a spreadsheet (formula-safe), "
        "--pdf writes it to print.",
    )
    lists.add_argument("kind", choices=("event", "due", "photographer", "person"))
    lists.add_argument(
        "query", nargs="?", default="", help="the event (event, photographer) or the person's "
        "name, e-mail or form ID (person)",
    )  # fmt: skip
    lists.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="as on this day (today)")
    lists.add_argument("--csv", type=Path, metavar="FILE")
    lists.add_argument("--pdf", type=Path, metavar="FILE")
    lists.set_defaults(handler=list_consents)


def list_consents(args: argparse.Namespace) -> int:
    from app.core.consent import lists
    from app.core.consent.store import ConsentStore

    store = ConsentStore()
    on = date.fromisoformat(args.on) if args.on else date.today()
    if args.kind != "due" and not args.query.strip():
        named = lists.events(store)
        what = "the event" if args.kind != "person" else "a name, e-mail or form ID"
        hint = f"; the events are: {', '.join(named)}" if named and args.kind != "person" else ""
        return _unusable(f"say which: give {what}{hint}")
    listing = {
        "event": lambda: lists.by_event(store, args.query, on),
        "due": lambda: lists.due(store, on),
        "photographer": lambda: lists.photographer(store, args.query, on),
        "person": lambda: lists.person(store, args.query, on),
    }[args.kind]()
    print(listing.text())
    try:
        if args.csv:
            listing.write_csv(args.csv)
            print(f"CSV written to {args.csv}")
        if args.pdf:
            from app.core.atomic import write_atomic
            from app.documents.consent.listing import render_listing

            write_atomic(args.pdf, render_listing(listing))
            print(f"PDF written to {args.pdf}")
    except OSError as error:
        return _unusable(f"could not write the list: {error}")
    return EXIT_OK
