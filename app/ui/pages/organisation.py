"""First page: choose the organisation (policy pack), or resume an unfinished onboarding."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import readable
from app.core.onboarding import identity as identity_rules
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack, review_notice
from app.ui.context import OnboardingContext
from app.ui.pages.base import OnboardingPage, clear_layout, scrolling
from app.ui.widgets.labels import BAD, WARN, esc, no_mnemonic, wrapped_label


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
        outer = QVBoxLayout(self.resume_box)
        self.resume_layout = QVBoxLayout()
        outer.addLayout(self.resume_layout)
        self._build_email_check(outer)
        layout.addWidget(self.resume_box)

        intro = wrapped_label(
            self.tr(
                "Welcome to Induct. In about twenty minutes you will read your organisation's "
                "social media policy section by section, answer what the policy asks of you, "
                "and sign an acknowledgement that you keep as a PDF. Your answers are "
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
            notice = review_notice(pack.policy, ctx.services.clock().date())
            if notice:  # shown, never stopping anyone
                overdue = wrapped_label(notice)
                overdue.setStyleSheet(f"color: {WARN}")
                overdue.setContentsMargins(24, 0, 0, 8)
                overdue.setAccessibleName(self.tr("Review date passed"))
                choose_layout.addWidget(overdue)
        if not self.packs:
            choose_layout.addWidget(
                wrapped_label(
                    self.tr(
                        "No policy pack could be loaded, so onboarding cannot start. "
                        "Ask whoever looks after Induct on this computer to check its policy packs."
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
        self._hide_email_check()
        for session, pack in resumable:
            name = identity_rules.resume_label(session.identity) or self.tr("(name not given yet)")
            org = pack.organisation.short_name if pack else session.pack_id
            # The button says whose; when it was saved wraps beside it, so at 200% text the
            # row still fits the page (a button's text never wraps, and a wide one pushed
            # the whole page past the window's right edge).
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            button = QPushButton(no_mnemonic(f"Resume: {name} — {org}"))
            button.setAccessibleName(f"Resume the onboarding of {name} for {org}")
            if pack is None:
                button.setEnabled(False)
                button.setToolTip(self.tr("The policy pack for this onboarding is missing."))
            else:
                button.clicked.connect(
                    lambda _=False, p=pack, s=session: self._on_resume_clicked(p, s)
                )
            row_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            if session.updated_at:
                saved = wrapped_label(
                    self.tr("saved %1").replace("%1", readable(session.updated_at))
                )
                button.setAccessibleDescription(saved.text())
                row_layout.addWidget(saved, 1)
            else:
                row_layout.addStretch(1)
            self.resume_layout.addWidget(row)
        for problem in problems:
            self.resume_layout.addWidget(wrapped_label(problem))
        self.resume_box.setVisible(bool(resumable or problems))

    # -- the e-mail check: only the person who typed it resumes an onboarding --------------

    def _build_email_check(self, outer: QVBoxLayout) -> None:
        self._pending: tuple[Pack, OnboardingSession] | None = None
        self.email_prompt = wrapped_label()
        row = QHBoxLayout()
        self.resume_email = QLineEdit()
        self.resume_email.setAccessibleName(self.tr("Your e-mail address, to carry on"))
        self.resume_email.setPlaceholderText(self.tr("The e-mail address you typed"))
        # Enter here carries on; the wizard must not also see it (it would press Next).
        self.resume_email.installEventFilter(self)
        self.resume_email.textEdited.connect(self._on_resume_email_edited)
        self.carry_on = QPushButton(self.tr("&Carry on"))
        self.carry_on.setAccessibleName(self.tr("Carry on with this onboarding"))
        self.carry_on.clicked.connect(self._on_email_entered)
        row.addWidget(self.resume_email, 1)
        row.addWidget(self.carry_on)
        self.email_problem = wrapped_label()
        self.email_problem.setStyleSheet(f"color: {BAD}")
        self._email_widgets = (self.email_prompt, self.resume_email, self.carry_on)
        outer.addWidget(self.email_prompt)
        outer.addLayout(row)
        outer.addWidget(self.email_problem)
        self._hide_email_check()

    @Slot()
    def _on_resume_email_edited(self) -> None:
        self.email_problem.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            watched is self.resume_email
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._on_email_entered()
            return True
        return super().eventFilter(watched, event)

    def _hide_email_check(self) -> None:
        self._pending = None
        for widget in self._email_widgets:
            widget.hide()
        self.resume_email.clear()
        self.email_problem.clear()

    def _on_resume_clicked(self, pack: Pack, session: OnboardingSession) -> None:
        if not identity_rules.needs_email_to_resume(session.identity):
            self._resume(pack, session)
            return
        self._pending = (pack, session)
        self.email_prompt.setText(
            self.tr("To carry on as %1, type the e-mail address you gave.").replace(
                "%1", identity_rules.resume_label(session.identity)
            )
        )
        for widget in self._email_widgets:
            widget.show()
        self.resume_email.clear()
        self.email_problem.clear()
        self.resume_email.setFocus()

    @Slot()
    def _on_email_entered(self) -> None:
        if self._pending is None:
            return
        pack, session = self._pending
        if not identity_rules.email_matches(session.identity, self.resume_email.text()):
            self.email_problem.setText(
                self.tr("That is not the e-mail address saved with this onboarding.")
            )
            return
        self._hide_email_check()
        self._resume(pack, session)

    def _resume(self, pack: Pack, session: OnboardingSession) -> None:
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
