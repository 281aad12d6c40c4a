"""The officers' lists in the window: the photographer's list shown, saved, printed."""

from __future__ import annotations

from pathlib import Path

from app.core.packs import Pack
from app.ui.consent.window import LISTS_TAB
from app.ui.context import Services
from tests.ui import driver
from tests.ui.test_consent_print import open_window
from tests.ui.test_consent_records import recorded
from tests.unit.documents.pdftools import flat, poppler


def test_the_photographers_list_is_shown_saved_and_printable(
    qtbot, services: Services, iet_pack: Pack, tmp_path: Path
) -> None:
    """Two people at the open day: listed with what the photographer may do, as CSV and PDF."""
    recorded(iet_pack, "Ada Lovelace")
    recorded(iet_pack, "=cmd|' /C calc'!A0", when="2026-06-12T10:20:00+01:00")
    window = open_window(qtbot, services)
    window.tabs.setCurrentIndex(LISTS_TAB)
    view = window.lists_view
    assert view.query.currentText() == "Open day"  # the event recorded, offered
    driver.click(qtbot, view.show_button)
    shown = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert (view.title.text(), sorted(shown)) == (
        "Photographer's list: Open day",
        sorted(["Ada Lovelace", "=cmd|' /C calc'!A0"]),
    )
    view.save_csv(tmp_path / "list.csv")
    assert "\n'=cmd|" in tmp_path.joinpath("list.csv").read_text(encoding="utf-8-sig")
    pdf = view.write_pdf(tmp_path / "list.pdf")
    assert "Ada Lovelace May photograph, do not name" in flat(
        poppler("pdftotext", "-layout", pdf, "-")
    )


def test_a_person_is_asked_for_before_listing(qtbot, services: Services) -> None:
    """The one-person list with nothing typed asks for a name, e-mail or form ID."""
    window = open_window(qtbot, services)
    window.tabs.setCurrentIndex(LISTS_TAB)
    view = window.lists_view
    view.kind.setCurrentIndex(view.kind.findData("person"))
    driver.click(qtbot, view.show_button)
    assert view.message.text() == "Type the person's name, e-mail or form ID."
