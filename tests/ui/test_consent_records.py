"""The records of consents: the table, one consent's decisions and history, withdrawals."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, QSortFilterProxyModel

from app.core.consent.decisions import status
from app.core.consent.form import ConsentForm, ConsentRecord, ConsentStore, Subject, Withdrawal
from app.core.consent.templates import bundled_forms_dir, load_templates
from app.core.packs import Pack
from app.ui.consent.records_model import RecordsModel, make_row
from app.ui.consent.window import RECORDS_TAB, ConsentWindow
from app.ui.context import Services
from tests.ui import driver
from tests.ui.test_consent_print import open_window

GRANTED = ["media.photo", "media.video", "channels.website", "channels.linkedin"]


def recorded(
    pack: Pack, name: str, event: str = "Open day", when: str = "2026-06-12T10:15:00+01:00"
) -> ConsentRecord:
    """A publicity consent with four purposes granted, stored in this test's log."""
    form = ConsentForm(
        pack,
        load_templates(bundled_forms_dir())["publicity"],
        {"event": event, "date": "2026-06-12"},
    )
    record = form.make_record(
        subject=Subject(name, "m-1", "Volunteer"),
        granted=GRANTED,
        method="in-app typed name",
        operator="Sam Patel",
        recorded_at=when,
        form_id="IET-PUB-7K3M-Q9XD",
    )
    ConsentStore().record(record)
    return record


def show_records(qtbot, window: ConsentWindow, count: int) -> None:
    window.tabs.setCurrentIndex(RECORDS_TAB)
    qtbot.waitUntil(lambda: window.records_view.model.rowCount() == count)


def test_a_withdrawal_is_added_and_nothing_is_overwritten(
    qtbot, services: Services, iet_pack: Pack
) -> None:
    """Withdrawing two purposes: they count as refused now; the history keeps both events."""
    record = recorded(iet_pack, "Siân Llewelyn-Jones")
    window = open_window(qtbot, services)
    show_records(qtbot, window, 1)
    view = window.records_view
    view.table.selectRow(0)
    assert "granted 4 of" in view.detail_heading.text()
    driver.click(qtbot, view.withdraw_button)
    panel = view.panel
    assert panel.isVisible() and sorted(panel.purposes) == sorted(GRANTED)
    driver.click(qtbot, panel.scope.button(1))
    driver.click(qtbot, panel.purposes["media.video"])
    driver.click(qtbot, panel.purposes["channels.linkedin"])
    panel.channel.setCurrentIndex(panel.channel.findText("e-mail"))
    driver.type_text(qtbot, panel.note, "Prefers not to be filmed")
    driver.type_text(qtbot, panel.operator, "Comms officer")
    driver.click(qtbot, panel.save_button)
    qtbot.waitUntil(lambda: "withdrawn by" in view.history.text())

    store = ConsentStore()
    history = store.history(record.record_id)
    assert [e.kind for e in history] == ["record", "withdrawal"]
    assert ConsentRecord.from_dict(history[0].payload) == record  # nothing overwritten
    assert store.current(record.record_id).granted() == ["media.photo", "channels.website"]
    [withdrawal] = store.withdrawals(record.record_id)
    assert withdrawal.scope == ("media.video", "channels.linkedin")
    assert (withdrawal.channel, withdrawal.withdrawn_by) == ("e-mail", "subject")
    assert withdrawal.note == "Prefers not to be filmed" and withdrawal.operator == "Comms officer"
    text = view.history.text()
    assert "consent given" in text and "withdrawn by the person themselves, e-mail" in text
    assert "Video (film) of me" in text
    assert (
        "granted 2 of" in view.detail_heading.text()
        and "partly withdrawn" in view.detail_heading.text()
    )
    assert view.decisions.text().count(">Ticked<") == 4  # as given, beside how it stands now


def test_withdrawing_everything_shows_as_withdrawn(
    qtbot, services: Services, iet_pack: Pack
) -> None:
    """ "Everything" withdraws every purpose; the status says withdrawn."""
    record = recorded(iet_pack, "Ada Lovelace")
    window = open_window(qtbot, services)
    show_records(qtbot, window, 1)
    view = window.records_view
    view.table.selectRow(0)
    driver.click(qtbot, view.withdraw_button)
    driver.type_text(qtbot, view.panel.operator, "Comms officer")
    driver.click(qtbot, view.panel.save_button)
    qtbot.waitUntil(lambda: view.model.rows and view.model.rows[0].status == "withdrawn")
    assert ConsentStore().current(record.record_id).granted() == []
    assert not view.withdraw_button.isEnabled()


def test_a_withdrawal_needs_its_scope_and_who_recorded_it(
    qtbot, services: Services, iet_pack: Pack
) -> None:
    """ "Only these" with nothing ticked, or no name, is explained; nothing is appended."""
    record = recorded(iet_pack, "Ada Lovelace")
    window = open_window(qtbot, services)
    show_records(qtbot, window, 1)
    view = window.records_view
    view.table.selectRow(0)
    driver.click(qtbot, view.withdraw_button)
    driver.click(qtbot, view.panel.scope.button(1))
    driver.click(qtbot, view.panel.save_button)
    assert "Tick what is withdrawn" in view.panel.problems.text()
    assert "Type your name" in view.panel.problems.text()
    assert [e.kind for e in ConsentStore().history(record.record_id)] == ["record"]


def test_the_search_box_filters_the_table(qtbot, services: Services, iet_pack: Pack) -> None:
    """Typing part of a name or event leaves only the matching consents."""
    recorded(iet_pack, "Siân Llewelyn-Jones", "Open day")
    recorded(iet_pack, "Ada Lovelace", "Faraday lecture", "2026-06-13T10:15:00+01:00")
    window = open_window(qtbot, services)
    show_records(qtbot, window, 2)
    view = window.records_view
    assert view.count.text() == "2 consents recorded."
    driver.type_text(qtbot, view.search, "faraday")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 0).data() == "Ada Lovelace"
    assert view.count.text() == "1 of 2 consents match the search."


def test_the_records_model_passes_the_model_tester(qtmodeltester, iet_pack: Pack) -> None:
    """The table model keeps Qt's model rules, with rows in it."""
    store = ConsentStore()
    today = date(2026, 7, 1)
    rows = []
    for name in ("Siân Llewelyn-Jones", "Ada Lovelace"):
        record = recorded(iet_pack, name)
        rows.append(
            make_row(
                store.current(record.record_id), record, store.history(record.record_id), [], today
            )
        )
    model = RecordsModel({"publicity": "publicity"})
    model.set_rows(rows)
    qtmodeltester.check(model)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("ada")
    qtmodeltester.check(proxy)
    assert model.index(0, 5).data() == "granted 4 of 13"


def test_status_lines(iet_pack: Pack) -> None:
    """Granted n of m, partly withdrawn, withdrawn, refused, due for review."""
    record = recorded(iet_pack, "Ada Lovelace")
    total = len(record.decisions)
    today = date(2026, 7, 1)
    assert status(record, [], today) == f"granted 4 of {total}"
    partly = Withdrawal(record.record_id, "2026-06-20T09:00:00+01:00", "e-mail", ("media.photo",))
    store = ConsentStore()
    store.withdraw(partly)
    assert (
        status(store.current(record.record_id), [partly], today)
        == f"granted 3 of {total}, partly withdrawn"
    )
    assert (
        status(record, [], date.fromisoformat(record.expires_on) + timedelta(days=1))
        == "due for review"
    )
    everything = Withdrawal(record.record_id, "2026-06-21T09:00:00+01:00", "letter", "all")
    store.withdraw(everything)
    assert status(store.current(record.record_id), [partly, everything], today) == "withdrawn"


def test_the_withdrawal_panel_opens_in_view_with_the_officers_name(
    qtbot, services: Services, iet_pack: Pack
) -> None:
    """With Sam's name given once in this window, the withdrawal panel opens in view with it."""
    from tests.ui.test_consent_capture import start

    recorded(iet_pack, "Ada Lovelace")
    window = open_window(qtbot, services)
    window.resize(900, 480)  # a small laptop screen: the panel starts below the fold
    start(qtbot, window, "publicity")
    show_records(qtbot, window, 1)
    view = window.records_view
    view.table.selectRow(0)
    driver.click(qtbot, view.withdraw_button)
    viewport = view.detail.viewport()

    def in_view() -> bool:  # the panel's first field wholly on screen, not cut off
        date = view.panel.date
        return viewport.rect().contains(date.rect().translated(date.mapTo(viewport, QPoint())))

    qtbot.waitUntil(in_view, timeout=250)  # at once, not after the person scrolls
    assert view.panel.operator.text() == "Sam Patel, volunteering officer"
