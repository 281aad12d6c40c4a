"""Before a capture: which organisation and form, the event, and who records it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QLineEdit, QWidget

from app.core.consent.decisions import no_consent_details
from app.core.consent.templates import ConsentTemplate
from app.core.packs import Pack
from app.ui.consent.common import (
    FolderRow,
    MessageLabel,
    button,
    heading_label,
    pack_combo,
    scrolling_page,
    template_combo,
    wrapped_label,
)
from app.ui.context import Services


@dataclass(frozen=True)
class CaptureSetup:
    pack: Pack
    template: ConsentTemplate
    event: str
    date: str  # YYYY-MM-DD, or "" for an ongoing programme
    receiver: str
    folder: Path


class SetupPage(QWidget):
    """Signals:
    started(object): a CaptureSetup to fill in a form with.
    """

    started = Signal(object)

    def __init__(
        self,
        services: Services,
        templates: dict[str, ConsentTemplate],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.templates = services, templates
        layout = scrolling_page(self)
        layout.addWidget(heading_label(self.tr("Record a consent with the person")))
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "Fill in the consent form on screen together with the person (and their parent or "
                    "guardian). They sign with their typed name, and may draw a signature too. The "
                    "form is saved as a signed PDF and recorded, one decision per purpose."
                )
            )
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.pack = pack_combo(services.catalogue.packs, self.tr("Organisation"))
        self.pack.currentIndexChanged.connect(self._on_input_changed)
        form.addRow(self.tr("&Organisation:"), self.pack)
        self.template = template_combo(templates, self.tr("Form"))
        form.addRow(self.tr("&Form:"), self.template)
        self.event_name = QLineEdit()
        self.event_name.setAccessibleName(self.tr("Event or programme"))
        self.event_name.setPlaceholderText(self.tr("for example: Open day at Savoy Place"))
        self.event_name.textChanged.connect(self._on_input_changed)
        form.addRow(self.tr("&Event or programme:"), self.event_name)
        self.has_date = QCheckBox(self.tr("&Date:"))
        self.has_date.setChecked(True)
        self.has_date.setAccessibleName(self.tr("The event has a date"))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setAccessibleName(self.tr("Date of the event"))
        today = services.clock().date()
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.has_date.toggled.connect(self.date.setEnabled)
        form.addRow(self.has_date, self.date)
        self.receiver = QLineEdit()
        self.receiver.setAccessibleName(self.tr("Your name and role"))
        self.receiver.setPlaceholderText(self.tr("for example: Sam Patel, volunteering officer"))
        self.receiver.textChanged.connect(self._on_input_changed)
        form.addRow(self.tr("&Your name and role:"), self.receiver)
        layout.addLayout(form)
        self.folder = FolderRow(
            services.output_dir / "Signed consent forms", self.tr("signed consent forms")
        )
        layout.addWidget(self.folder)
        self.problems = MessageLabel(self.tr("Problems to put right before starting"))
        layout.addWidget(self.problems)
        self.start_button = button(
            self.tr("&Start the form"), self.tr("Start the form"), self._on_start_clicked
        )
        self.start_button.setMinimumHeight(36)
        layout.addWidget(self.start_button)
        layout.addStretch(1)
        self._on_input_changed()

    def choose(self, template_id: str) -> None:
        self.template.setCurrentIndex(self.template.findData(template_id))

    def problems_with_input(self) -> list[str]:
        pack = self.services.catalogue.packs.get(self.pack.currentData())
        if pack is None:
            return [self.tr("Choose an organisation: no policy pack is installed.")]
        problems = [p for p in [no_consent_details(pack)] if p]
        if not self.event_name.text().strip():
            problems.append(self.tr("Type the event or programme the consent is for."))
        if not self.receiver.text().strip():
            problems.append(self.tr("Type your name and role: you receive the consent."))
        return problems

    @Slot()
    def _on_input_changed(self) -> None:
        pack = self.services.catalogue.packs.get(self.pack.currentData())
        blocking = no_consent_details(pack) if pack is not None else ""
        self.problems.show_problems([blocking] if blocking else [])

    def setup(self) -> CaptureSetup:
        day = self.date.date()
        when = (
            f"{day.year():04d}-{day.month():02d}-{day.day():02d}"
            if self.has_date.isChecked()
            else ""
        )
        return CaptureSetup(
            self.services.catalogue.packs[self.pack.currentData()],
            self.templates[self.template.currentData()],
            " ".join(self.event_name.text().split()),
            when,
            " ".join(self.receiver.text().split()),
            self.folder.folder,
        )

    @Slot()
    def _on_start_clicked(self) -> None:
        problems = self.problems_with_input()
        self.problems.show_problems(problems)
        if not problems:
            self.started.emit(self.setup())
