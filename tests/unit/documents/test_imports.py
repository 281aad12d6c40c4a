"""Importing the documents package stays cheap and free of Qt."""

from __future__ import annotations

import subprocess
import sys


def test_importing_documents_loads_neither_qt_nor_pyhanko() -> None:
    """The wizard imports app.documents at start-up; pyHanko loads only when fields are added."""
    code = (
        "import sys, app.documents.acknowledgement; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'pyhanko'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
