"""The signing package stays cheap to import, free of Qt, and keeps keyring in one module."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import app.signing


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"{code}\nimport sys\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & "
        "{'PySide6', 'shiboken6', 'pyhanko', 'pyhanko_certvalidator', 'keyring', "
        "'secretstorage'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return ast.literal_eval(result.stdout.strip())


def test_importing_the_service_loads_neither_pyhanko_nor_keyring() -> None:
    """`import app.signing.service` (what the wizard does at start) loads no pyHanko, keyring."""
    assert _loaded_after("import app.signing.service") == []


def test_the_cli_loads_signing_code_only_when_a_signing_command_runs() -> None:
    """Building the `induct` parser imports neither pyHanko nor keyring."""
    assert _loaded_after("import app.cli; app.cli.build_parser()") == []


def test_no_signing_module_imports_qt() -> None:
    """Every app.signing module imports without PySide6."""
    modules = [m.name for m in pkgutil.iter_modules(app.signing.__path__, "app.signing.")]
    assert "app.signing.pdfsign" in modules
    loaded = _loaded_after("\n".join(f"import {m}" for m in modules))
    assert "PySide6" not in loaded and "shiboken6" not in loaded


def test_only_the_secrets_module_imports_keyring() -> None:
    """Private keys reach the credential store through app/signing/secrets.py alone."""
    package = Path(app.signing.__file__).parent.parent
    importers = sorted(
        str(path.relative_to(package.parent))
        for path in package.rglob("*.py")
        if re.search(
            r"^\s*(import keyring|from keyring)|import_module\(.keyring",
            path.read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    )
    assert importers == ["app/signing/secrets.py"]
