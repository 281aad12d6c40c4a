"""`induct countersign` updates the register: no one needs to import the file again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.core.register.importing import import_file
from app.core.register.register import Register
from app.core.register.status import COUNTERSIGNED, rules_for
from app.signing.secrets import SecretStore
from app.signing.service import sign_pdf, verify_pdf

from ..unit.signing.support import PERSON, TRUSTEE
from .conftest import induct

MakePdf = Callable[..., tuple[Path, OnboardingSession]]


def test_countersign_on_the_command_line_marks_the_row_countersigned(
    make_pdf: MakePdf, secret_service: SecretStore, iet_pack: Pack
) -> None:
    """Imported as signed, countersigned with the command: the register says countersigned."""
    assert induct("org", "init", "--pack", "iet").returncode == 0
    listed = induct(
        "org",
        "trustee",
        "add",
        "--pack",
        "iet",
        "--name",
        TRUSTEE.name,
        "--email",
        TRUSTEE.email,
        "--until",
        "2099-12-31",
    )
    assert listed.returncode == 0, listed.stderr
    pdf, _ = make_pdf(under_18=False)
    sign_pdf(pdf, "Person", PERSON, org_id="iet", typed_name=PERSON.name)
    register = Register()
    import_file(register, pdf, verify_pdf)
    result = induct(
        "countersign",
        pdf,
        "--name",
        TRUSTEE.name,
        "--email",
        TRUSTEE.email,
        env={"INDUCT_PASSPHRASE": "a trustee's own passphrase"},
    )
    assert result.returncode == 0, result.stderr
    assert f"In the register: {TRUSTEE.name} countersigned the acknowledgement by" in result.stdout
    (row,) = register.snapshot(rules_for([iet_pack]), date(2026, 12, 1))
    assert (row.status, row.countersigned_by) == (COUNTERSIGNED, TRUSTEE.name)
