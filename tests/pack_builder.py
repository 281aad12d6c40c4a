"""Packs an organisation might write, made in a test's folder: the shortest complete one,
and one with a table, good-practice items and a quiz with a pass mark."""

from __future__ import annotations

from pathlib import Path

SHORT_POLICY = """\
schema = 1
id = "{pack_id}"

[organisation]
name = "Riverside Canoe Club"
short_name = "RCC"
legal_name = "Riverside Canoe Club CIO"
charity_numbers = ["1234567 (England and Wales)"]
registered_address = "The Boathouse, Mill Lane, Exeter, EX2 4AA"
website = "https://www.example.org"

[policy]
title = "Social Media Policy"
version = "1"
approved = "2026-01-10"
next_review = "2027-01"
source = "The club's own social media policy, version 1."
summary = "How members post about the club."

[roles]
extra = []

[[contacts]]
role = "Club secretary"
purpose = "Questions about this policy"
web = "https://www.example.org/contact"

[[sections]]
id = "posting"
number = "1"
title = "Posting about the club"
file = "policy/01-posting.md"

[disclaimer]
clause = "1.2"
text = "My views are my own, not the club's."

[declaration]
statements = ["I have read the club's social media policy and will follow it."]
"""

SHORT_TEXT = """\
**1.1** Be kind online and keep members' details private.

**1.2** When you post about the club on your own account, say that your views are your own.
"""

TABLE_TEXT = """\
**2.1** What you may post:

| Allowed | Not allowed |
| --- | --- |
| Photos of members who agreed, *with* consent forms | Photos of children without a parent's consent |
| Results of races | Members' home addresses |

**2.2** Ask the secretary when unsure.
"""

EXTRAS = """\

[[sections]]
id = "what"
number = "2"
title = "What to post"
file = "policy/02-what.md"

[[checklist]]
id = "privacy"
clause = "1.1"
statement = "My own accounts show members' details to nobody."

[[checklist]]
id = "two-factor"
good_practice = true
statement = "Two-factor authentication is on for my accounts."
help = "Turn it on in each platform's security settings."

[quiz_settings]
pass_mark = 2

[[quiz]]
id = "photo"
clause = "2.1"
question = "May you post a photo of a junior paddler whose parent has not agreed?"
choices = ["Yes, if it is a race photo.", "No, not without a parent's consent.", "Yes, if they are not named."]
correct_choice = 2
explanation = "Photos of children need a parent's consent."

[[quiz]]
id = "address"
clause = "2.1"
question = "A member asks you to post another member's address so they can share a lift. Do you?"
choices = ["No: home addresses are never posted.", "Yes, in a private group only.", "Yes, with a disclaimer."]
correct_choice = 1
explanation = "Members' home addresses are not posted."

[[quiz]]
id = "unsure"
good_practice = true
question = "You are not sure whether a post is all right. What do you do?"
choices = ["Post it and see.", "Ask the secretary first.", "Post it without naming the club."]
correct_choice = 2
explanation = "Asking first is the club's good practice."
"""


def write_pack(
    folder: Path, *, pack_id: str = "riverside", extras: bool = False, extra_toml: str = ""
) -> Path:
    """A pack in `folder`; the short one has only policy text, a contact and a declaration."""
    (folder / "policy").mkdir(parents=True, exist_ok=True)
    toml = SHORT_POLICY.format(pack_id=pack_id) + (EXTRAS if extras else "") + extra_toml
    (folder / "pack.toml").write_text(toml, encoding="utf-8")
    (folder / "policy" / "01-posting.md").write_text(SHORT_TEXT, encoding="utf-8")
    if extras:
        (folder / "policy" / "02-what.md").write_text(TABLE_TEXT, encoding="utf-8")
    return folder
