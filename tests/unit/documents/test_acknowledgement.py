"""The acknowledgement PDF, read back with poppler as a reader would see it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.clock import readable
from app.core.onboarding.acknowledgement import AcknowledgementRecord, build_record
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack

from .conftest import APP_VERSION
from .pdftools import flat, pdf_text, poppler, squash

Render = Callable[[AcknowledgementRecord], Path]
RecordFor = Callable[..., AcknowledgementRecord]


@pytest.mark.parametrize(
    "name",
    [
        "Siân Llewelyn-Jones",
        "Gwenllïan ap Dafydd",
        "Zażółć Gęślą-Jaźń",
        "Αλέξανδρος Παπαδόπουλος",
        "Анна Кузнецова",
    ],
)
def test_names_in_any_script_round_trip(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render, name: str
) -> None:
    """A name in Welsh, Polish, Greek or Cyrillic reads back exactly as typed."""
    path = render_pdf(record_for(iet_pack, full_name=name))
    first_page = pdf_text(path, 1, 1)
    assert re.search(rf"Full name\s+{re.escape(name)}\n", first_page)
    assert name in pdf_text(path)


def test_markup_characters_in_a_name_print_literally(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """A name with an apostrophe, angle brackets, an ampersand and quotes prints as typed."""
    name = 'O\'Brien <Ltd> & "Sons"'
    text = pdf_text(render_pdf(record_for(iet_pack, full_name=name)))
    assert re.search(rf"Full name\s+{re.escape(name)}\n", text)
    assert f"Person: {name}" in text
    assert "&amp;" not in text and "&quot;" not in text and "&#39;" not in text


@pytest.mark.parametrize("pack_name", ["iet_pack", "iom3_pack"])
def test_both_packs_render_the_whole_record(
    pack_name: str, request: pytest.FixtureRequest, record_for: RecordFor, render_pdf: Render
) -> None:
    """Title, organisation, policy, person, sections with times and the policy text appear."""
    pack: Pack = request.getfixturevalue(pack_name)
    record = record_for(pack)
    text = flat(pdf_text(render_pdf(record)))
    assert f"Acknowledgement of the {pack.policy.title}" in text
    assert pack.organisation.legal_name in text
    for number in pack.organisation.charity_numbers:
        assert number in text
    assert f"Version {pack.policy.version}" in text
    assert flat(pack.policy.source) in text
    for label in ("sian@example.org", "Membership number 1234567", "Role Volunteer", "Under 18 No"):
        assert label in text
    for section in record.sections:
        assert section.heading in text
        assert readable(section.acknowledged_at) in text
    assert "The policy as acknowledged" in text
    last_words = flat(re.sub(r"[*_`#>\[\]]|\(http\S+\)", "", record.sections[-1].text))[-60:]
    assert last_words in text


def test_hashes_of_the_policy_and_every_section_appear(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """The whole-policy SHA-256, each section's SHA-256 and how to recompute them are printed."""
    record = record_for(iet_pack)
    text = pdf_text(render_pdf(record))
    assert squash(record.policy_sha256) in squash(text)
    for section in record.sections:
        assert squash(section.sha256) in squash(text)
    assert "How to recompute these" in text
    assert f"Session {record.session_id}" in flat(text)


def test_quiz_score_and_explanation_of_the_wrong_answer(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """The score line, and for the wrong answer the correct one and its explanation."""
    record = record_for(iet_pack)
    text = flat(pdf_text(render_pdf(record)))
    total = len(iet_pack.quiz)
    assert f"{total - 1} of {total} answered correctly" in text
    wrong = next(q for q in record.quiz if not q.is_correct)
    assert f"Answer given: {wrong.chosen} — ✗ Not correct" in text
    assert f"Correct answer: {wrong.correct_answer}" in text
    assert flat(wrong.explanation) in text


def test_refused_handle_is_shown_with_its_reason(
    iet_pack: Pack, completed_session: Callable, render_pdf: Render
) -> None:
    """An @handle containing "IET" shows as refused, with the rule's message."""
    question = next(
        q for q in iet_pack.questions if any(r.check == "not_contains_acronym" for r in q.rules)
    )
    rule = next(r for r in question.rules if r.check == "not_contains_acronym")
    session: OnboardingSession = completed_session(iet_pack)
    session.questionnaire[question.id] = "@IET_Cardiff"
    text = flat(pdf_text(render_pdf(build_record(iet_pack, session, APP_VERSION))))
    assert f"{question.prompt} (clause {question.clause}) Answer: @IET_Cardiff" in text
    assert f"Refused: {flat(rule.message)}" in text


def test_questionnaire_not_asked_when_the_person_runs_no_account(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """Without an account, one line says the questions were not asked, and none are shown."""
    text = flat(pdf_text(render_pdf(record_for(iet_pack, runs_account=False))))
    assert (
        "Not asked: Siân Llewelyn-Jones does not run, or plan to run, a social media "
        "account connected with The Institution of Engineering and Technology."
    ) in text
    assert iet_pack.questions[0].prompt not in text


def test_checklist_is_labelled_as_the_persons_own_statements(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """Checklist answers are called attestations, not verified facts, and each answer shows."""
    text = flat(pdf_text(render_pdf(record_for(iet_pack))))
    assert "own statements (attestations)" in text
    assert "have not been verified" in text
    assert "Not yet" in text


def test_disclaimer_declaration_and_signature_block(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """Disclaimer wording, every declared statement, and how and when it was signed."""
    record = record_for(iet_pack)
    text = flat(pdf_text(render_pdf(record)))
    assert f"“{flat(record.disclaimer_text)}”" in text
    assert f"(clause {record.disclaimer_clause})" in text
    for statement in record.declaration:
        assert flat(statement) in text
    assert "Typed name Siân Llewelyn-Jones" in text
    assert "Signed at 21 Nov 2026, 19:05:00 (UTC+01:00)" in text
    assert "Method Typed full name and the Sign button, with a drawn signature" in text
    assert f"App Induct {APP_VERSION}" in text


def test_statement_of_intent_shown_at_signing_is_printed(
    iet_pack: Pack, completed_session: Callable, render_pdf: Render
) -> None:
    """The signing statement shown at signing is printed right after the statements."""
    session: OnboardingSession = completed_session(iet_pack)
    assert session.signature is not None
    intent = "By typing my name and selecting Sign, I confirm the statements above."
    session.signature.statement = intent
    text = flat(pdf_text(render_pdf(build_record(iet_pack, session, APP_VERSION))))
    assert f"{flat(iet_pack.declaration[-1])} {intent} Signed Typed name" in text


def test_method_without_a_drawing(
    iet_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """With no drawn signature the method names only the typed name and button."""
    text = flat(pdf_text(render_pdf(record_for(iet_pack, drawn=False))))
    assert "Method Typed full name and the Sign button App" in text
    assert "Drawn signature" not in text


def test_senior_role_note(iom3_pack: Pack, record_for: RecordFor, render_pdf: Render) -> None:
    """A trustee's acknowledgement says the senior-role sections were read too."""
    text = flat(pdf_text(render_pdf(record_for(iom3_pack, role="Trustee"))))
    assert "Senior role. As Trustee" in text


def _without(word: str, value: object) -> object:
    """`value` with `word` replaced in every string inside it (dataclasses, tuples, lists)."""
    if isinstance(value, str):
        return re.sub(word, "permission", value, flags=re.IGNORECASE)
    if isinstance(value, tuple | list):
        return type(value)(_without(word, item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _without(word, getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


@pytest.mark.parametrize("pack_name", ["iet_pack", "iom3_pack"])
def test_the_document_never_calls_itself_consent(
    pack_name: str, request: pytest.FixtureRequest, record_for: RecordFor, render_pdf: Render
) -> None:
    """Induct's own wording and the metadata never say "consent" (REQUIREMENTS A9).

    The packs' own words (policy text, declaration) mention consent forms and are printed
    verbatim, so they are neutralised first: what remains is the document's own wording.
    """
    pack: Pack = request.getfixturevalue(pack_name)
    record = _without("consent", record_for(pack, under_18=True))
    assert isinstance(record, AcknowledgementRecord)
    path = render_pdf(record)
    assert "consent" not in pdf_text(path).lower()
    assert "consent" not in poppler("pdfinfo", path).lower()


def test_metadata(iet_pack: Pack, record_for: RecordFor, render_pdf: Render) -> None:
    """Title, author, creator and the document language are set."""
    path = render_pdf(record_for(iet_pack, full_name="Анна Кузнецова"))
    info = poppler("pdfinfo", path)
    title = f"Acknowledgement of the {iet_pack.policy.title}"
    assert re.search(rf"^Title:\s+{re.escape(title)}$", info, re.MULTILINE)
    assert re.search(r"^Author:\s+Анна Кузнецова$", info, re.MULTILINE)
    assert re.search(rf"^Creator:\s+Induct {APP_VERSION}$", info, re.MULTILINE)
    assert re.search(r"^Page size:.*\(A4\)$", info, re.MULTILINE)
    assert b"/Lang (en-GB)" in path.read_bytes()


def test_every_font_is_embedded_dejavu(
    iom3_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """pdffonts lists only embedded DejaVu Sans fonts, regular and bold at least."""
    path = render_pdf(record_for(iom3_pack, full_name="Αλέξανδρος Παπαδόπουλος"))
    rows = poppler("pdffonts", path).splitlines()[2:]
    assert rows
    names = set()
    for row in rows:
        cells = row.split()
        assert cells[-5] == "yes", row  # the "emb" column
        names.add(cells[0].split("+", 1)[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= names
    assert all(name.startswith("DejaVuSans") for name in names)


def test_footer_on_every_page(iet_pack: Pack, record_for: RecordFor, render_pdf: Render) -> None:
    """Each page ends with the organisation, the person's name and "Page N of M"."""
    path = render_pdf(record_for(iet_pack))
    pages = pdf_text(path).split("\f")[:-1]
    assert len(pages) > 5
    for number, page in enumerate(pages, 1):
        last_line = page.strip().splitlines()[-1]
        assert "The Institution of Engineering and Technology" in last_line
        assert "Siân Llewelyn-Jones" in last_line
        assert last_line.endswith(f"Page {number} of {len(pages)}")


def test_whole_policy_hash_can_be_recomputed_from_the_evidence_page(
    iom3_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """A volunteer's PDF lists every section hash, senior ones too, so the total checks out."""
    import hashlib

    record = record_for(iom3_pack, role="Volunteer")
    text = squash(pdf_text(render_pdf(record)))
    lines = []
    for section in iom3_pack.sections:
        assert squash(section.sha256) in text
        lines.append(f"{section.number}\t{section.title}\t{section.sha256}")
    recomputed = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    assert recomputed == record.policy_sha256 and squash(recomputed) in text
    assert "(fortrusteesandseniorrolesonly)" in text


def test_pdf_names_its_pack_and_session_for_later_import(
    iom3_pack: Pack, record_for: RecordFor, render_pdf: Render
) -> None:
    """The app can tell from the file which organisation and onboarding it belongs to."""
    from app.documents.metadata import induct_keywords

    record = record_for(iom3_pack)
    assert induct_keywords(render_pdf(record)) == {
        "kind": "acknowledgement",
        "pack": "iom3",
        "id": record.session_id,
    }
