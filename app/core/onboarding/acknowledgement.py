"""The acknowledgement record: everything the signed PDF states, gathered from pack and session.

Plain data, so the PDF, the register and the review screen all show the same facts. The
record is embedded in the PDF as JSON (app.core.onboarding.record) and the printed pages
are drawn from it. It is an acknowledgement of a policy, never a consent.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.core.onboarding.quiz import rounds, shown_order
from app.core.onboarding.rules import RuleOutcome, evaluate
from app.core.onboarding.session import Identity, OnboardingSession, Signature
from app.core.packs import CHECKLIST_ANSWERS, Contact, Pack, PolicyInfo

PERSON_FIELD = "Person"
GUARDIAN_FIELD = "Guardian"
TRUSTEE_FIELD = "Trustee"

SIGNING_STATEMENT = (
    "By typing my name and selecting Sign, I confirm the statements above and sign this "
    "acknowledgement."
)
GUARDIAN_SIGNING_STATEMENT = (
    "By typing my name and selecting Sign, I sign this acknowledgement as their parent or guardian."
)


def guardian_declaration(child: str, relationship: str, policy: str) -> tuple[str, ...]:
    """What a parent or guardian declares above their signature, word for word."""
    return (
        f"I am {child}'s {(relationship or 'parent').lower()} and I have parental "
        "responsibility for them.",
        f"I have gone through the {policy} with {child}, and I support their acknowledgement "
        "of it.",
    )


def _heading(number: str, title: str) -> str:
    """The title as the organisation numbers it: "6. Key principles"."""
    return f"{number}. {title}" if number else title


@dataclass(frozen=True)
class SectionEvidence:
    """A section this person read: its text as shown, its hash and when it was ticked."""

    id: str
    number: str
    title: str
    text: str
    sha256: str
    acknowledged_at: str

    @property
    def heading(self) -> str:
        return _heading(self.number, self.title)


@dataclass(frozen=True)
class SectionHash:
    """One line of what the whole-policy hash covers, read by this person or not."""

    id: str
    number: str
    title: str
    sha256: str
    read_by_this_person: bool

    @property
    def heading(self) -> str:
        return _heading(self.number, self.title)


@dataclass(frozen=True)
class QuizEvidence:
    id: str
    question: str
    clause: str
    chosen: str
    correct_answer: str
    is_correct: bool
    explanation: str
    source: str = ""  # "clause 6.6", or the good-practice note
    shown_choices: tuple[str, ...] = ()  # in the order this person saw them
    attempts: tuple[tuple[int, str, bool], ...] = ()  # (round, answer given, right)


@dataclass(frozen=True)
class QuizRound:
    number: int
    asked: int
    right: int


@dataclass(frozen=True)
class TodoItem:
    """A checklist statement answered "Not yet": the person's own to-do."""

    statement: str
    source: str
    help: str


@dataclass(frozen=True)
class AnswerEvidence:
    id: str
    prompt: str
    clause: str
    answer: str  # as shown ("Yes"), see `value` for the stored answer ("yes")
    outcomes: tuple[RuleOutcome, ...]
    source: str = ""
    value: str = ""


@dataclass(frozen=True)
class ChecklistEvidence:
    id: str
    statement: str
    clause: str
    answer: str  # as shown ("Not yet"), see `value` for the stored answer ("not_yet")
    source: str = ""
    value: str = ""


@dataclass(frozen=True)
class AcknowledgementRecord:
    session_id: str
    pack_id: str
    organisation_name: str
    organisation_legal_name: str
    charity_numbers: tuple[str, ...]
    policy: PolicyInfo
    policy_sha256: str
    identity: Identity
    senior: bool
    sections: tuple[SectionEvidence, ...]
    policy_sections: tuple[SectionHash, ...]
    quiz: tuple[QuizEvidence, ...]
    questionnaire_asked: bool
    questionnaire: tuple[AnswerEvidence, ...]
    checklist: tuple[ChecklistEvidence, ...]
    disclaimer_clause: str
    disclaimer_text: str
    declaration: tuple[str, ...]  # the statements shown above Sign
    signing_statement: str  # the bold sentence right above Sign
    signature: Signature | None
    app_version: str
    signature_fields: tuple[str, ...]
    # What the pack has: a pack may have no quiz, questionnaire or checklist at all.
    questionnaire_offered: bool = True
    quiz_pass_mark: int = 0
    quiz_rounds: tuple[QuizRound, ...] = ()
    todo: tuple[TodoItem, ...] = ()
    contacts: tuple[Contact, ...] = ()
    # Under 18 only: what the parent or guardian declares, shown to them before they sign.
    guardian_declaration: tuple[str, ...] = ()
    guardian_signing_statement: str = ""

    @property
    def quiz_correct(self) -> int:
        return sum(q.is_correct for q in self.quiz)


def yes_no_label(answer: str) -> str:
    return {"yes": "Yes", "no": "No"}.get(answer, answer)


def build_record(pack: Pack, session: OnboardingSession, app_version: str) -> AcknowledgementRecord:
    identity = session.identity
    sections = tuple(
        SectionEvidence(
            s.id,
            s.number,
            s.title,
            s.text,
            s.sha256,
            session.section_acks[s.id].acknowledged_at if s.id in session.section_acks else "",
        )
        for s in pack.sections_for(identity.role)
    )
    read = {s.id for s in pack.sections_for(identity.role)}
    policy_sections = tuple(
        SectionHash(s.id, s.number, s.title, s.sha256, s.id in read) for s in pack.sections
    )
    quiz = _quiz_evidence(pack, session)
    quiz_rounds = rounds(pack, session)
    answers = []
    if identity.runs_account:
        for question in pack.questions:
            answer = session.questionnaire.get(question.id, "")
            shown = yes_no_label(answer) if question.kind == "yes_no" else answer
            answers.append(
                AnswerEvidence(
                    question.id,
                    question.prompt,
                    question.clause,
                    shown,
                    tuple(evaluate(question, answer)),
                    question.source.label,
                    answer,
                )
            )
    checklist = tuple(
        ChecklistEvidence(
            item.id,
            item.statement,
            item.clause,
            CHECKLIST_ANSWERS.get(session.checklist.get(item.id, ""), "Not answered"),
            item.source.label,
            session.checklist.get(item.id, ""),
        )
        for item in pack.checklist
    )
    todo = todo_items(pack, session)
    signature = session.signature
    if signature is not None and not signature.statement:
        # A session signed before the signing statement was kept apart from the statements.
        signature = replace(signature, statement=SIGNING_STATEMENT)
    fields = [PERSON_FIELD] + ([GUARDIAN_FIELD] if identity.under_18 else []) + [TRUSTEE_FIELD]
    org = pack.organisation
    return AcknowledgementRecord(
        session_id=session.id,
        pack_id=pack.id,
        organisation_name=org.name,
        organisation_legal_name=org.legal_name,
        charity_numbers=org.charity_numbers,
        policy=pack.policy,
        policy_sha256=pack.policy_sha256,
        identity=identity,
        senior=pack.is_senior(identity.role),
        sections=sections,
        policy_sections=policy_sections,
        quiz=tuple(quiz),
        questionnaire_asked=identity.runs_account and pack.has_questionnaire,
        questionnaire=tuple(answers),
        checklist=checklist,
        disclaimer_clause=pack.disclaimer_clause,
        disclaimer_text=pack.disclaimer_text,
        declaration=tuple(signature.declaration) if signature else pack.declaration,
        signing_statement=signature.statement if signature else SIGNING_STATEMENT,
        signature=signature,
        app_version=app_version,
        signature_fields=tuple(fields),
        questionnaire_offered=pack.has_questionnaire,
        quiz_pass_mark=pack.quiz_pass_mark,
        quiz_rounds=tuple(QuizRound(r.number, r.asked, r.right) for r in quiz_rounds),
        todo=todo,
        contacts=pack.contacts,
        guardian_declaration=(
            guardian_declaration(
                identity.full_name, identity.guardian_relationship, pack.policy.title
            )
            if identity.under_18
            else ()
        ),
        guardian_signing_statement=GUARDIAN_SIGNING_STATEMENT if identity.under_18 else "",
    )


def todo_items(pack: Pack, session: OnboardingSession) -> tuple[TodoItem, ...]:
    """The checklist items answered "Not yet", with where each comes from."""
    return tuple(
        TodoItem(item.statement, item.source.label, item.help)
        for item in pack.checklist
        if session.checklist.get(item.id) == "not_yet"
    )


def _quiz_evidence(pack: Pack, session: OnboardingSession) -> tuple[QuizEvidence, ...]:
    taken = rounds(pack, session)
    out = []
    for q in pack.quiz:
        chosen = session.quiz_answers.get(q.id)
        attempts = tuple(
            (r.number, q.choices[index] if 0 <= index < len(q.choices) else "", right)
            for r in taken
            for qid, index, right in r.answers
            if qid == q.id
        )
        out.append(
            QuizEvidence(
                id=q.id,
                question=q.question,
                clause=q.clause,
                chosen=q.choices[chosen]
                if chosen is not None and 0 <= chosen < len(q.choices)
                else "",
                correct_answer=q.choices[q.correct_index],
                is_correct=chosen == q.correct_index,
                explanation=q.explanation,
                source=q.source.label,
                shown_choices=tuple(q.choices[i] for i in shown_order(session, q)),
                attempts=attempts,
            )
        )
    return tuple(out)
