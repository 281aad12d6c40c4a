"""The guardian's details and declaration: on Check your answers, on the guardian's signing
page and in the signed PDF, the same words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from app.core.onboarding import flow
from app.core.onboarding.record import read_record
from tests.ui import driver
from tests.ui.test_wizard import run_to

CHILD = "Zoë Novák"
DECLARES = (
    f"I am {CHILD}'s parent and I have parental responsibility for them.",
    f"I have gone through the Social Media for Volunteers and Members Policy with {CHILD}, "
    "and I support their acknowledgement of it.",
)


def visible(html: str) -> str:
    """What a rich-text label shows, without its markup."""
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def shown_text(page) -> str:
    return "\n".join(visible(label.text()) for label in page.findChildren(QLabel))


def test_check_your_answers_shows_the_guardian_and_what_they_will_declare(
    qtbot, make_wizard
) -> None:
    """Before anyone signs, the review lists the guardian's name, relationship, e-mail and words."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.REVIEW, name=CHILD, under_18=True)
    text = shown_text(wizard.currentPage())
    assert "Name: Robin Guardian\nRelationship: Parent\nE-mail: robin@example.org" in text
    for statement in DECLARES:
        assert f"• {statement}" in text


def test_the_guardian_signs_the_words_the_pdf_prints(qtbot, make_wizard) -> None:
    """The guardian's page shows, and the signed file's record holds, the same declaration."""
    wizard = make_wizard()
    run_to(qtbot, wizard, "iet", flow.SIGN, name=CHILD, under_18=True)
    driver.sign(qtbot, wizard, CHILD)
    assert wizard.current_key() == flow.GUARDIAN
    panel_text = visible(wizard.guardian_page.panel.declaration.text())
    for statement in DECLARES:
        assert statement in panel_text
    driver.guardian_signs(qtbot, wizard, "Robin Guardian")
    record = read_record(Path(wizard.ctx.session.output_pdf))
    assert record is not None and record.guardian_declaration == DECLARES
    assert wizard.ctx.session.guardian_signature.declaration == list(DECLARES)
