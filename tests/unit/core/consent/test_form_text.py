"""ConsentForm: the template filled in from the pack, its purposes, hash, expiry and records."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from app.core.consent.form import (
    ConsentForm,
    ConsentingAdult,
    Subject,
    add_months,
    age_on,
    effective_decisions,
    new_form_ids,
)
from app.core.packs import Pack

from .conftest import PACK_IDS, TEMPLATE_IDS

FormFor = Callable[..., ConsentForm]
WHEN = "2026-06-12T10:15:00+01:00"


@pytest.mark.parametrize("pack_id", PACK_IDS)
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_placeholder_is_filled(form_for: FormFor, pack_id: str, template_id: str) -> None:
    """No {placeholder} is left in the text, and the pack's details are in it."""
    form = form_for(pack_id, template_id)
    assert "{" not in form.text and "}" not in form.text
    assert form.pack.organisation.legal_name in form.text
    assert form.pack.organisation.registered_address in form.text


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_one_purpose_per_channel_and_medium(
    form_for: FormFor, packs: dict[str, Pack], pack_id: str
) -> None:
    """Each channel of the pack and each medium is its own purpose with a stable key (C3)."""
    form = form_for(pack_id, "publicity")
    keys = [p.key for p in form.purposes]
    consent = packs[pack_id].consent
    assert consent is not None
    assert keys == [
        "media.photo",
        "media.video",
        "media.audio",
        *(f"channels.{c.key}" for c in consent.channels),
    ]
    assert len(set(keys)) == len(keys)


def test_the_hash_covers_the_exact_text(form_for: FormFor) -> None:
    """SHA-256 of the UTF-8 text; the event and date are part of it, the form ID is not."""
    plain = form_for("iet", "publicity")
    assert plain.sha256 == hashlib.sha256(plain.text.encode("utf-8")).hexdigest()
    assert form_for("iet", "publicity").sha256 == plain.sha256
    dated = form_for("iet", "publicity", event="Open day", date="2026-06-12")
    assert dated.sha256 != plain.sha256 and "Open day" in dated.text
    assert form_for("iom3", "publicity").sha256 != plain.sha256


def test_a_changed_template_wording_changes_the_hash(form_for: FormFor) -> None:
    """Rewording one paragraph gives another hash, so records know which text they refer to."""
    form = form_for("iet", "quote")
    block = form.template.blocks[-2]
    changed = replace(
        form.template,
        blocks=(
            *form.template.blocks[:-2],
            replace(block, heading="Other words"),
            form.template.blocks[-1],
        ),
    )
    assert ConsentForm(form.pack, changed).sha256 != form.sha256


def test_expiry_is_shown_as_a_date_or_as_months(form_for: FormFor) -> None:
    """A dated form shows its expiry date; an undated one says how long after signing (C10)."""
    dated = form_for("iet", "publicity", date="2026-06-12")
    assert dated.expires_on == date(2029, 6, 12)
    assert "12 June 2029 (36 months after 12 June 2026)" in dated.text
    undated = form_for("iom3", "publicity")
    assert undated.expires_on is None
    assert "36 months after the date this form is signed" in undated.text
    child = form_for("iet", "guardian", date="2026-06-12")
    assert "12 June 2027 (12 months after 12 June 2026), or the child's 18th birthday" in child.text


def test_a_childs_consent_ends_at_18_at_the_latest(form_for: FormFor) -> None:
    """Re-consent at 18 (G9): the expiry is the 18th birthday if that comes first."""
    form = form_for("iet", "guardian")
    assert form.expiry_for(date(2026, 6, 12), "2008-09-30") == date(2026, 9, 30)
    assert form.expiry_for(date(2026, 6, 12), "2015-01-01") == date(2027, 6, 12)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_a_bad_date_is_refused(form_for: FormFor) -> None:
    with pytest.raises(ValueError, match="write it as YYYY-MM-DD"):
        form_for("iet", "publicity", date="12/06/2026")


def test_a_record_has_one_decision_per_purpose(form_for: FormFor) -> None:
    """Granted and refused per purpose, never one yes/no (R4); the defaults apply (P5)."""
    form = form_for("iom3", "publicity", event="Materials Day", date="2026-06-12")
    record = form.make_record(
        subject=Subject("Ana Pérez", "m-1", "Volunteer"),
        granted=["media.photo", "channels.instagram"],
        method="in-app typed name",
        operator="Sam",
        recorded_at=WHEN,
        form_id="IOM3-PUB-AAAA-BBBB",
    )
    assert [(d.purpose_key, d.granted) for d in record.decisions][:4] == [
        ("media.photo", True),
        ("media.video", False),
        ("media.audio", False),
        ("channels.internal", False),
    ]
    assert len(record.decisions) == len(form.purposes)
    assert record.identification == "no-name"
    assert record.text_sha256 == form.sha256 and record.template_version == "1.2"
    assert record.privacy_notice_version == "effective from 25 May 2018"
    assert record.expires_on == "2029-06-12" and record.details["event"] == "Materials Day"
    assert record.granted() == ["media.photo", "channels.instagram"]


def test_do_not_photograph_records_every_purpose_refused(form_for: FormFor) -> None:
    """The global opt-out excludes every opt-in (P6): ticks are recorded as refused."""
    form = form_for("iet", "publicity")
    record = form.make_record(
        subject=Subject("A", "1"),
        granted=["media.photo"],
        do_not_photograph=True,
        method="paper form, scanned",
        operator="Sam",
        recorded_at=WHEN,
    )
    assert not any(d.granted for d in record.decisions)


def test_records_are_checked_against_the_form(form_for: FormFor) -> None:
    """Unknown purposes, options, methods, and a guardian form without its adult are refused."""
    form = form_for("iet", "quote")
    base = {
        "subject": Subject("A", "1"),
        "method": "signed PDF",
        "operator": "S",
        "recorded_at": WHEN,
    }
    with pytest.raises(ValueError, match=r"not purposes of this form: media\.photo"):
        form.make_record(granted=["media.photo"], **base)
    with pytest.raises(ValueError, match="not an option of 'attribution'"):
        form.make_record(granted=[], options={"attribution": "nickname"}, **base)
    with pytest.raises(ValueError, match="method must be one of"):
        form.make_record(granted=[], **{**base, "method": "a nod"})
    with pytest.raises(ValueError, match="has no UTC offset"):
        form.make_record(granted=[], **{**base, "recorded_at": "2026-06-12T10:15:00"})
    record = form.make_record(granted=[], **base)
    assert record.options == {"attribution": "anonymous", "editing": "exact"}
    guardian = form_for("iet", "guardian")
    with pytest.raises(ValueError, match="needs the consenting adult"):
        guardian.make_record(granted=[], **base)


def test_the_childs_objection_and_parents_disagreeing_override(form_for: FormFor) -> None:
    """G6 and G8: whatever the parent ticked, these count as no consent."""
    form = form_for("iet", "guardian")
    adult = ConsentingAdult("Marta Novák", "Mother", True)
    record = form.make_record(
        subject=Subject("Zoë", "c-1", dob="2014-03-02"),
        consenting_adult=adult,
        granted=["media.photo"],
        child_agreement=True,
        method="signed PDF",
        operator="S",
        recorded_at=WHEN,
    )
    assert record.granted() == ["media.photo"]
    assert replace(record, child_agreement=False).granted() == []
    assert replace(record, parental_disagreement=True).granted() == []
    no_pr = replace(record, consenting_adult=replace(adult, parental_responsibility=False))
    assert not any(d.granted for d in effective_decisions(no_pr))


def test_age_on_a_day() -> None:
    """Whole years, turning over on the birthday itself."""
    assert age_on("2008-06-12", date(2026, 6, 11)) == 17
    assert age_on("2008-06-12", date(2026, 6, 12)) == 18


def test_form_ids_are_unique_and_readable() -> None:
    """Pack, template and eight characters that cannot be misread (no I, L, O, U)."""
    ids = new_form_ids("iet", "publicity", 2000)
    assert len(set(ids)) == 2000
    assert all(len(i) == len("IET-PUB-7K3M-Q9XD") and i.startswith("IET-PUB-") for i in ids)
    assert not set("".join(i[8:] for i in ids)) & set("ILOU")
