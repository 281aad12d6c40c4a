"""Started as its own process by test_startup_bench: shows one window, prints the wall-clock
time of its first paint and its peak memory so far, and quits. `induct-home`,
`induct-wizard` or `bare-wizard`."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget, QWizard, QWizardPage


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
    if which == "bare-wizard":
        window = QWizard()
        window.addPage(QWizardPage())
    else:
        from app.ui.application import default_services

        services = default_services()
        if which == "induct-home":
            from app.ui.main_window import MainWindow

            window = MainWindow(services)
        else:
            from app.ui.wizard import OnboardingWizard

            window = OnboardingWizard(services)
    window.show()  # painting happens in the event loop, after the filter is in place
    target = window.currentPage() if isinstance(window, QWizard) else window
    watcher = FirstPaint(target)
    app.installEventFilter(watcher)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
