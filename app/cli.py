"""`induct`: with no arguments it opens the app; subcommands do the headless jobs.

Exit codes (README, "Command line"): 0 all good; 1 problems found; 2 a file or argument
could not be used; 3 something unexpected (details in the crash log); 4 the computer
refused (disk full, no permission, read-only folder); 130 interrupted; 141 the output
was closed early (`induct verify … | head`), which ends quietly as other tools do.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, TextIO

from app import __version__
from app.commands import forms, pack, record, register, selftest, signing
from app.core.folders import FolderRefusedError
from app.core.names import printable

EXIT_USAGE = 2
EXIT_CRASH = 3
EXIT_REFUSED = 4
EXIT_INTERRUPTED = 130
EXIT_CLOSED_PIPE = 141

# Each module adds its own subcommands; see app/commands/__init__.py.
COMMAND_MODULES = (pack, signing, forms, selftest, register, record)

_REFUSALS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the folder is read-only",
    errno.EFBIG: "the file would be larger than this computer allows",
}


class _PrintableStream:
    """A text stream that drops escape sequences and control characters from what is
    written, so a name from a certificate or a file cannot rewrite the terminal (hide
    "NOT TRUSTED", move the cursor, set the title)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        # A progress line redraws itself with a CR at the start of its write; a CR
        # anywhere else (inside a name) could write over what came before it.
        lead = "\r" if text.startswith("\r") else ""
        return self._stream.write(lead + printable(text[len(lead) :], keep_lines=True))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="induct",
        description="Onboarding onto a social media policy. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"Induct {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        try:
            from app.ui.application import run_app  # Qt is loaded only for the window

            return run_app()
        except Exception as error:  # the last line of defence: a message, never a traceback
            return _report_crash(error)
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _PrintableStream(out), _PrintableStream(err)
    try:
        code = int(args.handler(args))
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _closed_pipe()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except FolderRefusedError as error:
        print(
            f"induct: {error}. Choose a folder you can write to, then try again.", file=sys.stderr
        )
        return EXIT_REFUSED
    except OSError as error:
        if error.errno in _REFUSALS:
            return _refused(error)
        return _report_crash(error)
    except Exception as error:
        return _report_crash(error)
    finally:
        sys.stdout, sys.stderr = out, err


def _closed_pipe() -> int:
    # Whoever read the output has stopped (head, less quit): stop quietly. Point stdout at
    # nothing, so the interpreter's last flush does not complain about the pipe too.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        if sys.__stdout__ is not None:
            os.dup2(devnull, sys.__stdout__.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass
    return EXIT_CLOSED_PIPE


def _refused(error: OSError) -> int:
    where = f": {printable(str(error.filename))}" if error.filename else ""
    print(
        f"induct: the computer refused{where} ({_REFUSALS.get(error.errno or 0, 'refused')}). "
        "Free some space or choose a folder you can write to, then try again.",
        file=sys.stderr,
    )
    return EXIT_REFUSED


def _report_crash(error: BaseException) -> int:
    from app.core import paths
    from app.core.crashlog import append_report

    log = paths.data_dir() / "crash.log"
    try:
        append_report(log, "".join(traceback.format_exception(error)))
        where = f" Details were written to {log}."
    except OSError:
        where = ""
    with contextlib.suppress(OSError):  # not even the terminal may be there to say so
        print(f"induct: something went wrong: {printable(str(error))}.{where}", file=sys.stderr)
    return EXIT_CRASH
