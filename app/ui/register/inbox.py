"""The shared inbox folder in the app: the register computer watches it, laptops copy into it.

`InboxWatcher` looks at the folder when it changes (QFileSystemWatcher), once at start, and
again shortly after while a file is still arriving; each look runs off the UI thread
(app.core.register.inbox). `InboxPanel` shows where things stand in the register window,
with the refused files and their reasons, and `InboxDialog` holds the two settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.display import display_path
from app.core.register.inbox import (
    SETTLE_SECONDS,
    InboxScan,
    InboxScanner,
    InboxSettings,
    load_settings,
    save_settings,
)
from app.ui.context import Services
from app.ui.widgets.folder_row import FolderRow
from app.ui.widgets.labels import wrapped_label
from app.ui.worker import run_in_background

CHANGE_DELAY_MS = 300  # a copy shows up as several changes: look once they pause


class InboxWatcher(QObject):
    """Imports what appears in the shared folder into `services.register`.

    Signals:
        scanned(object): an InboxScan after each look.
    """

    scanned = Signal(object)

    def __init__(
        self,
        services: Services,
        parent: QObject | None = None,
        settle_seconds: float = SETTLE_SECONDS,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.settle_seconds = settle_seconds
        self.scanner: InboxScanner | None = None
        self.last: InboxScan | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._on_changed)
        self.watcher.fileChanged.connect(self._on_changed)
        self._soon = QTimer(self, singleShot=True, interval=CHANGE_DELAY_MS)
        self._soon.timeout.connect(self.rescan)
        self._later = QTimer(self, singleShot=True, interval=int(settle_seconds * 1000) + 100)
        self._later.timeout.connect(self.rescan)
        self._scanning = False
        self._again = False

    @property
    def folder(self) -> Path | None:
        return self.scanner.folder if self.scanner else None

    def start(self, settings: InboxSettings | None = None) -> bool:
        """Watch the folder the settings name (if watching is on); look at it at once."""
        settings = settings or load_settings()
        self.stop()
        if not (settings.watch and settings.path):
            return False
        self.scanner = InboxScanner(settings.path, self.settle_seconds)
        if settings.path.is_dir():
            self.watcher.addPath(str(settings.path))
        self.rescan()
        return True

    def stop(self) -> None:
        for path in self.watcher.directories() + self.watcher.files():
            self.watcher.removePath(path)
        self.scanner, self.last = None, None
        self._soon.stop()
        self._later.stop()

    @Slot(str)
    def _on_changed(self, _path: str) -> None:
        self._soon.start()

    @Slot()
    def rescan(self) -> None:
        """Look at the folder now, off the UI thread; once more after, if asked meanwhile."""
        scanner = self.scanner
        if scanner is None:
            return
        if self._scanning:
            self._again = True
            return
        self._scanning, self._again = True, False
        register, clock = self.services.register, self.services.clock

        def work() -> InboxScan:
            from app.signing.service import verify_pdf  # pyHanko: only when importing

            return scanner.scan(register, verify_pdf, clock)

        run_in_background(work, self._on_scanned, self._on_failed, self)

    def _on_scanned(self, scan: InboxScan) -> None:
        self._scanning = False
        if scan.folder != self.folder:
            return  # the folder was changed meanwhile
        self.last = scan
        folder = str(scan.folder)
        if not self.watcher.directories() and scan.folder.is_dir():
            self.watcher.addPath(folder)  # the shared drive came back
        for name in scan.waiting:  # hear it grow, too
            path = str(scan.folder / name)
            if path not in self.watcher.files():
                self.watcher.addPath(path)
        self.scanned.emit(scan)
        if self._again:
            self.rescan()
        elif scan.waiting or scan.problem:
            self._later.start()

    def _on_failed(self, error: BaseException) -> None:
        self._scanning = False
        from app.core.problem_log import log_problem

        log_problem("The shared inbox folder could not be imported", error)
        if self.folder is not None:
            scan = InboxScan(self.folder, problem=f"the import stopped: {error}")
            self.last = scan
            self.scanned.emit(scan)
        self._later.start()


class InboxPanel(QWidget):
    """The register window's line about the shared folder, its refused files, and settings.

    Signals:
        imported: a look at the folder added something to the register.
    """

    imported = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.status = wrapped_label()
        self.status.setAccessibleName(self.tr("Shared inbox folder"))
        row.addWidget(self.status, 1)
        self.settings_button = QPushButton(self.tr("Shared &inbox folder…"))
        self.settings_button.setAccessibleName(self.tr("Settings of the shared inbox folder"))
        self.settings_button.clicked.connect(self.open_settings)
        row.addWidget(self.settings_button)
        layout.addLayout(row)
        self.refused = QPlainTextEdit()
        self.refused.setReadOnly(True)
        self.refused.setAccessibleName(self.tr("Files in the shared folder that were refused"))
        self.refused.setMaximumHeight(90)
        self.refused.hide()
        layout.addWidget(self.refused)
        self.dialog: InboxDialog | None = None
        watcher = services.inbox
        if watcher is not None:
            watcher.scanned.connect(self.show_scan)
            if watcher.last is not None:
                self.show_scan(watcher.last)
        self._show_settings()

    def _show_settings(self) -> None:
        settings = load_settings()
        watcher = self.services.inbox
        if watcher is not None and watcher.last is not None:
            return
        if settings.watch and settings.path:
            text = self.tr("Watching the shared inbox folder %1.").replace(
                "%1", display_path(settings.path)
            )
        else:
            text = self.tr(
                "No shared inbox folder is watched. Laptops can copy signed PDFs into a shared "
                "folder and this register imports them: choose it with Shared inbox folder."
            )
        self.status.setText(text)

    @Slot(object)
    def show_scan(self, scan: InboxScan) -> None:
        where = display_path(scan.folder)
        if scan.problem:
            text = self.tr("Shared inbox folder %1: %2 Looking again shortly.")
            text = text.replace("%1", where).replace("%2", scan.problem)
        else:
            text = self.tr("Watching the shared inbox folder %1.").replace("%1", where)
            if scan.results:
                text += " " + self.tr("Last look: %1 added.").replace("%1", str(scan.added))
            if scan.waiting:
                text += " " + self.tr("%1 still arriving.").replace("%1", str(len(scan.waiting)))
            if scan.refused:
                text += " " + self.tr("%1 refused (below).").replace("%1", str(len(scan.refused)))
        self.status.setText(text)
        self.refused.setPlainText("\n".join(f"{name}: {why}" for name, why in scan.refused))
        self.refused.setVisible(bool(scan.refused))
        if scan.added:
            self.imported.emit()

    @Slot()
    def open_settings(self) -> InboxDialog:
        self.dialog = InboxDialog(self)
        self.dialog.accepted.connect(self._on_settings_saved)
        self.dialog.open()
        return self.dialog

    @Slot()
    def _on_settings_saved(self) -> None:
        watcher = self.services.inbox
        if watcher is not None:
            watcher.start()
        self._show_settings()


class InboxDialog(QDialog):
    """The shared folder and this computer's part in it: copy signed PDFs in, and/or import."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shared inbox folder"))
        settings = load_settings()
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "Choose a folder your organisation already shares between its computers "
                    "(a network drive, OneDrive, Nextcloud or Syncthing folder). Induction "
                    "laptops copy each signed PDF into it; the register computer imports what "
                    "appears. Nothing in the folder is ever deleted."
                )
            )
        )
        self.folder_row = FolderRow(settings.path or Path.home(), self.tr("shared PDFs"))
        self.chosen = settings.path
        self.folder_row.folder_changed.connect(self._on_folder_changed)
        if settings.path is None:
            self.folder_row.label.setText(self.tr("No folder chosen yet."))
        layout.addWidget(self.folder_row)
        self.copy_signed = QCheckBox(
            self.tr("&Copy every PDF signed on this computer into the folder")
        )
        self.copy_signed.setChecked(settings.copy_signed)
        self.watch = QCheckBox(self.tr("&Import what appears in the folder into this register"))
        self.watch.setChecked(settings.watch)
        layout.addWidget(self.copy_signed)
        layout.addWidget(self.watch)
        self.problem = QLabel()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @Slot(object)
    def _on_folder_changed(self, folder: Path) -> None:
        self.chosen = folder

    @Slot()
    def _on_save(self) -> None:
        wants = self.copy_signed.isChecked() or self.watch.isChecked()
        if wants and self.chosen is None:
            self.problem.setText(self.tr("Choose the shared folder first, with Change folder."))
            return
        try:
            save_settings(
                InboxSettings(
                    str(self.chosen or ""), self.copy_signed.isChecked(), self.watch.isChecked()
                )
            )
        except OSError as error:
            self.problem.setText(
                self.tr("The setting could not be saved: %1").replace("%1", str(error))
            )
            return
        self.accept()
