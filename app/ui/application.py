"""Start the desktop app: find the packs, show the onboarding wizard."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__
from app.core import crashlog, paths
from app.core.atomic import remove_orphans
from app.ui.context import Services
from app.ui.main_window import MainWindow


class Lazy:
    """Stands for what `load()` makes, made on first use rather than before the window
    paints (the packs: every section file read and hashed); any thread may be first, once."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self._load = load
        self._loaded: Any = None
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load()
        return getattr(self._loaded, name)


def open_with_system(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _catalogue() -> Any:
    from app.core.packs import installed_packs

    return installed_packs()


def _store() -> Any:
    from app.core.onboarding.session import SessionStore

    return SessionStore(paths.sessions_dir())


def _register() -> Any:
    from app.core.register.register import Register

    return Register()


def default_services() -> Services:
    # Temporary files of writes cut short (a kill, a power cut) are cleared on start.
    for folder in (paths.data_dir(), paths.sessions_dir(), paths.default_output_dir()):
        remove_orphans(folder)
    return Services(
        register=cast(Any, Lazy(_register)),
        catalogue=cast(Any, Lazy(_catalogue)),
        store=cast(Any, Lazy(_store)),
        output_dir=paths.default_output_dir(),
        open_path=open_with_system,
    )


def run_app() -> int:
    sys.excepthook = crashlog.excepthook(paths.data_dir() / "crash.log")
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = paths.bundled_dir("resources") / "icons" / "induct.svg"
    if icon.is_file():
        QApplication.setWindowIcon(QIcon(str(icon)))
    window = MainWindow(default_services())
    window.show()
    return app.exec()
