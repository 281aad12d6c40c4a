"""What an earlier Induct's acknowledgement says about itself: metadata and first-page facts.

Only for files made before the record was embedded (app.core.onboarding.record): the
register reads every newer file from its record, never from its printed text. This reader
depends on that earlier version's labels and layout, and is kept for its files alone
(tests/data/earlier-format). Read with pypdfium2 (loaded only when a PDF is opened).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.core.pdfium import PDFIUM

# Row labels of the acknowledgement's first pages (app/documents/acknowledgement.py).
LABELS = (
    "Full name",
    "E-mail",
    "Membership number",
    "Role",
    "Under 18",
    "Version",
    "Parent or guardian",
    "Name",
    "Title",
)
_POLICY_HASH = re.compile(r"SHA-256 of the whole\s+policy\s+([0-9a-f]{64})")
_SUBJECT = re.compile(
    r"^Acknowledgement by (?P<person>.+) of the (?P<title>.+), "
    r"version (?P<version>[^,]+), of (?P<organisation>.+)$"
)
PAGES_READ = 2


@dataclass(frozen=True)
class PdfInfo:
    """Induct's keywords (kind, pack, id), the document information and first-page facts."""

    keywords: dict[str, str] = field(default_factory=dict)
    title: str = ""
    subject: str = ""
    author: str = ""
    facts: dict[str, str] = field(default_factory=dict)  # by LABELS, plus "Policy SHA-256"

    def fact(self, label: str) -> str:
        return self.facts.get(label, "")

    def from_subject(self, part: str) -> str:
        """ "person", "title", "version" or "organisation" from the Subject line."""
        match = _SUBJECT.match(self.subject)
        return match.group(part).strip() if match else ""


def parse_keywords(keywords: str) -> dict[str, str]:
    """`induct-kind:acknowledgement induct-pack:iet induct-id:…` as {"kind": …, …}."""
    found = {}
    for word in keywords.split():
        key, _, value = word.partition(":")
        if key.startswith("induct-") and value:
            found[key.removeprefix("induct-")] = value
    return found


def parse_facts(text: str) -> dict[str, str]:
    """The label–value rows of the first pages' text; the first of each label wins."""
    facts: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        for label in LABELS:
            if line.startswith(label + " ") and label not in facts:
                facts[label] = line[len(label) + 1 :].strip()
                break
    match = _POLICY_HASH.search(text)
    if match:
        facts["Policy SHA-256"] = match.group(1)
    if facts.get("Membership number") == "Not given":
        facts["Membership number"] = ""
    return facts


def pdf_info(path: Path) -> PdfInfo:
    """What `path` says about itself; empty when it cannot be read as a PDF."""
    import pypdfium2  # only when a PDF is opened

    with PDFIUM:
        try:
            document = pypdfium2.PdfDocument(str(path))
        except (pypdfium2.PdfiumError, OSError):
            return PdfInfo()
        try:
            meta = document.get_metadata_dict()
            texts = []
            for index in range(min(PAGES_READ, len(document))):
                page = document[index]
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
                page.close()
        except pypdfium2.PdfiumError:
            return PdfInfo()
        finally:
            document.close()
        return PdfInfo(
            parse_keywords(meta.get("Keywords", "")),
            meta.get("Title", ""),
            meta.get("Subject", ""),
            meta.get("Author", ""),
            parse_facts("\n".join(texts)),
        )
