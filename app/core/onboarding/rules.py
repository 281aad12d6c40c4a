"""Questionnaire rules: each answer checked against the pack's rules, as data the UI shows."""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from app.core.packs import Question, Rule

MET = "met"
ADVICE = "advice"
REFUSED = "refused"


@dataclass(frozen=True)
class RuleOutcome:
    """How one answer fared against one rule.

    status is MET, ADVICE (not met; recorded, does not stop anyone) or REFUSED (must be
    fixed before going on).
    """

    question_id: str
    clause: str
    status: str
    message: str
    source: str = ""  # "clause 5.4", or the good-practice note


def normalise_handle(answer: str) -> str:
    return answer.strip().lstrip("@＠")


# Letters of other scripts that look like Latin ones (Unicode confusables), folded before
# matching so "@ІЕТ_London" (Cyrillic) is treated like "@IET_London".
_CONFUSABLES = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеѕіјорсхуԁһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧαεικνορτυχ",
    "ABESIJKMHOPCTXYaesijopcxydhlABEZHIKMNOPTYXaeiknoptux",
)
_SEPARATORS = r"[\s._\-·•‧/\\]"
# Capital I and O have look-alikes among digits and small letters ("lET", "I0M3"); a small
# "l" counts only where a word could start, so "PaulETaylor" is not "PauIETaylor".
_LOOKALIKE_CLASSES = {"I": "[I1l|]", "O": "[O0]"}


@cache
def _lookalike_pattern(acronym: str) -> re.Pattern[str]:
    body = "".join(_LOOKALIKE_CLASSES.get(c, re.escape(c)) for c in acronym)
    return re.compile(rf"(?<![a-z]){body}")


def fold(text: str) -> str:
    """`text` with compatibility forms, accents and other scripts' look-alikes made Latin."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text).translate(_CONFUSABLES)


@cache
def english_words() -> frozenset[str]:
    """Ordinary English words (lower case), so "quiet" is not read as "qu" + "IET"."""
    from app.core import paths  # platformdirs is needed only here

    with gzip.open(paths.bundled_dir("resources") / "words" / "english.txt.gz", "rt") as f:
        return frozenset(line.strip() for line in f if line.strip())


def _tokens(text: str) -> list[str]:
    """Words of a handle: split at anything but letters and digits, and at camelCase."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", text)
    return [t.lower() for t in re.split(r"[^A-Za-z0-9]+", spaced) if t]


def _segments_into_words(text: str, words: frozenset[str]) -> bool:
    """True when `text` is empty or a run of English words and numbers ("the", "london2024")."""
    reachable = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(end):
            if reachable[start]:
                part = text[start:end]
                if part.isdigit() or (len(part) >= 2 and part in words):
                    reachable[end] = True
                    break
    return reachable[len(text)]


def _token_uses(token: str, acronym: str, words: frozenset[str]) -> bool:
    if token == acronym:
        return True
    if acronym not in token or token in words:
        return False
    if token.startswith(acronym) or token.endswith(acronym):
        return True  # "theiet", "ietlondon": not a word, and built on the acronym
    # "theietlondon": words on either side of the acronym
    start = token.find(acronym)
    while start >= 0:
        before, after = token[:start], token[start + len(acronym) :]
        if _segments_into_words(before, words) and _segments_into_words(after, words):
            return True
        start = token.find(acronym, start + 1)
    return False


def contains_acronym(text: str, acronym: str) -> bool:
    """True when `text` uses `acronym` as itself, not as letters inside an ordinary word.

    Caught: the exact capitals anywhere ("LondonIETyp"); the acronym as a word of the
    handle in any case ("iet_london", "TheIet", "theiet", "theietlondon"); the acronym
    split by separators ("I_E_T", "i.e.t", "I E T"); and all of these written with
    look-alike letters from other scripts or with accents. Ordinary words that hold the
    letters ("quiet", "society", "soviet") pass.
    """
    if not acronym:
        return False
    text = fold(normalise_handle(text))
    acronym = fold(acronym)
    if acronym in text or _lookalike_pattern(acronym).search(text):
        return True
    spread = _SEPARATORS.join(re.escape(c) for c in acronym).replace(_SEPARATORS, _SEPARATORS + "*")
    for match in re.finditer(spread, text, re.IGNORECASE):
        piece = match.group(0)
        if not re.search(_SEPARATORS, piece):
            continue
        if piece.upper() == piece and acronym.upper() == acronym:
            return True  # "I_E_T", "I.E.T" in capitals, anywhere
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if not before.isalpha() and not after.isalpha():
            return True  # "i.e.t" standing alone
    words = english_words()
    return any(_token_uses(t, acronym.lower(), words) for t in _tokens(text))


X_HANDLE_MAX = 15


def x_handle_problem(answer: str) -> str:
    """Why `answer` cannot be an X (Twitter) handle, or "" when it can.

    X allows letters A-Z, digits and underscores, at most 15 of them.
    """
    handle = normalise_handle(answer)
    if not handle:
        return "An X handle needs at least one letter, digit or underscore after the @."
    wrong = sorted({c for c in handle if not (c.isascii() and (c.isalnum() or c == "_"))})
    if wrong:
        shown = ", ".join("a space" if c == " " else f"'{c}'" for c in wrong)
        return f"An X handle can have only letters A-Z, digits and underscores, not {shown}."
    if len(handle) > X_HANDLE_MAX:
        return (
            f"An X handle has at most {X_HANDLE_MAX} characters after the @; "
            f"this one has {len(handle)}."
        )
    return ""


def rule_passes(rule: Rule, answer: str) -> bool:
    answer = answer.strip()
    if rule.check == "answered":
        return bool(answer)
    if rule.check == "equals":
        return answer.casefold() == str(rule.value).casefold()
    if rule.check == "min_length":
        return len(answer) >= int(rule.value or 0)
    if rule.check == "not_contains_acronym":
        return not contains_acronym(answer, str(rule.value))
    if rule.check == "x_handle":
        return not x_handle_problem(answer)
    raise ValueError(f"unknown rule check {rule.check!r}")


def evaluate(question: Question, answer: str) -> list[RuleOutcome]:
    """Outcomes of every rule of `question` that applies to `answer`.

    A rule other than `answered` waits until there is an answer to judge.
    """
    outcomes = []
    for rule in question.rules:
        if not answer.strip() and rule.check != "answered":
            continue
        passed = rule_passes(rule, answer)
        failed_status = REFUSED if rule.severity == "block" else ADVICE
        status = MET if passed else failed_status
        message = "" if passed else rule.message
        if not passed and rule.check == "x_handle":
            message = f"{x_handle_problem(answer)} {rule.message}".strip()
        outcomes.append(
            RuleOutcome(question.id, question.clause, status, message, question.source.label)
        )
    return outcomes


def missing_answer(question: Question, answer: str) -> bool:
    return question.required and not answer.strip()


def blocking_problems(questions: tuple[Question, ...], answers: dict[str, str]) -> list[str]:
    """What stops the questionnaire being finished: unanswered required questions, refusals."""
    problems = []
    for question in questions:
        answer = answers.get(question.id, "")
        if missing_answer(question, answer):
            problems.append(f"Answer: {question.prompt}")
        for outcome in evaluate(question, answer):
            if outcome.status == REFUSED:
                problems.append(f"{outcome.message} ({question.source.label})")
    return problems
