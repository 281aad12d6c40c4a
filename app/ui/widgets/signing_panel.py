"""What anyone who signs sees: typed name, optional drawing, passphrase if needed, declaration,
and the Sign button right below the declaration."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.onboarding.session import Drawing
from app.ui.widgets.announce import announce
from app.ui.widgets.signature_pad import SignaturePad

BAD = "#b00020"


def same_name(typed: str, expected: str) -> bool:
    """Typed names match when they differ only in case and spacing."""
    return " ".join(typed.split()).casefold() == " ".join(expected.split()).casefold()


def _label(text: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if rich:
        label.setTextFormat(label.textFormat().RichText)
    return label


class SigningPanel(QWidget):
    """Collects a signature and says how signing went.

    Signals:
        sign_requested(str, object, str): typed name, Drawing or None, passphrase ("" if none).
        edited: the typed name or drawing changed.
    """

    sign_requested = Signal(str, object, str)
    edited = Signal()

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.expected_name = ""
        self._new_passphrase = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        layout.addWidget(_label(self.tr("%1, type your full name to sign:").replace("%1", who)))
        self.typed_name = QLineEdit()
        self.typed_name.setAccessibleName(
            self.tr("%1: type your full name to sign").replace("%1", who)
        )
        self.typed_name.textChanged.connect(self._on_typed_name_changed)
        layout.addWidget(self.typed_name)
        # Why Sign is still grey, right under the field it is about.
        self.name_problem = _label()
        self.name_problem.setStyleSheet(f"color: {BAD}")
        self.name_problem.setAccessibleName(self.tr("Why you cannot sign yet"))
        self.name_problem.hide()
        layout.addWidget(self.name_problem)

        drawing_box = QGroupBox(self.tr("Draw a signature too (optional)"))
        drawing_layout = QVBoxLayout(drawing_box)
        self.pad = SignaturePad()
        self.pad.drawing_changed.connect(self.edited)
        drawing_layout.addWidget(self.pad)
        clear = QPushButton(self.tr("C&lear drawing"))
        clear.setAccessibleName(self.tr("Clear the drawn signature"))
        clear.clicked.connect(self.pad.clear)
        drawing_layout.addWidget(clear)
        layout.addWidget(drawing_box)

        self.key_note = _label()
        self.key_note.setAccessibleName(self.tr("Where the signing key is kept"))
        layout.addWidget(self.key_note)

        self.passphrase_box = QGroupBox(self.tr("Passphrase for your signing key"))
        passphrase_layout = QVBoxLayout(self.passphrase_box)
        self.passphrase_reason = _label()
        passphrase_layout.addWidget(self.passphrase_reason)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again.setAccessibleName(self.tr("Passphrase again"))
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        form.addRow(self.tr("Again:"), self.passphrase_again)
        passphrase_layout.addLayout(form)
        self.passphrase_problem = _label()
        self.passphrase_problem.setStyleSheet(f"color: {BAD}")
        self.passphrase_problem.setAccessibleName(self.tr("What the passphrase still needs"))
        passphrase_layout.addWidget(self.passphrase_problem)
        self.passphrase.textChanged.connect(self._on_typed_name_changed)
        self.passphrase_again.textChanged.connect(self._on_typed_name_changed)
        self.passphrase_box.hide()
        layout.addWidget(self.passphrase_box)
        # Enter in any of the fields signs, as the Sign button does, once it may
        for line in (self.typed_name, self.passphrase, self.passphrase_again):
            line.returnPressed.connect(self._on_return_pressed)

        self.declaration_box = QGroupBox(self.tr("Declaration"))
        declaration_layout = QVBoxLayout(self.declaration_box)
        self.declaration = _label(rich=True)
        self.declaration.setAccessibleName(self.tr("Declaration"))
        declaration_layout.addWidget(self.declaration)
        layout.addWidget(self.declaration_box)

        self.sign_button = QPushButton(self.tr("&Sign"))
        self.sign_button.setAccessibleName(self.tr("%1: sign").replace("%1", who))
        self.sign_button.setMinimumHeight(40)
        self.sign_button.clicked.connect(self._on_sign_clicked)
        layout.addWidget(self.sign_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Signing in progress"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = _label()
        self.status.setAccessibleName(self.tr("Signing status"))
        layout.addWidget(self.status)

    def set_declaration(self, html: str) -> None:
        self.declaration.setText(html)

    def load(self, expected_name: str, typed: str, drawing: Drawing | None) -> None:
        self.expected_name = expected_name
        self.typed_name.setText(typed)
        self.pad.set_drawing(drawing)
        self._on_typed_name_changed()
        self.typed_name.setFocus()

    def set_expected_name(self, expected_name: str) -> None:
        """The name to type changed (a trustee typing theirs): check again, leave the focus."""
        self.expected_name = expected_name
        self._on_typed_name_changed()

    def ask_passphrase(self, reason: str, new: bool) -> None:
        """Show the passphrase fields; `new` asks for it twice."""
        self._new_passphrase = new
        self.passphrase.clear()
        self.passphrase_again.clear()
        self.passphrase_again.setVisible(new)
        parent = self.passphrase_again.parentWidget()
        form = parent.layout() if parent is not None else None
        if isinstance(form, QFormLayout):
            form.setRowVisible(self.passphrase_again, new)
        self.passphrase_box.show()
        self.passphrase_reason.clear()
        announce(self.passphrase_reason, reason)  # why it is asked, in view and read out
        self.passphrase.setFocus()
        self._refresh()

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.progress.setVisible(busy)
        self.status.setStyleSheet("")
        self.status.setText(message)
        self._refresh()

    def show_problem(self, message: str) -> None:
        """Show what went wrong; it stays until the person changes something."""
        self.progress.hide()
        self.status.setStyleSheet(f"color: {BAD}")
        announce(self.status, message)
        self._refresh()

    def problem_with_input(self) -> str:
        typed = self.typed_name.text()
        if not same_name(typed, self.expected_name):
            return (
                self.tr("Type the name exactly as given: %1").replace("%1", self.expected_name)
                if typed.strip()
                else " "
            )
        if self.passphrase_box.isVisible():
            if len(self.passphrase.text()) < 8:
                return self.tr("The passphrase needs at least 8 characters.")
            if self._new_passphrase and self.passphrase.text() != self.passphrase_again.text():
                return self.tr("The two passphrases differ.")
        return ""

    @Slot()
    def _on_typed_name_changed(self) -> None:
        if self.status.styleSheet() and not self.progress.isVisible():
            self.status.setStyleSheet("")  # an old failure no longer applies once edited
            self.status.setText("")
        self._refresh()

    def _refresh(self) -> None:
        """Enable Sign, and say inline what the typed name or passphrase still lacks."""
        problem = self.problem_with_input().strip()
        busy = self.progress.isVisible()
        self.sign_button.setEnabled(not problem and not busy)
        name_problem = (
            problem if problem and not same_name(self.typed_name.text(), self.expected_name) else ""
        )
        passphrase_problem = problem if problem and not name_problem else ""
        self.name_problem.setVisible(bool(name_problem))
        announce(self.name_problem, "" if busy else name_problem)
        announce(self.passphrase_problem, "" if busy else passphrase_problem)
        self.edited.emit()

    @Slot()
    def _on_return_pressed(self) -> None:
        if self.sign_button.isEnabled() and self.sign_button.isVisible():
            self.sign_button.click()

    @Slot()
    def _on_sign_clicked(self) -> None:
        if self.problem_with_input():
            return
        passphrase = self.passphrase.text() if self.passphrase_box.isVisible() else ""
        self.sign_requested.emit(
            " ".join(self.typed_name.text().split()), self.pad.drawing(), passphrase
        )
