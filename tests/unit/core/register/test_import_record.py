"""Import reads the record embedded in the signed PDF, never its printed text; files made
before the record was embedded still import, and say so."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path

from app.core.onboarding.acknowledgement import build_record
from app.core.onboarding.record import FILE_NAME, read_record, to_data
from app.core.packs import Pack
from app.core.register.events import ACKNOWLEDGED
from app.core.register.importing import ADDED, EARLIER_FORMAT_NOTE, REFUSED, import_file
from app.core.register.records import FROM_PRINTED_TEXT, FROM_RECORD
from app.core.register.register import Register
from app.signing.service import verify_pdf
from tests.unit.signing.support import APP_VERSION, GUARDIAN, PERSON

from .conftest import MakeSigned

EARLIER = Path(__file__).parents[3] / "data" / "earlier-format"


def test_render_sign_import_gives_back_the_same_record(
    register: Register, make_signed: MakeSigned, iet_pack: Pack
) -> None:
    """The record read from the signed file equals the one it was rendered from; the
    register's entry is made from it."""
    pdf, session = make_signed(under_18=True)
    assert read_record(pdf) == build_record(iet_pack, session, APP_VERSION)
    result = import_file(register, pdf, verify_pdf)
    assert result.outcome == ADDED
    (row,) = register.rows()
    who = session.identity
    assert (row.person, row.membership_number, row.role) == (who.full_name, "1234567", "Volunteer")
    payload = register.events(kind=ACKNOWLEDGED)[0].payload
    assert (payload["guardian_name"], payload["guardian_relationship"]) == (GUARDIAN.name, "Mother")
    assert (row.policy_version, row.policy_sha256) == ("1.5", iet_pack.policy_sha256)
    payload = register.events(kind=ACKNOWLEDGED)[0].payload
    assert payload["read_from"] == FROM_RECORD
    assert payload["record_sha256"] == hashlib.sha256(read_record_bytes(pdf)).hexdigest()


def test_the_printed_text_is_not_what_import_reads(
    register: Register, make_signed: MakeSigned, iet_pack: Pack
) -> None:
    """A membership number only in the record (the pages say the same) reaches the register
    from the record: a label reader would have needed the page's wording."""
    pdf, session = make_signed()
    import_file(register, pdf, verify_pdf)
    (event,) = register.events(kind=ACKNOWLEDGED)
    record = to_data(build_record(iet_pack, session, APP_VERSION))
    assert event.payload["membership_number"] == record["person"]["membership_number"]
    assert EARLIER_FORMAT_NOTE not in import_file(register, pdf, verify_pdf).notes


def _replace_record(pdf: Path, new_json: bytes) -> None:
    """Swap the embedded record for other bytes in a later revision, as a forger would."""
    from pyhanko.pdf_utils import embed
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()))
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    spec_ref = names[list(map(str, names)).index(FILE_NAME) + 1]
    spec = spec_ref.get_object()
    forged = embed.EmbeddedFileObject.from_file_data(writer, new_json, mime_type="application/json")
    for key in ("/F", "/UF"):
        spec["/EF"][key] = forged.ef_stream_ref
    writer.update_container(spec)
    out = io.BytesIO()
    writer.write(out)
    pdf.write_bytes(out.getvalue())


def test_a_record_altered_after_signing_fails_verification_and_import(
    register: Register, make_signed: MakeSigned
) -> None:
    """Changing the membership number in the embedded record after signing breaks the check."""
    pdf, _ = make_signed()
    data = json.loads(read_record_bytes(pdf))
    data["person"]["membership_number"] = "7654321"
    _replace_record(pdf, json.dumps(data).encode())
    assert read_record(pdf).identity.membership_number == "7654321"  # the forgery is there
    report = verify_pdf(pdf)
    assert not report.signatures[0].unchanged_after
    result = import_file(register, pdf, verify_pdf)
    assert result.outcome == REFUSED and "signatures do not check out" in result.message
    assert register.rows() == []


def read_record_bytes(pdf: Path) -> bytes:
    from app.core.onboarding.record import embedded_record_bytes

    raw = embedded_record_bytes(pdf)
    assert raw is not None
    return raw


def test_an_earlier_format_file_imports_from_its_printed_text(
    register: Register, tmp_path: Path
) -> None:
    """A file signed by Induct before the embedded record still imports, and says how it
    was read."""
    pdf = tmp_path / "adult.pdf"
    shutil.copy(EARLIER / "adult.pdf", pdf)
    assert read_record(pdf) is None
    result = import_file(register, pdf, verify_pdf)
    assert result.outcome == ADDED and EARLIER_FORMAT_NOTE in result.notes
    (row,) = register.rows()
    assert (row.person, row.email, row.role, row.membership_number, row.policy_version) == (
        PERSON.name,
        PERSON.email,
        "Volunteer",
        "1234567",
        "1.5",
    )
    assert register.events(kind=ACKNOWLEDGED)[0].payload["read_from"] == FROM_PRINTED_TEXT


def test_an_earlier_format_under_18_file_keeps_its_guardian(
    register: Register, tmp_path: Path
) -> None:
    """The earlier format's guardian and relationship are still read from its rows."""
    pdf = tmp_path / "under-18.pdf"
    shutil.copy(EARLIER / "under-18.pdf", pdf)
    assert import_file(register, pdf, verify_pdf).outcome == ADDED
    payload = register.events(kind=ACKNOWLEDGED)[0].payload
    assert (payload["guardian_name"], payload["guardian_relationship"]) == (GUARDIAN.name, "Mother")
