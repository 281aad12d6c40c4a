"""Start the desktop app: find the packs, show the onboarding wizard."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__
from app.core import paths
from app.core.onboarding.session import SessionStore
from app.core.packs import installed_packs
from app.ui.context import Services
from app.ui.main_window import MainWindow


def open_with_system(path: Path) -> bool:
    """Open `path` with the system's program for it; False when there is none."""
    return path.exists() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def default_services() -> Services:
    catalogue = installed_packs()
    return Services(
        catalogue=catalogue,
        store=SessionStore(paths.sessions_dir()),
        output_dir=paths.default_output_dir(),
        open_path=open_with_system,
    )


def run_app() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = paths.bundled_dir("resources") / "icons" / "induct.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    window = MainWindow(default_services())
    window.show()
    return app.exec()
