"""Policy packs: one organisation's policy and, where it has them, questions, checklist and quiz.

A pack is a folder with `pack.toml` and the policy text as Markdown (docs/packs.md).
`load_pack` validates everything in one pass and raises `DataError` listing every
problem as FILE:LINE: message; `discover_packs` keeps the good packs and reports
the broken ones, so one bad pack never stops the app.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from app.core.consent.settings import ConsentSettings, read_consent
from app.core.policy_markdown import unsupported
from app.core.problems import DataError, Problem
from app.core.reading import MIB, TOML_LIMIT, parse_toml, read_text
from app.core.schema import TableReader
from app.core.toml_lines import TomlLocator
from app.core.validation import is_email, is_id, is_partial_date

SCHEMA_VERSION = 1
MAX_ID_LENGTH = 64  # as validation.is_id allows
PACK_FILE = "pack.toml"
BASE_ROLES = ("Member", "Volunteer", "Trustee")
ALWAYS_SENIOR = ("Trustee",)
QUESTION_KINDS = ("text", "long_text", "yes_no")
RULE_CHECKS = ("answered", "equals", "min_length", "not_contains_acronym", "x_handle")
SEVERITIES = ("advice", "block")
RENEW_AFTER_MONTHS = 12  # the [register] default: re-acknowledge every year (A7)
MAX_RENEW_AFTER_MONTHS = 120
CHECKLIST_ANSWERS = {"yes": "Yes", "not_yet": "Not yet", "not_applicable": "Does not apply"}
GOOD_PRACTICE_NOTE = "good practice, not a clause of the policy"
# A sub-clause is numbered in bold at the start of its text: "**5.4** When you choose ...".
_SUB_CLAUSE = re.compile(r"\*\*(\d+(?:\.\d+)+)\*\*")


@dataclass(frozen=True)
class Organisation:
    name: str
    short_name: str
    legal_name: str
    charity_numbers: tuple[str, ...]
    registered_address: str
    website: str


@dataclass(frozen=True)
class PolicyInfo:
    title: str
    version: str
    approved: str
    last_reviewed: str
    next_review: str
    approved_by: str
    owner: str
    source: str
    summary: str


@dataclass(frozen=True)
class Contact:
    """A role or team and how to reach it; at least one route is always given."""

    role: str
    purpose: str
    email: str = ""
    phone: str = ""
    address: str = ""
    web: str = ""

    @property
    def routes(self) -> tuple[str, ...]:
        """Every way to reach this contact, e-mail first."""
        return tuple(r for r in (self.email, self.phone, self.address, self.web) if r)


@dataclass(frozen=True)
class Source:
    """Where a duty comes from: a clause of the policy, or the organisation's good practice."""

    clause: str = ""
    good_practice: bool = False

    @property
    def label(self) -> str:
        """ "clause 6.6", "section “Complaint handling”" or the good-practice note."""
        if self.good_practice or not self.clause:
            return GOOD_PRACTICE_NOTE
        if re.match(r"\d", self.clause):
            return f"clause {self.clause}"
        return f"section “{self.clause}”"


@dataclass(frozen=True)
class Section:
    id: str
    number: str
    title: str
    file: str
    audience: str
    text: str
    sha256: str

    @property
    def heading(self) -> str:
        """The title as the organisation numbers it: "6. Key principles"."""
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Rule:
    check: str
    value: str | int | None
    severity: str
    message: str


@dataclass(frozen=True)
class Question:
    id: str
    clause: str
    prompt: str
    kind: str
    required: bool
    help: str
    rules: tuple[Rule, ...]
    good_practice: bool = False

    @property
    def source(self) -> Source:
        return Source(self.clause, self.good_practice)


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    clause: str
    statement: str
    help: str
    good_practice: bool = False

    @property
    def source(self) -> Source:
        return Source(self.clause, self.good_practice)


@dataclass(frozen=True)
class QuizQuestion:
    id: str
    clause: str
    question: str
    choices: tuple[str, ...]
    correct_index: int
    explanation: str
    good_practice: bool = False

    @property
    def source(self) -> Source:
        return Source(self.clause, self.good_practice)


@dataclass(frozen=True)
class RegisterSettings:
    """The optional `[register]` table: when an acknowledgement is due for renewal (A7).

    A new policy version always calls for a new acknowledgement; besides that, each one
    is renewed `renew_after_months` after it was signed.
    """

    renew_after_months: int = RENEW_AFTER_MONTHS


@dataclass(frozen=True)
class Pack:
    id: str
    folder: Path
    organisation: Organisation
    policy: PolicyInfo
    roles: tuple[str, ...]
    senior_roles: tuple[str, ...]
    contacts: tuple[Contact, ...]
    sections: tuple[Section, ...]
    disclaimer_clause: str
    disclaimer_text: str
    declaration: tuple[str, ...]
    questionnaire_intro: str
    questions: tuple[Question, ...]
    checklist: tuple[ChecklistItem, ...]
    quiz: tuple[QuizQuestion, ...]
    consent: ConsentSettings | None = None  # the optional [consent] table, for consent forms
    register: RegisterSettings = RegisterSettings()  # the optional [register] table
    quiz_pass_mark: int = 0  # [quiz_settings] pass_mark; 0: no pass mark
    policy_sha256: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "policy_sha256", policy_hash(self.sections))

    def is_senior(self, role: str) -> bool:
        return role in ALWAYS_SENIOR or role in self.senior_roles

    def sections_for(self, role: str) -> tuple[Section, ...]:
        """The sections a person in `role` reads: everyone's, plus senior ones for senior roles."""
        senior = self.is_senior(role)
        return tuple(s for s in self.sections if s.audience == "everyone" or senior)

    @property
    def has_questionnaire(self) -> bool:
        return bool(self.questions)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


def section_hash(text: str) -> str:
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


def canonical_text(text: str) -> str:
    """What a section's hash covers: `\\n` line endings, no trailing white space at the end."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


def policy_hash(sections: tuple[Section, ...] | list[Section]) -> str:
    lines = "\n".join(f"{s.number}\t{s.title}\t{s.sha256}" for s in sections)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


# A policy section is a few pages; a larger file is a mistake or an attack on the renderer.
SECTION_LIMIT = 1 * MIB


def check_pack(folder: Path) -> list[Problem]:
    """Every problem with the pack in `folder`, its trust/ folder included; empty when good."""
    from app.core.trust_files import read_trust_folder  # cryptography only for a check

    problems: list[Problem] = []
    try:
        load_pack(folder)
    except DataError as error:
        problems += error.problems
    if Path(folder).is_dir():
        problems += read_trust_folder(folder).problems
    return problems


def load_pack(folder: Path) -> Pack:
    """Load and validate the pack in `folder`, or raise DataError naming every problem."""
    folder = Path(folder)
    pack_file = folder / PACK_FILE
    if not folder.is_dir():
        raise DataError([Problem(folder, 1, "no such folder; a pack is a folder with pack.toml")])
    if not pack_file.exists():
        raise DataError([Problem(pack_file, 1, "pack.toml is missing from the pack folder")])
    text = read_text(pack_file, TOML_LIMIT, inside=folder)
    data = parse_toml(text, pack_file)

    problems: list[Problem] = []
    top = TableReader(data, (), pack_file, TomlLocator(text), problems)
    pack = _read_pack(top, folder)
    top.finish()
    if problems:
        raise DataError(problems)
    return pack


def _read_pack(top: TableReader, folder: Path) -> Pack:
    schema = top.integer("schema")
    if schema and schema != SCHEMA_VERSION:
        top.problem(
            f"schema {schema} is not one this version of Induct reads ({SCHEMA_VERSION})",
            ("schema",),
        )
    pack_id = top.text("id")
    if len(pack_id) > MAX_ID_LENGTH:  # it names files and folders: keep it short
        top.problem(
            f"'id' is {len(pack_id):,} characters long; at most {MAX_ID_LENGTH} are allowed",
            ("id",),
        )
    elif pack_id and not is_id(pack_id):
        top.problem("'id' must be lower-case letters, digits and '-'", ("id",))

    organisation = _read_organisation(top.sub("organisation"))
    policy = _read_policy(top.sub("policy"))

    roles_table = top.sub("roles")
    extra = roles_table.text_list("extra", required=False)
    senior = roles_table.text_list("senior", required=False)
    roles = BASE_ROLES + tuple(r for r in extra if r not in BASE_ROLES)
    for role in senior:
        if role not in roles:
            roles_table.problem(f"senior role {role!r} is not in roles.extra", ("senior",))
    roles_table.finish()

    contacts = tuple(_read_contact(t) for t in top.array("contacts"))
    sections = _read_sections(top, folder)

    disclaimer = top.sub("disclaimer")
    disclaimer_clause = disclaimer.text("clause")
    disclaimer_text = disclaimer.text("text")
    disclaimer.finish()

    declaration_table = top.sub("declaration")
    declaration = declaration_table.text_list("statements", min_items=1)
    declaration_table.finish()

    # Only the policy text, contacts and declaration are required: a short policy with no
    # account rules or scenarios is a complete pack without a questionnaire, checklist or quiz.
    intro = ""
    questions: tuple[Question, ...] = ()
    if "questionnaire" in top.table:
        questionnaire = top.sub("questionnaire")
        intro = questionnaire.text("intro")
        questions = tuple(_read_question(t) for t in questionnaire.array("questions"))
        _unique_ids(questionnaire, "questions", [q.id for q in questions])
        questionnaire.finish()

    checklist = tuple(_read_checklist_item(t) for t in top.array("checklist", required=False))
    _unique_ids(top, "checklist", [c.id for c in checklist])
    quiz = tuple(_read_quiz(t) for t in top.array("quiz", required=False))
    _unique_ids(top, "quiz", [q.id for q in quiz])
    pass_mark = _read_quiz_settings(top, len(quiz)) if "quiz_settings" in top.table else 0
    _check_clauses(top, sections, disclaimer_clause)
    consent = read_consent(top.sub("consent")) if "consent" in top.table else None
    register = (
        _read_register(top.sub("register")) if "register" in top.table else RegisterSettings()
    )

    return Pack(
        id=pack_id,
        folder=folder,
        organisation=organisation,
        policy=policy,
        roles=roles,
        senior_roles=senior,
        contacts=contacts,
        sections=sections,
        disclaimer_clause=disclaimer_clause,
        disclaimer_text=disclaimer_text,
        declaration=declaration,
        questionnaire_intro=intro,
        questions=questions,
        checklist=checklist,
        quiz=quiz,
        consent=consent,
        register=register,
        quiz_pass_mark=pass_mark,
    )


def clause_targets(sections: tuple[Section, ...]) -> set[str]:
    """What a clause may name: a section's number or title, or a numbered sub-clause."""
    targets: set[str] = set()
    for section in sections:
        targets.add(section.title)
        if section.number:
            targets.add(section.number)
        targets.update(_SUB_CLAUSE.findall(section.text))
    return targets


def _check_clauses(top: TableReader, sections: tuple[Section, ...], disclaimer: str) -> None:
    """Every clause cited must exist in the policy text, so no duty is credited to it wrongly."""
    if any(not section.sha256 for section in sections):
        return  # a section's text could not be read: that is reported, not every clause in it
    targets = clause_targets(sections)
    if disclaimer and disclaimer not in targets:
        top.problem(_no_such_clause(disclaimer), ("disclaimer", "clause"))
    cited: list[tuple[str, tuple[str | int, ...]]] = []
    questionnaire = top.table.get("questionnaire")
    if isinstance(questionnaire, dict) and isinstance(questionnaire.get("questions"), list):
        for i, q in enumerate(questionnaire["questions"]):
            if isinstance(q, dict):
                cited.append((q.get("clause", ""), ("questionnaire", "questions", i, "clause")))
    for key in ("checklist", "quiz"):
        items = top.table.get(key)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    cited.append((item.get("clause", ""), (key, i, "clause")))
    for clause, where in cited:
        if isinstance(clause, str) and clause.strip() and clause.strip() not in targets:
            top.problem(_no_such_clause(clause.strip()), where)


def _no_such_clause(clause: str) -> str:
    return (
        f"clause {clause!r} is not in the policy: give a section number, a sub-clause "
        "numbered in the text (**5.4**) or a section title, or set good_practice = true"
    )


def _read_source(t: TableReader) -> tuple[str, bool]:
    """A clause, or good_practice = true: exactly one of the two."""
    good_practice = t.boolean("good_practice", False)
    clause = t.text("clause", required=False)
    if good_practice and clause:
        t.problem(
            "give either 'clause' or good_practice = true, not both: a good-practice item "
            "is not a clause of the policy",
            ("clause",),
        )
    elif not good_practice and not clause:
        t.problem(
            f"'{t.name}.clause' is missing: cite the clause this comes from, or set "
            "good_practice = true if the policy does not say it"
        )
    return clause, good_practice


def _read_quiz_settings(top: TableReader, questions: int) -> int:
    t = top.sub("quiz_settings")
    mark = t.integer("pass_mark")
    if not questions:
        t.problem("'quiz_settings' is given but the pack has no [[quiz]] questions", ())
    elif not 1 <= mark <= questions:
        t.problem(
            f"'quiz_settings.pass_mark' is {mark}; it must be between 1 and {questions} "
            "(the number of quiz questions)",
            ("pass_mark",),
        )
    t.finish()
    return mark if 1 <= mark <= questions else 0


def _read_register(t: TableReader) -> RegisterSettings:
    months = RENEW_AFTER_MONTHS
    raw = t.raw("renew_after_months", required=False)
    if raw is not None:
        value = t.integer("renew_after_months")  # reports anything but a whole number
        if isinstance(raw, int) and not isinstance(raw, bool):
            if 1 <= value <= MAX_RENEW_AFTER_MONTHS:
                months = value
            else:
                t.problem(
                    f"'register.renew_after_months' is {value}; it must be between 1 and "
                    f"{MAX_RENEW_AFTER_MONTHS} months",
                    ("renew_after_months",),
                )
    t.finish()
    return RegisterSettings(renew_after_months=months)


def _read_organisation(t: TableReader) -> Organisation:
    org = Organisation(
        name=t.text("name"),
        short_name=t.text("short_name"),
        legal_name=t.text("legal_name"),
        charity_numbers=t.text_list("charity_numbers", min_items=1),
        registered_address=t.text("registered_address"),
        website=t.text("website"),
    )
    t.finish()
    return org


def _read_policy(t: TableReader) -> PolicyInfo:
    def date(key: str, required: bool) -> str:
        value = t.text(key, required=required, allow_empty=True)
        if value and not is_partial_date(value):
            t.problem(
                f"'policy.{key}' is {value!r}; write a date as YYYY-MM-DD, YYYY-MM or YYYY", (key,)
            )
        return value

    policy = PolicyInfo(
        title=t.text("title"),
        version=t.text("version"),
        approved=date("approved", True),
        last_reviewed=date("last_reviewed", False),
        next_review=date("next_review", False),
        approved_by=t.text("approved_by", required=False),
        owner=t.text("owner", required=False),
        source=t.text("source"),
        summary=t.text("summary"),
    )
    t.finish()
    return policy


def _read_contact(t: TableReader) -> Contact:
    contact = Contact(
        role=t.text("role"),
        purpose=t.text("purpose"),
        email=t.text("email", required=False),
        phone=t.text("phone", required=False),
        address=t.text("address", required=False),
        web=t.text("web", required=False),
    )
    if contact.email and not is_email(contact.email):
        t.problem(f"'{contact.email}' is not an e-mail address", ("email",))
    if contact.web and not re.match(r"https?://\S+$", contact.web):
        t.problem(f"'{contact.web}' is not a web address (https://...)", ("web",))
    if contact.phone and not re.fullmatch(r"[+\d][\d ()-]{6,}", contact.phone):
        t.problem(f"'{contact.phone}' is not a telephone number", ("phone",))
    if not contact.routes:
        t.problem(
            f"contact {contact.role!r} has no way to reach it: give at least one of "
            "'email' (a shared address), 'phone', 'address' or 'web'"
        )
    t.finish()
    return contact


def _read_sections(top: TableReader, folder: Path) -> tuple[Section, ...]:
    sections = []
    for t in top.array("sections"):
        file_name = t.text("file")
        section = Section(
            id=t.text("id"),
            number=t.text("number", allow_empty=True),
            title=t.text("title"),
            file=file_name,
            audience=t.choice("audience", ("everyone", "senior"), "everyone"),
            text="",
            sha256="",
        )
        t.finish()
        text = _read_section_text(t, folder, file_name) if file_name else None
        if text is not None:
            section = Section(
                **{**section.__dict__, "text": canonical_text(text), "sha256": section_hash(text)}
            )
        sections.append(section)
    _unique_ids(top, "sections", [s.id for s in sections])
    return tuple(sections)


def _read_section_text(t: TableReader, folder: Path, file_name: str) -> str | None:
    if "\x00" in file_name:
        t.problem("a section file name must not hold a NUL character", ("file",))
        return None
    path = (folder / file_name).resolve()
    if not path.is_relative_to(folder.resolve()):
        t.problem(f"section file '{file_name}' must be inside the pack folder", ("file",))
        return None
    if not path.exists():
        t.problem(f"section file '{file_name}' was not found in {folder}", ("file",))
        return None
    try:
        text: str | None = read_text(folder / file_name, SECTION_LIMIT, inside=folder)
    except DataError as error:
        t.problems.extend(error.problems)
        return None
    if text is not None and not text.strip():
        t.problems.append(Problem(folder / file_name, 1, "the section text is empty"))
    if text is not None:
        for line, message in unsupported(text):
            t.problems.append(Problem(folder / file_name, line, message))
    return text


def _read_question(t: TableReader) -> Question:
    question_id = t.text("id")
    kind = t.choice("kind", QUESTION_KINDS)
    rules = tuple(_read_rule(r, kind) for r in t.array("rules", required=False, min_items=0))
    clause, good_practice = _read_source(t)
    question = Question(
        id=question_id,
        clause=clause,
        good_practice=good_practice,
        prompt=t.text("prompt"),
        kind=kind,
        required=t.boolean("required", True),
        help=t.text("help", required=False),
        rules=rules,
    )
    t.finish()
    return question


def _read_rule(t: TableReader, kind: str) -> Rule:
    check = t.choice("check", RULE_CHECKS)
    value: str | int | None = None
    if check == "min_length":
        value = t.integer("value")
    elif check in ("equals", "not_contains_acronym"):
        value = t.text("value")
        if check == "equals" and kind == "yes_no" and value not in ("yes", "no"):
            t.problem('a yes/no answer \'equals\' "yes" or "no"', ("value",))
    rule = Rule(
        check=check,
        value=value,
        severity=t.choice("severity", SEVERITIES),
        message=t.text("message"),
    )
    t.finish()
    return rule


def _read_checklist_item(t: TableReader) -> ChecklistItem:
    clause, good_practice = _read_source(t)
    item = ChecklistItem(
        id=t.text("id"),
        clause=clause,
        good_practice=good_practice,
        statement=t.text("statement"),
        help=t.text("help", required=False),
    )
    t.finish()
    return item


def _read_quiz(t: TableReader) -> QuizQuestion:
    choices = t.text_list("choices", min_items=2)
    correct = t.integer("correct_choice")
    if choices and not 1 <= correct <= len(choices):
        t.problem(
            f"'correct_choice' is {correct}; it must be between 1 and {len(choices)}",
            ("correct_choice",),
        )
    clause, good_practice = _read_source(t)
    question = QuizQuestion(
        id=t.text("id"),
        clause=clause,
        good_practice=good_practice,
        question=t.text("question"),
        choices=choices,
        correct_index=max(correct - 1, 0),
        explanation=t.text("explanation"),
    )
    t.finish()
    return question


def _unique_ids(t: TableReader, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id and item_id in seen:
            t.problem(f"id {item_id!r} is used twice in '{key}'", (key, index, "id"))
        seen.add(item_id)


@dataclass
class PackCatalogue:
    """The packs found on this machine, and the folders that failed to load."""

    packs: dict[str, Pack] = field(default_factory=dict)
    broken: dict[Path, list[Problem]] = field(default_factory=dict)


def installed_packs() -> PackCatalogue:
    """The packs that come with Induct, then the user's own (which may replace them by id)."""
    from app.core import paths  # platformdirs is needed only here

    return discover_packs([paths.bundled_packs_dir(), paths.user_packs_dir()])


def discover_packs(roots: list[Path]) -> PackCatalogue:
    """Load every pack folder under each root; later roots override earlier ids."""
    catalogue = PackCatalogue()
    for root in roots:
        if not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            try:
                pack = load_pack(folder)
            except DataError as error:
                catalogue.broken[folder] = error.problems
            except OSError as error:
                catalogue.broken[folder] = [Problem(folder, 1, f"cannot be read: {error}")]
            except Exception as error:  # one bad pack must never stop the others loading
                catalogue.broken[folder] = [
                    Problem(folder, 1, f"cannot be read as a pack ({type(error).__name__})")
                ]
            else:
                catalogue.packs[pack.id] = pack
    return catalogue


def review_overdue(policy: PolicyInfo, today: date) -> bool:
    """True once the policy's next review date has passed (the whole month or year given).

    It never stops anyone: trustees and the organisation page are simply told.
    """
    due = policy.next_review
    if not due or not is_partial_date(due):
        return False
    parts = [int(p) for p in due.split("-")]
    if len(parts) == 3:
        last = date(*parts)
    elif len(parts) == 2:
        year, month = parts
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    else:
        last = date(parts[0], 12, 31)
    return today > last


def readable_partial_date(value: str) -> str:
    """ "2025-03" as "March 2025", "2025-03-31" as "31 March 2025", "2025" as is."""
    parts = value.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = date(2000, int(parts[1]), 1).strftime("%B")
        day = f"{int(parts[2])} " if len(parts) == 3 and parts[2].isdigit() else ""
        return f"{day}{month} {parts[0]}"
    return value


def review_notice(policy: PolicyInfo, today: date) -> str:
    """What to tell people when the policy is past its next review date, else ""."""
    if not review_overdue(policy, today):
        return ""
    return (
        f"This policy was due to be reviewed by {readable_partial_date(policy.next_review)}, "
        "and no newer version has been loaded. It still applies until the organisation "
        "replaces it; trustees may want to ask for the review."
    )


def review_notices(packs: Iterable[Pack], today: date) -> list[str]:
    """One line per installed policy past its next review date, for trustees' windows."""
    return [
        f"{p.organisation.short_name}: the {p.policy.title} (version {p.policy.version}) was "
        f"due to be reviewed by {readable_partial_date(p.policy.next_review)}."
        for p in sorted(packs, key=lambda p: p.organisation.name)
        if review_overdue(p.policy, today)
    ]
