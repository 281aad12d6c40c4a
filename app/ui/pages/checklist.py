"""Account security: passwords, two-factor, new apps, phishing, privacy; each answered honestly.

Each item says where it comes from: a clause of the policy, or the organisation's good
practice, which is never passed off as a clause.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.packs import CHECKLIST_ANSWERS, ChecklistItem
from app.ui.context import OnboardingContext
from app.ui.pages.base import OnboardingPage, clear_layout, scrolling
from app.ui.widgets.labels import heading_label, wrapped_label

ANSWER_KEYS = tuple(CHECKLIST_ANSWERS)


class ChecklistPage(OnboardingPage):
    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.layout_ = scrolling(self)
        self.groups: dict[str, QButtonGroup] = {}
        self._built_for = ""

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        pack, session = self.ctx.require()
        if self._built_for != session.id:
            self._build(pack.checklist)
            self._built_for = session.id
        for item in pack.checklist:
            answer = session.checklist.get(item.id)
            if answer in ANSWER_KEYS:
                self.groups[item.id].button(ANSWER_KEYS.index(answer)).setChecked(True)
        first = next(iter(self.groups.values()), None)
        if first is not None:
            (first.checkedButton() or first.buttons()[0]).setFocus()

    def _build(self, items: tuple[ChecklistItem, ...]) -> None:
        clear_layout(self.layout_)
        self.groups.clear()
        self.layout_.addWidget(
            wrapped_label(
                self.tr(
                    "Answer for the accounts you use for the organisation. 'Not yet' is a fine answer: "
                    "it goes on your acknowledgement as your own statement, and onto your to-do "
                    "list on the last page and in the PDF."
                )
            )
        )
        for item in items:
            box = QGroupBox()
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(heading_label(item.statement))
            source = item.source.label[:1].upper() + item.source.label[1:]
            box_layout.addWidget(wrapped_label(f"{item.help} ({source})" if item.help else source))
            row = QHBoxLayout()
            group = QButtonGroup(box)
            for index, key in enumerate(ANSWER_KEYS):
                button = QRadioButton(CHECKLIST_ANSWERS[key])
                button.setAccessibleName(f"{CHECKLIST_ANSWERS[key]}: {item.statement}")
                group.addButton(button, index)
                row.addWidget(button)
            row.addStretch(1)
            box_layout.addLayout(row)
            group.idClicked.connect(lambda index, i=item: self._on_answer_chosen(i, index))
            self.groups[item.id] = group
            self.layout_.addWidget(box)
        self.layout_.addStretch(1)

    def _on_answer_chosen(self, item: ChecklistItem, index: int) -> None:
        _, session = self.ctx.require()
        session.checklist[item.id] = ANSWER_KEYS[index]
        self.changed.emit()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        if self.ctx.pack is None or self.ctx.session is None:
            return False
        return all(i.id in self.ctx.session.checklist for i in self.ctx.pack.checklist)
