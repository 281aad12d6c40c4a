"""The consent form on screen: the form's own words, block by block, with its answers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.consent.capture import PRINTED_KEYS, FormValues, age_of, needs_adult
from app.core.consent.decisions import child_asked, guardian_needed
from app.core.consent.form import ConsentForm
from app.core.consent.templates import Block, FieldSpec
from app.core.onboarding.acknowledgement import GUARDIAN_FIELD, PERSON_FIELD
from app.ui.consent.common import MessageLabel, heading_label, wrapped_label, wrapping_check
from app.ui.consent.form_parts import (
    DISAGREEMENT,
    AdultPart,
    ChildAgreement,
    StampFrame,
    labelled,
)
from app.ui.consent.signer_box import SignerBox
from app.ui.pages.base import wrapping_radio
from app.ui.widgets.labels import esc

WHO = {"subject": "You", "guardian": "Parent or guardian"}


class FormView(QWidget):
    """Signals:
    edited: an answer changed.
    switch_requested(str, object): use the form of this kind instead, carrying these fields.
    """

    edited = Signal()
    switch_requested = Signal(str, object)

    def __init__(self, form: ConsentForm, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form, self.today, self.kind = form, today, form.template.kind
        self.lines: dict[str, QLineEdit] = {}
        self.role: QComboBox | None = None
        self.confirms: dict[str, QCheckBox] = {}
        self.purposes: dict[str, tuple[QWidget, QCheckBox]] = {}
        self.choices: dict[str, tuple[QButtonGroup, list[str]]] = {}
        self.free_texts: dict[str, QPlainTextEdit] = {}
        self.signers: dict[str, SignerBox] = {}
        self.dnp: QCheckBox | None = None
        self.disagreement: QCheckBox | None = None
        self.child: ChildAgreement | None = None
        self.adult: AdultPart | None = None
        self.receiver: QLineEdit | None = None
        self.child_mark: QLineEdit | None = None
        self.switch_target = ""
        self.age_message = MessageLabel(self.tr("What the age means for this form"))
        self.switch_button = QPushButton()
        self.switch_button.setAccessibleName(self.tr("Use the form this age needs"))
        self.switch_button.clicked.connect(self._on_switch_clicked)
        self.switch_button.hide()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(10)
        self.stamp_frame = StampFrame(form)
        self.layout_.addWidget(self.stamp_frame)
        title = QLabel(f"<h2>{esc(form.pack.organisation.name)}<br>{esc(form.title)}</h2>")
        title.setWordWrap(True)
        title.setAccessibleName(form.title)
        self.layout_.addWidget(title)
        self.layout_.addWidget(wrapped_label(form.intro))
        for block in form.blocks:
            self._add_block(block)
        if self.receiver is None:
            self.receiver = labelled(self.layout_, self.tr("Received by (your name)"), QLineEdit())
        self.receiver.textChanged.connect(self.edited)
        self._on_age_changed()

    # -- building ---------------------------------------------------------------------------

    def _add_block(self, block: Block) -> None:
        add = self.layout_.addWidget
        if block.heading:
            self.layout_.addSpacing(8)
            add(heading_label(block.heading))
        if block.intro:
            add(wrapped_label(block.intro))
        for paragraph in block.paragraphs:
            add(wrapped_label(paragraph))
        for spec in block.fields:
            self._add_field(spec)
        if block.type == "opt_ins":
            for option in block.options:
                row, box = wrapping_check(option.label)
                box.toggled.connect(self.edited)
                self.purposes[f"{block.id}.{option.key}"] = (row, box)
                add(row)
        elif block.type == "choice":
            self._add_choice(block)
        elif block.type == "do_not_photograph":
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.Box)
            row, self.dnp = wrapping_check(block.label)
            QVBoxLayout(frame).addWidget(row)
            self.dnp.toggled.connect(self._on_dnp_toggled)
            add(frame)
        elif block.type == "free_text":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            lines = max(2, min(block.lines, 8))
            edit.setFixedHeight(lines * edit.fontMetrics().lineSpacing() + 16)
            edit.textChanged.connect(self.edited)
            self.free_texts[block.id] = labelled(self.layout_, block.label, edit)
        elif block.type == "child_agreement":
            self._add_child_agreement(block)
        elif block.type == "signatures":
            for signer in block.signers:
                self._add_signer(signer.role, signer.label)
        if any(spec.key == "name" for spec in block.fields) and "dob" not in self.lines:
            adult_age = self.form.consent.ages.guardian_required_under
            self._add_line(
                "dob",
                self.tr("Date of birth or age, if under %1 (leave empty for an adult)").replace(
                    "%1", str(adult_age)
                ),
            )

    def _add_field(self, spec: FieldSpec) -> None:
        label = spec.label + (f" ({spec.help})" if spec.help else "")
        if spec.key in PRINTED_KEYS:
            value = self.form.value(spec.key) or self.tr("not given")
            shown = wrapped_label(f"{spec.label}: {value}")
            shown.setAccessibleName(f"{spec.label}: {value}")
            self.layout_.addWidget(shown)
        elif spec.kind == "confirm":
            row, box = wrapping_check(spec.label)
            box.toggled.connect(self.edited)
            self.confirms[spec.key] = box
            self.layout_.addWidget(row)
            if spec.key == "parental-responsibility":
                row, self.disagreement = wrapping_check(self.tr(DISAGREEMENT))
                self.disagreement.toggled.connect(self.edited)
                self.layout_.addWidget(row)
        elif spec.kind == "roles":
            self.role = QComboBox()
            self.role.addItems(list(self.form.roles()))
            self.role.setPlaceholderText(self.tr("Choose a role"))
            self.role.setCurrentIndex(-1)
            self.role.currentIndexChanged.connect(self.edited)
            labelled(self.layout_, label, self.role)
        else:
            edit = self._add_line(spec.key, label)
            if spec.kind == "date" and spec.key != "dob":
                edit.setPlaceholderText(self.tr("for example 12/06/2026"))
            if spec.key == "received-by":
                self.receiver = edit

    def _add_line(self, key: str, label: str) -> QLineEdit:
        edit = labelled(self.layout_, label, QLineEdit())
        edit.textChanged.connect(self.edited)
        self.lines[key] = edit
        if key == "dob":
            edit.setPlaceholderText(self.tr("for example 30/09/2012, or the age in years"))
            edit.textChanged.connect(self._on_age_changed)
            self.layout_.addWidget(self.age_message)
            self.layout_.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignLeft)
        return edit

    def _add_choice(self, block: Block) -> None:
        group = QButtonGroup(self)
        keys = []
        for number, option in enumerate(block.options):
            row, radio = wrapping_radio(option.label)
            group.addButton(radio, number)
            radio.setChecked(option.key == block.default)
            keys.append(option.key)
            self.layout_.addWidget(row)
        group.idToggled.connect(self.edited)
        self.choices[block.id] = (group, keys)

    def _add_child_agreement(self, block: Block) -> None:
        self.child = ChildAgreement(block)
        self.child.edited.connect(self.edited)
        self.layout_.addWidget(self.child)

    def _add_signer(self, role: str, label: str) -> None:
        if role == "witness":
            self.receiver = labelled(self.layout_, label, QLineEdit())
        elif role == "child":
            self.child_mark = labelled(self.layout_, label, QLineEdit())
        elif role == "guardian" and self.kind != "guardian":
            self.adult = AdultPart()
            self.adult.edited.connect(self.edited)
            self.layout_.addWidget(self.adult)
        if role in WHO:
            field = PERSON_FIELD if role == "subject" else GUARDIAN_FIELD
            box = SignerBox(role, field, self.tr(WHO[role]))
            box.edited.connect(self.edited)
            self.signers[role] = box
            self.layout_.addWidget(box)

    # -- reacting ---------------------------------------------------------------------------

    @Slot(bool)
    def _on_dnp_toggled(self, checked: bool) -> None:
        """ "Do not photograph or film me" excludes every opt-in and naming (P6)."""
        for row, box in self.purposes.values():
            if checked:
                box.setChecked(False)
            row.setEnabled(not checked)
        if "identification" in self.choices:
            group, keys = self.choices["identification"]
            if checked:
                group.button(keys.index("no-name") if "no-name" in keys else 0).setChecked(True)
            for radio in group.buttons():
                line = radio.parentWidget()
                if line is not None:
                    line.setEnabled(not checked)
        self.edited.emit()

    @Slot()
    def _on_age_changed(self) -> None:
        age, problem = age_of(self.form, self.values(), self.today)
        rules = self.form.consent.ages
        under = str(rules.guardian_required_under)
        self.switch_button.hide()
        if problem:
            self.age_message.show_problems([problem])
        elif self.kind == "guardian" and age.years is not None and not guardian_needed(rules, age):
            self.age_message.show_problems(
                [
                    self.tr("At %1 they consent for themselves: use the publicity form.").replace(
                        "%1", str(age.years)
                    )
                ]
            )
            self._offer_switch("publicity", self.tr("Use the &publicity form instead"))
        elif self.kind == "publicity" and needs_adult(self.form, age):
            self.age_message.show_problems(
                [
                    self.tr(
                        "Under %1, a parent or guardian must consent: use the parent or guardian form."
                    ).replace("%1", under)
                ]
            )
            self._offer_switch("guardian", self.tr("Use the &parent or guardian form"))
        elif self.kind == "quote" and needs_adult(self.form, age):
            self.age_message.show_plain(
                self.tr(
                    "Under %1, a parent or guardian signs this form as well: their details are "
                    "asked for under Signatures."
                ).replace("%1", under)
            )
        else:
            self.age_message.clear_message()
        adult_needed = needs_adult(self.form, age)
        if self.adult is not None:
            self.adult.setVisible(adult_needed)
        if "guardian" in self.signers:
            self.signers["guardian"].setVisible(adult_needed)
        if self.child is not None:
            self.child.set_asked(child_asked(rules, age), rules.child_agreement_from)
        self.edited.emit()

    def _offer_switch(self, kind: str, text: str) -> None:
        self.switch_target = kind
        self.switch_button.setText(text)
        self.switch_button.setAccessibleName(text.replace("&", ""))
        self.switch_button.show()

    @Slot()
    def _on_switch_clicked(self) -> None:
        carried = {k: self.lines[k].text() for k in ("name", "dob", "contact") if k in self.lines}
        self.switch_requested.emit(self.switch_target, carried)

    # -- reading ----------------------------------------------------------------------------

    def prefill(self, values: dict[str, str]) -> None:
        for key, text in values.items():
            if key in self.lines and text:
                self.lines[key].setText(text)

    def values(self) -> FormValues:
        fields = {key: edit.text() for key, edit in self.lines.items()}
        if self.role is not None:
            fields["role"] = self.role.currentText() if self.role.currentIndex() >= 0 else ""
        confirms = {key: box.isChecked() for key, box in self.confirms.items()}
        disagreement = self.disagreement
        if self.adult is not None and not self.adult.isHidden():
            fields |= self.adult.fields()
            confirms["parental-responsibility"] = self.adult.confirmed.isChecked()
            disagreement = self.adult.disagreement
        return FormValues(
            fields=fields,
            confirms=confirms,
            granted=[key for key, (_, box) in self.purposes.items() if box.isChecked()],
            choices={
                block: keys[group.checkedId()]
                for block, (group, keys) in self.choices.items()
                if group.checkedId() >= 0
            },
            free_texts={key: edit.toPlainText() for key, edit in self.free_texts.items()},
            do_not_photograph=bool(self.dnp and self.dnp.isChecked()),
            child_agreement=self.child.answer() if self.child is not None else None,
            parental_disagreement=bool(disagreement and disagreement.isChecked()),
            receiver=self.receiver.text() if self.receiver else "",
        )

    def needed_signers(self) -> list[SignerBox]:
        """The signers whose signature fields the saved PDF will have, in order."""
        return [box for box in self.signers.values() if not box.isHidden()]

    def signatures(self) -> dict[str, object]:
        """What to draw in each signature box of the PDF, by signer role."""
        marks: dict[str, object] = {box.role: box.mark() for box in self.needed_signers()}
        if self.child_mark is not None and self.child_mark.text().strip():
            marks["child"] = " ".join(self.child_mark.text().split())
        return marks

    def expected_names(self) -> None:
        """Tell each signer box the name they must type: the person's, or the guardian's."""
        values = self.values()
        if "subject" in self.signers:
            self.signers["subject"].set_expected_name(values.fields.get("name", ""))
        if "guardian" in self.signers:
            self.signers["guardian"].set_expected_name(values.fields.get("guardian-name", ""))

    def lock(self) -> None:
        """Once saved, the answers are recorded: nothing on the form can change any more."""
        for widget in self.findChildren(QWidget):
            if isinstance(widget, SignerBox):
                widget.lock()
            elif (
                widget.parentWidget() is self
                and widget is not self.stamp_frame
                and not isinstance(widget, QLabel)
            ):
                widget.setEnabled(False)
