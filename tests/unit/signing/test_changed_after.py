"""Metadata and embedded files changed in a later revision: the signature is "changed after".

Each later revision is made the way a forger would, with pyHanko's IncrementalPdfFileWriter,
leaving every signed byte as it was, and signed in the same update (the Trustee field, with
the forger's own self-signed key) so that it looks like a countersignature's.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.acknowledgement import PERSON_FIELD
from app.core.onboarding.session import OnboardingSession
from app.signing.secrets import SecretStore
from app.signing.service import sign_pdf, verify_pdf
from tests.forgery import swap_keywords as _swap_keywords
from tests.forgery import update as _update

from .support import PERSON, enrol_here, make_root

MakePdf = Callable[..., tuple[Path, OnboardingSession]]
XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def _set_xmp(title: str) -> Callable[..., None]:
    def change(writer: object) -> None:
        from pyhanko.pdf_utils.metadata.xmp_xml import MetadataStream

        stream = MetadataStream.from_xmp(_xmp_roots(title))
        writer.root["/Metadata"] = writer.add_object(stream)  # type: ignore[attr-defined]
        writer.update_root()  # type: ignore[attr-defined]

    return change


def _xmp_roots(title: str) -> list[object]:
    from pyhanko.pdf_utils.metadata.xmp_xml import parse_xmp

    return list(parse_xmp(io.BytesIO(XMP.format(title=title).encode())))


def _embed(name: str, data: bytes) -> Callable[..., None]:
    def change(writer: object) -> None:
        from pyhanko.pdf_utils import embed

        stream = embed.EmbeddedFileObject.from_file_data(
            writer,  # type: ignore[arg-type]
            data=data,
            mime_type="application/json",
        )
        embed.embed_file(
            writer,  # type: ignore[arg-type]
            embed.FileSpec(file_spec_string=name, embedded_data=stream),
        )

    return change


def _replace_embedded(data: bytes) -> Callable[..., None]:
    """Point the first embedded file's specification at new contents."""

    def change(writer: object) -> None:
        from pyhanko.pdf_utils import embed, generic

        names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]  # type: ignore[attr-defined]
        spec_ref = names.raw_get(1)
        spec = spec_ref.get_object()
        stream = embed.EmbeddedFileObject.from_file_data(
            writer,  # type: ignore[arg-type]
            data=data,
            mime_type="application/json",
        )
        spec["/EF"] = generic.DictionaryObject(
            {generic.NameObject("/F"): writer.add_object(stream)}  # type: ignore[attr-defined]
        )
        writer.mark_update(spec_ref)  # type: ignore[attr-defined]

    return change


@pytest.fixture
def unsigned(make_pdf: MakePdf, store: SecretStore, tmp_path: Path) -> Path:
    """An adult's IET acknowledgement, on a computer enrolled by the root here."""
    pdf, _ = make_pdf(under_18=False)
    make_root(store)
    enrol_here(store, tmp_path)
    return pdf


def _sign(pdf: Path, store: SecretStore) -> None:
    sign_pdf(pdf, PERSON_FIELD, PERSON, org_id="iet", typed_name=PERSON.name, store=store)


def _person_words(pdf: Path) -> tuple[str, str]:
    report = verify_pdf(pdf)
    person = next(s for s in report.signatures if s.field == PERSON_FIELD)
    return person.verdict, person.verdict_words


def test_a_swapped_session_id_in_the_information_is_changed_after(
    unsigned: Path, store: SecretStore
) -> None:
    """A later revision swapping the session id in the keywords breaks the signature."""
    _sign(unsigned, store)
    assert _person_words(unsigned)[0] == "valid"
    _update(unsigned, _swap_keywords)
    assert _person_words(unsigned) == (
        "broken",
        "the document was changed after this signature (the document information "
        "(Keywords) was changed).",
    )


def test_xmp_metadata_added_after_signing_is_changed_after(
    unsigned: Path, store: SecretStore
) -> None:
    """XMP metadata added in a later revision breaks the signature."""
    _sign(unsigned, store)
    _update(unsigned, _set_xmp("Another policy"))
    assert _person_words(unsigned) == (
        "broken",
        "the document was changed after this signature (the XMP metadata was changed).",
    )


def test_xmp_metadata_replaced_after_signing_is_changed_after(
    unsigned: Path, store: SecretStore
) -> None:
    """XMP metadata present when signed and given a new title later breaks the signature."""
    _update(unsigned, _set_xmp("Social media policy"), signed=False)
    _sign(unsigned, store)
    assert _person_words(unsigned)[0] == "valid"
    _update(unsigned, _set_xmp("Another policy"))
    assert _person_words(unsigned) == (
        "broken",
        "the document was changed after this signature (the XMP metadata was changed).",
    )


def test_a_signature_over_xmp_metadata_stays_valid_after_a_countersignature(
    unsigned: Path, store: SecretStore
) -> None:
    """A later signature updates the XMP dates and producer; the first signature stays valid."""
    from app.core.onboarding.acknowledgement import TRUSTEE_FIELD

    from .support import countersign

    _update(unsigned, _set_xmp("Social media policy"), signed=False)
    _sign(unsigned, store)
    countersign(unsigned, store)
    report = verify_pdf(unsigned)
    assert [(s.field, s.verdict) for s in report.signatures] == [
        (PERSON_FIELD, "valid"),
        (TRUSTEE_FIELD, "valid"),
    ]


def test_an_embedded_file_added_after_signing_is_changed_after(
    unsigned: Path, store: SecretStore
) -> None:
    """A file embedded in a later revision breaks the signature."""
    _sign(unsigned, store)
    _update(unsigned, _embed("record.json", b'{"id": "forged"}'))
    assert _person_words(unsigned) == (
        "broken",
        "the document was changed after this signature (an embedded file was added, "
        "removed or replaced).",
    )


def test_an_embedded_file_replaced_after_signing_is_changed_after(
    unsigned: Path, store: SecretStore
) -> None:
    """An embedded file present when signed and replaced later breaks the signature."""
    _update(unsigned, _embed("record.json", b'{"id": "genuine"}'), signed=False)
    _sign(unsigned, store)
    assert _person_words(unsigned)[0] == "valid"
    _update(unsigned, _replace_embedded(b'{"id": "forged"}'))
    assert _person_words(unsigned) == (
        "broken",
        "the document was changed after this signature (an embedded file was added, "
        "removed or replaced).",
    )
