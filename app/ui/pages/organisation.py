"""First page: choose the organisation (policy pack), or resume an unfinished onboarding."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import readable
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.ui.context import OnboardingContext
from app.ui.pages.base import (
    BAD,
    OnboardingPage,
    clear_layout,
    esc,
    no_mnemonic,
    scrolling,
    wrapped_label,
)


class OrganisationPage(OnboardingPage):
    """Signals:
    pack_chosen(Pack): Next was pressed with an organisation chosen.
    resume_requested(Pack, OnboardingSession): the person chose to resume a saved onboarding.
    """

    pack_chosen = Signal(object)
    resume_requested = Signal(object, object)

    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Choose organisation"))
        layout = scrolling(self)

        self.resume_box = QGroupBox(self.tr("Carry on where you left off"))
        self.resume_layout = QVBoxLayout(self.resume_box)
        layout.addWidget(self.resume_box)

        intro = wrapped_label(
            self.tr(
                "Welcome to Induct. In about twenty minutes you will read your organisation's "
                "social media policy section by section, answer a short quiz, check your account "
                "security, and sign an acknowledgement that you keep as a PDF. Your answers are "
                "saved as you go: you can close the window at any time and carry on later."
            )
        )
        layout.addWidget(intro)

        choose = QGroupBox(self.tr("Which organisation are you joining?"))
        choose_layout = QVBoxLayout(choose)
        self.pack_buttons = QButtonGroup(self)
        self.packs: list[Pack] = sorted(
            ctx.services.catalogue.packs.values(), key=lambda p: p.organisation.name
        )
        for index, pack in enumerate(self.packs):
            button = QRadioButton(
                no_mnemonic(f"{pack.organisation.name} ({pack.organisation.short_name})")
            )
            button.setAccessibleName(pack.organisation.name)
            button.setAccessibleDescription(pack.policy.summary)
            self.pack_buttons.addButton(button, index)
            choose_layout.addWidget(button)
            detail = wrapped_label(
                f"{pack.policy.title}, version {pack.policy.version}. {pack.policy.summary}"
            )
            detail.setContentsMargins(24, 0, 0, 8)
            choose_layout.addWidget(detail)
        if not self.packs:
            choose_layout.addWidget(
                wrapped_label(
                    self.tr(
                        "No policy pack could be loaded, so onboarding cannot start. "
                        "Ask whoever looks after Induct to check the packs with 'induct pack check'."
                    )
                )
            )
        self.pack_buttons.idToggled.connect(lambda *_: self.completeChanged.emit())
        layout.addWidget(choose)

        broken = ctx.services.catalogue.broken
        if broken:
            lines = "".join(f"<li>{esc(str(p))}</li>" for ps in broken.values() for p in ps)
            warning = wrapped_label(
                f"<b style='color:{BAD}'>{len(broken)} policy pack(s) could not be loaded and "
                f"are not offered:</b><ul>{lines}</ul>",
                rich=True,
            )
            warning.setAccessibleName(self.tr("Packs that could not be loaded"))
            layout.addWidget(warning)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        self.refresh_resumable()
        if self.packs:
            button = self.pack_buttons.checkedButton() or self.pack_buttons.buttons()[0]
            button.setFocus()

    def refresh_resumable(self) -> None:
        clear_layout(self.resume_layout)
        sessions, problems = self.ctx.services.store.unfinished()
        resumable = [(s, self.ctx.services.catalogue.packs.get(s.pack_id)) for s in sessions]
        for session, pack in resumable:
            name = session.identity.full_name or self.tr("(name not given yet)")
            org = pack.organisation.short_name if pack else session.pack_id
            button = QPushButton(
                no_mnemonic(f"Resume: {name} — {org} — saved {readable(session.updated_at)}")
            )
            button.setAccessibleName(f"Resume the onboarding of {name} for {org}")
            if pack is None:
                button.setEnabled(False)
                button.setToolTip(self.tr("The policy pack for this onboarding is missing."))
            else:
                button.clicked.connect(
                    lambda _=False, p=pack, s=session: self._on_resume_clicked(p, s)
                )
            self.resume_layout.addWidget(button)
        for problem in problems:
            self.resume_layout.addWidget(wrapped_label(problem))
        self.resume_box.setVisible(bool(resumable or problems))

    def _on_resume_clicked(self, pack: Pack, session: OnboardingSession) -> None:
        stale = session.forget_stale_acknowledgements(pack)
        if stale:
            session.current_step = "identity"
        self.select(pack.id)
        self.resume_requested.emit(pack, session)

    def select(self, pack_id: str) -> None:
        for index, pack in enumerate(self.packs):
            if pack.id == pack_id:
                self.pack_buttons.button(index).setChecked(True)

    def chosen_pack(self) -> Pack | None:
        index = self.pack_buttons.checkedId()
        return self.packs[index] if index >= 0 else None

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.chosen_pack() is not None

    @Slot()
    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        pack = self.chosen_pack()
        if pack is None:
            return False
        self.pack_chosen.emit(pack)
        return True
