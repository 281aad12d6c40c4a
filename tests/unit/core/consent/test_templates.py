"""Consent-form templates: the bundled ones load; broken ones are reported as FILE:LINE."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.consent.templates import (
    bundled_forms_dir,
    check_templates,
    load_template,
    load_templates,
)
from app.core.problems import DataError

from .conftest import TEMPLATE_IDS, line_of


def _problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_template(path)
    return [str(p) for p in caught.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bundled_templates_are_valid() -> None:
    """The three templates that ship with Induct pass the checker, each with id and version."""
    assert check_templates(bundled_forms_dir()) == []
    templates = load_templates(bundled_forms_dir())
    assert sorted(templates) == sorted(TEMPLATE_IDS)
    for template in templates.values():
        assert template.kind == template.id
        assert template.version and template.date
        assert (
            template.version_label
            == f"Template {template.id}, version {template.version}, {template.date}"
        )


def test_bad_toml_names_file_and_line(forms_copy: Path) -> None:
    """A TOML syntax error is reported at its line."""
    path = forms_copy / "quote.toml"
    _edit(path, 'version = "1.2"', 'version = "1.2')
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:{line_of(path, 'version = ')}: not valid TOML")


def test_missing_field_is_reported_at_its_table(forms_copy: Path) -> None:
    """A block without its heading is reported at the [[blocks]] entry it belongs to."""
    path = forms_copy / "publicity.toml"
    _edit(path, 'heading = "1. What may be recorded"\n', "")
    (problem,) = _problems(path)
    block_line = line_of(path, 'id = "media"') - 1  # the [[blocks]] line above it
    assert problem == f"{path}:{block_line}: 'blocks[3].heading' is missing"


def test_unknown_key_is_reported_at_its_line(forms_copy: Path) -> None:
    """A misspelt key is an error at the line where it is written."""
    path = forms_copy / "guardian.toml"
    _edit(path, 'label = "Child\'s full name"', 'label = "Child\'s full name"\nlable = "x"')
    (problem,) = _problems(path)
    assert problem == f"{path}:{line_of(path, 'lable = ')}: unknown key 'blocks[1].fields[1].lable'"


def test_invalid_utf8_names_file_and_line(forms_copy: Path) -> None:
    """Bytes that are not UTF-8 are reported at their line."""
    path = forms_copy / "quote.toml"
    raw = path.read_bytes().replace(b'title = "Consent', b'title = "\xff Consent')
    path.write_bytes(raw)
    (problem,) = _problems(path)
    assert problem == (
        f"{path}:{line_of_bytes(raw, b'title = ')}: not valid UTF-8 text "
        "(byte 0xff); save it as UTF-8"
    )


def line_of_bytes(raw: bytes, needle: bytes) -> int:
    return raw[: raw.index(needle)].count(b"\n") + 1


def test_unknown_placeholder_is_reported(forms_copy: Path) -> None:
    """A misspelt {placeholder} would print as typed: it is an error at its key's line."""
    path = forms_copy / "publicity.toml"
    _edit(
        path,
        "Questions about your personal data: {dp_contact}.",
        "Questions about your personal data: {dp_contacts}.",
    )
    paragraphs = line_of(path, "{dp_contacts}") - 1  # the `paragraphs = [` line
    assert _problems(path) == [
        f"{path}:{paragraphs}: unknown placeholder {{dp_contacts}}; docs/forms.md lists the "
        "ones a template can use",
        f"{path}:1: the template never uses {{dp_contact}}; every consent form must show it",
    ]


def test_a_template_must_name_the_controller_and_the_ico_route(forms_copy: Path) -> None:
    """Dropping a placeholder a consent form must show (C1, C6) is an error."""
    path = forms_copy / "publicity.toml"
    _edit(path, "registered charity {charity_numbers}; ", "")
    problems = _problems(path)
    assert problems == [
        f"{path}:1: the template never uses {{charity_numbers}}; every consent form must show it"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "publicity.toml",
            'type = "do_not_photograph"',
            'type = "text"',
            'needs one block of type "do_not_photograph"',
        ),
        (
            "publicity.toml",
            'default = "no-name"',
            'default = "full-name"',
            'the default is "no-name"',
        ),
        (
            "guardian.toml",
            'type = "child_agreement"',
            'type = "text"',
            'a guardian form needs a block of type "child_agreement"',
        ),
        (
            "guardian.toml",
            'role = "guardian"',
            'role = "subject"',
            'a guardian form needs a signer with role "guardian"',
        ),
        (
            "quote.toml",
            'id = "quote"\ntype = "free_text"',
            'id = "words"\ntype = "free_text"',
            'a quote form needs a "free_text" block with id "quote"',
        ),
    ],
)
def test_each_kind_keeps_what_it_must_have(
    forms_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    """The rules per kind (P5, P6, G6, G11, Q1) are enforced on load."""
    path = forms_copy / file
    _edit(path, old, new)
    assert any(message in p for p in _problems(path)), _problems(path)


def test_wrong_types_and_values_are_all_reported(forms_copy: Path) -> None:
    """One pass reports every problem: a bad date, a bad kind, a number as text."""
    path = forms_copy / "quote.toml"
    _edit(path, 'date = "2026-12-01"', 'date = "1 Dec 2026"')
    _edit(path, 'kind = "quote"', 'kind = "quotation"')
    _edit(path, "lines = 5", 'lines = "seven"')
    problems = _problems(path)
    assert any("'date' is '1 Dec 2026'; write it as YYYY-MM-DD" in p for p in problems)
    assert any("'kind' is 'quotation'" in p for p in problems)
    assert any(
        p.startswith(
            f"{path}:{line_of(path, 'lines = ')}: 'blocks[2].lines' must be a whole number"
        )
        for p in problems
    )


def test_check_templates_reports_every_broken_file_and_duplicates(forms_copy: Path) -> None:
    """The folder check names each broken file; load_templates keeps the good ones."""
    (forms_copy / "broken.toml").write_text("id = ", encoding="utf-8")
    (forms_copy / "copy.toml").write_text(
        (forms_copy / "quote.toml").read_text("utf-8"), encoding="utf-8"
    )
    problems = [str(p) for p in check_templates(forms_copy)]
    assert any(p.startswith(f"{forms_copy / 'broken.toml'}:1: not valid TOML") for p in problems)
    assert any("template id 'quote' is also used by" in p for p in problems)
    assert sorted(load_templates(forms_copy)) == sorted(TEMPLATE_IDS)


def test_check_templates_on_a_missing_or_empty_folder(tmp_path: Path) -> None:
    """A wrong folder gets one clear line, not a traceback."""
    assert "no such folder" in str(check_templates(tmp_path / "nope")[0])
    assert "no templates" in str(check_templates(tmp_path)[0])
