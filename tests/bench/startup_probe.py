"""Started as its own process by test_startup_bench: shows one window, prints the wall-clock
time of its first paint and its peak memory so far, and quits. `induct-home` (Induct's
home window, as `induct` starts it) or `bare-home` (a bare QMainWindow with the same five
buttons, each a bold title and a line under it)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

BUTTONS = (
    ("Onboarding", "Read your organisation's policy and sign your acknowledgement."),
    ("Check or countersign a signed PDF", "See who signed and countersign as a trustee."),
    ("Register", "Who acknowledged which version, who is due to renew."),
    ("Organisation keys", "Create the organisation root and export the kit."),
    ("Consent forms", "Print consent forms and record consents and withdrawals."),
)


def bare_home() -> QMainWindow:
    """The simplest window with the home window's title, notice, five buttons and footer."""
    window = QMainWindow()
    window.resize(720, 480)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.addWidget(QLabel("<h1>Induct</h1>"))
    for title, detail in BUTTONS:
        button = QPushButton()
        inner = QVBoxLayout(button)
        heading = QLabel(title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        inner.addWidget(heading)
        line = QLabel(detail)
        line.setWordWrap(True)
        inner.addWidget(line)
        button.setMinimumHeight(inner.sizeHint().height() + 8)
        layout.addWidget(button)
    layout.addStretch(1)
    layout.addWidget(QLabel("works offline"))
    window.setCentralWidget(central)
    return window


def peak_memory_kb() -> int:
    """This process's own peak resident memory (VmHWM starts afresh at exec, unlike the
    ru_maxrss a parent reads, which inherits the parent's peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class FirstPaint(QObject):
    """Notes the first paint of the target or anything inside it (a page wholly covered by
    its children is never painted itself)."""

    def __init__(self, target: QWidget) -> None:
        super().__init__()
        self.target = target
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            not self.done
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self.target or self.target.isAncestorOf(watched))
        ):
            self.done = True
            print(f"{time.time():.6f} {peak_memory_kb()}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main(which: str) -> int:
    app = QApplication(sys.argv[:1])
    if which == "bare-home":
        window = bare_home()
    else:
        from app.ui.application import default_services
        from app.ui.main_window import MainWindow

        window = MainWindow(default_services())
    window.show()  # painting happens in the event loop, after the filter is in place
    target = window.currentPage() if isinstance(window, QWizard) else window
    watcher = FirstPaint(target)
    app.installEventFilter(watcher)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
