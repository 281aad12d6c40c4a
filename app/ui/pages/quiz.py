"""The comprehension quiz: scenario questions with choices in a per-person order.

The rules (shuffle, one answer per round, pass mark, retries) are in app.core.onboarding.quiz;
this page shows the questions of the current round and the explanations.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.onboarding import quiz
from app.core.packs import QuizQuestion
from app.ui.context import OnboardingContext
from app.ui.pages.base import OnboardingPage, clear_layout, scrolling, wrapping_radio
from app.ui.widgets.announce import announce
from app.ui.widgets.labels import BAD, GOOD, esc, heading_label, wrapped_label


class QuizPage(OnboardingPage):
    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.layout_ = scrolling(self)
        self.groups: dict[str, QButtonGroup] = {}
        self.feedback: dict[str, QLabel] = {}
        self.score = wrapped_label()
        self.retry_note = wrapped_label()
        self.retry_button = QPushButton()
        self._built_for = ("", 0)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        pack, session = self.ctx.require()
        quiz.prepare(pack, session)
        if self._built_for != (session.id, len(session.quiz_rounds)):
            self._build()
        self._show_state()
        first = next(iter(self.groups.values()), None)
        if first is not None:
            (first.checkedButton() or first.buttons()[0]).setFocus()

    def _build(self) -> None:
        pack, session = self.ctx.require()
        self._built_for = (session.id, len(session.quiz_rounds))
        clear_layout(self.layout_)
        self.groups.clear()
        self.feedback.clear()
        asked = quiz.current_round(pack, session)
        if len(session.quiz_rounds) > 1:
            intro = self.tr(
                "Answer these questions again: you missed them last time. The explanations "
                "you read are below each question once you answer."
            )
        elif pack.quiz_pass_mark:
            intro = (
                self.tr(
                    "Choose the best answer to each situation; your first choice counts. You need "
                    "%1 of %2 right to go on: below that, you read the explanations and answer "
                    "the questions you missed again."
                )
                .replace("%1", str(pack.quiz_pass_mark))
                .replace("%2", str(len(pack.quiz)))
            )
        else:
            intro = self.tr(
                "Choose the best answer to each situation; your first choice counts. If it is "
                "not the best one you will see why; it does not stop you going on."
            )
        self.layout_.addWidget(wrapped_label(intro))
        for number, question in enumerate(asked, start=1):
            box = QGroupBox(self.tr("Question %1").replace("%1", str(number)))
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(heading_label(question.question))
            group = QButtonGroup(box)
            # Shown in this person's order; a button's id is the choice's place in the pack.
            for index in quiz.shown_order(session, question):
                row, button = wrapping_radio(question.choices[index])
                button.setAccessibleDescription(question.question)
                group.addButton(button, index)
                box_layout.addWidget(row)
            feedback = wrapped_label(rich=True)
            feedback.setAccessibleName(
                self.tr("Feedback on question %1").replace("%1", str(number))
            )
            feedback.hide()
            box_layout.addWidget(feedback)
            group.idClicked.connect(lambda index, q=question: self._on_answer_chosen(q, index))
            self.groups[question.id] = group
            self.feedback[question.id] = feedback
            self.layout_.addWidget(box)
        self.score = wrapped_label()
        self.layout_.addWidget(self.score)
        self.retry_note = wrapped_label()
        self.layout_.addWidget(self.retry_note)
        self.retry_button = QPushButton(self.tr("&Answer the missed questions again"))
        self.retry_button.clicked.connect(self._on_retry_clicked)
        self.layout_.addWidget(self.retry_button)
        self.layout_.addStretch(1)

    def _show_state(self) -> None:
        pack, session = self.ctx.require()
        for question in quiz.current_round(pack, session):
            chosen = quiz.answered_in_round(session, question.id)
            group = self.groups[question.id]
            if chosen is not None and group.button(chosen) is not None:
                group.button(chosen).setChecked(True)
                self._show_feedback(question, chosen)
                for button in group.buttons():
                    # The whole row, so the choice's text greys out with its button.
                    row = button.parentWidget()
                    if row is not None:
                        row.setEnabled(button is group.button(chosen))
        self._update_score()

    def _on_answer_chosen(self, question: QuizQuestion, index: int) -> None:
        pack, session = self.ctx.require()
        if not quiz.answer(pack, session, question.id, index):
            return
        self._show_state()
        self.changed.emit()
        self.completeChanged.emit()

    def _show_feedback(self, question: QuizQuestion, index: int) -> None:
        label = self.feedback[question.id]
        source = esc(question.source.label)
        if index == question.correct_index:
            text = (
                f"<b style='color:{GOOD}'>✓ {esc(self.tr('Right.'))}</b> "
                f"{esc(question.explanation)} <i>({source})</i>"
            )
        else:
            text = (
                f"<b style='color:{BAD}'>✗ {esc(self.tr('Not quite.'))}</b> "
                f"{esc(self.tr('The best answer is:'))} "
                f"<b>{esc(question.choices[question.correct_index])}</b><br>"
                f"{esc(question.explanation)} <i>({source})</i>"
            )
        announce(label, text)  # in view and read out, right below the choice

    def _update_score(self) -> None:
        pack, session = self.ctx.require()
        answered = [q for q in pack.quiz if q.id in session.quiz_answers]
        self.score.setText(
            self.tr("%1 of %2 answered, %3 right.")
            .replace("%1", str(len(answered)))
            .replace("%2", str(len(pack.quiz)))
            .replace("%3", str(quiz.score(pack, session)))
        )
        retry = quiz.needs_retry(pack, session)
        self.retry_note.setVisible(retry)
        self.retry_button.setVisible(retry)
        if retry:
            missed = len(quiz.missed(pack, session))
            text = (
                self.tr(
                    "You need %1 right to go on. Read the explanation above, then answer the "
                    "question you missed again."
                )
                if missed == 1
                else self.tr(
                    "You need %1 right to go on. Read the explanations above, then answer the "
                    "%2 questions you missed again."
                )
            )
            self.retry_note.setText(
                text.replace("%1", str(pack.quiz_pass_mark)).replace("%2", str(missed))
            )

    @Slot()
    def _on_retry_clicked(self) -> None:
        pack, session = self.ctx.require()
        quiz.start_retry(pack, session)
        self._build()
        self._show_state()
        self.changed.emit()
        self.completeChanged.emit()
        first = next(iter(self.groups.values()), None)
        if first is not None:
            first.buttons()[0].setFocus()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        if self.ctx.pack is None or self.ctx.session is None:
            return False
        return quiz.may_go_on(self.ctx.pack, self.ctx.session)
