"""The domain never loads Qt: app.core and app.documents import without PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import app.core
import app.documents


def test_core_and_documents_do_not_import_qt() -> None:
    """Importing every module of app.core and app.documents leaves PySide6 unloaded."""
    modules = [
        m.name
        for package in (app.core, app.documents)
        for m in pkgutil.iter_modules(package.__path__, package.__name__ + ".")
    ]
    assert "app.core.packs" in modules
    code = "\n".join(f"import {m}" for m in modules) + (
        "\nimport sys\nloaded = sorted(m for m in sys.modules if m.startswith(('PySide6', "
        "'shiboken6')))\nprint(loaded)\nraise SystemExit(1 if loaded else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
