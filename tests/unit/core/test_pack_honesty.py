"""Packs tell the truth: only the policy text is required, every duty cites a real clause
or says it is good practice, every contact can be reached, and the text renders as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.core import paths
from app.core.onboarding import flow
from app.core.onboarding.session import Identity
from app.core.packs import GOOD_PRACTICE_NOTE, check_pack, load_pack, review_notice
from tests.pack_builder import write_pack

BUNDLED = paths.bundled_packs_dir()


def messages(folder: Path) -> list[str]:
    return [f"{p.file.name}:{p.line}: {p.message}" for p in check_pack(folder)]


def test_a_pack_with_only_policy_text_contacts_and_a_declaration_is_complete(
    tmp_path: Path,
) -> None:
    """No quiz, questionnaire or checklist: the pack loads with none of them."""
    pack = load_pack(write_pack(tmp_path / "short"))
    assert (pack.quiz, pack.questions, pack.checklist) == ((), (), ())


def test_the_steps_leave_out_what_the_pack_does_not_have(tmp_path: Path) -> None:
    """An account holder reading a short pack goes from the sections straight to review."""
    pack = load_pack(write_pack(tmp_path / "short"))
    identity = Identity(role="Volunteer", runs_account=True)
    keys = [s.key for s in flow.steps_for(pack, identity)]
    assert keys == ["organisation", "identity", "section:posting", "review", "sign", "done"]


def test_a_clause_that_is_not_in_the_policy_is_refused_with_its_line(tmp_path: Path) -> None:
    """A checklist item credited to clause 9.9 of a two-clause policy is refused."""
    folder = write_pack(
        tmp_path / "p",
        extra_toml='\n[[checklist]]\nid = "x"\nclause = "9.9"\nstatement = "Something."\n',
    )
    line = folder.joinpath("pack.toml").read_text().splitlines().index('clause = "9.9"') + 1
    assert messages(folder) == [
        f"pack.toml:{line}: clause '9.9' is not in the policy: give a section number, a "
        "sub-clause numbered in the text (**5.4**) or a section title, or set "
        "good_practice = true"
    ]


def test_an_item_with_neither_a_clause_nor_good_practice_is_refused(tmp_path: Path) -> None:
    """A quiz question must say where its answer comes from."""
    folder = write_pack(
        tmp_path / "p",
        extra_toml='\n[[quiz]]\nid = "q"\nquestion = "Q?"\nchoices = ["a", "b"]\n'
        'correct_choice = 1\nexplanation = "Because."\n',
    )
    assert any("'quiz[1].clause' is missing" in m for m in messages(folder))


def test_a_clause_and_good_practice_together_are_refused(tmp_path: Path) -> None:
    """Good practice is never also credited to a clause."""
    folder = write_pack(
        tmp_path / "p",
        extra_toml='\n[[checklist]]\nid = "x"\nclause = "1.1"\ngood_practice = true\n'
        'statement = "Something."\n',
    )
    assert any("not both" in m for m in messages(folder))


def test_a_contact_without_any_route_is_refused(tmp_path: Path) -> None:
    """'Marketing: the Head of Marketing' alone gives nobody a way to reach them."""
    folder = write_pack(tmp_path / "p")
    toml = folder / "pack.toml"
    toml.write_text(toml.read_text().replace('web = "https://www.example.org/contact"\n', ""))
    assert messages(folder) == [
        f"pack.toml:{toml.read_text().splitlines().index('[[contacts]]') + 1}: contact "
        "'Club secretary' has no way to reach it: give at least one of 'email' (a shared "
        "address), 'phone', 'address' or 'web'"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fine.\n\n<div>boxed</div>\n", "01-posting.md:3: raw HTML is not shown in the PDF"),
        ("Fine.\n\nSee ![logo](logo.png) here.\n", "01-posting.md:3: images cannot be part"),
        ("- [ ] a task\n", "01-posting.md:1: task-list boxes"),
    ],
)
def test_markdown_the_pdf_cannot_render_is_refused_with_the_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    """Raw HTML, images and task boxes are refused by pack check, never printed raw."""
    folder = write_pack(tmp_path / "p")
    (folder / "policy" / "01-posting.md").write_text(text + "\n**1.2** Own views.\n")
    (problem,) = messages(folder)
    assert problem.startswith(expected)


def test_tables_and_good_practice_pass_the_checker(tmp_path: Path) -> None:
    """A pack with a Markdown table, good-practice items and a pass mark is good."""
    assert messages(write_pack(tmp_path / "p", extras=True)) == []


def test_a_pass_mark_above_the_number_of_questions_is_refused(tmp_path: Path) -> None:
    """pass_mark 4 of 3 questions cannot be reached."""
    folder = write_pack(tmp_path / "p", extras=True)
    toml = folder / "pack.toml"
    toml.write_text(toml.read_text().replace("pass_mark = 2", "pass_mark = 4"))
    assert any("it must be between 1 and 3" in m for m in messages(folder))


def test_good_practice_is_labelled_as_such(tmp_path: Path) -> None:
    """An item marked good practice carries the note, a cited one its clause."""
    pack = load_pack(write_pack(tmp_path / "p", extras=True))
    labels = {item.id: item.source.label for item in pack.checklist}
    assert labels == {"privacy": "clause 1.1", "two-factor": GOOD_PRACTICE_NOTE}


def test_iom3_account_security_is_good_practice_not_a_clause(iom3_pack) -> None:
    """IOM3's policy has no password, two-factor or phishing rules: none is credited to it."""
    cited = {i.id for i in iom3_pack.checklist if not i.good_practice}
    assert cited == {"privacy-settings"}


def test_iet_password_manager_and_devices_are_good_practice(iet_pack) -> None:
    """Clause 8.4 says neither 'password manager' nor 'devices'."""
    good = {i.id for i in iet_pack.checklist if i.good_practice}
    assert good == {"separate-passwords", "devices"}


@pytest.mark.parametrize("pack_id", ["iet", "iom3"])
def test_no_declaration_claims_rules_the_checklist_does_not_cite(pack_id: str) -> None:
    """The declaration never commits anyone to 'the account-security rules I have been shown'."""
    pack = load_pack(BUNDLED / pack_id)
    assert not [s for s in pack.declaration if "rules I have been shown" in s]


def test_every_iom3_contact_has_a_route(iom3_pack) -> None:
    """Every IOM3 contact, press and risk of harm included, has the head office and website."""
    assert all(c.address and c.web for c in iom3_pack.contacts)


@pytest.mark.parametrize("pack_id", ["iet", "iom3"])
def test_bundled_quizzes_do_not_favour_one_position_or_the_longest(pack_id: str) -> None:
    """No position holds more than a third of the answers, the right one is rarely longest."""
    quiz = load_pack(BUNDLED / pack_id).quiz
    positions = [q.correct_index for q in quiz]
    longest = [q for q in quiz if len(q.choices[q.correct_index]) == max(map(len, q.choices))]
    assert max(positions.count(p) for p in set(positions)) <= len(quiz) // 3 + 1
    assert len(longest) <= len(quiz) // 4


@pytest.mark.parametrize("pack_id", ["iet", "iom3"])
def test_no_explanation_or_help_repeats_its_own_clause(pack_id: str) -> None:
    """'Clause 6.6: … (clause 6.6)' is gone: the source is added once, by the app."""
    pack = load_pack(BUNDLED / pack_id)
    texts = [(q.explanation, q.clause) for q in pack.quiz]
    texts += [(q.help, q.clause) for q in pack.questions]
    texts += [(i.help, i.clause) for i in pack.checklist]
    assert not [t for t, clause in texts if clause and f"clause {clause}".lower() in t.lower()]


def test_a_policy_past_its_review_date_says_so(iet_pack) -> None:
    """The IET's review was due by March 2025; on 1 April 2025 the notice appears."""
    assert "due to be reviewed by March 2025" in review_notice(iet_pack.policy, date(2025, 4, 1))


def test_a_policy_within_its_review_date_has_no_notice(iet_pack) -> None:
    """On the last day of March 2025 the review is not yet late."""
    assert review_notice(iet_pack.policy, date(2025, 3, 31)) == ""
