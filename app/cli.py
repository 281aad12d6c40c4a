"""`induct`: with no arguments it opens the app; subcommands do the headless jobs."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from app import __version__
from app.commands import forms, pack, record, register, selftest, signing

EXIT_USAGE = 2
EXIT_CRASH = 3

# Each module adds its own subcommands; see app/commands/__init__.py.
COMMAND_MODULES = (pack, signing, forms, selftest, register, record)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="induct",
        description="Onboarding onto a social media policy. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"Induct {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        if args.command is None:
            from app.ui.application import run_app  # Qt is loaded only for the window

            return run_app()
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: a message, never a traceback
        return _report_crash(error)


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
