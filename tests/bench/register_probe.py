"""Started as its own process by test_register_bench: opens the register window on one
register file, searches for one person, sorts by name, scrolls to row 5,000, and prints what each took, the
longest the window stopped responding, and the process's peak memory, as JSON.

    python tests/bench/register_probe.py REGISTER.sqlite SEARCH
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.core import paths
from app.core.onboarding.session import SessionStore
from app.core.packs import discover_packs
from app.core.register.register import Register
from app.ui.context import Services
from app.ui.register.window import RegisterWindow
from tests.bench.startup_probe import peak_memory_kb


class Stalls:
    """The longest gap between ticks of a 5 ms timer: how long the window stopped responding."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()


STALLS: dict[str, float] = {}


def until(
    signal, action: Callable[[], object], stalls: Stalls | None = None, name: str = ""
) -> float:
    """Seconds from `action()` until `signal` fires and the window has painted."""
    if stalls:
        stalls.start()
        stalls.worst = 0.0
    loop = QEventLoop()
    signal.connect(loop.quit)
    began = time.perf_counter()
    action()
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)
    QApplication.processEvents()  # the paint of what was shown
    took = time.perf_counter() - began
    if stalls:
        stalls._tick()
        STALLS[name] = stalls.worst * 1000
    return took


def main(register_path: str, search: str) -> int:
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    services = Services(
        catalogue=discover_packs([paths.bundled_packs_dir()]),
        store=SessionStore(folder / "sessions"),
        output_dir=folder,
        register=Register(Path(register_path)),
    )
    stalls = Stalls()
    window = RegisterWindow(services)
    took = {"open": until(window.rows_shown, window.show, stalls, "open")}
    if window.loading or window._summary_pending:  # the count and the total, after the rows
        until(window.view_updated, lambda: None, stalls, "count")

    def search_for() -> None:
        window.filters.search.setText(search)
        window.filters.search.returnPressed.emit()

    took["filter"] = until(window.rows_shown, search_for, stalls, "filter")
    found = window.model.rowCount()
    window.filters.search.clear()
    window.filters.search.returnPressed.emit()
    until(window.view_updated, lambda: None)
    took["sort"] = until(
        window.rows_shown,
        lambda: window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder),
        stalls,
        "sort",
    )
    if window.loading:  # counted off the UI thread: the rows below the first page
        until(window.view_updated, lambda: None)
    # Further down: rows are read as they are shown.
    stalls.start()
    stalls.worst = 0.0
    window.table.scrollTo(window.model.index(5000, 0))
    QApplication.processEvents()
    began = time.perf_counter()
    target = window.model.index(5000, 0)
    while target.data() is None and time.perf_counter() - began < 60:  # read on a worker
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
    QApplication.processEvents()
    stalls._tick()
    STALLS["scroll"] = stalls.worst * 1000
    took["scroll"] = time.perf_counter() - began
    print(
        json.dumps(
            {
                **{k: v * 1000 for k, v in took.items()},
                "stalls": STALLS,
                "found": found,
                "rows": window.model.rowCount(),
                "peak_mb": peak_memory_kb() / 1024,
            }
        ),
        flush=True,
    )
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
