"""Check your answers: everything given so far, each part with a way back to change it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout, QWidget

from app import __version__
from app.core.clock import readable
from app.core.onboarding import flow
from app.core.onboarding.acknowledgement import build_record
from app.core.onboarding.rules import ADVICE, REFUSED
from app.ui.context import OnboardingContext
from app.ui.pages.base import OnboardingPage, clear_layout, scrolling
from app.ui.widgets.labels import esc, wrapped_label


class ReviewPage(OnboardingPage):
    """Signals:
    change_requested(str): the step key the person wants to go back to.
    """

    change_requested = Signal(str)

    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.layout_ = scrolling(self)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        pack, session = self.ctx.require()
        record = build_record(pack, session, __version__)
        clear_layout(self.layout_)
        self.layout_.addWidget(
            wrapped_label(
                self.tr(
                    "This is what your acknowledgement will say. Use Change to correct anything; "
                    "then come back here with 'Return to review'."
                )
            )
        )
        person = record.identity
        self._group(
            self.tr("About you"),
            flow.IDENTITY,
            [
                f"<b>Name:</b> {esc(person.full_name)}",
                f"<b>E-mail:</b> {esc(person.email)}",
                f"<b>Membership number:</b> {esc(person.membership_number or 'not given')}",
                f"<b>Role:</b> {esc(person.role)}",
                f"<b>Under 18:</b> {'yes' if person.under_18 else 'no'}",
                f"<b>Runs or plans an account:</b> {'yes' if person.runs_account else 'no'}",
            ],
        )
        if person.under_18:
            # Word for word what the PDF prints and the guardian is shown before signing.
            self._group(
                self.tr("Parent or guardian"),
                flow.IDENTITY,
                [
                    f"<b>Name:</b> {esc(person.guardian_name)}",
                    f"<b>Relationship:</b> {esc(person.guardian_relationship)}",
                    f"<b>E-mail:</b> {esc(person.guardian_email or 'not given')}",
                    self.tr("<b>They will declare, before signing:</b>"),
                    *(f"• {esc(text)}" for text in record.guardian_declaration),
                    f"<i>{esc(record.guardian_signing_statement)}</i>",
                ],
            )
        first_section = pack.sections_for(person.role)[0].id
        self._group(
            self.tr("Policy sections"),
            flow.section_key(first_section),
            [f"✓ {esc(s.heading)} — {esc(readable(s.acknowledged_at))}" for s in record.sections],
        )
        if record.quiz:
            tries = len(record.quiz_rounds)
            self._group(
                self.tr("Quiz"),
                flow.QUIZ,
                [
                    f"<b>{record.quiz_correct} of {len(record.quiz)} right"
                    + (f", in {tries} attempts" if tries > 1 else "")
                    + ".</b>"
                ]
                + [
                    f"{'✓' if q.is_correct else '✗'} {esc(q.question)} — <i>{esc(q.chosen)}</i>"
                    for q in record.quiz
                ],
                # An answer stands once given, so the quiz can be read again, not changed.
                self.tr("See the quiz and its explanations again"),
            )
        if record.questionnaire_asked:
            lines = []
            for answer in record.questionnaire:
                flags = [o for o in answer.outcomes if o.status in (ADVICE, REFUSED)]
                points = (
                    "1 point to act on" if len(flags) == 1 else f"{len(flags)} points to act on"
                )
                note = f" <span style='color:#7a4f00'>({points})</span>" if flags else ""
                lines.append(f"<b>{esc(answer.prompt)}</b> {esc(answer.answer or '—')}{note}")
            self._group(self.tr("Setting up an account"), flow.QUESTIONNAIRE, lines)
        if record.checklist:
            self._group(
                self.tr("Account security"),
                flow.CHECKLIST,
                [
                    f"{esc(item.statement)} <i>({esc(item.source)})</i> — <b>{esc(item.answer)}</b>"
                    for item in record.checklist
                ],
            )
        self.layout_.addStretch(1)
        self.wizard().button(self.wizard().WizardButton.NextButton).setFocus()

    def _group(self, title: str, key: str, lines: list[str], action: str = "") -> None:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(wrapped_label("<br>".join(lines), rich=True))
        change = QPushButton(action or self.tr("Change %1").replace("%1", title.lower()))
        change.setAccessibleName(
            action.replace("&", "") or self.tr("Change %1").replace("%1", title)
        )
        change.clicked.connect(lambda _=False, k=key: self.change_requested.emit(k))
        layout.addWidget(change)
        self.layout_.addWidget(box)
