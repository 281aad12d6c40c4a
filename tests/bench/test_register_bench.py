"""Benchmark: the register window over 100,000 acknowledgements against a bare baseline.

The baseline is what one would write first: the same rows through plain sqlite3 into a
QStandardItemModel, a QSortFilterProxyModel for search and sort, and a QTableView, all on
the UI thread. Each row is Induct / baseline for open, filter, sort (of the rows found)
and sort of all rows: the time until the table shows the result, and the longest the
window stopped responding meanwhile.

Run with `make bench` (or `pytest -s tests/bench`); not part of `make test`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from app.core import paths
from app.core.onboarding.session import SessionStore
from app.core.packs import discover_packs
from app.core.register.register import Register
from app.ui.context import Services
from app.ui.register.window import RegisterWindow
from tests.unit.core.register.support import fill

ROWS = 100_000
SEARCH = "novák"
BASELINE_SQL = """SELECT person, role, pack_id, policy_version, signed_at, email,
    membership_number FROM events WHERE kind = 'acknowledgement signed' ORDER BY seq"""


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

    @contextmanager
    def watch(self) -> Iterator[None]:
        self.last, self.worst = time.perf_counter(), 0.0
        self.timer.start()
        try:
            yield
        finally:
            self._tick()
            self.timer.stop()


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Register:
    book = Register(tmp_path_factory.mktemp("register") / "register.sqlite")
    fill(book, ROWS)
    return book


def timed(
    qtbot, action: Callable[[], object], done: Callable[[], bool], stalls: Stalls
) -> tuple[float, float]:
    """(seconds until `done()`, longest stall in seconds) for `action`, painting included."""
    with stalls.watch():
        began = time.perf_counter()
        action()
        qtbot.waitUntil(done, timeout=120_000)
        QApplication.processEvents()
        elapsed = time.perf_counter() - began
    return elapsed, stalls.worst


def test_open_filter_and_sort_100k(qtbot, register: Register, record_ratio, tmp_path: Path) -> None:
    """Open, search and sort in Induct's window and in the bare baseline, in the same run."""
    stalls = Stalls()
    services = Services(
        catalogue=discover_packs([paths.bundled_packs_dir()]),
        store=SessionStore(tmp_path / "sessions"),
        output_dir=tmp_path,
        register=register,
    )
    window = RegisterWindow(services)
    qtbot.addWidget(window)
    updates: list[int] = []
    window.view_updated.connect(updates.append)

    def waits_for(count: int) -> Callable[[], bool]:
        return lambda: len(updates) >= count

    ours = {"open": timed(qtbot, window.show, waits_for(1), stalls)}
    assert window.model.rowCount() == ROWS

    def search() -> None:
        window.filters.search.setText(SEARCH)
        window.filters.search.returnPressed.emit()

    ours["filter"] = timed(qtbot, search, waits_for(2), stalls)
    shown = window.model.rowCount()
    assert 0 < shown < ROWS
    ours["sort"] = timed(
        qtbot,
        lambda: window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder),
        waits_for(3),
        stalls,
    )
    window.filters.search.clear()
    window.filters.search.returnPressed.emit()
    qtbot.waitUntil(lambda: len(updates) >= 4 and window.model.rowCount() == ROWS, timeout=60_000)
    ours["sort all 100k"] = timed(
        qtbot,
        lambda: window.table.sortByColumn(1, Qt.SortOrder.AscendingOrder),
        waits_for(5),
        stalls,
    )

    view = QTableView()
    qtbot.addWidget(view)
    proxy = QSortFilterProxyModel()
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def bare_open() -> None:
        model = QStandardItemModel(0, 7, view)
        with closing(sqlite3.connect(register.path)) as db:
            for row in db.execute(BASELINE_SQL):
                model.appendRow([QStandardItem(str(value)) for value in row])
        proxy.setSourceModel(model)
        view.setModel(proxy)
        view.show()

    theirs = {"open": timed(qtbot, bare_open, lambda: proxy.rowCount() == ROWS, stalls)}
    theirs["filter"] = timed(
        qtbot, lambda: proxy.setFilterFixedString(SEARCH), lambda: proxy.rowCount() < ROWS, stalls
    )
    assert proxy.rowCount() == shown
    theirs["sort"] = timed(
        qtbot, lambda: proxy.sort(0, Qt.SortOrder.AscendingOrder), lambda: True, stalls
    )
    proxy.setFilterFixedString("")
    theirs["sort all 100k"] = timed(
        qtbot, lambda: proxy.sort(1, Qt.SortOrder.AscendingOrder), lambda: True, stalls
    )

    print()
    for step in ("open", "filter", "sort", "sort all 100k"):
        (ours_s, ours_stall), (theirs_s, theirs_stall) = ours[step], theirs[step]
        record_ratio(
            f"register, 100k rows: {step}",
            "Induct window",
            ours_s * 1000,
            "sqlite3 + QStandardItemModel",
            theirs_s * 1000,
        )
        record_ratio(
            f"register, 100k rows: longest freeze during {step}",
            "Induct window",
            ours_stall * 1000,
            "sqlite3 + QStandardItemModel",
            theirs_stall * 1000,
        )
        print(
            f"{step}: Induct {ours_s * 1000:.0f} ms (longest freeze {ours_stall * 1000:.0f} ms)"
            f" vs baseline {theirs_s * 1000:.0f} ms (freeze {theirs_stall * 1000:.0f} ms): "
            f"ratio {ours_s / theirs_s:.2f}"
        )
