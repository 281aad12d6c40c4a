"""Policy packs: the bundled ones load; broken ones are reported as FILE:LINE: message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core import paths
from app.core.packs import check_pack, discover_packs, load_pack, policy_hash, section_hash

BUNDLED = paths.bundled_packs_dir()


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the IET pack to break in different ways."""
    target = tmp_path / "packs" / "iet"
    shutil.copytree(BUNDLED / "iet", target)
    return target


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.mark.parametrize("pack_id", ["iet", "iom3"])
def test_bundled_packs_are_valid(pack_id: str) -> None:
    """Both packs that ship with Induct pass the checker."""
    assert check_pack(BUNDLED / pack_id) == []


def test_iet_pack_keeps_the_organisations_numbering(iet_pack) -> None:
    """IET sections carry the IET's own numbers and titles, in order."""
    numbered = [s.number for s in iet_pack.sections if s.number]
    assert numbered == [str(n) for n in range(1, 11)]
    assert iet_pack.section("s5").title == "Setting up social media"


def test_iet_pack_has_the_handle_rule(iet_pack) -> None:
    """The IET questionnaire refuses 'IET' in an X/Twitter handle, citing clause 5.4."""
    rules = [
        (q, r) for q in iet_pack.questions for r in q.rules if r.check == "not_contains_acronym"
    ]
    assert rules, "no handle rule"
    question, rule = rules[0]
    assert rule.value == "IET" and rule.severity == "block" and question.clause == "5.4"


def test_iom3_has_a_section_for_senior_roles_only(iom3_pack) -> None:
    """Trustees and senior roles read a section that volunteers do not."""
    volunteer = iom3_pack.sections_for("Volunteer")
    trustee = iom3_pack.sections_for("Trustee")
    senior_only = [s for s in trustee if s not in volunteer]
    assert senior_only and all(s.audience == "senior" for s in senior_only)
    assert iom3_pack.sections_for("Senior ASV") == trustee


def test_no_staff_names_or_personal_addresses_in_packs() -> None:
    """Contacts are roles and shared addresses; the staff named in the sources never appear."""
    names = ["timmis", "fabiola", "franco", "kovida", "mehra", "collette", "marriott"]
    for file in BUNDLED.rglob("*"):
        if file.is_file():
            text = file.read_text(encoding="utf-8").lower()
            assert not [n for n in names if n in text], file


def test_policy_hash_covers_every_section(iet_pack) -> None:
    """The whole-policy hash changes when any one section's text changes."""
    sections = list(iet_pack.sections)
    original = policy_hash(sections)
    changed = sections[3].__class__(**{**sections[3].__dict__, "sha256": section_hash("other")})
    sections[3] = changed
    assert policy_hash(sections) != original


def test_section_hash_ignores_line_ending_style() -> None:
    """A file saved with Windows line endings hashes the same as with Unix ones."""
    assert section_hash("a\r\nb\r\n") == section_hash("a\nb\n")


def test_bad_toml_names_file_and_line(pack_copy: Path) -> None:
    """A syntax error is reported at its line in pack.toml."""
    toml = pack_copy / "pack.toml"
    lines = toml.read_text(encoding="utf-8").splitlines()
    lines[4] = 'title = "unterminated'
    toml.write_text("\n".join(lines), encoding="utf-8")
    problems = check_pack(pack_copy)
    assert len(problems) == 1
    assert problems[0].file == toml and problems[0].line == 5
    assert "not valid TOML" in str(problems[0])


def test_missing_section_file_is_reported_at_its_file_line(pack_copy: Path) -> None:
    """A section whose Markdown file is missing points at the `file =` line that names it."""
    (pack_copy / "policy" / "05-setting-up.md").unlink()
    problems = check_pack(pack_copy)
    toml = pack_copy / "pack.toml"
    assert [str(p) for p in problems] == [
        f"{toml}:{line_of(toml, '05-setting-up.md')}: section file 'policy/05-setting-up.md' "
        f"was not found in {pack_copy}"
    ]


def test_missing_field_is_reported_at_its_table(pack_copy: Path) -> None:
    """A quiz entry without its explanation is reported at that [[quiz]] entry."""
    toml = pack_copy / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    start = text.index("[[quiz]]")
    explanation = text.index("explanation", start)
    end = text.index("\n", explanation)
    if text[explanation:end].count('"""'):
        end = text.index('"""', text.index('"""', explanation) + 3) + 3
    toml.write_text(text[:explanation] + text[end:], encoding="utf-8")
    problems = check_pack(pack_copy)
    assert len(problems) == 1
    assert problems[0].line == line_of(toml, "[[quiz]]")
    assert "'quiz[1].explanation' is missing" in problems[0].message


def test_invalid_utf8_names_file_and_line(pack_copy: Path) -> None:
    """A section file in another encoding is reported with the line of the first bad byte."""
    section = pack_copy / "policy" / "06-key-principles.md"
    raw = section.read_bytes().replace(b"\n", b"\nabc \xe9t\xe9\n", 1)
    section.write_bytes(raw)
    problems = check_pack(pack_copy)
    assert [(p.file, p.line) for p in problems] == [(section, 2)]
    assert "not valid UTF-8" in problems[0].message


def test_unknown_and_mistyped_keys_are_all_reported(pack_copy: Path) -> None:
    """Every problem comes out in one run: a typo'd key and a wrong type."""
    toml = pack_copy / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace("[policy]\n", '[policy]\ntitel = "typo"\n', 1)
    text = text.replace("schema = 1", 'schema = "one"', 1)
    toml.write_text(text, encoding="utf-8")
    messages = [p.message for p in check_pack(pack_copy)]
    assert "unknown key 'policy.titel'" in messages
    assert "'schema' must be a whole number" in messages


def test_quiz_answer_out_of_range(pack_copy: Path) -> None:
    """A correct_choice beyond the list of choices is refused with the range."""
    toml = pack_copy / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    start = text.index("correct_choice", text.index("[[quiz]]"))
    end = text.index("\n", start)
    toml.write_text(text[:start] + "correct_choice = 9" + text[end:], encoding="utf-8")
    problems = check_pack(pack_copy)
    assert len(problems) == 1 and "must be between 1 and" in problems[0].message
    assert problems[0].line == line_of(toml, "correct_choice = 9")


def test_missing_pack_toml(tmp_path: Path) -> None:
    """A folder without pack.toml says so."""
    (tmp_path / "empty").mkdir()
    problems = check_pack(tmp_path / "empty")
    assert "pack.toml is missing" in str(problems[0])


def test_a_broken_pack_does_not_hide_the_good_ones(pack_copy: Path, tmp_path: Path) -> None:
    """Discovery keeps every good pack and lists the broken folder with its problems."""
    (pack_copy / "pack.toml").write_bytes(b"\xff\xfe broken")
    catalogue = discover_packs([BUNDLED, tmp_path / "packs"])
    assert set(catalogue.packs) == {"iet", "iom3"}
    assert list(catalogue.broken) == [pack_copy]


def test_load_pack_returns_texts_and_hashes(iet_pack) -> None:
    """Every section has its text and a 64-hex-digit hash."""
    for section in iet_pack.sections:
        assert section.text and len(section.sha256) == 64
    assert load_pack(BUNDLED / "iet").policy_sha256 == iet_pack.policy_sha256
