"""Returned paper forms: scanned pages grouped by form ID and matched to their batch.

Pure decisions, no files read here: the pages come with the form ID their QR code holds
(app.documents.consent.scans reads them). A form is ready to record when its ID was
printed in a batch noted in the batch log and no consent has been recorded from it yet;
otherwise it is flagged, saying why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.core.consent.batches import BatchLog, PrintedBatch, is_form_id, normalise_form_id
from app.core.consent.form import ConsentForm
from app.core.consent.records import ConsentRecord
from app.core.consent.store import ConsentStore
from app.core.consent.templates import ConsentTemplate
from app.core.packs import Pack

READY, NEVER_PRINTED, ALREADY_RECORDED = "ready", "never printed", "already recorded"


@dataclass(frozen=True)
class ScannedPage:
    """One page of a scan: its file, its number in the file (from 1), the ID read."""

    source: str
    number: int
    form_id: str = ""  # "" when no form ID could be read on this page

    def where(self) -> str:
        return f"{self.source}, page {self.number}"


@dataclass
class ReturnedForm:
    form_id: str
    pages: list[ScannedPage] = field(default_factory=list)
    batch: PrintedBatch | None = None
    recorded: list[ConsentRecord] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.batch is None:
            return NEVER_PRINTED
        return ALREADY_RECORDED if self.recorded else READY

    def message(self) -> str:
        """What the officer needs to know about this form, in a sentence."""
        pages = f"{len(self.pages)} page{'s' if len(self.pages) != 1 else ''}"
        if self.batch is None:
            return (
                f"{self.form_id}: {pages}; no batch printed here has this form ID. Check the "
                "ID on the paper, or print and record it on the laptop that printed it."
            )
        if self.recorded:
            first = self.recorded[0]
            return (
                f"{self.form_id}: {pages}; already recorded for {first.subject.name} on "
                f"{first.recorded_at[:10]}. A change is a withdrawal or a new form."
            )
        return f"{self.form_id}: {pages}; {self.batch.describe()}; ready to record."


@dataclass
class Returns:
    forms: list[ReturnedForm]
    unread: list[ScannedPage]  # pages on which no form ID could be read

    @property
    def flagged(self) -> bool:
        return bool(self.unread) or any(f.status != READY for f in self.forms)


def match(pages: list[ScannedPage], log: BatchLog, store: ConsentStore) -> Returns:
    """Group `pages` by form ID, in the order each ID was first seen, and match each group."""
    printed = log.index()
    groups: dict[str, ReturnedForm] = {}
    unread = []
    for page in pages:
        if not page.form_id:
            unread.append(page)
            continue
        groups.setdefault(page.form_id, ReturnedForm(page.form_id)).pages.append(page)
    for form in groups.values():
        form.batch = printed.get(form.form_id)
        form.recorded = store.find_by_form_id(form.form_id)
    return Returns(list(groups.values()), unread)


def typed(text: str, log: BatchLog, store: ConsentStore) -> ReturnedForm | str:
    """A form ID typed by hand, matched like a scanned one; a problem in words if not an ID."""
    form_id = normalise_form_id(text)
    if not is_form_id(form_id):
        return (
            f"“{text.strip()}” is not a form ID: it is printed under the QR code, "
            "like IET-PUB-7K3M-Q9XD."
        )
    form = ReturnedForm(form_id, batch=log.find(form_id))
    form.recorded = store.find_by_form_id(form_id)
    return form


def printed_form(
    batch: PrintedBatch, packs: Mapping[str, Pack], templates: Mapping[str, ConsentTemplate]
) -> ConsentForm:
    """The form exactly as printed in `batch`; ValueError in words if it cannot be remade
    (the pack or template is gone, or its wording changed since)."""
    pack, template = packs.get(batch.pack_id), templates.get(batch.template_id)
    if pack is None or template is None:
        missing = f"pack {batch.pack_id!r}" if pack is None else f"form {batch.template_id!r}"
        raise ValueError(f"the {missing} this form was printed from is not installed")
    form = ConsentForm(
        pack, template, {"event": batch.event, "date": batch.date, "partners": batch.partners}
    )
    if form.sha256 != batch.text_sha256:
        raise ValueError(
            f"the {template.id} form's wording has changed since this batch was printed "
            f"(version {batch.template_version} then, {template.version} now): keep the old "
            "template to record these forms"
        )
    return form
