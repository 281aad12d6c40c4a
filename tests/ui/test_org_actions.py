"""The organisation keys window's trust actions: trustees, enrolling this computer from the
root here, revoking, and a backup, as a trustee does them in the window."""

from __future__ import annotations

from pathlib import Path

from app.signing import computer
from app.ui.org_window import OrganisationWindow
from tests.ui.driver import PASSPHRASE, click, type_text

BACKUP = "otter mitten glacier saffron"


def _root_window(qtbot, services):
    window = OrganisationWindow(services)
    qtbot.addWidget(window)
    window.show()
    section = window.sections["iet"]
    click(qtbot, section.create_button)
    qtbot.waitUntil(lambda: "present" in section.state.text(), timeout=30000)
    trust = section.trust
    assert not trust.root_passphrase.isVisible()  # the root's key is in the credential store
    return window, section, trust


def _wait(qtbot, trust, words: str) -> None:
    qtbot.waitUntil(lambda: words in trust.status.text(), timeout=30000)


def test_a_trustee_is_listed_with_their_term(qtbot, services) -> None:
    """Add trustee puts the name, e-mail and the end of the term in the list."""
    window, _, trust = _root_window(qtbot, services)
    assert window.isVisible()
    type_text(qtbot, trust.trustee_name, "Dafydd ap Gwilym")
    type_text(qtbot, trust.trustee_email, "dafydd@example.org")
    click(qtbot, trust.add_trustee_button)
    _wait(qtbot, trust, "is a trustee until")
    assert (
        trust.trustees.item(0)
        .text()
        .startswith("Dafydd ap Gwilym <dafydd@example.org>: trustee until ")
    )


def test_this_computer_is_enrolled_then_revoked_in_the_window(
    qtbot, services, tmp_path: Path
) -> None:
    """Request, enrol and install (the root is here too), then revoke it as lost."""
    window, _, trust = _root_window(qtbot, services)
    assert window.isVisible()
    assert trust.enrolment.text().startswith("Not enrolled: signatures made here are checked")
    type_text(qtbot, trust.computer_name, "Laptop 3")
    trust.request_to(str(tmp_path / "laptop-3.request"))
    qtbot.waitUntil(
        lambda: "Request written" in trust.status.text() or trust.computer_passphrase.isVisible(),
        timeout=30000,
    )
    if trust.computer_passphrase.isVisible():  # no credential store: a passphrase file
        type_text(qtbot, trust.computer_passphrase, PASSPHRASE)
        trust.request_to(str(tmp_path / "laptop-3.request"))
        _wait(qtbot, trust, "Request written")
    trust.enrol_from(str(tmp_path / "laptop-3.request"))
    _wait(qtbot, trust, "Enrolled Laptop 3 until")
    trust.install_from(str(tmp_path / "laptop-3.cert"))
    _wait(qtbot, trust, "This computer is enrolled as Laptop 3")
    assert computer.enrolment("iet") is not None
    assert trust.revoke_what.currentText() == "Computer Laptop 3"
    click(qtbot, trust.revoke_button)
    _wait(qtbot, trust, "Revoked.")


def test_a_weak_backup_passphrase_is_refused_and_a_strong_one_writes_the_backup(
    qtbot, services, tmp_path: Path
) -> None:
    """The reason is shown for a weak passphrase; a strong one writes the file."""
    window, _, trust = _root_window(qtbot, services)
    assert window.isVisible()
    type_text(qtbot, trust.backup_passphrase, "iet2026")
    type_text(qtbot, trust.backup_again, "iet2026")
    trust.backup_to(str(tmp_path / "iet-root.backup"))
    _wait(qtbot, trust, "too short to protect")
    assert not (tmp_path / "iet-root.backup").exists()
    trust.backup_passphrase.clear()
    trust.backup_again.clear()
    type_text(qtbot, trust.backup_passphrase, BACKUP)
    type_text(qtbot, trust.backup_again, BACKUP)
    trust.backup_to(str(tmp_path / "iet-root.backup"))
    _wait(qtbot, trust, "Backup written: iet-root.backup.")
    assert (tmp_path / "iet-root.backup").stat().st_size > 0


def test_the_root_is_restored_from_its_backup_in_another_data_folder(
    qtbot, services, tmp_path: Path, monkeypatch
) -> None:
    """Backup in one data folder, restore in a fresh one with the kit's list: same root."""
    from app.signing.org import export_kit

    window, section, trust = _root_window(qtbot, services)
    assert window.isVisible()
    before = section.state.text().split("Certificate SHA-256: ")[1].split(".")[0]
    type_text(qtbot, trust.backup_passphrase, BACKUP)
    type_text(qtbot, trust.backup_again, BACKUP)
    trust.backup_to(str(tmp_path / "iet-root.backup"))
    _wait(qtbot, trust, "Backup written")
    kit_crl = export_kit("iet", tmp_path / "kit")[3]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new-computer"))
    fresh = OrganisationWindow(services)
    qtbot.addWidget(fresh)
    fresh.show()
    restoring = fresh.sections["iet"].trust
    assert restoring.restore_button.isEnabled()
    type_text(qtbot, restoring.backup_passphrase, BACKUP)
    restoring.restore_from(str(tmp_path / "iet-root.backup"), str(kit_crl))
    qtbot.waitUntil(lambda: "Restoring" not in restoring.status.text(), timeout=30000)
    if restoring.computer_passphrase.isVisible():  # no credential store: a key file again
        type_text(qtbot, restoring.computer_passphrase, PASSPHRASE)
        restoring.restore_from(str(tmp_path / "iet-root.backup"), str(kit_crl))
    _wait(qtbot, restoring, "The IET root is back on this computer.")
    qtbot.waitUntil(lambda: before in fresh.sections["iet"].state.text(), timeout=30000)
