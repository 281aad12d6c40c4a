"""Every control of the consent window has a name for screen readers, and text wraps."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QTabBar,
    QWidget,
)

from app.ui.consent.window import RECORDS_TAB, ConsentWindow
from app.ui.context import Services
from app.ui.widgets.signature_pad import SignaturePad
from tests.ui.test_consent_capture import start
from tests.ui.test_consent_print import open_window

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QAbstractItemView,
    QProgressBar,
    SignaturePad,
)


PARTS_OF = (QAbstractSpinBox, QComboBox, QTabBar, QLineEdit)


def ancestors(widget: QWidget, root: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def unnamed(root: QWidget) -> list[str]:
    """Controls without an accessible name (parts of a spin box, combo box or tab bar aside)."""
    out = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS):
            continue
        if (
            widget.objectName().startswith("qt_")
            or isinstance(widget, QHeaderView)
            or any(isinstance(a, PARTS_OF) for a in ancestors(widget, root))
        ):
            continue  # Qt's own parts, named by the control they belong to
        if not widget.accessibleName().strip():
            out.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}")
    return out


def test_every_control_has_an_accessible_name(qtbot, services: Services) -> None:
    """Print, each capture form, the confirmation and the records: no control goes unnamed."""
    window: ConsentWindow = open_window(qtbot, services)
    assert unnamed(window) == []
    for form in ("publicity", "quote", "guardian"):
        start(qtbot, window, form)
        assert unnamed(window) == [], form
        window.capture_view._on_change_clicked()
    window.tabs.setCurrentIndex(RECORDS_TAB)
    qtbot.waitUntil(window.records_view.refresh_button.isEnabled)  # the records are read
    assert unnamed(window) == []


def test_long_texts_wrap_without_sideways_scrolling(qtbot, services: Services) -> None:
    """Every label with more than a few words wraps; scroll areas never scroll sideways."""
    window = open_window(qtbot, services)
    start(qtbot, window, "guardian")
    window.resize(640, 700)
    labels = [label for label in window.findChildren(QLabel) if len(label.text()) > 60]
    assert labels and all(label.wordWrap() for label in labels)
    for area in window.findChildren(QScrollArea):
        if area.isVisible() and area.widget() is not None:
            assert area.widget().minimumSizeHint().width() <= area.viewport().width()
