"""Setting up an account: the pack's questions, with its rules checked as the person types."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.onboarding import rules
from app.core.packs import Question
from app.ui.context import OnboardingContext
from app.ui.pages.base import OnboardingPage, clear_layout, scrolling
from app.ui.widgets.announce import announce
from app.ui.widgets.labels import BAD, GOOD, WARN, esc, heading_label, wrapped_label


class QuestionnairePage(OnboardingPage):
    def __init__(self, ctx: OnboardingContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.layout_ = scrolling(self)
        self.feedback: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}
        self.yes_no: dict[str, QButtonGroup] = {}
        self.summary = wrapped_label()
        self._built_for = ""

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        pack, session = self.ctx.require()
        if self._built_for != session.id:
            self._build(pack.questionnaire_intro, pack.questions)
            self._built_for = session.id
        for question in pack.questions:
            self._load(question, session.questionnaire.get(question.id, ""))
        self._refresh()
        if pack.questions:
            first = pack.questions[0].id
            group = self.yes_no.get(first)
            target = (group.checkedButton() or group.buttons()[0]) if group else self.inputs[first]
            target.setFocus()

    def _build(self, intro: str, questions: tuple[Question, ...]) -> None:
        clear_layout(self.layout_)
        self.feedback.clear()
        self.inputs.clear()
        self.yes_no.clear()
        self.layout_.addWidget(wrapped_label(intro))
        for question in questions:
            box = QGroupBox()
            box_layout = QVBoxLayout(box)
            optional = "" if question.required else self.tr(" (optional)")
            box_layout.addWidget(heading_label(question.prompt + optional))
            if question.help:
                box_layout.addWidget(wrapped_label(f"{question.help} ({question.source.label})"))
            box_layout.addWidget(self._input_for(question))
            feedback = wrapped_label(rich=True)
            feedback.setAccessibleName(self.tr("Check of: %1").replace("%1", question.prompt))
            box_layout.addWidget(feedback)
            self.feedback[question.id] = feedback
            self.layout_.addWidget(box)
        self.summary.setAccessibleName(self.tr("What is still needed"))
        self.layout_.addWidget(self.summary)
        self.layout_.addStretch(1)

    def _input_for(self, question: Question) -> QWidget:
        if question.kind == "yes_no":
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(row)
            answers = (("yes", self.tr("Yes")), ("no", self.tr("No")))
            for index, (_value, label) in enumerate(answers):
                button = QRadioButton(label)
                button.setAccessibleName(f"{label}: {question.prompt}")
                group.addButton(button, index)
                row_layout.addWidget(button)
            row_layout.addStretch(1)
            group.idClicked.connect(
                lambda index, q=question: self._on_answer_changed(q, ("yes", "no")[index])
            )
            self.yes_no[question.id] = group
            self.inputs[question.id] = row
            return row
        widget: QLineEdit | QPlainTextEdit
        if question.kind == "long_text":
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setMaximumHeight(90)
            widget.textChanged.connect(
                lambda q=question, w=widget: self._on_answer_changed(q, w.toPlainText())
            )
        else:
            widget = QLineEdit()
            widget.textChanged.connect(lambda text, q=question: self._on_answer_changed(q, text))
        widget.setAccessibleName(question.prompt)
        self.inputs[question.id] = widget
        return widget

    def _load(self, question: Question, answer: str) -> None:
        widget = self.inputs[question.id]
        widget.blockSignals(True)
        if isinstance(widget, QLineEdit):
            widget.setText(answer)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(answer)
        else:
            group = self.yes_no[question.id]
            index = {"yes": 0, "no": 1}.get(answer)
            if index is not None:
                group.button(index).setChecked(True)
        widget.blockSignals(False)

    def _on_answer_changed(self, question: Question, answer: str) -> None:
        _, session = self.ctx.require()
        session.questionnaire[question.id] = answer
        self._refresh()
        self.changed.emit()
        self.completeChanged.emit()

    def _refresh(self) -> None:
        pack, session = self.ctx.require()
        for question in pack.questions:
            answer = session.questionnaire.get(question.id, "")
            announce(self.feedback[question.id], feedback_html(question, answer))
        problems = rules.blocking_problems(pack.questions, session.questionnaire)
        self.summary.setText(
            self.tr("Before you go on:") + "\n" + "\n".join(f"• {p}" for p in problems)
            if problems
            else ""
        )

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        if self.ctx.pack is None or self.ctx.session is None:
            return False
        return not rules.blocking_problems(self.ctx.pack.questions, self.ctx.session.questionnaire)


def feedback_html(question: Question, answer: str) -> str:
    """The rule outcomes under a question, worst first."""
    lines: list[str] = []
    for outcome in rules.evaluate(question, answer):
        if outcome.status == rules.REFUSED:
            lines.insert(
                0,
                f"<b style='color:{BAD}'>✗ Not allowed:</b> {esc(outcome.message)} "
                f"<i>({esc(outcome.source)})</i>",
            )
        elif outcome.status == rules.ADVICE:
            lines.append(
                f"<b style='color:{WARN}'>! Worth doing:</b> {esc(outcome.message)} "
                f"<i>({esc(outcome.source)})</i>"
            )
        else:
            lines.append(f"<span style='color:{GOOD}'>✓ Fits {esc(outcome.source)}</span>")
    return "<br>".join(lines)
