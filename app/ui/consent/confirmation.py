"""After a capture: what was recorded, purpose by purpose, and the saved PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QWidget

from app.core.clock import readable
from app.core.consent.form import ConsentForm, ConsentRecord, effective_decisions, refusal_reason
from app.ui.consent.common import (
    BAD,
    GOOD,
    MessageLabel,
    button,
    heading_label,
    scrolling_page,
    wrapped_label,
)
from app.ui.context import Services
from app.ui.printing import PrintError, open_print_preview
from app.ui.widgets.labels import esc


def decisions_html(record: ConsentRecord) -> str:
    """Each purpose as granted or refused, in words as well as colour."""
    rows = []
    for decision in effective_decisions(record):
        word, colour = ("Granted", GOOD) if decision.granted else ("Refused", BAD)
        rows.append(
            f"<tr><td style='padding-right:12px'><b style='color:{colour}'>{word}"
            f"</b></td><td>{esc(decision.label)}</td></tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


class ConfirmationView(QWidget):
    """Signals:
    another_requested: capture another consent for the same event.
    records_requested: show the list of records.
    """

    another_requested = Signal()
    records_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.path: Path | None = None
        self.preview: QDialog | None = None
        layout = scrolling_page(self)
        self.heading = heading_label("")
        layout.addWidget(self.heading)
        self.facts = wrapped_label(rich=True)
        self.facts.setAccessibleName(self.tr("What was recorded"))
        layout.addWidget(self.facts)
        self.reason = MessageLabel(self.tr("Why every purpose counts as refused"))
        layout.addWidget(self.reason)
        layout.addWidget(heading_label(self.tr("Decisions, one per purpose")))
        self.decisions = wrapped_label(rich=True)
        self.decisions.setAccessibleName(self.tr("Decisions, one per purpose"))
        layout.addWidget(self.decisions)
        self.saved = wrapped_label()
        self.saved.setAccessibleName(self.tr("Where the signed PDF was saved"))
        layout.addWidget(self.saved)
        self.signing = MessageLabel(self.tr("Signatures"))
        layout.addWidget(self.signing)
        row = QHBoxLayout()
        self.open_button = button(
            self.tr("&Open the PDF"), self.tr("Open the consent PDF"), self._on_open_clicked
        )
        self.folder_button = button(
            self.tr("Open the fo&lder"),
            self.tr("Open the folder holding the PDF"),
            self._on_folder_clicked,
        )
        self.print_button = button(
            self.tr("P&rint…"), self.tr("Print the consent form"), self._on_print_clicked
        )
        for push in (self.open_button, self.folder_button, self.print_button):
            row.addWidget(push)
        row.addStretch(1)
        layout.addLayout(row)
        self.problem = MessageLabel(self.tr("Problem printing"))
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        self.another_button = button(
            self.tr("Record &another consent for this event"),
            self.tr("Record another consent for this event"),
            self.another_requested.emit,
        )
        self.records_button = button(
            self.tr("See all &records"), self.tr("See all records"), self.records_requested.emit
        )
        row.addWidget(self.another_button)
        row.addWidget(self.records_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_record(
        self, record: ConsentRecord, path: Path, signed: list[str], form: ConsentForm
    ) -> None:
        self.path = path
        self.problem.clear_message()
        subject, adult = record.subject, record.consenting_adult
        self.heading.setText(self.tr("Consent recorded for %1").replace("%1", subject.name))
        rows = [
            (self.tr("Form"), form.title),
            (
                self.tr("Event"),
                " · ".join(
                    x for x in (record.details.get("event", ""), form.value("event-date")) if x
                ),
            ),
            (
                self.tr("Template"),
                self.tr("%1, version %2 (%3)")
                .replace("%1", record.template_id)
                .replace("%2", record.template_version)
                .replace("%3", form.template.date),
            ),
            (self.tr("SHA-256 of the text"), record.text_sha256),
            (self.tr("Form ID"), record.form_id),
            (self.tr("Recorded"), readable(record.recorded_at)),
            (self.tr("Expires (review by)"), record.expires_on),
        ]
        if adult is not None:
            rows.insert(1, (self.tr("Parent or guardian"), f"{adult.name}, {adult.relationship}"))
        self.facts.setText(
            "<table>"
            + "".join(
                f"<tr><td style='padding-right:12px'><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )
        reason = refusal_reason(record)
        if reason:
            self.reason.show_problems(
                [reason + " " + self.tr("Every purpose counts as refused, whatever was ticked.")]
            )
        else:
            self.reason.clear_message()
        self.decisions.setText(decisions_html(record))
        self.saved.setText(self.tr("Saved as: %1").replace("%1", str(path)))
        if signed:
            self.signing.show_good(
                self.tr("Digitally signed: %1.").replace("%1", ", ".join(signed))
            )
        else:
            self.signing.show_problems(
                [
                    self.tr(
                        "Not digitally signed. The consent is recorded with the typed name; the PDF has "
                        "empty signature fields."
                    )
                ]
            )

    @Slot()
    def _on_open_clicked(self) -> None:
        if self.path is not None:
            self.services.open_path(self.path)

    @Slot()
    def _on_folder_clicked(self) -> None:
        if self.path is not None:
            self.services.open_path(self.path.parent)

    @Slot()
    def _on_print_clicked(self) -> None:
        if self.path is None:
            return
        try:
            self.preview = open_print_preview(self.path, self)
        except PrintError as error:
            self.problem.show_problems([str(error)])
