"""The blocks a consent template is made of, how each is read, and what each kind must hold."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.core.schema import TableReader
from app.core.validation import is_id

KINDS = ("publicity", "quote", "guardian")
FIELD_KINDS = ("line", "date", "roles", "confirm")
SIGNER_ROLES = ("subject", "guardian", "child", "witness")
IDENTIFICATION = ("full-name", "first-name", "no-name")
# Every placeholder a template may use; each is filled from the pack or the form's prefill.
PLACEHOLDERS = (
    "organisation",
    "short_name",
    "legal_name",
    "charity_numbers",
    "registered_address",
    "website",
    "dp_contact",
    "privacy_notice",
    "privacy_notice_url",
    "privacy_notice_version",
    "withdrawal_contact",
    "withdrawal_in_app",
    "complaints_contact",
    "expiry",
    "expiry_months",
    "child_expiry_months",
    "keep_signed_form",
    "keep_signed_form_months",
    "adult_age",
    "guardian_required_under",
    "event",
    "date",
    "partners",
    "channels",
    "template_id",
    "template_version",
    "template_date",
)
# What C1, C4, C6 and C10 need: a template that leaves one out does not load.
REQUIRED_PLACEHOLDERS = (
    "legal_name",
    "charity_numbers",
    "registered_address",
    "dp_contact",
    "privacy_notice",
    "privacy_notice_version",
    "withdrawal_contact",
    "withdrawal_in_app",
    "complaints_contact",
    "expiry",
    "keep_signed_form",
    "partners",
)
_BRACES = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Option:
    key: str
    label: str


@dataclass(frozen=True)
class FieldSpec:
    """A space to write in: a line, a date, a role to tick, or a statement to confirm."""

    key: str
    label: str
    kind: str = "line"
    optional: bool = False
    help: str = ""
    half: bool = False


@dataclass(frozen=True)
class SignerSlot:
    role: str
    label: str


@dataclass(frozen=True)
class Block:
    """One part of a form; which attributes are used depends on `type` (docs/forms.md)."""

    id: str
    type: str
    heading: str = ""
    intro: str = ""
    paragraphs: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    pack_channels: bool = False
    default: str = ""
    fields: tuple[FieldSpec, ...] = ()
    label: str = ""
    yes_label: str = ""
    no_label: str = ""
    lines: int = 0
    signers: tuple[SignerSlot, ...] = ()

    def texts(self) -> list[str]:
        """Every piece of wording in the block, for the placeholder checks."""
        return [
            self.heading,
            self.intro,
            *self.paragraphs,
            self.label,
            self.yes_label,
            self.no_label,
            *(o.label for o in self.options),
            *(f.label for f in self.fields),
            *(f.help for f in self.fields),
            *(s.label for s in self.signers),
        ]


def placeholders_in(text: str) -> list[str]:
    return _BRACES.findall(text)


def check_placeholders(t: TableReader, key: str, text: str, index: int | None = None) -> None:
    for name in placeholders_in(text):
        if name not in PLACEHOLDERS:
            t.problem(
                f"unknown placeholder {{{name}}}; docs/forms.md lists the ones a template can use",
                (key,) if index is None else (key, index),
            )


def read_block(t: TableReader) -> Block:
    block_id = t.text("id")
    block_type = t.choice("type", tuple(_READERS))
    if block_id and not is_id(block_id):
        t.problem("'id' must be lower-case letters, digits and '-'", ("id",))
    block = _READERS[block_type](t, block_id, block_type)
    for key in ("heading", "intro", "label", "yes_label", "no_label"):
        check_placeholders(t, key, getattr(block, key))
    for index, paragraph in enumerate(block.paragraphs):
        check_placeholders(t, "paragraphs", paragraph, index)
    t.finish()
    return block


def _text(t: TableReader, block_id: str, block_type: str) -> Block:
    return Block(
        block_id,
        block_type,
        heading=t.text("heading"),
        paragraphs=t.text_list("paragraphs", min_items=1),
    )


def _fields(t: TableReader, block_id: str, block_type: str) -> Block:
    fields = []
    for f in t.array("fields"):
        spec = FieldSpec(
            key=_key(f),
            label=f.text("label"),
            kind=f.choice("kind", FIELD_KINDS, "line"),
            optional=f.boolean("optional", False),
            help=f.text("help", required=False),
            half=f.boolean("half", False),
        )
        for key in ("label", "help"):
            check_placeholders(f, key, getattr(spec, key))
        f.finish()
        fields.append(spec)
    return Block(
        block_id,
        block_type,
        heading=t.text("heading"),
        intro=t.text("intro", required=False),
        fields=tuple(fields),
    )


def _opt_ins(t: TableReader, block_id: str, block_type: str) -> Block:
    pack_channels = t.boolean("pack_channels", False)
    return Block(
        block_id,
        block_type,
        heading=t.text("heading"),
        intro=t.text("intro", required=False),
        pack_channels=pack_channels,
        options=_options(t, required=not pack_channels, min_items=1),
    )


def _choice(t: TableReader, block_id: str, block_type: str) -> Block:
    options = _options(t, required=True, min_items=2)
    default = t.text("default")
    if default and options and default not in [o.key for o in options]:
        t.problem(
            f"'default' is {default!r}; it must be the key of one of the options", ("default",)
        )
    return Block(
        block_id,
        block_type,
        heading=t.text("heading"),
        intro=t.text("intro", required=False),
        options=options,
        default=default,
    )


def _do_not_photograph(t: TableReader, block_id: str, block_type: str) -> Block:
    return Block(
        block_id,
        block_type,
        heading=t.text("heading"),
        intro=t.text("intro", required=False),
        label=t.text("label"),
    )


def _free_text(t: TableReader, block_id: str, block_type: str) -> Block:
    lines = t.integer("lines")
    if lines and not 1 <= lines <= 20:
        t.problem(f"'lines' is {lines}; a box holds between 1 and 20 lines", ("lines",))
    return Block(
        block_id,
        block_type,
        heading=t.text("heading"),
        intro=t.text("intro", required=False),
        label=t.text("label"),
        lines=lines,
    )


def _child_agreement(t: TableReader, block_id: str, block_type: str) -> Block:
    return Block(
        block_id,
        block_type,
        heading=t.text("heading"),
        intro=t.text("intro", required=False),
        yes_label=t.text("yes_label"),
        no_label=t.text("no_label"),
    )


def _signatures(t: TableReader, block_id: str, block_type: str) -> Block:
    signers = []
    for s in t.array("signers"):
        signers.append(SignerSlot(role=s.choice("role", SIGNER_ROLES), label=s.text("label")))
        check_placeholders(s, "label", signers[-1].label)
        s.finish()
    return Block(
        block_id,
        block_type,
        heading=t.text("heading"),
        intro=t.text("intro", required=False),
        signers=tuple(signers),
    )


def _options(t: TableReader, required: bool, min_items: int) -> tuple[Option, ...]:
    options, seen = [], set()
    for index, o in enumerate(
        t.array("options", required=required, min_items=min_items if required else 0)
    ):
        option = Option(key=_key(o), label=o.text("label"))
        check_placeholders(o, "label", option.label)
        if option.key in seen:
            t.problem(f"option key {option.key!r} is used twice", ("options", index))
        seen.add(option.key)
        o.finish()
        options.append(option)
    return tuple(options)


def _key(t: TableReader) -> str:
    key = t.text("key")
    if key and not is_id(key):
        t.problem("'key' must be lower-case letters, digits and '-'", ("key",))
    return key


_READERS: dict[str, Callable[[TableReader, str, str], Block]] = {
    "text": _text,
    "fields": _fields,
    "opt_ins": _opt_ins,
    "choice": _choice,
    "do_not_photograph": _do_not_photograph,
    "free_text": _free_text,
    "child_agreement": _child_agreement,
    "signatures": _signatures,
}
BLOCK_TYPES = tuple(_READERS)


def check_kind(kind: str, blocks: tuple[Block, ...], texts: Iterable[str]) -> list[str]:
    """What is missing for a template of `kind` to meet the requirements (C, P, Q, G)."""
    used = {
        name
        for text in [*texts, *(x for b in blocks for x in b.texts())]
        for name in placeholders_in(text)
    }
    problems = [
        f"the template never uses {{{name}}}; every consent form must show it"
        for name in REQUIRED_PLACEHOLDERS
        if name not in used
    ]
    types = [b.type for b in blocks]
    by_id = {b.id: b for b in blocks}
    fields = {f.key: f for b in blocks for f in b.fields}
    roles = {s.role for b in blocks for s in b.signers}
    if "opt_ins" not in types:
        problems.append('a consent form needs at least one block of type "opt_ins"')
    if types.count("signatures") != 1:
        problems.append('a consent form needs exactly one block of type "signatures"')
    if "name" not in fields:
        problems.append('a consent form needs a field with key "name" (the person\'s name)')
    if kind in ("publicity", "guardian"):
        if types.count("do_not_photograph") != 1:
            problems.append(f'a {kind} form needs one block of type "do_not_photograph"')
        ident = by_id.get("identification")
        if ident is None or ident.type != "choice":
            problems.append(f'a {kind} form needs a "choice" block with id "identification"')
        elif ident.default != "no-name" or any(o.key not in IDENTIFICATION for o in ident.options):
            problems.append(
                'the identification options are "full-name", "first-name" '
                'and "no-name", and the default is "no-name"'
            )
    if kind == "guardian":
        if "child_agreement" not in types:
            problems.append('a guardian form needs a block of type "child_agreement"')
        if "guardian" not in roles:
            problems.append('a guardian form needs a signer with role "guardian"')
        for key in ("dob", "guardian-name", "relationship", "parental-responsibility"):
            if key not in fields:
                problems.append(f'a guardian form needs a field with key "{key}"')
        if (
            "parental-responsibility" in fields
            and fields["parental-responsibility"].kind != "confirm"
        ):
            problems.append('the field "parental-responsibility" must be of kind "confirm"')
    else:
        if "subject" not in roles:
            problems.append(f'a {kind} form needs a signer with role "subject"')
    if kind == "quote":
        if getattr(by_id.get("quote"), "type", "") != "free_text":
            problems.append('a quote form needs a "free_text" block with id "quote"')
        if getattr(by_id.get("attribution"), "type", "") != "choice":
            problems.append('a quote form needs a "choice" block with id "attribution"')
    return problems
