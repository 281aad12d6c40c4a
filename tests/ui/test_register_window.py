"""The register window: rows from the register, search and filters, the countersign queue,
CSV export, the model tested, filtering off the UI thread, and the renewals-due notice."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget

from app.core.register.query import View
from app.core.register.status import RENEWAL_DUE, SUPERSEDED
from app.ui import main_window
from app.ui.context import Services
from app.ui.main_window import MainWindow
from app.ui.register.model import COLUMNS
from app.ui.register.window import RegisterWindow
from tests.ui.driver import click, type_text
from tests.unit.core.register.support import add_countersigned, countersign, fill, make_ack

TITLES = [title for title, _ in COLUMNS]


def open_register(qtbot, services: Services) -> RegisterWindow:
    """The register window, shown, once it has read the register."""
    window = RegisterWindow(services)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.view_updated, timeout=30000):
        window.show()
    return window


def after(qtbot, window: RegisterWindow, action: Callable[[], object]) -> None:
    """Do `action` and wait until the table shows its result."""
    with qtbot.waitSignal(window.view_updated, timeout=30000):
        action()


def column(window: RegisterWindow, title: str) -> list[str]:
    """What the table shows in one column, top to bottom, once every page has been read
    (pages past the first are read off the UI thread as they are shown)."""
    model, number = window.model, TITLES.index(title)
    for _ in range(1000):
        shown = [model.index(row, number).data() for row in range(model.rowCount())]
        if None not in shown:
            return shown
        QTest.qWait(10)
    raise AssertionError(f"the {title} column was still not read after 10 s")


@pytest.fixture
def filled(services: Services) -> Services:
    """A register of 240 acknowledgements over both packs, signed across the last 2 years."""
    fill(services.register, 240, start=datetime(2024, 12, 1, tzinfo=UTC), span_days=700)
    return services


def test_the_window_lists_every_acknowledgement_newest_first(qtbot, filled: Services) -> None:
    """Title, row count, newest signature at the top, statuses in words."""
    window = open_register(qtbot, filled)
    assert window.windowTitle() == "Induct — register"
    assert window.model.rowCount() == 240
    assert window.count_label.text() == "Showing 240 of 240 acknowledgements."
    signed = column(window, "Signed")
    assert signed == sorted(signed, reverse=True)
    assert set(column(window, "Status")) <= {"Signed", "Countersigned", "Superseded", "Renewal due"}
    assert set(column(window, "Organisation")) == {"IET", "IOM3"}
    assert window.due_banner.isVisible() and "due for renewal" in window.due_banner.text()


def test_search_and_each_filter_change_the_rows_shown(qtbot, filled: Services) -> None:
    """Typing a name, then choosing organisation, role, status and version narrows the table."""
    window = open_register(qtbot, filled)
    bar = window.filters
    after(qtbot, window, lambda: type_text(qtbot, bar.search, "novák"))
    names = column(window, "Person")
    assert names and all("Novák" in name for name in names) and len(names) < 240
    after(qtbot, window, bar.search.clear)
    assert window.model.rowCount() == 240

    def choose(combo: QComboBox, text: str) -> None:
        after(qtbot, window, lambda: combo.setCurrentIndex(combo.findText(text)))

    choose(bar.organisation, "IOM3")
    assert set(column(window, "Organisation")) == {"IOM3"}
    choose(bar.role, "Trustee")
    assert set(column(window, "Role")) == {"Trustee"}
    assert set(column(window, "Organisation")) == {"IOM3"}
    choose(bar.organisation, "All organisations")
    choose(bar.version, "1.4")
    assert set(column(window, "Version")) == {"1.4"}
    assert set(column(window, "Status")) == {"Superseded"}  # 1.5 is the IET's version now
    choose(bar.version, "All versions")
    choose(bar.status, "Countersigned")
    assert column(window, "Status") and set(column(window, "Status")) == {"Countersigned"}
    assert "" not in column(window, "Countersigned by")
    choose(bar.status, "Any status")
    after(qtbot, window, lambda: click(qtbot, bar.due_only))
    due = [window.model.row_at(n) for n in range(window.model.rowCount())]
    assert due and all(r.due and r.status in (SUPERSEDED, RENEWAL_DUE) for r in due)
    assert set(column(window, "Renew by")) == {"now"}
    assert window.count_label.text() == f"Showing {len(due)} of 240 acknowledgements."


def test_the_countersign_queue_shows_only_what_awaits_a_trustee(qtbot, filled: Services) -> None:
    """Signed, not countersigned, still current: that is the queue; toggled off, all return."""
    window = open_register(qtbot, filled)
    after(qtbot, window, lambda: click(qtbot, window.filters.queue_only))
    assert 0 < window.model.rowCount() < 240
    assert set(column(window, "Status")) == {"Signed"}
    assert set(column(window, "Countersigned by")) == {""}
    after(qtbot, window, lambda: click(qtbot, window.filters.queue_only))
    assert window.model.rowCount() == 240


def test_clicking_a_header_sorts_the_whole_register(qtbot, filled: Services) -> None:
    """Sorting by person is by every row, not just those on screen."""
    window = open_register(qtbot, filled)
    after(
        qtbot,
        window,
        lambda: window.table.sortByColumn(TITLES.index("Person"), Qt.SortOrder.AscendingOrder),
    )
    names = [name.casefold() for name in column(window, "Person")]
    assert names == sorted(names) and len(names) == 240


def test_export_writes_the_rows_shown_in_their_order(
    qtbot, filled: Services, tmp_path: Path
) -> None:
    """After filtering to IET trustees, the CSV holds exactly those rows, in the same order."""
    window = open_register(qtbot, filled)
    bar = window.filters
    after(qtbot, window, lambda: bar.organisation.setCurrentIndex(bar.organisation.findText("IET")))
    after(qtbot, window, lambda: bar.role.setCurrentIndex(bar.role.findText("Trustee")))
    target = tmp_path / "iet-trustees.csv"
    with qtbot.waitSignal(window.row_actions.exported, timeout=30000):
        window.row_actions.export_to(target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Person"] for r in rows] == column(window, "Person")
    assert {(r["Organisation"], r["Role"]) for r in rows} == {
        ("The Institution of Engineering and Technology", "Trustee")
    }
    assert f"Exported {len(rows)} rows to {target}." in window.message.text()


def test_the_model_passes_the_model_tester(qtbot, qtmodeltester, filled: Services) -> None:
    """Qt's own checks of a table model, on the loaded register."""
    window = open_register(qtbot, filled)
    qtmodeltester.check(window.model)


def test_filtering_runs_off_the_ui_thread(
    qtbot, filled: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding the first rows of a filter and order never runs on the UI thread."""
    threads: list[threading.Thread] = []
    real = View.page

    def watched(view: View, offset: int, *args) -> list:
        if offset == 0:
            threads.append(threading.current_thread())
        return real(view, offset, *args)

    monkeypatch.setattr(View, "page", watched)
    window = open_register(qtbot, filled)
    after(qtbot, window, lambda: window.filters.role.setCurrentIndex(1))
    after(qtbot, window, lambda: window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder))
    assert len(threads) >= 3
    assert threading.main_thread() not in threads


def test_rows_scrolled_to_are_read_off_the_ui_thread(
    qtbot, filled: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scrolling to the last rows reads their page on a worker, and then shows them."""
    threads: list[threading.Thread] = []
    real = View.page

    def watched(view: View, offset: int, *args) -> list:
        if offset:
            threads.append(threading.current_thread())
        return real(view, offset, *args)

    monkeypatch.setattr(View, "page", watched)
    window = open_register(qtbot, filled)
    window.table.scrollToBottom()
    last = window.model.index(window.model.rowCount() - 1, 0)
    qtbot.waitUntil(lambda: last.data() is not None)
    assert threads and threading.main_thread() not in threads


def test_a_row_shows_its_details_and_opens_its_file(
    qtbot, services: Services, opened: list[Path], tmp_path: Path
) -> None:
    """Choosing a row shows file and certificate; Open hands the file to the system."""
    pdf = tmp_path / "IET acknowledgement - Siân.pdf"
    pdf.write_bytes(b"%PDF-1.7 stand-in")
    ack = make_ack(1, person="Siân Llewelyn-Jones")
    services.register.add_acknowledgement(type(ack)(**{**ack.payload(), "file_path": str(pdf)}))
    window = open_register(qtbot, services)
    assert not window.open_button.isEnabled()
    window.table.selectRow(0)
    assert "Siân Llewelyn-Jones" in window.details.text() and str(pdf) in window.details.text()
    assert window.countersign_button.isEnabled()
    click(qtbot, window.open_button)
    assert opened == [pdf]
    pdf.unlink()
    click(qtbot, window.open_button)
    assert "no longer at" in window.message.text() and opened == [pdf]


def test_the_home_window_says_how_many_are_due(qtbot, services: Services) -> None:
    """Signed 13 months ago under a 12-month rule: the notice shows and opens the register."""
    today = services.clock().date()
    long_ago = datetime.combine(today - timedelta(days=400), datetime.min.time(), UTC)
    services.register.add_acknowledgement(make_ack(1, signed_at=long_ago))
    services.register.add_acknowledgement(make_ack(2, signed_at=long_ago + timedelta(days=380)))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.due_notice.isVisible(), timeout=30000)
    assert window.due_notice.text().startswith(
        "<b style='color:#b00020'>1 acknowledgement due for renewal</b> — "
    )
    assert "open the register" in window.due_notice.text()
    window.due_notice.linkActivated.emit("register")
    register_window = window.register_window
    assert register_window is not None
    qtbot.addWidget(register_window)
    qtbot.waitUntil(lambda: register_window.model.rowCount() == 2, timeout=30000)
    click(qtbot, window.register_button)
    assert register_window.isVisible()


def test_no_notice_when_nobody_is_due(
    qtbot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A current acknowledgement, countersigned: no notice on the home window."""
    counted: list[int] = []
    ack = make_ack(1, signed_at=datetime.combine(date(2026, 11, 1), datetime.min.time(), UTC))
    services.register.add_acknowledgement(ack)
    add_countersigned(services.register, countersign(ack))
    real = main_window.MainWindow._show_due_notice
    monkeypatch.setattr(
        main_window.MainWindow,
        "_show_due_notice",
        lambda self, due: (counted.append(due), real(self, due)),
    )
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: counted == [0], timeout=30000)
    assert window.due_notice.isHidden()


def test_every_register_control_is_named(qtbot, filled: Services) -> None:
    """Buttons, fields and lists in the register window all have accessible names."""
    window = open_register(qtbot, filled)
    for control in window.findChildren(QWidget):
        if isinstance(control, QAbstractButton | QLineEdit | QComboBox) and control.isVisible():
            name = QAccessible.queryAccessibleInterface(control).text(QAccessible.Text.Name)
            assert name.strip(), f"unnamed {type(control).__name__}"


def test_each_row_shows_whether_its_signature_is_trusted(qtbot, services: Services) -> None:
    """The Signature column: trusted, waiting for a trustee, or vouched for by one."""
    moment = datetime.now(UTC) - timedelta(days=30)
    trusted = make_ack(1, signed_at=moment)
    waiting = make_ack(2, signed_at=moment + timedelta(days=1), trusted=False)
    vouched = make_ack(3, signed_at=moment + timedelta(days=2), trusted=False)
    for ack in (trusted, waiting, vouched):
        services.register.add_acknowledgement(ack)
    add_countersigned(services.register, countersign(vouched))
    window = open_register(qtbot, services)
    shown = dict(zip(column(window, "Person"), column(window, "Signature"), strict=True))
    assert shown == {
        trusted.person: "Trusted",
        waiting.person: "Needs a trustee",
        vouched.person: "Vouched for by a trustee",
    }
