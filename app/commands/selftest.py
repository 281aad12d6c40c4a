"""`induct self-test`: checks that this installation (source, wheel or bundle) is complete."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable


def add_commands(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "self-test", help="check this installation: data, fonts, Qt, PDF, signing, key store"
    )
    check.add_argument(
        "--require-keyring",
        action="store_true",
        help="fail unless the operating system's credential store can be used",
    )
    check.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    checks: list[tuple[str, Callable[[], str]]] = [
        ("version", _version),
        ("policy packs", _packs),
        ("consent forms", _forms),
        ("fonts", _fonts),
        ("acknowledgement PDF", _pdf),
        ("signing library", _pyhanko),
        ("window", _window),
        ("credential store", lambda: _keyring(args.require_keyring)),
    ]
    failed = 0
    for name, check in checks:
        try:
            detail = check()
        except Exception as error:  # each check reports its own failure and the rest go on
            failed += 1
            print(f"FAIL {name}: {error}")
        else:
            print(f"ok   {name}: {detail}")
    return 1 if failed else 0


def _version() -> str:
    import sys

    from app import __version__

    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    return f"Induct {__version__}{frozen}"


def _packs() -> str:
    from app.core import paths
    from app.core.packs import discover_packs

    catalogue = discover_packs([paths.bundled_packs_dir()])
    if catalogue.broken:
        folder, problems = next(iter(catalogue.broken.items()))
        raise RuntimeError(f"{folder}: {problems[0]}")
    if not catalogue.packs:
        raise RuntimeError(f"no pack in {paths.bundled_packs_dir()}")
    return ", ".join(sorted(catalogue.packs))


def _forms() -> str:
    from app.core.consent.templates import bundled_forms_dir, check_templates, load_templates

    problems = check_templates(bundled_forms_dir())
    if problems:
        raise RuntimeError(str(problems[0]))
    return ", ".join(sorted(load_templates(bundled_forms_dir())))


def _fonts() -> str:
    from app.documents.fonts import load_fonts

    return load_fonts()


def _pdf() -> str:
    from app import __version__
    from app.core import paths
    from app.core.onboarding.acknowledgement import build_record
    from app.core.onboarding.session import OnboardingSession
    from app.core.packs import load_pack
    from app.documents.acknowledgement import render_acknowledgement

    pack = load_pack(paths.bundled_packs_dir() / "iet")
    session = OnboardingSession.start(pack)
    session.identity.full_name = "Self Test"
    session.identity.role = "Volunteer"
    data = render_acknowledgement(build_record(pack, session, __version__))
    return f"{len(data) // 1024} KB rendered"


def _pyhanko() -> str:
    from importlib.metadata import PackageNotFoundError, version

    import pyhanko.sign  # noqa: F401 (the part signing needs)

    try:
        return f"pyHanko {version('pyhanko')}"
    except PackageNotFoundError:  # a bundle may carry the code without its metadata
        return "pyHanko (version unknown)"


def _window() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from app.ui.application import default_services
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(default_services())
    window.show()
    wizard = window.open_onboarding()
    app.processEvents()
    title = wizard.windowTitle()
    wizard.close()
    window.close()
    return f"{QGuiApplication.platformName()}: '{title}' with {len(wizard.organisation_page.packs)} packs"


def _keyring(required: bool) -> str:
    from app.signing.errors import SecretStoreUnavailable
    from app.signing.secrets import platform_store

    try:
        return platform_store().name
    except SecretStoreUnavailable as error:
        if required:
            raise
        return f"not available, keys go to passphrase files ({error})"
