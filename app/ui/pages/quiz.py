"""The comprehension quiz: scenario questions; a wrong answer is explained, never blocks."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QVBoxLayout, QWidget

from app.core.packs import QuizQuestion
from app.ui.context import OnboardingContext
from app.ui.pages.base import (
    BAD,
    GOOD,
    OnboardingPage,
    clear_layout,
    esc,
    heading_label,
    scrolling,
    wrapped_label,
    wrapping_radio,
)
from app.ui.widgets.announce import announce


class QuizPage(OnboardingPage):
    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.layout_ = scrolling(self)
        self.groups: dict[str, QButtonGroup] = {}
        self.feedback: dict[str, QLabel] = {}
        self.score = wrapped_label()
        self._built_for = ""

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        pack, session = self.ctx.require()
        if self._built_for != session.id:
            self._build(pack.quiz)
            self._built_for = session.id
        for question in pack.quiz:
            chosen = session.quiz_answers.get(question.id)
            if chosen is not None and 0 <= chosen < len(question.choices):
                self.groups[question.id].button(chosen).setChecked(True)
                self._show_feedback(question, chosen)
        self._update_score()
        first = next(iter(self.groups.values()), None)
        if first is not None:
            (first.checkedButton() or first.buttons()[0]).setFocus()

    def _build(self, questions: tuple[QuizQuestion, ...]) -> None:
        clear_layout(self.layout_)
        self.groups.clear()
        self.feedback.clear()
        self.layout_.addWidget(
            wrapped_label(
                self.tr(
                    "Choose the best answer to each situation. If you pick a different one you will "
                    "see why; it does not stop you going on."
                )
            )
        )
        for number, question in enumerate(questions, start=1):
            box = QGroupBox(self.tr("Question %1").replace("%1", str(number)))
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(heading_label(question.question))
            group = QButtonGroup(box)
            for index, choice in enumerate(question.choices):
                row, button = wrapping_radio(choice)
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
        self.layout_.addWidget(self.score)
        self.layout_.addStretch(1)

    def _on_answer_chosen(self, question: QuizQuestion, index: int) -> None:
        _, session = self.ctx.require()
        session.quiz_answers[question.id] = index
        self._show_feedback(question, index)
        self._update_score()
        self.changed.emit()
        self.completeChanged.emit()

    def _show_feedback(self, question: QuizQuestion, index: int) -> None:
        label = self.feedback[question.id]
        if index == question.correct_index:
            text = (
                f"<b style='color:{GOOD}'>✓ {esc(self.tr('Right.'))}</b> "
                f"{esc(question.explanation)} <i>(clause {esc(question.clause)})</i>"
            )
        else:
            text = (
                f"<b style='color:{BAD}'>✗ {esc(self.tr('Not quite.'))}</b> "
                f"{esc(self.tr('The best answer is:'))} "
                f"<b>{esc(question.choices[question.correct_index])}</b><br>"
                f"{esc(question.explanation)} <i>(clause {esc(question.clause)})</i>"
            )
        announce(label, text)  # in view and read out, right below the choice

    def _update_score(self) -> None:
        pack, session = self.ctx.require()
        answered = [q for q in pack.quiz if q.id in session.quiz_answers]
        right = sum(session.quiz_answers[q.id] == q.correct_index for q in answered)
        self.score.setText(
            self.tr("%1 of %2 answered, %3 right.")
            .replace("%1", str(len(answered)))
            .replace("%2", str(len(pack.quiz)))
            .replace("%3", str(right))
        )

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        if self.ctx.pack is None or self.ctx.session is None:
            return False
        return all(q.id in self.ctx.session.quiz_answers for q in self.ctx.pack.quiz)
