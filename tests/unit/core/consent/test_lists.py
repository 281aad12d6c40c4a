"""The officers' lists from a real register: by event, due for review, photographer, person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from app.core.consent.form import ConsentForm, ConsentStore, Subject, Withdrawal
from app.core.consent.lists import by_event, due, person, photographer
from app.documents.consent.listing import render_listing
from tests.unit.documents.pdftools import flat, poppler

FormFor = Callable[..., ConsentForm]
ON = date(2026, 6, 12)


@pytest.fixture
def store(tmp_path: Path, form_for: FormFor) -> ConsentStore:
    """Four consents for the open day and one for another event."""
    store = ConsentStore(tmp_path / "register.sqlite")
    open_day = form_for("iet", "publicity", event="Open day", date="2026-06-12")

    def add(name: str, granted: list[str], ident: str = "no-name", **more: object) -> None:
        form = more.pop("form", open_day)
        store.record(
            form.make_record(  # type: ignore[union-attr]
                subject=Subject(name, f"m-{name}"), granted=granted, identification=ident,
                method="paper form, scanned", operator="Sam Patel",
                recorded_at="2026-06-12T10:00:00+01:00", form_id=f"IET-PUB-{len(name):04d}-AAAA",
                details={"contact": f"{name.split()[0].lower()}@example.org"}, **more,
            )
        )  # fmt: skip

    add("Priya Shah", ["media.photo", "channels.website"], "full-name")
    add("Tom Jones", ["media.photo"])
    add("=HYPERLINK(evil)", [], do_not_photograph=True)
    add("Ann Lee", ["media.video"], "first-name")
    add(
        "Bob Ray",
        ["media.photo"],
        form=form_for("iet", "publicity", event="Gala", date="2023-01-10"),
    )
    return store


def test_the_photographers_list_puts_who_must_not_be_photographed_first(
    store: ConsentStore,
) -> None:
    """Must-not first, then not named, then named; the other event's people are not there."""
    listing = photographer(store, "open day", ON)
    assert [(r[0], r[1], r[2]) for r in listing.rows] == [
        ("=HYPERLINK(evil)", "Do NOT photograph or film", ""),
        ("Tom Jones", "May photograph, do not name", ""),
        ("Ann Lee", "May photograph and name", "first name only"),
        ("Priya Shah", "May photograph and name", "full name"),
    ]


def test_a_withdrawal_moves_a_person_to_must_not_photograph(store: ConsentStore) -> None:
    """Tom withdraws everything: the photographer's list says not to photograph him."""
    (tom,) = store.find_by_form_id("IET-PUB-0009-AAAA")
    store.withdraw(Withdrawal(tom.record_id, "2026-06-12T11:00:00+01:00", "e-mail", "all"))
    rows = {r[0]: r[1] for r in photographer(store, "Open day", ON).rows}
    assert rows["Tom Jones"] == "Do NOT photograph or film"


def test_the_csv_is_formula_safe(store: ConsentStore) -> None:
    """A name that starts like a formula is written as text, with a leading apostrophe."""
    text = by_event(store, "Open day", ON).csv_text()
    assert "'=HYPERLINK(evil)" in text.splitlines()[1]


def test_consents_due_for_review_are_the_expired_ones_still_granting(store: ConsentStore) -> None:
    """The gala's consent (2023, 36 months) has expired by June 2026; the others have not."""
    listing = due(store, ON)
    assert [(r[0], r[4], r[5]) for r in listing.rows] == [
        ("Bob Ray", "2026-01-10", "expired: ask again or stop using")
    ]


def test_everything_for_one_person_shows_withdrawals_in_order(store: ConsentStore) -> None:
    """Found by e-mail: the consent, two withdrawals oldest first, then how it stands."""
    (priya,) = store.find_by_form_id("IET-PUB-0010-AAAA")
    store.withdraw(
        Withdrawal(priya.record_id, "2026-06-13T09:00:00+01:00", "e-mail", ("channels.website",))
    )
    store.withdraw(Withdrawal(priya.record_id, "2026-06-20T09:00:00+01:00", "in person", "all"))
    listing = person(store, "priya@example.org", ON)
    assert [r[2] for r in listing.rows] == [
        "consent recorded (paper form, scanned)",
        "withdrawn (e-mail)",
        "withdrawn (in person)",
        "as it stands",
    ]


def test_one_person_is_found_by_form_id_typed_loosely(store: ConsentStore) -> None:
    """A form ID in small letters finds the one consent made from that form."""
    assert {r[1] for r in person(store, "iet-pub-0010-aaaa", ON).rows} == {"Priya Shah"}


def test_the_printed_photographers_list_has_40_people_a_page(
    tmp_path: Path, form_for: FormFor
) -> None:
    """Ninety people print on three pages: 40, 40 and 10, each page with its header."""
    store = ConsentStore(tmp_path / "register.sqlite")
    form = form_for("iet", "publicity", event="Open day", date="2026-06-12")
    for n in range(90):
        store.record(
            form.make_record(
                subject=Subject(f"Person {n:02d}", f"m-{n}"), granted=["media.photo"],
                method="paper form, scanned", operator="Sam",
                recorded_at="2026-06-12T10:00:00+01:00",
            )
        )  # fmt: skip
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(render_listing(photographer(store, "Open day", ON)))
    pages = [flat(poppler("pdftotext", "-f", str(n), "-l", str(n), pdf, "-")) for n in (1, 2, 3)]
    counts = [page.count("Person ") for page in pages]
    assert (counts, all("Photographer's list: Open day" in p for p in pages)) == (
        [40, 40, 10],
        True,
    )
