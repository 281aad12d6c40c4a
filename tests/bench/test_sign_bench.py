"""Benchmark: the acknowledgement rendered and signed, against a fair bare program.

The baseline (tests/bench/fair_acknowledgement.py) is written from scratch with reportlab
and pyHanko and prints the same words from the same record, in the same embedded fonts,
on the same number of pages, with the same signature fields, the record attached and the
same visible stamp; each test first checks that with pdftotext, pdffonts and pdfsig, so
the baseline cannot drift into doing less. It prints the same words in colour as Induct
does (no tool here checks colours: fair_acknowledgement.py says which). The runs
alternate, one of each in turn, the pair's order swapped each time, after one warm-up of
each.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from app.core.onboarding import record as embedded_record
from app.core.onboarding.acknowledgement import PERSON_FIELD, build_record
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.documents.acknowledgement import render_acknowledgement
from app.signing import computer, keystore
from app.signing.pdfsign import empty_field_size, open_pdf
from app.signing.secrets import SERVICE, platform_store
from app.signing.service import sign_pdf

from ..unit.signing.support import APP_VERSION, PERSON, enrol_here, make_root
from . import fair_acknowledgement as fair

ROOT = Path(__file__).resolve().parents[2]
# A render and signature takes a quarter of a second on a shared machine whose other work
# moves single runs by ±40%: eleven pairs keep the medians' ratio steady from run to run.
RUNS = max(11, int(os.environ.get("INDUCT_BENCH_RUNS", "11")))
FRESH_RUNS = max(5, int(os.environ.get("INDUCT_BENCH_RUNS", "5")))
FINGERPRINT = re.compile(r"^[0-9A-F]{2}(:[0-9A-F]{2}){3}…[0-9A-F]{2}(:[0-9A-F]{2}){3}$")


def _alternate(ours: Callable[[], object], theirs: Callable[[], object]) -> tuple[list, list]:
    """Milliseconds of each run of `ours` and `theirs`, in turn, after a warm-up of each.

    The pairs alternate which goes first (ours, theirs; theirs, ours; …), so neither side
    always runs straight after the other's work or always first after a pause."""
    ours()
    theirs()
    mine: list[float] = []
    bare: list[float] = []
    for number in range(RUNS):
        pair = ((ours, mine), (theirs, bare))
        for run, into in pair if number % 2 == 0 else pair[::-1]:
            start = time.perf_counter()
            run()
            into.append((time.perf_counter() - start) * 1000)
    return mine, bare


def _poppler(tool: str, pdf: Path) -> str:
    return subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=True).stdout


def _words(pdf: Path) -> Counter[str]:
    """Every word on every page, the one-off certificate's fingerprint left out."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return Counter(w for w in text.split() if not FINGERPRINT.match(w))


def _fonts(pdf: Path) -> Counter[str]:
    """The fonts pdffonts lists (subset prefixes dropped), each with its count."""
    lines = _poppler("pdffonts", pdf).splitlines()[2:]
    return Counter(line.split()[0].split("+")[-1] + " " + line.split()[-5] for line in lines)


def _signatures(pdf: Path) -> list[str]:
    """Each signature field pdfsig lists, with its verdict."""
    text = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    fields = re.findall(r"Signature Field Name: (\S+)", text)
    verdicts = [
        (m.group(1) if m.group(1) else "unsigned")
        for m in re.finditer(r"(?:Signature Validation: (.+)|not signed)", text)
    ]
    return [f"{field}: {verdict}" for field, verdict in zip(fields, verdicts, strict=True)]


def _assert_same_output(ours: Path, theirs: Path) -> None:
    pages = re.compile(r"Pages:\s+(\d+)")
    assert _words(ours) == _words(theirs)
    assert pages.findall(_poppler("pdfinfo", ours)) == pages.findall(_poppler("pdfinfo", theirs))
    assert _fonts(ours) == _fonts(theirs)
    assert _signatures(ours) == _signatures(theirs)
    assert _signatures(ours)[0] == "Person: Signature is Valid."


def _record(pack: Pack, session: OnboardingSession):
    return build_record(pack, session, APP_VERSION)


def _volunteer(pack: Pack, completed_session: Callable[..., OnboardingSession]):
    """A finished onboarding's record, its drawn signature and the moment it was signed."""
    session = completed_session(pack)
    record = _record(pack, session)
    drawing = session.signature.drawing if session.signature else None
    return record, drawing, datetime.fromisoformat(record.signature.signed_at)


def _induct_signs(pdf: Path, record, drawing, signed_at: datetime) -> Path:
    """Induct's side: render the acknowledgement and sign it as the app does (store=None:
    the app's own, the platform's credential store, or this computer's enrolment)."""
    pdf.write_bytes(render_acknowledgement(record))
    sign_pdf(
        pdf,
        PERSON_FIELD,
        PERSON,
        org_id="iet",
        typed_name=PERSON.name,
        drawing=drawing,
        signed_at=signed_at,
    )
    return pdf


def test_render_and_sign_against_a_fair_baseline(
    iet_pack: Pack,
    completed_session: Callable[..., OnboardingSession],
    tmp_path: Path,
    record_ratio,
) -> None:
    """Render + sign, as a volunteer on a computer not enrolled, against the bare program."""
    record, drawing, signed_at = _volunteer(iet_pack, completed_session)
    counter = iter(range(10_000))

    def ours() -> Path:
        return _induct_signs(tmp_path / f"induct-{next(counter)}.pdf", record, drawing, signed_at)

    def theirs() -> Path:
        pdf = tmp_path / f"bare-{next(counter)}.pdf"
        data, boxes = fair.render(record)
        fair.sign(
            data,
            boxes,
            embedded_record.to_bytes(record),  # the record it attaches, made as Induct makes it
            pdf,
            stamp_size=fair.box_size(boxes),
            name=PERSON.name,
            email=PERSON.email,
            role=PERSON.role,
            moment=signed_at,
            strokes=drawing,
        )
        return pdf

    _assert_same_output(ours(), theirs())
    mine, bare = _alternate(ours, theirs)
    record_ratio(
        "acknowledgement render + signature",
        "Induct",
        mine,
        "reportlab + pyHanko written from scratch: the same words, colours, fonts, pages, "
        "fields, attachment and stamp, one update and one write",
        bare,
        target="≤ 1.3×",
    )


def test_render_and_sign_with_the_real_credential_store(
    iet_pack: Pack,
    completed_session: Callable[..., OnboardingSession],
    tmp_path: Path,
    record_ratio,
) -> None:
    """On an enrolled computer whose key is in the Secret Service (gnome-keyring)."""
    store = platform_store()
    make_root(store)
    enrol_here(store, tmp_path)
    slot = computer.computer_slot("iet")
    item = f"signing-key/{keystore.read_record(slot)['key_id']}"  # type: ignore[index]
    record, drawing, signed_at = _volunteer(iet_pack, completed_session)
    counter = iter(range(10_000))

    def ours() -> Path:
        return _induct_signs(tmp_path / f"induct-{next(counter)}.pdf", record, drawing, signed_at)

    def theirs() -> Path:
        from keyring.backends.SecretService import Keyring

        pdf = tmp_path / f"bare-{next(counter)}.pdf"
        data, boxes = fair.render(record)
        # What it signs with is on disk and in the keyring, as for Induct: read each run.
        issuer = x509.load_pem_x509_certificate(computer.cert_path("iet").read_bytes())
        root = x509.load_pem_x509_certificate(computer.installed_root_path("iet").read_bytes())
        secret = Keyring().get_password(SERVICE, item)
        assert secret is not None
        issuer_key = serialization.load_der_private_key(base64.b64decode(secret), None)
        name = issuer.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
        words = f"{name}, enrolled by IET"
        fair.sign(
            data,
            boxes,
            embedded_record.to_bytes(record),
            pdf,
            stamp_size=fair.box_size(boxes),
            name=PERSON.name,
            email=PERSON.email,
            role=PERSON.role,
            moment=signed_at,
            strokes=drawing,
            key_and_cert=fair.signer_certificate(
                PERSON.name, PERSON.email, PERSON.role, signed_at, issuer, issuer_key
            ),
            chain=(issuer, root),
            issuer_words=f"Certificate issued by {words}",
        )
        return pdf

    _assert_same_output(ours(), theirs())
    mine, bare = _alternate(ours, theirs)
    record_ratio(
        "acknowledgement render + signature, key in the credential store",
        "Induct, on an enrolled computer, its key in gnome-keyring",
        mine,
        "the same bare program, the computer's key read from the same gnome-keyring and "
        "its certificates from the same files",
        bare,
        target="≤ 1.3×",
    )


def _probe(which: str, pdf: Path, drawing: str, size: tuple[float, float]) -> float:
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench.sign_probe", which, str(pdf), drawing, *map(str, size)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return float(result.stdout.split()[-1])


def test_the_first_signature_in_a_fresh_process(
    iet_pack: Pack,
    completed_session: Callable[..., OnboardingSession],
    tmp_path: Path,
    record_ratio,
) -> None:
    """Sign after the review page's warm-up, against a bare script importing pyHanko."""
    session = completed_session(iet_pack)
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(render_acknowledgement(_record(iet_pack, session)))
    size = empty_field_size(open_pdf(unsigned.read_bytes()), PERSON_FIELD)
    drawing = session.signature.drawing if session.signature else None
    assert drawing is not None
    strokes = json.dumps(
        {"width": drawing.width, "height": drawing.height, "strokes": drawing.strokes}
    )
    mine: list[float] = []
    bare: list[float] = []
    for number in range(FRESH_RUNS + 1):  # the first pair warms the disk cache
        for which, into in (("induct", mine), ("bare", bare)):
            pdf = tmp_path / f"{which}-{number}.pdf"
            shutil.copy(unsigned, pdf)
            into.append(_probe(which, pdf, strokes, size))
    assert _signatures(tmp_path / "induct-0.pdf")[0] == "Person: Signature is Valid."
    assert _signatures(tmp_path / "bare-0.pdf")[0] == "Person: Signature is Valid."
    record_ratio(
        "first signature in a fresh process",
        "Induct, from Sign to the signed file, the signing code loaded while the review "
        "page was shown",
        mine[1:],
        "a fresh Python importing pyHanko, reportlab and cryptography and signing the same "
        "file with the same stamp",
        bare[1:],
        target="≤ 1.5×",
    )
