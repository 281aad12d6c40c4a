"""`induct pack check DIR...` and `induct pack list`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEMS = 1


def add_commands(commands: argparse._SubParsersAction) -> None:
    pack = commands.add_parser("pack", help="work with policy packs")
    actions = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="validate pack folders")
    check.add_argument("folders", nargs="+", type=Path, metavar="DIR")
    check.set_defaults(handler=check_packs)
    listing = actions.add_parser("list", help="list the packs Induct finds")
    listing.set_defaults(handler=list_packs)


def check_packs(args: argparse.Namespace) -> int:
    from app.core.packs import check_pack

    status = EXIT_OK
    for folder in args.folders:
        problems = check_pack(folder)
        for problem in problems:
            print(problem)
        if problems:
            status = EXIT_PROBLEMS
            print(f"{folder}: {len(problems)} problem(s)", file=sys.stderr)
        else:
            print(f"{folder}: pack is good")
    return status


def list_packs(args: argparse.Namespace) -> int:
    from app.core.packs import installed_packs

    catalogue = installed_packs()
    for pack in catalogue.packs.values():
        print(f"{pack.id}\t{pack.policy.title}, version {pack.policy.version}\t{pack.folder}")
    for folder, problems in catalogue.broken.items():
        print(f"{folder}: broken ({problems[0]})", file=sys.stderr)
    return EXIT_PROBLEMS if catalogue.broken else EXIT_OK
