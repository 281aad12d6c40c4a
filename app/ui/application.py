"""Start the desktop app: find the packs, show the onboarding wizard."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__
from app.core import crashlog, paths
from app.core.atomic import remove_orphans
from app.core.onboarding.session import SessionStore
from app.core.packs import installed_packs
from app.ui.context import Services
from app.ui.main_window import MainWindow


def open_with_system(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def default_services() -> Services:
    # Temporary files of writes cut short (a kill, a power cut) are cleared on start.
    for folder in (paths.data_dir(), paths.sessions_dir(), paths.default_output_dir()):
        remove_orphans(folder)
    catalogue = installed_packs()
    return Services(
        catalogue=catalogue,
        store=SessionStore(paths.sessions_dir()),
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
