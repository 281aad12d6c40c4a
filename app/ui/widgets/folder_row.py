"""A "Saved in: <folder>" line with a button to choose another folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from app.core.display import display_path
from app.ui.widgets.labels import wrapped_label


class FolderRow(QWidget):
    """ "Saved in: <folder>" with a button to choose another (the dialog does not block).

    Signals:
        folder_changed(object): the Path now chosen.
    """

    folder_changed = Signal(object)

    def __init__(self, folder: Path, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.what = what
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = wrapped_label()
        self.label.setAccessibleName(self.tr("Folder %1 are saved in").replace("%1", what))
        self.button = QPushButton(self.tr("Change &folder…"))
        self.button.setAccessibleName(
            self.tr("Change the folder %1 are saved in").replace("%1", what)
        )
        self.button.clicked.connect(self._on_button_clicked)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self._show()

    def _show(self) -> None:
        self.label.setText(self.tr("Saved in: %1").replace("%1", display_path(self.folder)))

    @Slot()
    def _on_button_clicked(self) -> None:
        dialog = QFileDialog(
            self, self.tr("Folder for %1").replace("%1", self.what), str(self.folder)
        )
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self._on_folder_selected)
        dialog.open()

    @Slot(str)
    def _on_folder_selected(self, folder: str) -> None:
        if folder:
            self.folder = Path(folder)
            self._show()
            self.folder_changed.emit(self.folder)
