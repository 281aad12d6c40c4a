"""What a trustee does from the register window: open, check or countersign a row's PDF,
import signed PDFs, and export the rows shown to CSV. Slow work runs off the UI thread."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QLabel, QPlainTextEdit, QPushButton, QWidget

from app.core.clock import readable
from app.core.register.export import write_csv
from app.core.register.importing import ImportResult, import_files
from app.core.register.status import AckRow
from app.ui.context import Services
from app.ui.register.model import RegisterModel, cell_text
from app.ui.register.recording import record_countersignature
from app.ui.verify_window import VerifyWindow
from app.ui.widgets.labels import BAD, GOOD, esc
from app.ui.worker import run_in_background


class RegisterView(Protocol):
    """What the actions need of the register window (so the two modules do not import each
    other)."""

    services: Services
    model: RegisterModel
    message: QLabel
    results: QPlainTextEdit
    open_button: QPushButton
    verify_button: QPushButton
    countersign_button: QPushButton
    import_button: QPushButton
    export_button: QPushButton

    def selected_row(self) -> AckRow | None: ...

    def reload(self) -> None: ...

    def window(self) -> QWidget: ...


class RowActions(QObject):
    """The register window's buttons, and importing dropped files.

    Signals:
        imported(list): the ImportResult of each file, once an import has finished.
        exported(object): the path of a CSV file just written.
    """

    imported = Signal(list)
    exported = Signal(object)

    def __init__(self, window: RegisterView) -> None:
        super().__init__(window.window())
        self.window = window
        self.services = window.services
        self.verify_window: VerifyWindow | None = None
        window.open_button.clicked.connect(self.open_selected)
        window.verify_button.clicked.connect(self.verify_selected)
        window.countersign_button.clicked.connect(self.countersign_selected)
        window.import_button.clicked.connect(self._on_import_clicked)
        window.export_button.clicked.connect(self._on_export_clicked)

    def say(self, html: str) -> None:
        self.window.message.setText(html)

    def describe(self, row: AckRow) -> str:
        """The chosen row in full: file, dates, guardian, certificate, why it is due."""
        parts = [
            f"<b>{esc(row.person)}</b> ({esc(row.role)}), {esc(row.organisation)}, "
            f"policy version {esc(row.policy_version)}, signed {esc(readable(row.signed_at))}"
            if row.signed_at
            else f"<b>{esc(row.person)}</b>"
        ]
        if row.guardian_name:
            parts.append(f"with {esc(row.guardian_name)} as parent or guardian")
        if row.countersigned:
            parts.append(
                f"countersigned by {esc(row.countersigned_by)} on {esc(row.countersigned_at[:10])}"
            )
        status = cell_text(row, "status") + (f": {row.note}" if row.note else "")
        renew = "Due for renewal now." if row.due else f"Renew by {row.renew_by}."
        lines = [
            ", ".join(parts) + ".",
            f"Status: {esc(status)}. {esc(renew)}",
            f"File: {esc(row.current_path)}",
            f"Certificate SHA-256: <tt>{esc(row.fingerprint)}</tt> · {esc(row.source)}",
        ]
        return "<br>".join(lines)

    def _chosen_file(self) -> tuple[AckRow, Path] | None:
        row = self.window.selected_row()
        if row is None:
            return None
        path = Path(row.current_path)
        if not path.is_file():
            self.say(
                f"<b style='color:{BAD}'>"
                + esc(
                    self.tr(
                        "The PDF is no longer at %1. If it was moved, import it from where it is now."
                    ).replace("%1", str(path))
                )
                + "</b>"
            )
            return None
        return row, path

    @Slot()
    def open_selected(self) -> None:
        chosen = self._chosen_file()
        if chosen:
            self.services.open_path(chosen[1])

    @Slot()
    def verify_selected(self) -> None:
        chosen = self._chosen_file()
        if not chosen:
            return
        path = chosen[1]
        self.say(esc(self.tr("Checking %1…").replace("%1", path.name)))

        def work():
            from app.signing.service import verify_pdf  # pyHanko: only now

            return verify_pdf(path)

        run_in_background(work, self._on_verified, self._on_failed, self)

    def _on_verified(self, report) -> None:
        who = "; ".join(f"{s.field}: {s.signer}" for s in report.signatures)
        if report.ok:
            self.say(
                f"<b style='color:{GOOD}'>✓ {esc(self.tr('Every signature checks out'))}"
                f"</b> ({esc(who)}) — {esc(report.path.name)}"
            )
        else:
            items = "".join(f"<li>{esc(p)}</li>" for p in report.problems)
            self.say(
                f"<b style='color:{BAD}'>✗ {esc(self.tr('Not every signature checks out'))}"
                f"</b> — {esc(report.path.name)}<ul>{items}</ul>"
            )

    def _on_failed(self, error: BaseException) -> None:
        self.say(f"<b style='color:{BAD}'>{esc(str(error))}</b>")

    @Slot()
    def countersign_selected(self) -> None:
        """Open the PDF in the check-and-countersign window; its countersignature is recorded."""
        chosen = self._chosen_file()
        if not chosen:
            return
        row, path = chosen
        if self.verify_window is None:
            self.verify_window = VerifyWindow(org_id=row.pack_id)
            self.verify_window.countersigned.connect(self._on_verify_window_countersigned)
        self.verify_window.org_id = row.pack_id
        self.verify_window.check(path)
        self.verify_window.show()
        self.verify_window.raise_()
        self.verify_window.activateWindow()

    @Slot(object)
    def _on_verify_window_countersigned(self, path: Path) -> None:
        record_countersignature(self, self.services, path, self._on_countersignature_recorded)

    def _on_countersignature_recorded(self, result: ImportResult) -> None:
        self.say(esc(result.message))
        self.window.reload()

    # -- import ---------------------------------------------------------------------------

    @Slot()
    def _on_import_clicked(self) -> None:
        dialog = QFileDialog(self.window.window(), self.tr("Import signed acknowledgements"))
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda names: self.import_paths([Path(n) for n in names]))
        dialog.open()

    def import_paths(self, paths: list[Path]) -> None:
        """Check and add each file, off the UI thread; the results are listed per file."""
        if not paths:
            return
        register, clock = self.services.register, self.services.clock
        self.window.import_button.setEnabled(False)
        self.say(
            esc(
                self.tr("Checking and importing %1…").replace(
                    "%1", f"{len(paths)} file{'s' if len(paths) != 1 else ''}"
                )
            )
        )

        def work() -> list[ImportResult]:
            from app.signing.service import verify_pdf  # pyHanko: only now

            return import_files(register, paths, verify_pdf, clock)

        def failed(error: BaseException) -> None:
            self.window.import_button.setEnabled(True)
            self._on_failed(error)

        run_in_background(work, self._on_imported, failed, self)

    def _on_imported(self, results: list[ImportResult]) -> None:
        self.window.import_button.setEnabled(True)
        counts = Counter(r.outcome for r in results)
        summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
        refused = counts["refused"] + counts["unreadable"]
        colour = BAD if refused else GOOD
        self.say(
            f"<b style='color:{colour}'>"
            + esc(
                self.tr("Imported %1: %2.")
                .replace("%1", f"{len(results)} file{'s' if len(results) != 1 else ''}")
                .replace("%2", summary)
            )
            + "</b>"
        )
        lines = []
        for result in results:
            lines.append(result.line)
            lines += [f"    note: {note}" for note in result.notes]
        self.window.results.setPlainText("\n".join(lines))
        self.window.results.show()
        self.imported.emit(results)
        self.window.reload()

    # -- export ---------------------------------------------------------------------------

    @Slot()
    def _on_export_clicked(self) -> None:
        name = f"register-{self.services.clock().date().isoformat()}.csv"
        dialog = QFileDialog(
            self.window.window(),
            self.tr("Export the rows shown"),
            str(self.services.output_dir / name),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)) if name else None)
        dialog.open()

    def export_to(self, path: Path) -> None:
        """Write the rows shown, in the order shown, to `path` (off the UI thread)."""
        query = self.window.model.query

        def done(count: int) -> None:
            self.say(
                f"<b style='color:{GOOD}'>"
                + esc(
                    self.tr("Exported %1 to %2.")
                    .replace("%1", f"{count:,} row{'s' if count != 1 else ''}")
                    .replace("%2", str(path))
                )
                + "</b>"
            )
            self.exported.emit(path)

        run_in_background(
            lambda: write_csv(path, query.all() if query else []), done, self._on_failed, self
        )
