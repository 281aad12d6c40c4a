"""Capturing a consent in the app: the form's words, ticks, age rules, saving and signing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.consent.decisions import Age, parse_age
from app.core.consent.form import ConsentStore
from app.signing.service import verify_pdf
from app.ui.consent.capture_view import CaptureView
from app.ui.consent.window import CAPTURE_TAB, ConsentWindow
from app.ui.context import Services
from tests.ui import driver
from tests.ui.test_consent_print import open_window

ADULT = "Siân Llewelyn-Jones"
CHILD = "Zoë Ångström-Novák"
PARENT = "Марта Новак"


def start(qtbot, window: ConsentWindow, form: str, pack: str = "iet") -> CaptureView:
    """Set up the capture for an event and open the form on screen."""
    window.tabs.setCurrentIndex(CAPTURE_TAB)
    view = window.capture_view
    setup = view.setup_page
    setup.pack.setCurrentIndex(setup.pack.findData(pack))
    setup.choose(form)
    driver.type_text(qtbot, setup.event_name, "Open day")
    driver.type_text(qtbot, setup.receiver, "Sam Patel, volunteering officer")
    driver.click(qtbot, setup.start_button)
    assert view.stack.currentIndex() == 1 and view.view is not None
    return view


def save_and_sign(qtbot, view: CaptureView) -> None:
    """Select Save and sign: each signer signs with a one-off key, no passphrase asked."""
    driver.click(qtbot, view.save_button)
    qtbot.waitUntil(
        lambda: (
            view.stack.currentIndex() == 2
            or (view.save_button.isEnabled() and not view.progress.isVisible())
        ),
        timeout=30000,
    )
    assert view.stack.currentIndex() == 2, view.status.text()


def only_record():
    [record] = ConsentStore().records()
    return record


def test_an_adult_publicity_consent_is_recorded_signed_and_shown(qtbot, services: Services) -> None:
    """Each purpose is stored as ticked; the PDF carries the person's intact signature."""
    window = open_window(qtbot, services)
    view = start(qtbot, window, "publicity")
    form = view.view
    stamp = form.stamp_frame.version_line.text()
    assert stamp.count(form.form.sha256) == 1
    assert "Template publicity, version 1.2, 2026-12-01" in stamp
    assert all(not box.isChecked() for _, box in form.purposes.values())
    driver.type_text(qtbot, form.lines["name"], ADULT)
    form.role.setCurrentIndex(form.role.findText("Volunteer"))
    ticked = ["media.photo", "channels.website", "channels.linkedin"]
    for key in ticked:
        driver.click(qtbot, form.purposes[key][1])
    group, keys = form.choices["identification"]
    assert keys[group.checkedId()] == "no-name"  # the default (P5)
    driver.click(qtbot, group.button(keys.index("first-name")))
    driver.type_text(qtbot, form.signers["subject"].typed_name, ADULT)
    save_and_sign(qtbot, view)

    record = only_record()
    assert {d.purpose_key: d.granted for d in record.decisions} == {
        p.key: p.key in ticked for p in form.form.purposes
    }
    assert record.identification == "first-name" and record.subject.role == "Volunteer"
    assert record.text_sha256 == form.form.sha256 and record.template_version == "1.2"
    assert record.witness == "Sam Patel, volunteering officer"
    pdf = Path(record.attachment)
    assert pdf.is_file() and pdf.parent == services.output_dir / "Signed consent forms"
    [signature] = verify_pdf(pdf).signatures
    assert signature.field == "Person" and signature.intact and signature.unchanged_after
    shown = view.confirmation.facts.text()
    assert "publicity, version 1.2 (2026-12-01)" in shown and record.text_sha256 in shown
    assert record.expires_on in shown
    decisions = view.confirmation.decisions.text()
    assert decisions.count("Granted") == 3
    assert decisions.count("Refused") == len(form.form.purposes) - 3
    assert view.confirmation.signing.text() == "Digitally signed: Person."
    driver.click(qtbot, view.confirmation.records_button)
    records = window.records_view
    qtbot.waitUntil(lambda: ADULT in records.detail_heading.text())  # selected, with status
    assert records.detail_heading.text() == f"{ADULT}: granted 3 of {len(record.decisions)}"


def test_do_not_photograph_clears_and_disables_the_opt_ins(qtbot, services: Services) -> None:
    """Ticking it unticks every opt-in, greys them out and sets naming to no name (P6)."""
    window = open_window(qtbot, services)
    form = start(qtbot, window, "publicity").view
    photo_row, photo = form.purposes["media.photo"]
    driver.click(qtbot, photo)
    driver.click(qtbot, form.purposes["channels.website"][1])
    group, keys = form.choices["identification"]
    driver.click(qtbot, group.button(keys.index("full-name")))
    driver.click(qtbot, form.dnp)
    assert not any(box.isChecked() for _, box in form.purposes.values())
    assert not any(row.isEnabled() for row, _ in form.purposes.values())
    assert keys[group.checkedId()] == "no-name"
    assert not group.button(0).isEnabled()
    driver.click(qtbot, form.dnp)
    assert photo_row.isEnabled() and not photo.isChecked()


def test_a_childs_objection_refuses_every_purpose(qtbot, services: Services, clock) -> None:
    """Guardian form, a 15-year-old who says no: everything counts as refused (G6)."""
    window = open_window(qtbot, services)
    view = start(qtbot, window, "guardian")
    form = view.view
    today = clock().date()
    born = date(today.year - 15, 3, 1).isoformat()
    driver.type_text(qtbot, form.lines["name"], CHILD)
    driver.type_text(qtbot, form.lines["dob"], born)
    driver.type_text(qtbot, form.lines["group"], "St Albans Girls' School")
    driver.type_text(qtbot, form.lines["guardian-name"], PARENT)
    driver.type_text(qtbot, form.lines["relationship"], "Mother")
    driver.click(qtbot, form.confirms["parental-responsibility"])
    driver.type_text(qtbot, form.free_texts["safeguarding"], "None")
    for key in ("media.photo", "media.video", "channels.website"):
        driver.click(qtbot, form.purposes[key][1])
    assert "A child's objection overrides" in form.child.rule.text()
    driver.click(qtbot, form.child.group.button(0))
    assert "does not agree" in form.child.rule.text()
    driver.type_text(qtbot, form.signers["guardian"].typed_name, PARENT)
    save_and_sign(qtbot, view)

    record = only_record()
    assert record.child_agreement is False
    assert record.consenting_adult is not None and record.consenting_adult.name == PARENT
    assert record.subject.dob == born and record.details["safeguarding"] == "None"
    assert not any(d.granted for d in ConsentStore().current(record.record_id).decisions)
    original = ConsentStore().history(record.record_id)[0].payload["decisions"]
    assert [d["purpose_key"] for d in original if d["granted"]] == [
        "media.photo",
        "media.video",
        "channels.website",
    ]  # the ticks are kept as given
    assert "child does not agree" in view.confirmation.reason.text()
    assert "Granted" not in view.confirmation.decisions.text()
    [signature] = verify_pdf(Path(record.attachment)).signatures
    assert signature.field == "Guardian" and signature.intact


def test_a_child_on_the_publicity_form_is_sent_to_the_guardian_form(
    qtbot, services: Services
) -> None:
    """Age 12 on the adult form: Save refuses, and the guardian form opens with the name."""
    window = open_window(qtbot, services)
    view = start(qtbot, window, "publicity")
    form = view.view
    driver.type_text(qtbot, form.lines["name"], CHILD)
    driver.type_text(qtbot, form.lines["dob"], "12")
    assert "a parent or guardian must consent" in form.age_message.text()
    assert form.switch_button.isVisible()
    driver.click(qtbot, view.save_button)
    assert "use the parent or guardian form" in view.status.text()
    driver.click(qtbot, form.switch_button)
    assert view.view is not form and view.view.kind == "guardian"
    assert view.view.lines["name"].text() == CHILD and view.view.lines["dob"].text() == "12"
    assert ConsentStore().records() == []


def test_a_quote_under_18_asks_for_the_parent_too(qtbot, services: Services) -> None:
    """A 16-year-old's quote: the parent's details and signature are asked for as well (Q7)."""
    window = open_window(qtbot, services)
    view = start(qtbot, window, "quote", pack="iom3")
    form = view.view
    assert form.adult is not None and not form.adult.isVisible()
    assert [b.field for b in form.needed_signers()] == ["Person"]
    driver.type_text(qtbot, form.lines["name"], CHILD)
    form.role.setCurrentIndex(form.role.count() - 1)
    driver.type_text(qtbot, form.lines["dob"], "16")
    assert form.adult.isVisible()
    driver.type_text(qtbot, form.free_texts["quote"], "Engineering is for everyone.")
    driver.type_text(qtbot, form.adult.name, PARENT)
    driver.type_text(qtbot, form.adult.relationship, "Mother")
    driver.click(qtbot, form.adult.confirmed)
    driver.click(qtbot, form.purposes["channels.website"][1])
    driver.type_text(qtbot, form.signers["subject"].typed_name, CHILD)
    driver.type_text(qtbot, form.signers["guardian"].typed_name, PARENT)
    save_and_sign(qtbot, view)
    record = only_record()
    assert record.consenting_adult is not None and record.consenting_adult.relationship == "Mother"
    assert record.subject.age == 16 and record.granted() == ["channels.website"]
    assert record.details["quote"] == "Engineering is for everyone."
    fields = [s.field for s in verify_pdf(Path(record.attachment)).signatures]
    assert fields == ["Person", "Guardian"]


def test_missing_answers_are_listed_and_nothing_is_saved(qtbot, services: Services) -> None:
    """Save on an empty form lists what to fill in; no record, no PDF."""
    window = open_window(qtbot, services)
    view = start(qtbot, window, "publicity")
    driver.click(qtbot, view.save_button)
    problems = view.status.text()
    assert "Fill in “Full name”." in problems and "Fill in “Your role”." in problems
    assert ConsentStore().records() == []
    assert not (services.output_dir / "Signed consent forms").exists()


def test_the_form_can_be_filled_in_from_the_keyboard(qtbot, services: Services) -> None:
    """Tab from the name goes through every answer to Save and sign; nothing traps focus."""
    window = open_window(qtbot, services)
    view = start(qtbot, window, "guardian")
    form = view.view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    form.lines["name"].setFocus()
    seen = set()
    for _ in range(300):
        widget = driver.focused()
        seen.add(widget)
        if widget is view.save_button:
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    else:
        raise AssertionError("Tab never reaches Save and sign")
    boxes = [box for _, box in form.purposes.values()]
    assert all(box in seen for box in boxes)
    assert form.dnp in seen and form.signers["guardian"].typed_name in seen
    assert form.free_texts["safeguarding"] in seen


def test_ages_are_read_as_people_write_them() -> None:
    """30/09/2012, 2012-09-30 and 15 all work; anything else says how to write it."""
    on = date(2027, 9, 29)
    assert parse_age("30/09/2012", on) == Age("2012-09-30", 14)
    assert parse_age(" 2012-09-30 ", on) == Age("2012-09-30", 14)
    assert parse_age("15", on) == Age("", 15) and parse_age("", on) == Age()
    for bad in ("next May", "31/02/2012", "2030-01-01"):
        try:
            parse_age(bad, on)
        except ValueError as error:
            assert "date" in str(error)
        else:
            raise AssertionError(bad)
