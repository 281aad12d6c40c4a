"""A notice that autosave failed, with a button to choose another folder to save in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

BAD = "#b42318"


def ask_for_folder(parent: QWidget) -> Path | None:
    """The system's folder chooser; None when the person cancels."""
    chosen = QFileDialog.getExistingDirectory(parent, parent.tr("Choose a folder to save in"))
    return Path(chosen) if chosen else None


class SaveProblem(QFrame):
    """Hidden while saving works. Signals:
    folder_chosen(Path): the person chose another folder to save their answers in.
    """

    folder_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Your answers are not saved"))
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {BAD}")
        self.message.setAccessibleName(self.tr("Why your answers are not saved"))
        layout.addWidget(self.message)
        self.choose = QPushButton(self.tr("Choose another &folder…"))
        self.choose.setAccessibleName(self.tr("Choose another folder to save your answers in"))
        self.choose.clicked.connect(self._on_choose_clicked)
        layout.addWidget(self.choose)
        # Replaced in tests by a function that returns a folder, as a person would choose.
        self.ask: Callable[[QWidget], Path | None] = ask_for_folder
        self.hide()

    def show_problem(self, message: str | None) -> None:
        """Show `message`, or hide the notice once saving works again (None)."""
        if message is None:
            self.message.clear()
            self.hide()
            return
        self.message.setText(message)
        self.show()

    @Slot()
    def _on_choose_clicked(self) -> None:
        folder = self.ask(self)
        if folder is not None:
            self.folder_chosen.emit(folder)
