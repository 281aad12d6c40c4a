"""Print forms for an event: choose the form, build a batch in the background, print it."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QWidget,
)

from app.core.consent.batches import BatchLog
from app.core.consent.decisions import MAX_COPIES, batch_problems
from app.core.consent.templates import ConsentTemplate
from app.core.display import display_path
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
from app.ui.pages.base import wrapping_radio
from app.ui.printing import PrintError, open_print_preview
from app.ui.worker import run_in_background


class _ProgressRelay(QObject):
    """Carries build_batch's progress from the worker thread to the UI thread."""

    advanced = Signal(int, int)


class PrintView(QWidget):
    """Signals:
    built(object): the list of PDF files a finished build wrote (empty if cancelled).
    """

    built = Signal(object)

    def __init__(
        self,
        services: Services,
        templates: dict[str, ConsentTemplate],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.templates = templates
        self.written: list[Path] = []
        self.preview: QDialog | None = None
        self._cancel = threading.Event()
        self._fillable = False
        self._relay: _ProgressRelay | None = None
        layout = scrolling_page(self)
        layout.addWidget(heading_label(self.tr("Print consent forms for an event")))
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "Each copy gets its own form ID and a QR code holding it, so a returned paper form "
                    "can be matched to its record."
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
        form.addRow(self.tr("&Event or programme:"), self.event_name)
        self.has_date = QCheckBox(self.tr("Print the &date:"))
        self.has_date.setChecked(True)
        self.has_date.setAccessibleName(self.tr("Print the event's date on the forms"))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setAccessibleName(self.tr("Date of the event"))
        today = services.clock().date()
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.has_date.toggled.connect(self.date.setEnabled)
        self.has_date.toggled.connect(self._on_input_changed)
        self.date.dateChanged.connect(self._on_input_changed)
        form.addRow(self.has_date, self.date)
        self.partners = QLineEdit()
        self.partners.setAccessibleName(self.tr("Other organisations that will use the images"))
        self.partners.setPlaceholderText(self.tr("name each one; leave empty for none"))
        form.addRow(self.tr("Other organisations &using the images:"), self.partners)
        self.copies = QSpinBox()
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setValue(20)
        self.copies.setSuffix(self.tr(" copies"))
        self.copies.setAccessibleName(
            self.tr("Number of copies, 1 to %1").replace("%1", f"{MAX_COPIES:,}")
        )
        form.addRow(self.tr("Cop&ies (1 to %1):").replace("%1", f"{MAX_COPIES:,}"), self.copies)
        layout.addLayout(form)

        self.kind = QButtonGroup(self)
        kinds = QWidget()
        kinds_layout = QHBoxLayout(kinds)
        kinds_layout.setContentsMargins(0, 0, 0, 0)
        for number, text in enumerate(
            (
                self.tr("Printable: one PDF holding every copy, to print and hand out"),
                self.tr("Fillable: one PDF per copy, to fill in on a computer"),
            )
        ):
            row, radio = wrapping_radio(text)
            self.kind.addButton(radio, number)
            kinds_layout.addWidget(row, 1)
        self.kind.button(0).setChecked(True)
        layout.addWidget(kinds)
        self.folder = FolderRow(services.output_dir / "Blank consent forms", self.tr("forms"))
        layout.addWidget(self.folder)
        self.problems = MessageLabel(self.tr("Problems to put right before building"))
        layout.addWidget(self.problems)

        actions = QHBoxLayout()
        self.build_button = button(
            self.tr("&Build the forms"), self.tr("Build the forms"), self._on_build_clicked
        )
        self.build_button.setMinimumHeight(36)
        self.cancel_button = button(
            self.tr("Cancel"), self.tr("Cancel building the forms"), self._on_cancel_clicked
        )
        self.cancel_button.setEnabled(False)
        self.cancel_button.setMinimumHeight(36)
        actions.addWidget(self.build_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Copies written"))
        self.progress.setFormat(self.tr("%v of %m copies"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.result = MessageLabel(self.tr("Where the forms were saved"))
        layout.addWidget(self.result)
        results = QHBoxLayout()
        self.folder_button = button(
            self.tr("Open the fo&lder"),
            self.tr("Open the folder holding the forms"),
            self._on_folder_clicked,
        )
        self.print_button = button(
            self.tr("P&rint…"), self.tr("Print the forms"), self._on_print_clicked
        )
        for push in (self.folder_button, self.print_button):
            push.hide()
            results.addWidget(push)
        results.addStretch(1)
        layout.addLayout(results)
        layout.addStretch(1)
        self._on_input_changed()

    def _inputs(self) -> tuple[str, str, int]:
        day = self.date.date()
        when = (
            f"{day.year():04d}-{day.month():02d}-{day.day():02d}"
            if self.has_date.isChecked()
            else ""
        )
        return self.pack.currentData(), when, self.copies.value()

    def problems_with_input(self) -> list[str]:
        from datetime import date

        pack_id, when, copies = self._inputs()
        pack = self.services.catalogue.packs.get(pack_id)
        if pack is None:
            return [self.tr("Choose an organisation: no policy pack is installed.")]
        return batch_problems(
            pack, date.fromisoformat(when) if when else None, self.services.clock().date(), copies
        )

    @Slot()
    def _on_input_changed(self) -> None:
        problems = self.problems_with_input()
        self.problems.show_problems(problems)
        self.build_button.setEnabled(not problems and not self.cancel_button.isEnabled())

    @Slot()
    def _on_build_clicked(self) -> None:
        problems = self.problems_with_input()
        self.problems.show_problems(problems)
        if problems:
            return
        from app.documents.consent.form import build_batch

        pack_id, when, copies = self._inputs()
        pack = self.services.catalogue.packs[pack_id]
        template = self.templates[self.template.currentData()]
        fillable = self.kind.checkedId() == 1
        event, partners = self.event_name.text().strip(), self.partners.text().strip()
        out_dir = self.folder.folder
        log = BatchLog.beside(self.services.register.path)  # to match returned forms
        self._cancel = cancel = threading.Event()
        self._fillable = fillable
        self._relay = relay = _ProgressRelay(self)
        relay.advanced.connect(self._on_relay_advanced)
        self.progress.setRange(0, copies)
        self.progress.setValue(0)
        self.progress.show()
        self._set_busy(True)
        self.result.show_plain(self.tr("Building %1 copies…").replace("%1", str(copies)))

        def work() -> list[Path]:
            return build_batch(
                pack,
                template,
                event=event,
                date=when,
                copies=copies,
                out_dir=out_dir,
                fillable=fillable,
                partners=partners,
                progress=relay.advanced.emit,
                cancelled=cancel.is_set,
                log=log,
            )

        run_in_background(work, self._on_built, self._on_failed, self)

    def _set_busy(self, busy: bool) -> None:
        if not busy and self._relay is not None:
            self._relay.deleteLater()  # the build is over: no more progress will come
            self._relay = None
        self.cancel_button.setEnabled(busy)
        self.build_button.setEnabled(not busy)
        for push in (self.folder_button, self.print_button):
            push.hide()

    @Slot(int, int)
    def _on_relay_advanced(self, done: int, total: int) -> None:
        self.progress.setValue(done)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel()
        self.result.show_plain(self.tr("Cancelling…"))

    def cancel(self) -> None:
        """Stop a build at the next copy; nothing half-written is left behind."""
        self._cancel.set()

    def _on_built(self, written: list[Path]) -> None:
        self._set_busy(False)
        self._on_input_changed()
        self.written = list(written)
        copies = self.progress.maximum()
        if not written:
            self.result.show_plain(self.tr("Cancelled: no file was written."))
        elif self._fillable and len(written) < copies:
            self.result.show_plain(
                self.tr("Cancelled after %1 of %2 forms. The %1 written are in %3.")
                .replace("%1", str(len(written)))
                .replace("%2", str(copies))
                .replace("%3", display_path(written[0].parent))
            )
        elif not self._fillable:
            self.progress.setValue(copies)
            self.result.show_good(
                self.tr("%1 copies saved in one PDF:\n%2")
                .replace("%1", str(copies))
                .replace("%2", str(written[0]))
            )
        else:
            self.result.show_good(
                self.tr("%1 fillable forms saved, one PDF each, in:\n%2")
                .replace("%1", str(len(written)))
                .replace("%2", display_path(written[0].parent))
            )
        self.folder_button.setVisible(bool(written))
        self.print_button.setVisible(bool(written) and not self._fillable)
        self.built.emit(self.written)

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._on_input_changed()
        self.progress.hide()
        self.result.show_problems(
            [
                self.tr(
                    "The forms could not be built: %1. Check that the folder exists and you can write "
                    "to it, or choose another with Change folder."
                ).replace("%1", str(error))
            ]
        )
        self.built.emit([])

    @Slot()
    def _on_folder_clicked(self) -> None:
        if self.written:
            self.services.open_path(self.written[0].parent)

    @Slot()
    def _on_print_clicked(self) -> None:
        try:
            self.preview = open_print_preview(self.written[0], self)
        except PrintError as error:
            self.result.show_problems([str(error)])
