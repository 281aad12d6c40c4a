"""`induct`: with no arguments it opens the app; subcommands do the headless jobs."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from app import __version__

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_CRASH = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="induct",
        description="Onboarding onto a social media policy. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"Induct {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    pack = commands.add_parser("pack", help="work with policy packs")
    pack_commands = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    check = pack_commands.add_parser("check", help="validate pack folders")
    check.add_argument("folders", nargs="+", type=Path, metavar="DIR")
    pack_commands.add_parser("list", help="list the packs Induct finds")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        if args.command is None:
            from app.ui.application import run_app  # Qt is loaded only for the window

            return run_app()
        if args.command == "pack":
            return _pack_command(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: a message, never a traceback
        return _report_crash(error)
    parser.print_help()
    return EXIT_USAGE


def _pack_command(args: argparse.Namespace) -> int:
    from app.core import packs, paths

    if args.pack_command == "check":
        status = EXIT_OK
        for folder in args.folders:
            problems = packs.check_pack(folder)
            for problem in problems:
                print(problem)
            if problems:
                status = EXIT_PROBLEMS
                print(f"{folder}: {len(problems)} problem(s)", file=sys.stderr)
            else:
                print(f"{folder}: pack is good")
        return status
    catalogue = packs.discover_packs([paths.bundled_packs_dir(), paths.user_packs_dir()])
    for pack in catalogue.packs.values():
        print(f"{pack.id}\t{pack.policy.title}, version {pack.policy.version}\t{pack.folder}")
    for folder, problems in catalogue.broken.items():
        print(f"{folder}: broken ({problems[0]})", file=sys.stderr)
    return EXIT_PROBLEMS if catalogue.broken else EXIT_OK


def _report_crash(error: BaseException) -> int:
    from app.core import paths

    log = paths.data_dir() / "crash.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            traceback.print_exception(error, file=handle)
        where = f" Details were written to {log}."
    except OSError:
        where = ""
    print(f"induct: something went wrong: {error}.{where}", file=sys.stderr)
    return EXIT_CRASH
