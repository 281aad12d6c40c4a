"""Forged signatures never make facts in the register: a self-signed "trustee" is not a
countersignature, a self-signed key in Alice's name does not supersede her acknowledgement,
and a session id swapped after signing is refused. What the CSV says is checked too."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from app.core.register.export import csv_text
from app.core.register.importing import ADDED, REFUSED, import_file
from app.core.register.kinds import ACKNOWLEDGED, IMPORTED
from app.core.register.register import Register
from app.core.register.status import COUNTERSIGNED as COUNTERSIGNED_STATUS
from app.core.register.status import (
    NEEDS_TRUSTEE,
    SIGNED,
    SUPERSEDED,
    TRUSTED,
    VOUCHED_FOR,
    RowFilter,
    rules_for,
)
from app.signing.service import verify_pdf
from tests.forgery import forge_countersignature, swap_keywords, update
from tests.unit.signing.support import PERSON

from .conftest import MakeSigned
from .support import add_countersigned, make_ack
from .support import countersign as countersignature_of

TODAY = date(2026, 12, 1)
NOT_AUTHORISED = (
    "its signatures do not check out: Trustee (Trudy Trustee): not signed by a trustee the "
    "organisation has authorised."
)


def _csv(register: Register, iet_pack) -> list[dict[str, str]]:
    text = csv_text(register.snapshot(rules_for([iet_pack]), TODAY))
    return list(csv.DictReader(io.StringIO(text)))


def _forged_copy(pdf: Path) -> Path:
    copy = pdf.with_name(pdf.stem + " countersigned.pdf")
    shutil.copy(pdf, copy)
    forge_countersignature(copy)
    return copy


def test_a_self_signed_countersignature_of_a_trusted_file_is_refused(
    register: Register, make_signed: MakeSigned, iet_pack
) -> None:
    """Where the organisation's root is, a "trustee" it never listed breaks the file."""
    pdf, _ = make_signed(trusted=True)
    assert import_file(register, pdf, verify_pdf).outcome == ADDED
    result = import_file(register, _forged_copy(pdf), verify_pdf)
    assert (result.outcome, result.message) == (REFUSED, NOT_AUTHORISED)
    assert [e.kind for e in register.events()] == [IMPORTED, ACKNOWLEDGED]
    (row,) = _csv(register, iet_pack)
    assert (row["Status"], row["Countersigned by"]) == (SIGNED, "")


def test_a_self_signed_countersignature_of_an_unverified_file_is_refused(
    register: Register, make_signed: MakeSigned, iet_pack
) -> None:
    """Where no root vouches for anyone, the "trustee" still breaks the file: the row
    still needs a trustee and nobody is "countersigned by Trudy Trustee"."""
    pdf, _ = make_signed()
    assert import_file(register, pdf, verify_pdf).outcome == ADDED
    result = import_file(register, _forged_copy(pdf), verify_pdf)
    assert (result.outcome, result.message) == (REFUSED, NOT_AUTHORISED)
    assert [e.kind for e in register.events()] == [IMPORTED, ACKNOWLEDGED]
    (row,) = _csv(register, iet_pack)
    assert (row["Status"], row["Person's signature"], row["Countersigned by"]) == (
        SIGNED,
        NEEDS_TRUSTEE,
        "",
    )


def test_a_self_signed_countersignature_seen_first_adds_nothing(
    register: Register, make_signed: MakeSigned
) -> None:
    """The forged copy arriving first is refused whole."""
    pdf, _ = make_signed()
    result = import_file(register, _forged_copy(pdf), verify_pdf)
    assert (result.outcome, result.message) == (REFUSED, NOT_AUTHORISED)
    assert register.count() == 0


def test_an_untrusted_countersignature_in_the_log_is_never_shown(
    register: Register, iet_pack
) -> None:
    """An event that says its countersignature was not trusted counts for nothing."""
    ack = make_ack(1, signed_at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    register.add_acknowledgement(ack)
    add_countersigned(register, countersignature_of(ack, trusted=False))
    (row,) = _csv(register, iet_pack)
    assert (row["Status"], row["Countersigned by"]) == (SIGNED, "")
    (shown,) = register.view(rules_for([iet_pack]), TODAY, RowFilter()).page(0)
    assert (shown.status, shown.countersigned_by) == (SIGNED, "")


def test_a_self_signed_key_in_alices_name_does_not_supersede_her(
    register: Register, make_signed: MakeSigned, iet_pack
) -> None:
    """Her genuine acknowledgement stays signed; the later forgery waits for a trustee."""
    genuine, _ = make_signed(trusted=True, folder="laptop")
    forged, _ = make_signed(trusted=False, folder="forger")  # same name and e-mail, later
    assert import_file(register, genuine, verify_pdf).outcome == ADDED
    assert import_file(register, forged, verify_pdf).outcome == ADDED
    rows = {r["File"]: r for r in _csv(register, iet_pack)}
    assert {r["Person"] for r in rows.values()} == {PERSON.name}
    assert [
        (rows[str(pdf.resolve())]["Status"], rows[str(pdf.resolve())]["Person's signature"])
        for pdf in (genuine, forged)
    ] == [(SIGNED, TRUSTED), (SIGNED, NEEDS_TRUSTEE)]


def test_a_trusted_countersignature_makes_it_the_persons_latest(
    register: Register, iet_pack
) -> None:
    """Once a trustee vouches for the later one, it supersedes the earlier."""
    earlier = make_ack(1, signed_at=datetime(2026, 10, 1, 10, 0, tzinfo=UTC))
    later = replace(
        make_ack(2, signed_at=datetime(2026, 11, 1, 10, 0, tzinfo=UTC), trusted=False),
        person=earlier.person,
        email=earlier.email,
    )
    register.add_acknowledgement(earlier)
    register.add_acknowledgement(later)
    view = register.view(rules_for([iet_pack]), TODAY, RowFilter(), "signed_at", False)
    assert [r.status for r in view.page(0)] == [SIGNED, SIGNED]
    add_countersigned(register, countersignature_of(later))
    view = register.view(rules_for([iet_pack]), TODAY, RowFilter(), "signed_at", False)
    assert [(r.status, r.signature_verdict) for r in view.page(0)] == [
        (SUPERSEDED, TRUSTED),
        (COUNTERSIGNED_STATUS, VOUCHED_FOR),
    ]
    assert register.verify_chain().ok


def test_the_csv_shows_each_signatures_verdict(
    register: Register, make_signed: MakeSigned, countersign, iet_pack
) -> None:
    """The person's signature and the countersignature, each in its own column."""
    genuine, _ = make_signed(trusted=True, folder="laptop")
    waiting, _ = make_signed(trusted=False, folder="forger")
    vouched = countersign(waiting)
    for pdf in (genuine, waiting, vouched):
        import_file(register, pdf, verify_pdf)
    rows = [(r["Person's signature"], r["Countersignature"]) for r in _csv(register, iet_pack)]
    assert sorted(rows) == [(TRUSTED, ""), (VOUCHED_FOR, TRUSTED)]


def test_a_session_id_swapped_after_signing_is_refused(
    register: Register, make_signed: MakeSigned
) -> None:
    """The information dictionary changed in a later revision breaks the signature: no
    second acknowledgement, nothing superseded."""
    pdf, _ = make_signed(trusted=True)
    assert import_file(register, pdf, verify_pdf).outcome == ADDED
    swapped = pdf.with_name("swapped.pdf")
    shutil.copy(pdf, swapped)
    update(swapped, swap_keywords)
    result = import_file(register, swapped, verify_pdf)
    assert result.outcome == REFUSED
    assert "the document was changed after this signature" in result.message
    assert [e.kind for e in register.events()] == [IMPORTED, ACKNOWLEDGED]


def test_a_record_naming_another_email_than_the_certificate_is_refused(
    register: Register, completed_session, iet_pack, store, tmp_path: Path
) -> None:
    """Who it is comes from the signing certificate: a record typed for someone else's
    address, signed with a key in PERSON's, adds nothing."""
    from app.core.onboarding.acknowledgement import PERSON_FIELD
    from app.signing.service import sign_pdf
    from tests.unit.signing.support import acknowledgement

    session = completed_session(iet_pack)
    session.identity.email = "alice@example.org"
    pdf = acknowledgement(iet_pack, session, tmp_path / "usb-stick")
    sign_pdf(pdf, PERSON_FIELD, PERSON, org_id="iet", typed_name=PERSON.name, store=store)
    result = import_file(register, pdf, verify_pdf)
    assert (result.outcome, result.message) == (
        REFUSED,
        "the e-mail address in its record (alice@example.org) is not the one in the person's "
        f"signing certificate ({PERSON.email}).",
    )
    assert register.count() == 0
