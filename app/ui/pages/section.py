"""One page per policy section: read it, tick that you have understood it."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QTextBrowser, QVBoxLayout, QWidget

from app.core.packs import Section
from app.ui.context import OnboardingContext
from app.ui.pages.base import OnboardingPage
from app.ui.widgets.labels import wrapped_label


class SectionPage(OnboardingPage):
    def __init__(
        self, ctx: OnboardingContext, section: Section, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.section = section
        self.setTitle(section.heading)
        layout = QVBoxLayout(self)
        if section.audience == "senior":
            layout.addWidget(
                wrapped_label(
                    self.tr(
                        "This section is for trustees and people in senior or specialist roles."
                    )
                )
            )
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setMarkdown(section.text)
        self.text.setAccessibleName(self.tr("Policy section: %1").replace("%1", section.heading))
        self.text.setTabChangesFocus(True)
        layout.addWidget(self.text, 1)
        self.understood = QCheckBox(self.tr("I have read and understood this section"))
        self.understood.setAccessibleName(
            self.tr("I have read and understood section %1").replace("%1", section.heading)
        )
        self.understood.toggled.connect(self._on_understood_toggled)
        layout.addWidget(self.understood)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        _, session = self.ctx.require()
        ack = session.section_acks.get(self.section.id)
        self.understood.blockSignals(True)
        self.understood.setChecked(ack is not None and ack.sha256 == self.section.sha256)
        self.understood.blockSignals(False)
        self.understood.setFocus()

    @Slot(bool)
    def _on_understood_toggled(self, checked: bool) -> None:
        _, session = self.ctx.require()
        if checked:
            session.acknowledge(self.section.id, self.section.sha256, self.ctx.services.clock)
        else:
            session.withdraw_acknowledgement(self.section.id)
        self.changed.emit()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.understood.isChecked()
