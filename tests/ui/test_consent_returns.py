"""Returned paper forms in the window: scans dropped on it, each form found by its QR code,
its ticks recorded beside the scanned page, the scan kept; typed IDs and flags."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.core.consent.batches import BatchLog
from app.core.consent.form import ConsentStore
from app.core.consent.templates import bundled_forms_dir, load_templates
from app.core.packs import Pack
from app.documents.consent.form import build_batch
from app.ui.consent.window import RETURNS_TAB, ConsentWindow
from app.ui.context import Services
from tests.ui import driver
from tests.ui.test_consent_print import open_window
from tests.unit.documents.pdftools import poppler


def _printed_and_scanned(
    window: ConsentWindow, pack: Pack, folder: Path, copies: int
) -> list[Path]:
    """A batch printed from this window's register, then scanned back as PNG pages."""
    template = load_templates(bundled_forms_dir())["publicity"]
    (pdf,) = build_batch(
        pack, template, event="Open day", date="2026-06-12", copies=copies, out_dir=folder,
        log=BatchLog.beside(window.store.path),
    )  # fmt: skip
    poppler("pdftoppm", "-r", "150", "-gray", "-png", pdf, folder / "scan")
    return sorted(folder.glob("scan-*.png"))


def _drop(window: ConsentWindow, paths: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    window.dropEvent(event)


def test_dropped_scans_are_found_and_recorded_beside_the_scan(
    qtbot, services: Services, iet_pack: Pack, tmp_path: Path
) -> None:
    """Two forms dropped: both listed; one recorded from its ticks, with its scan's hash."""
    window = open_window(qtbot, services)
    scans = _printed_and_scanned(window, iet_pack, tmp_path, 2)
    _drop(window, scans)
    view = window.returns_view
    qtbot.waitUntil(lambda: view.list.count() == 2, timeout=20000)
    assert window.tabs.currentIndex() == RETURNS_TAB
    assert view.scan_label.pixmap() is not None and not view.scan_label.pixmap().isNull()
    form = view.view
    assert form is not None
    driver.type_text(qtbot, form.lines["name"], "Priya Shah")
    form.role.setCurrentIndex(0)  # type: ignore[union-attr]
    driver.click(qtbot, form.purposes["media.photo"][1])
    driver.type_text(qtbot, form.receiver, "Sam Patel, volunteering officer")  # type: ignore[arg-type]
    driver.click(qtbot, view.save_button)
    qtbot.waitUntil(lambda: "Recorded for Priya Shah" in view.save_status.text(), timeout=20000)
    (record,) = ConsentStore().find_by_form_id(view.current.form_id)  # type: ignore[union-attr]
    assert (record.method, record.granted(), len(record.scan_sha256)) == (
        "paper form, scanned",
        ["media.photo"],
        64,
    )
    assert view.list.item(0).text().startswith("✓ ")


def test_a_typed_form_id_that_was_never_printed_is_flagged(
    qtbot, services: Services, iet_pack: Pack
) -> None:
    """An ID no batch here printed is listed with the reason, and cannot be recorded."""
    window = open_window(qtbot, services)
    window.tabs.setCurrentIndex(RETURNS_TAB)
    view = window.returns_view
    driver.type_text(qtbot, view.typed_id, "iet-pub-7k3m-q9xd")
    driver.click(qtbot, view.find_button)
    assert "no batch printed here has this form ID" in view.list.item(0).text()
    assert not view.save_button.isEnabled()


def test_text_that_is_not_a_form_id_is_explained(qtbot, services: Services) -> None:
    """Typing something else says what a form ID looks like."""
    window = open_window(qtbot, services)
    view = window.returns_view
    driver.type_text(qtbot, view.typed_id, "hello")
    driver.click(qtbot, view.find_button)
    assert "is not a form ID" in view.status.text() and view.list.count() == 0


def test_ticks_are_kept_when_moving_between_returned_forms(
    qtbot, services: Services, iet_pack: Pack, tmp_path: Path
) -> None:
    """A box ticked on the first form is still ticked after looking at the second."""
    window = open_window(qtbot, services)
    _drop(window, _printed_and_scanned(window, iet_pack, tmp_path, 2))
    view = window.returns_view
    qtbot.waitUntil(lambda: view.list.count() == 2, timeout=20000)
    assert view.view is not None
    driver.click(qtbot, view.view.purposes["media.video"][1])
    view.list.setCurrentRow(1)
    view.list.setCurrentRow(0)
    assert view.view.purposes["media.video"][1].isChecked()
