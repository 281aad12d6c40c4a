"""The acknowledgement record as JSON: versioned, read back whole, and checkable by anyone."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import pytest

from app.core.onboarding.acknowledgement import AcknowledgementRecord, build_record
from app.core.onboarding.record import (
    SCHEMA,
    SCHEMA_VERSION,
    RecordError,
    from_bytes,
    hash_problems,
    to_bytes,
    to_data,
)
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack

APP_VERSION = "0.1.0"


@pytest.fixture
def under_18_record(
    completed_session: Callable[..., OnboardingSession], iet_pack: Pack
) -> AcknowledgementRecord:
    session = completed_session(iet_pack, under_18=True)
    who = session.identity
    who.guardian_name, who.guardian_relationship = "Rhiannon Llewelyn", "Mother"
    who.guardian_email = "rhiannon@example.org"
    return build_record(iet_pack, session, APP_VERSION)


def test_the_record_reads_back_equal_to_what_was_written(
    under_18_record: AcknowledgementRecord,
) -> None:
    """Every fact (sections, quiz, answers, guardian, drawing) survives the JSON form."""
    assert from_bytes(to_bytes(under_18_record)) == under_18_record


def test_the_record_names_its_schema_and_version(under_18_record: AcknowledgementRecord) -> None:
    """A reader years later knows what it holds: schema name, version, app version."""
    data = json.loads(to_bytes(under_18_record))
    assert (data["schema"], data["schema_version"], data["app_version"]) == (
        SCHEMA,
        SCHEMA_VERSION,
        APP_VERSION,
    )


def test_the_guardians_words_are_in_the_record(under_18_record: AcknowledgementRecord) -> None:
    """The guardian's name, relationship, e-mail and exact declaration are part of it."""
    guardian = to_data(under_18_record)["guardian"]
    assert guardian["name"] == "Rhiannon Llewelyn" and guardian["relationship"] == "Mother"
    assert guardian["email"] == "rhiannon@example.org"
    assert guardian["declaration"][0] == (
        "I am Siân Llewelyn-Jones's mother and I have parental responsibility for them."
    )
    assert guardian["signing_statement"].startswith("By typing my name and selecting Sign")


def test_a_newer_schema_version_is_refused_by_name(under_18_record: AcknowledgementRecord) -> None:
    """A record from a newer Induct is not guessed at: the message names the version."""
    data = to_data(under_18_record) | {"schema_version": 2}
    with pytest.raises(RecordError, match="schema version 2; this Induct reads version 1"):
        from_bytes(json.dumps(data).encode())


def test_a_missing_field_is_named(under_18_record: AcknowledgementRecord) -> None:
    """A damaged record says which field it lacks, with its place in the record."""
    data = to_data(under_18_record)
    del data["quiz"][1]["chosen"]
    with pytest.raises(RecordError, match=r"no field 'quiz\[1\]\.chosen'"):
        from_bytes(json.dumps(data).encode())


def test_a_field_of_the_wrong_kind_is_named(under_18_record: AcknowledgementRecord) -> None:
    """A true/false field holding text is refused, naming the field."""
    data = to_data(under_18_record)
    data["person"]["under_18"] = "yes"
    with pytest.raises(RecordError, match=r"'person\.under_18' is not true or false"):
        from_bytes(json.dumps(data).encode())


def test_text_that_is_not_json_says_where(under_18_record: AcknowledgementRecord) -> None:
    """Broken JSON is reported with its line, never a traceback."""
    with pytest.raises(RecordError, match="not valid JSON \\(line 2"):
        from_bytes(b'{\n "schema": ,\n}')


def test_the_hashes_recompute_from_the_record_and_the_pack_files(
    under_18_record: AcknowledgementRecord, iet_pack: Pack
) -> None:
    """As docs/record.md says: hash each section file, then the tab-separated lines."""
    data = to_data(under_18_record)
    by_id = {s.id: s for s in iet_pack.sections}
    lines = []
    for entry in data["policy_sections"]:
        text = by_id[entry["id"]].text.replace("\r\n", "\n").rstrip()
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert digest == entry["sha256"], entry["id"]
        lines.append(f"{entry['number']}\t{entry['title']}\t{digest}")
    whole = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    assert whole == data["policy"]["sha256"] == iet_pack.policy_sha256
    assert hash_problems(under_18_record, iet_pack) == []


def test_a_section_text_changed_in_the_record_no_longer_matches_its_hash(
    under_18_record: AcknowledgementRecord,
) -> None:
    """Editing the text kept in the record is caught by recomputing its hash."""
    data = to_data(under_18_record)
    data["sections_read"][0]["text"] += "\nOne more sentence."
    problems = hash_problems(from_bytes(json.dumps(data).encode()))
    assert problems == [
        f"section {under_18_record.sections[0].heading}: its text does not match its hash"
    ]
