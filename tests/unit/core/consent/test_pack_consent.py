"""The packs' [consent] tables: the facts they hold, the age rules, and their errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from app.core import paths
from app.core.consent.settings import AgeRules
from app.core.packs import Pack, check_pack, load_pack

from .conftest import line_of


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    target = tmp_path / "packs" / "iom3"
    shutil.copytree(paths.bundled_packs_dir() / "iom3", target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_iom3_names_each_account_its_policy_lists(iom3_pack: Pack) -> None:
    """IOM3's four social accounts, each named, plus website, print, press, internal use."""
    consent = iom3_pack.consent
    assert consent is not None
    labels = [c.label for c in consent.channels]
    for account in (
        "LinkedIn",
        "Facebook",
        "Instagram account @iomthree",
        "X (formerly Twitter) @iom3",
    ):
        assert sum(account in label for label in labels) == 1, account
    assert {c.kind for c in consent.channels} >= {"internal", "website", "print", "press", "social"}
    assert consent.privacy_notice_version == "effective from 25 May 2018"


def test_iet_has_its_venue_video_wall_and_engx(iet_pack: Pack) -> None:
    """The IET's channels include the Savoy Place video wall (clause 2.6) and EngX (2.3)."""
    consent = iet_pack.consent
    assert consent is not None
    venue = [c for c in consent.channels if c.kind == "venue"]
    assert len(venue) == 1 and "video wall at Savoy Place" in venue[0].label
    assert any("EngX" in c.label for c in consent.channels)
    assert consent.withdrawal.email == "communications@theiet.org"
    assert consent.data_protection.phone and consent.data_protection.web


@pytest.mark.parametrize("pack_id", ["iet", "iom3"])
def test_consent_contacts_are_roles_not_people(pack_id: str) -> None:
    """Every consent contact is a role with a shared route; no personal e-mail address."""
    consent = load_pack(paths.bundled_packs_dir() / pack_id).consent
    assert consent is not None
    for contact in (consent.data_protection, consent.withdrawal, consent.complaints):
        assert contact.role and (contact.email or contact.phone or contact.address or contact.web)
        assert not contact.email or not re.match(r"^[a-z]+\.[a-z]+@", contact.email)
    assert consent.ages == AgeRules(guardian_required_under=18)


def test_age_rules() -> None:
    """Under 18 needs a guardian; an optional self-consent age; the child's agreement age."""
    default = AgeRules()
    assert default.needs_guardian(17) and not default.needs_guardian(18)
    assert default.asks_child(5) and not default.asks_child(18)
    assert default.adult_age == 18
    nspcc = AgeRules(guardian_required_under=18, self_consent_from=16, child_agreement_from=7)
    assert nspcc.needs_guardian(15) and not nspcc.needs_guardian(16)
    assert not nspcc.asks_child(6) and nspcc.asks_child(7) and not nspcc.asks_child(16)
    assert nspcc.adult_age == 16


def test_a_pack_without_consent_still_loads(pack_copy: Path) -> None:
    """[consent] is optional: onboarding works without it, forms are refused later."""
    toml = pack_copy / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text[
            : text.index(
                "# ---------------------------------------------------------------- consent forms"
            )
        ],
        encoding="utf-8",
    )
    pack = load_pack(pack_copy)
    assert pack.consent is None


def test_consent_errors_name_file_and_line(pack_copy: Path) -> None:
    """Wrong values in [consent] are reported where they are written, all in one pass."""
    toml = pack_copy / "pack.toml"
    _replace(toml, "months = 36", "months = 120")
    _replace(toml, 'key = "linkedin"', 'key = "website"')
    _replace(
        toml,
        'role = "IOM3 Marketing and Communications team"\n'
        'address = "297 Euston Road, London, NW1 3AD"\n',
        'role = "IOM3 Marketing and Communications team"\nemail = "not an address"\n',
    )
    _replace(toml, 'kind = "press"', 'kind = "newspaper"')
    problems = [str(p) for p in check_pack(pack_copy)]
    assert (
        f"{toml}:{line_of(toml, 'months = 120')}: 'consent.expiry.months' is 120; it must "
        "be between 1 and 60 months" in problems
    )
    assert any("channel key 'website' is used twice" in p for p in problems)
    assert (
        f"{toml}:{line_of(toml, 'not an address')}: 'not an address' is not an e-mail "
        "address" in problems
    )
    kind_line = line_of(toml, 'kind = "newspaper"')
    assert any(p.startswith(f"{toml}:{kind_line}: 'consent.channels[8].kind'") for p in problems)
    assert len(problems) == 4


def test_a_contact_needs_a_way_to_reach_it(pack_copy: Path) -> None:
    """A role alone is not a contact: at least one of email, phone, address, web."""
    toml = pack_copy / "pack.toml"
    _replace(
        toml,
        'role = "Data protection complaints, The Institute of Materials, Minerals '
        'and Mining"\naddress = "297 Euston Road, London, NW1 3AD"\n'
        'web = "https://www.iom3.org/privacy.html"\n',
        'role = "Data protection complaints"\n',
    )
    (problem,) = check_pack(pack_copy)
    assert problem.line == line_of(toml, "[consent.complaints]")
    assert "'consent.complaints' needs at least one way to reach it" in problem.message


def test_how_long_the_signed_form_is_kept_is_required(pack_copy: Path) -> None:
    """A pack that does not say how long it keeps signed forms is refused, at [consent.expiry]."""
    toml = pack_copy / "pack.toml"
    line = line_of(toml, "keep_signed_form_months")
    text = toml.read_text(encoding="utf-8").splitlines(keepends=True)
    toml.write_text("".join(text[: line - 1] + text[line:]), encoding="utf-8")
    (problem,) = check_pack(pack_copy)
    assert "keep_signed_form_months" in problem.message and "missing" in problem.message


def test_how_long_the_signed_form_is_kept_is_checked(pack_copy: Path) -> None:
    """Zero months is not a retention period: the line and the allowed range are named."""
    toml = pack_copy / "pack.toml"
    _replace(toml, "keep_signed_form_months = 12", "keep_signed_form_months = 0")
    (problem,) = check_pack(pack_copy)
    assert (problem.line, problem.message) == (
        line_of(toml, "keep_signed_form_months = 0"),
        "'consent.expiry.keep_signed_form_months' is 0; it must be between 1 and 60 months",
    )
